"""The matching API's serializers: what goes in (validated) and what comes out."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mentora.accounts.models import User
from mentora.engine.records import FACTOR_NAMES
from mentora.matching import selectors
from mentora.matching.models import MODE_CHOICES, MatchingSettings, MatchRun, Pin, Proposal
from mentora.matching.models import UnmatchedMentee as UnmatchedRow
from mentora.matching.services import TOP_K_RANGE, WEIGHT_MAX


class MatchPersonSerializer(serializers.Serializer[User]):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True)


class WeightsField(serializers.DictField):
    """A weight (0-100) per factor name."""

    child = serializers.FloatField(min_value=0, max_value=WEIGHT_MAX)


class MatchRunSerializer(serializers.ModelSerializer[MatchRun]):
    program = serializers.IntegerField(source="program_id", read_only=True)
    # Empty for a run whose starter's account is gone, and for a run not published.
    started_by = MatchPersonSerializer(read_only=True, allow_null=True)
    published_by = MatchPersonSerializer(read_only=True, allow_null=True)
    weights = WeightsField(read_only=True)
    previous = serializers.IntegerField(source="previous_id", read_only=True, allow_null=True)
    status = serializers.CharField(
        read_only=True,
        help_text="queued, running, failed, draft, publishing, published or discarded.",
    )

    class Meta:
        model = MatchRun
        fields = [
            "id",
            "program",
            "mode",
            "top_k",
            "weights",
            "status",
            "stage",
            "percent",
            "error",
            "started_by",
            "created_at",
            "started_at",
            "finished_at",
            "metrics",
            "previous",
            "published_by",
            "published_at",
            "frozen",
        ]
        read_only_fields = fields


class RunStartSerializer(serializers.Serializer[Any]):
    mode = serializers.ChoiceField(choices=MODE_CHOICES, required=False)
    top_k = serializers.IntegerField(
        required=False, min_value=TOP_K_RANGE[0], max_value=TOP_K_RANGE[1]
    )
    weights = WeightsField(
        required=False, help_text=f"Weights by factor ({', '.join(FACTOR_NAMES)})."
    )


class SettingsSerializer(serializers.ModelSerializer[MatchingSettings]):
    weights = WeightsField(help_text=f"Weights by factor ({', '.join(FACTOR_NAMES)}).")

    class Meta:
        model = MatchingSettings
        fields = ["weights", "mode", "top_k", "updated_at"]
        read_only_fields = ["updated_at"]


class ProposalSerializer(serializers.ModelSerializer[Proposal]):
    mentee = MatchPersonSerializer(read_only=True)
    mentor = MatchPersonSerializer(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    factors = serializers.DictField(
        child=serializers.DictField(child=serializers.FloatField()),
        read_only=True,
        help_text="Each factor's value (0-1), weight and points of the score.",
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "mentee",
            "mentor",
            "score",
            "rank",
            "pinned",
            "moved",
            "reasons",
            "factors",
        ]
        read_only_fields = fields


class UnmatchedSerializer(serializers.ModelSerializer[UnmatchedRow]):
    mentee = MatchPersonSerializer(read_only=True)

    class Meta:
        model = UnmatchedRow
        fields = ["id", "mentee", "wanted", "matched", "code", "reason"]
        read_only_fields = fields


class PinSerializer(serializers.ModelSerializer[Pin]):
    mentee = MatchPersonSerializer(read_only=True)
    mentor = MatchPersonSerializer(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="pin (always pair) or forbid (never).")

    class Meta:
        model = Pin
        fields = ["id", "mentee", "mentor", "kind", "created_at"]
        read_only_fields = fields


class PinCreateSerializer(serializers.Serializer[Any]):
    mentee = serializers.IntegerField(min_value=1, help_text="The mentee's user id.")
    mentor = serializers.IntegerField(min_value=1, help_text="The mentor's user id.")
    kind = serializers.CharField(help_text="pin (always pair them) or forbid (never).")


class MoveSerializer(serializers.Serializer[Any]):
    mentor = serializers.IntegerField(min_value=1, help_text="The new mentor's user id.")
    pin = serializers.BooleanField(default=False, help_text="Also pin the new pair.")


class AlternativeSerializer(serializers.Serializer[Any]):
    mentor_id = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.FloatField()
    room = serializers.IntegerField(help_text="Places the mentor has left in this draft.")
    reasons = serializers.ListField(child=serializers.CharField())


class FairnessRowSerializer(serializers.Serializer[Any]):
    group = serializers.CharField()
    mentees = serializers.IntegerField(help_text="0 when merged small groups are not shown.")
    matched = serializers.IntegerField()
    match_rate = serializers.FloatField()
    mean_score = serializers.FloatField(allow_null=True)
    merged = serializers.BooleanField()
    match_rate_margin = serializers.FloatField(
        help_text="The 95% range of the protective noise around match_rate (see docs)."
    )
    mean_score_margin = serializers.FloatField(allow_null=True)


class FairnessSerializer(serializers.Serializer[Any]):
    dimension = serializers.CharField()
    rows = FairnessRowSerializer(many=True)


class PairChangeSerializer(serializers.Serializer[Any]):
    mentee = serializers.CharField()
    before = serializers.ListField(child=serializers.CharField())
    after = serializers.ListField(child=serializers.CharField())


class ChangesSerializer(serializers.Serializer[Any]):
    previous_run_id = serializers.IntegerField()
    added = serializers.IntegerField()
    removed = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    added_rows = PairChangeSerializer(many=True)
    removed_rows = PairChangeSerializer(many=True)
    changed_rows = PairChangeSerializer(many=True)


class PreviewRequestSerializer(serializers.Serializer[Any]):
    weights = WeightsField(help_text="The weights to try; missing factors keep their default.")


class PairPreviewSerializer(serializers.Serializer[Any]):
    proposal_id = serializers.IntegerField()
    mentee = serializers.CharField()
    mentor = serializers.CharField()
    score_before = serializers.FloatField()
    score_after = serializers.FloatField()
    position_before = serializers.IntegerField()
    position_after = serializers.IntegerField()


class PreviewSerializer(serializers.Serializer[Any]):
    pairs = serializers.IntegerField()
    mean_before = serializers.FloatField(allow_null=True)
    mean_after = serializers.FloatField(allow_null=True)
    rows = PairPreviewSerializer(many=True)
    sampled = serializers.IntegerField()
    best_changed = serializers.IntegerField()


class ProposalFilters(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, max_length=100, help_text="Name or email.")
    show = serializers.ChoiceField(choices=list(selectors.PROPOSAL_FILTERS), required=False)
