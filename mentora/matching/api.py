"""REST API for manager-run matching: the same rules as the pages.

Only the program's managers see any of it; everyone else gets 404. Starting a run answers 202:
the run works in the background, and its `status`, `stage` and `percent` show how far it is.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.engine.records import FACTOR_NAMES
from mentora.lib.api import ApiView, ListApiView
from mentora.matching import fairness, selectors, services
from mentora.matching.models import MODE_CHOICES, MatchingSettings, MatchRun, Pin, Proposal
from mentora.matching.models import UnmatchedMentee as UnmatchedRow
from mentora.matching.records import weights_from_mapping
from mentora.programs.models import Program
from mentora.programs.selectors import get_managed_program

# ---------------------------------------------------------------------------------------------
# Serializers


class MatchPersonSerializer(serializers.Serializer[User]):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True)


class WeightsField(serializers.DictField):
    """A weight (0-100) per factor name."""

    child = serializers.FloatField(min_value=0, max_value=services.WEIGHT_MAX)


class MatchRunSerializer(serializers.ModelSerializer[MatchRun]):
    program = serializers.IntegerField(source="program_id", read_only=True)
    started_by = MatchPersonSerializer(read_only=True)
    published_by = MatchPersonSerializer(read_only=True)
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
        required=False, min_value=services.TOP_K_RANGE[0], max_value=services.TOP_K_RANGE[1]
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


# ---------------------------------------------------------------------------------------------
# Views


class MatchingView(ApiView[MatchRun]):
    serializer_class = MatchRunSerializer

    def program(self, program_id: int) -> Program:
        return get_managed_program(user=self.user, program_id=program_id)

    def run(self, run_id: int) -> MatchRun:
        return selectors.get_run_for_user(user=self.user, run_id=run_id)


class RunListView(ListApiView[MatchRun]):
    serializer_class = MatchRunSerializer

    def get_queryset(self) -> QuerySet[MatchRun]:
        if self.describing_schema:
            return MatchRun.objects.none()
        program = get_managed_program(user=self.user, program_id=self.kwargs["program_id"])
        return selectors.runs_of_program(program=program).select_related("program")

    @extend_schema(summary="The program's match runs, newest first (program managers)")
    def get(self, request: Request, program_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Start a match run; settings left out come from the program's saved settings",
        request=RunStartSerializer,
        responses={202: MatchRunSerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = get_managed_program(user=self.user, program_id=program_id)
        incoming = RunStartSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        run = services.match_run_start(
            program=program, started_by=self.user, **incoming.validated_data
        )
        return Response(self.output(run, MatchRunSerializer), status=status.HTTP_202_ACCEPTED)


class SettingsView(MatchingView):
    serializer_class = SettingsSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="The program's saved weights, mode and top-k", responses=SettingsSerializer
    )
    def get(self, request: Request, program_id: int) -> Response:
        settings = services.matching_settings_for(self.program(program_id))
        return Response(self.output(settings, SettingsSerializer))

    @extend_schema(
        summary="Save the program's weights, mode and top-k for its next runs",
        request=SettingsSerializer,
        responses=SettingsSerializer,
    )
    def put(self, request: Request, program_id: int) -> Response:
        program = self.program(program_id)
        data = self.input(SettingsSerializer)
        settings = services.matching_settings_save(program=program, updated_by=self.user, **data)
        return Response(self.output(settings, SettingsSerializer))


class PinListView(MatchingView):
    serializer_class = PinSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Pinned and forbidden pairs of the program", responses=PinSerializer(many=True)
    )
    def get(self, request: Request, program_id: int) -> Response:
        pins = selectors.pins_of_program(program=self.program(program_id))
        return Response(PinSerializer(pins, many=True).data)

    @extend_schema(
        summary="Pin a pair (always pair them) or forbid it, for every later run",
        request=PinCreateSerializer,
        responses={201: PinSerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = self.program(program_id)
        data = self.input(PinCreateSerializer)
        pin = services.match_pin_set(
            program=program,
            mentee=selectors.get_participant_of_program(program=program, user_id=data["mentee"]),
            mentor=selectors.get_participant_of_program(program=program, user_id=data["mentor"]),
            kind=data["kind"],
            set_by=self.user,
        )
        return Response(self.output(pin, PinSerializer), status=status.HTTP_201_CREATED)


class PinDetailView(MatchingView):
    serializer_class = PinSerializer  # type: ignore[assignment]

    @extend_schema(summary="Clear a pin or a ban", responses={204: None})
    def delete(self, request: Request, program_id: int, pin_id: int) -> Response:
        program = self.program(program_id)
        pin = selectors.pins_of_program(program=program).filter(pk=pin_id).first()
        if pin is None:
            raise Http404("No such pin.")
        services.match_pin_clear(
            program=program, mentee=pin.mentee, mentor=pin.mentor, cleared_by=self.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class RunDetailView(MatchingView):
    @extend_schema(summary="A match run: status, progress, metrics")
    def get(self, request: Request, run_id: int) -> Response:
        return Response(self.output(self.run(run_id), MatchRunSerializer))


class ProposalListView(ListApiView[Proposal]):
    serializer_class = ProposalSerializer

    def get_queryset(self) -> QuerySet[Proposal]:
        if self.describing_schema:
            return Proposal.objects.none()
        run = selectors.get_run_for_user(user=self.user, run_id=self.kwargs["run_id"])
        filters = self.query_filters(ProposalFilters)
        return selectors.proposals_of_run(
            run=run, search=filters.get("q", ""), show=filters.get("show", "all")
        )

    @extend_schema(
        summary="The run's proposed pairs, best score first", parameters=[ProposalFilters]
    )
    def get(self, request: Request, run_id: int) -> Response:
        return self.list(request)


class UnmatchedListView(ListApiView[UnmatchedRow]):
    serializer_class = UnmatchedSerializer

    def get_queryset(self) -> QuerySet[UnmatchedRow]:
        if self.describing_schema:
            return UnmatchedRow.objects.none()
        run = selectors.get_run_for_user(user=self.user, run_id=self.kwargs["run_id"])
        return selectors.unmatched_of_run(run=run)

    @extend_schema(summary="Mentees of the run with fewer mentors than wanted, and why")
    def get(self, request: Request, run_id: int) -> Response:
        return self.list(request)


class ProposalMoveView(MatchingView):
    serializer_class = ProposalSerializer  # type: ignore[assignment]

    def proposal(self, run_id: int, proposal_id: int) -> Proposal:
        proposal = selectors.get_proposal_for_user(user=self.user, proposal_id=proposal_id)
        if proposal.run_id != run_id:
            raise Http404("No such proposal.")
        return proposal

    @extend_schema(
        summary="Mentors with room in the draft for this mentee, with the engine's scores",
        responses=AlternativeSerializer(many=True),
    )
    def get(self, request: Request, run_id: int, proposal_id: int) -> Response:
        alternatives = selectors.proposal_alternatives(proposal=self.proposal(run_id, proposal_id))
        return Response(AlternativeSerializer([asdict(a) for a in alternatives], many=True).data)

    @extend_schema(
        summary="Move the mentee to another mentor of the program",
        request=MoveSerializer,
        responses=ProposalSerializer,
    )
    def post(self, request: Request, run_id: int, proposal_id: int) -> Response:
        proposal = self.proposal(run_id, proposal_id)
        data = self.input(MoveSerializer)
        mentor = selectors.get_participant_of_program(
            program=proposal.run.program, user_id=data["mentor"]
        )
        moved = services.proposal_move(
            proposal=proposal, mentor=mentor, moved_by=self.user, pin=data["pin"]
        )
        return Response(self.output(moved, ProposalSerializer))


class RunPublishView(MatchingView):
    @extend_schema(
        summary="Publish the draft: every pair becomes a relationship, or none does",
        description=(
            "A draft of 300 pairs or more is published by the background worker: the answer then "
            "says `publishing`; poll the run until it is `published`, or a `draft` again with the "
            "reason in `error`."
        ),
        request=None,
        responses=MatchRunSerializer,
    )
    def post(self, request: Request, run_id: int) -> Response:
        run = services.match_run_publish(run=self.run(run_id), published_by=self.user)
        return Response(self.output(run, MatchRunSerializer))


class RunDiscardView(MatchingView):
    @extend_schema(summary="Discard the draft", request=None, responses=MatchRunSerializer)
    def post(self, request: Request, run_id: int) -> Response:
        run = services.match_run_discard(run=self.run(run_id), discarded_by=self.user)
        return Response(self.output(run, MatchRunSerializer))


class RunFairnessView(MatchingView):
    @extend_schema(
        summary="Match rate and mean score by self-identified group (groups of 5 or more)",
        responses=FairnessSerializer(many=True),
    )
    def get(self, request: Request, run_id: int) -> Response:
        tables = fairness.run_fairness(run=self.run(run_id))
        return Response(FairnessSerializer([asdict(t) for t in tables], many=True).data)


class RunChangesView(MatchingView):
    @extend_schema(
        summary="Pairs added, removed and changed since the previous draft",
        responses={
            200: ChangesSerializer,
            204: inline_serializer("NoPreviousDraft", fields={}),
        },
    )
    def get(self, request: Request, run_id: int) -> Response:
        diff = selectors.run_diff(run=self.run(run_id))
        if diff is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(ChangesSerializer(asdict(diff)).data)


class RunWeightsPreviewView(MatchingView):
    @extend_schema(
        summary="How other weights would rescore this draft (nothing is saved)",
        request=PreviewRequestSerializer,
        responses=PreviewSerializer,
        parameters=[OpenApiParameter("run_id", int, OpenApiParameter.PATH)],
    )
    def post(self, request: Request, run_id: int) -> Response:
        run = self.run(run_id)
        data = self.input(PreviewRequestSerializer)
        weights = services.clean_weights(data["weights"])
        preview = selectors.weights_preview(run=run, weights=weights_from_mapping(weights))
        return Response(PreviewSerializer(asdict(preview)).data)
