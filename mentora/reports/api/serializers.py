"""The reports API's serializers: read-only views of the selectors' dataclasses."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mentora.reports import exports, groups


class FigureSerializer(serializers.Serializer[Any]):
    value = serializers.FloatField(
        allow_null=True, help_text="Null when fewer than 5 people are behind the figure."
    )
    n = serializers.IntegerField(help_text="How many people (or respondents) it is computed from.")
    suppressed = serializers.BooleanField()


class RoleCountSerializer(serializers.Serializer[Any]):
    role = serializers.CharField()
    name = serializers.CharField(
        source="label", help_text="Mentor/mentee, or coach/coachee in coaching."
    )
    active = serializers.IntegerField()
    pending = serializers.IntegerField()


class FunnelStepSerializer(serializers.Serializer[Any]):
    key = serializers.ChoiceField(choices=["enrolled", "matched", "active", "completed"])
    name = serializers.CharField(source="label")
    count = serializers.IntegerField()
    definition = serializers.CharField()


class StageCountSerializer(serializers.Serializer[Any]):
    stage = serializers.CharField()
    name = serializers.CharField(source="label")
    count = serializers.IntegerField()


class MonthPointSerializer(serializers.Serializer[Any]):
    month = serializers.DateField(help_text="The first day of the month.")
    meetings = serializers.IntegerField(help_text="Meetings held in the month.")
    relationships = serializers.IntegerField(help_text="Relationships live in the month.")
    per_relationship = FigureSerializer()


class AtRiskPairSerializer(serializers.Serializer[Any]):
    relationship_id = serializers.IntegerField()
    mentor = serializers.CharField()
    mentee = serializers.CharField()
    stage = serializers.CharField()
    last_activity_at = serializers.DateTimeField()
    reasons = serializers.ListField(child=serializers.CharField())


class AtRiskSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField()
    by_reason = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Counts by reason: quiet, initiation_overdue, separation_unanswered.",
    )
    pairs = AtRiskPairSerializer(many=True, help_text="The first 50, quietest first.")


class BenefitSerializer(serializers.Serializer[Any]):
    side = serializers.CharField(help_text="mentee or mentor: whose benefit.")
    name = serializers.CharField(source="label")
    scale = serializers.CharField()
    baseline = FigureSerializer()
    end = FigureSerializer()
    change = FigureSerializer()
    ci_low = serializers.FloatField(allow_null=True, help_text="95% confidence interval, low.")
    ci_high = serializers.FloatField(allow_null=True, help_text="95% confidence interval, high.")
    n = serializers.IntegerField()
    suppressed = serializers.BooleanField()


class CheckInsSerializer(serializers.Serializer[Any]):
    responses = serializers.IntegerField()
    quality = FigureSerializer(help_text="Mean quality, 1 to 5.")
    rhythm_right = FigureSerializer(help_text="Share who find the meeting rhythm right.")


class DashboardSerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField(source="program.pk")
    generated_at = serializers.DateTimeField()
    participants = RoleCountSerializer(many=True)
    funnel = FunnelStepSerializer(many=True)
    match_rate = FigureSerializer()
    median_days_to_match = FigureSerializer()
    stages = StageCountSerializer(many=True)
    relationships = serializers.IntegerField()
    meetings_held = serializers.IntegerField()
    meetings_per_relationship_month = FigureSerializer()
    meetings_by_month = MonthPointSerializer(many=True)
    goals = serializers.IntegerField()
    goals_met = serializers.IntegerField()
    goal_completion = FigureSerializer()
    at_risk = AtRiskSerializer()
    benefits = BenefitSerializer(many=True)
    check_ins = CheckInsSerializer()


class GroupFigureSerializer(serializers.Serializer[Any]):
    value = serializers.FloatField(
        allow_null=True,
        help_text="With protective noise; null when fewer than 5 people are behind the figure.",
    )
    n = serializers.IntegerField(
        help_text="About how many people it is computed from (at most 4 when suppressed)."
    )
    suppressed = serializers.BooleanField()
    low = serializers.FloatField(
        allow_null=True, help_text="The value's 95% interval for the noise, low end."
    )
    high = serializers.FloatField(
        allow_null=True, help_text="The value's 95% interval for the noise, high end."
    )


class GroupRowSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(source="label")
    people = serializers.IntegerField(help_text="About how many people (protective noise).")
    mentee_match_rate = GroupFigureSerializer()
    mentor_match_rate = GroupFigureSerializer()
    satisfaction = GroupFigureSerializer(
        help_text="Mean check-in quality, 1 to 5 (each person's mean counts once)."
    )


class GroupComparisonSerializer(serializers.Serializer[Any]):
    dimension = serializers.CharField()
    dimension_label = serializers.CharField()
    rows = GroupRowSerializer(many=True, help_text="Only groups of at least 5 people.")
    hidden_groups = serializers.IntegerField(help_text="Smaller groups left out.")
    self_identified = serializers.IntegerField(
        help_text="About how many people self-identified (protective noise)."
    )


class GroupFilters(serializers.Serializer[Any]):
    dimension = serializers.ChoiceField(choices=list(groups.GROUP_DIMENSIONS))


class ExportFilters(serializers.Serializer[Any]):
    file_type = serializers.ChoiceField(choices=list(exports.FORMATS), default="csv")
    pseudonymise = serializers.BooleanField(
        default=False, help_text="Pseudonyms instead of names and emails."
    )


class HistoryPointSerializer(serializers.Serializer[Any]):
    answered_at = serializers.DateTimeField()
    name = serializers.CharField(source="label")
    score = serializers.FloatField()


class BenefitHistorySerializer(serializers.Serializer[Any]):
    side = serializers.CharField()
    name = serializers.CharField(source="label")
    scale = serializers.CharField()
    points = HistoryPointSerializer(many=True)


class GoalReachedSerializer(serializers.Serializer[Any]):
    title = serializers.CharField()
    with_person = serializers.CharField()
    progress = serializers.IntegerField()
    met_at = serializers.DateTimeField(allow_null=True)
    relationship_id = serializers.IntegerField()


class ProgramRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class ProgressSerializer(serializers.Serializer[Any]):
    program = ProgramRefSerializer()
    roles = serializers.ListField(child=serializers.CharField())
    benefits = BenefitHistorySerializer(many=True)
    goals = GoalReachedSerializer(many=True)
    goals_met = serializers.IntegerField()
