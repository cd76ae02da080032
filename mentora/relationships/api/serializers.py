"""What the relationships API reads and writes.

Output serializers show what access.py lets the person see: the two people see what they share;
a manager sees stage, dates, activity counts and the moves they may make, and every content
field is empty for them. A private note is only ever returned to its author (`my_private_note`).
Input serializers take their limits from the model fields the services enforce.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mentora.accounts.models import User
from mentora.lib.wording import MENTEE, MENTOR
from mentora.profiles.choices import Cadence, FocusArea
from mentora.relationships import selectors
from mentora.relationships.access import MANAGER, relationship_may, relationship_roles
from mentora.relationships.lifecycle import LIFECYCLE, reason_required
from mentora.relationships.models import (
    Acknowledgment,
    Agreement,
    ClosingReflection,
    Goal,
    Lesson,
    Meeting,
    Milestone,
    PrivateNote,
    Question,
    RedefinitionTerms,
    Relationship,
    RelationshipEvent,
    Reply,
    Resource,
    SeparationProposal,
    Stage,
)
from mentora.relationships.services.common import limit_of


class ParticipantSerializer(serializers.Serializer[User]):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True)


# ---------------------------------------------------------------------------------------------
# The relationship and its stage


class RelationshipSerializer(serializers.ModelSerializer[Relationship]):
    mentor = ParticipantSerializer(read_only=True)
    mentee = ParticipantSerializer(read_only=True)
    program = serializers.IntegerField(source="program_id", read_only=True)
    my_role = serializers.SerializerMethodField(
        help_text="mentor, mentee or manager: what you are to this relationship."
    )

    class Meta:
        model = Relationship
        fields = [
            "id",
            "program",
            "mentor",
            "mentee",
            "kind",
            "origin",
            "stage",
            "my_role",
            "created_at",
            "stage_changed_at",
            "last_activity_at",
            "ended_at",
        ]
        read_only_fields = fields

    def roles(self, relationship: Relationship) -> frozenset[str]:
        return relationship_roles(relationship=relationship, user=self.context["request"].user)

    def get_my_role(self, relationship: Relationship) -> str:
        roles = self.roles(relationship)
        return next((role for role in (MENTOR, MENTEE, MANAGER) if role in roles), "")


class ActivitySerializer(serializers.Serializer[Any]):
    meetings_held = serializers.IntegerField()
    meetings_upcoming = serializers.IntegerField()
    meetings_cancelled = serializers.IntegerField()
    goals = serializers.IntegerField()
    goals_met = serializers.IntegerField()
    questions = serializers.IntegerField()
    lessons = serializers.IntegerField()
    resources = serializers.IntegerField()


class MoveSerializer(serializers.Serializer[Any]):
    to_stage = serializers.CharField(source="target")
    reason_required = serializers.SerializerMethodField()

    def get_reason_required(self, move: Any) -> bool:
        return reason_required(move)


class RelationshipDetailSerializer(RelationshipSerializer):
    activity = serializers.SerializerMethodField()
    moves = serializers.SerializerMethodField(
        help_text="The stages you may move this relationship to through advance/ now. The mutual "
        "steps happen through their own endpoints: agreement/confirm/, separation/…/confirm/ or "
        "decide/, and redefinition/."
    )
    ended_reason = serializers.SerializerMethodField(help_text="Only for the two people.")
    career_goals = serializers.SerializerMethodField(help_text="Only for the two people.")
    why_this_mentor = serializers.SerializerMethodField(help_text="Only for the two people.")

    class Meta(RelationshipSerializer.Meta):
        fields = [
            *RelationshipSerializer.Meta.fields,
            "separation_notice_days",
            "activity",
            "moves",
            "ended_reason",
            "career_goals",
            "why_this_mentor",
        ]
        read_only_fields = fields

    def _party(self, relationship: Relationship) -> bool:
        return relationship_may(relationship, self.roles(relationship), "work")

    @extend_schema_field(ActivitySerializer)
    def get_activity(self, relationship: Relationship) -> dict[str, int]:
        return selectors.activity_counts(relationship=relationship)

    @extend_schema_field(MoveSerializer(many=True))
    def get_moves(self, relationship: Relationship) -> Any:
        moves = LIFECYCLE.available(relationship, roles=self.roles(relationship))
        return MoveSerializer(moves, many=True).data

    def get_ended_reason(self, relationship: Relationship) -> str:
        return relationship.ended_reason if self._party(relationship) else ""

    def get_career_goals(self, relationship: Relationship) -> str:
        return relationship.career_goals if self._party(relationship) else ""

    def get_why_this_mentor(self, relationship: Relationship) -> str:
        return relationship.why_this_mentor if self._party(relationship) else ""


class RelationshipFilters(serializers.Serializer[Any]):
    program = serializers.IntegerField(required=False, min_value=1)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)


class PairSerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField(min_value=1)
    mentor = serializers.IntegerField(min_value=1, help_text="The mentor's user id.")
    mentee = serializers.IntegerField(min_value=1, help_text="The mentee's user id.")


class AdvanceSerializer(serializers.Serializer[Any]):
    to_stage = serializers.CharField(
        max_length=20,
        help_text="The stage to move to: one of the relationship's `moves` (initiation when the "
        "mentor accepts or the two go back to it, ended with a reason).",
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=limit_of(RelationshipEvent, "note"),
        default="",
        help_text="Why (required when ending).",
    )


class EventSerializer(serializers.ModelSerializer[RelationshipEvent]):
    actor = ParticipantSerializer(read_only=True)
    from_stage = serializers.CharField(read_only=True, help_text="Empty for the first event.")
    to_stage = serializers.CharField(read_only=True)
    note = serializers.SerializerMethodField(help_text="Empty for managers.")

    class Meta:
        model = RelationshipEvent
        fields = ["id", "created_at", "actor", "from_stage", "to_stage", "note"]
        read_only_fields = fields

    def get_note(self, event: RelationshipEvent) -> str:
        return event.note if self.context.get("is_party") else ""


# ---------------------------------------------------------------------------------------------
# Initiation


class AcquaintanceSerializer(serializers.Serializer[Any]):
    career_goals = serializers.CharField(
        allow_blank=True, max_length=limit_of(Relationship, "career_goals")
    )
    why_this_mentor = serializers.CharField(
        allow_blank=True, max_length=limit_of(Relationship, "why_this_mentor")
    )


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), required=False
    )
    meeting_cadence = serializers.ChoiceField(choices=Cadence.choices, required=False)

    class Meta:
        model = Agreement
        fields = [
            "goals",
            "focus_areas",
            "meeting_cadence",
            "channel",
            "confidentiality",
            "expected_duration_weeks",
            "feedback",
            "ending",
            "version",
            "mentor_confirmed_at",
            "mentee_confirmed_at",
            "updated_at",
        ]
        read_only_fields = [
            "version",
            "mentor_confirmed_at",
            "mentee_confirmed_at",
            "updated_at",
        ]


# ---------------------------------------------------------------------------------------------
# Goals, questions, lessons and resources


class MilestoneSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    due_on = serializers.DateField(read_only=True, allow_null=True)
    done_at = serializers.DateTimeField(read_only=True, allow_null=True)


class GoalSerializer(serializers.ModelSerializer[Goal]):
    owner = ParticipantSerializer(read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    is_met = serializers.BooleanField(read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "description",
            "owner",
            "due_on",
            "progress",
            "target_value",
            "current_value",
            "unit",
            "is_met",
            "met_at",
            "milestones",
            "updated_at",
        ]
        read_only_fields = fields


class GoalCreateSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=limit_of(Goal, "title"))
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=limit_of(Goal, "description")
    )
    owner = serializers.ChoiceField(choices=[MENTOR, MENTEE], default=MENTEE)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    target_value = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )
    unit = serializers.CharField(
        required=False, allow_blank=True, max_length=limit_of(Goal, "unit"), default=""
    )
    milestones = serializers.ListField(
        child=serializers.CharField(max_length=limit_of(Milestone, "title")),
        required=False,
        default=list,
    )


class GoalProgressSerializer(serializers.Serializer[Any]):
    progress = serializers.IntegerField(required=False, min_value=0, max_value=100)
    current_value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)


class ReplySerializer(serializers.ModelSerializer[Reply]):
    author = ParticipantSerializer(read_only=True)

    class Meta:
        model = Reply
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class PairQuestionSerializer(serializers.ModelSerializer[Question]):
    asked_by = ParticipantSerializer(read_only=True)
    replies = ReplySerializer(many=True, read_only=True)
    meeting = serializers.IntegerField(
        source="meeting_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="One of this relationship's meetings, or none.",
    )

    class Meta:
        model = Question
        fields = ["id", "text", "asked_by", "meeting", "created_at", "replies"]
        read_only_fields = ["id", "asked_by", "created_at", "replies"]


class LessonSerializer(serializers.ModelSerializer[Lesson]):
    author = ParticipantSerializer(read_only=True)
    lesson_kind = serializers.CharField(
        source="kind", read_only=True, help_text="lesson_shared or skill_practised"
    )
    goal = serializers.IntegerField(
        source="goal_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="One of this relationship's goals, or none.",
    )

    class Meta:
        model = Lesson
        fields = ["id", "lesson_kind", "author", "text", "goal", "created_at"]
        read_only_fields = ["id", "lesson_kind", "author", "created_at"]


class ResourceSerializer(serializers.ModelSerializer[Resource]):
    added_by = ParticipantSerializer(read_only=True)
    file = serializers.FileField(required=False, write_only=True)
    has_file = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField(
        help_text="Where the two people download the file (empty for a link)."
    )

    class Meta:
        model = Resource
        fields = [
            "id",
            "title",
            "url",
            "file",
            "has_file",
            "download_url",
            "size",
            "added_by",
            "created_at",
        ]
        read_only_fields = ["id", "size", "added_by", "created_at", "has_file", "download_url"]

    def get_has_file(self, resource: Resource) -> bool:
        return bool(resource.file)

    def get_download_url(self, resource: Resource) -> str:
        if not resource.file:
            return ""
        return reverse(
            "relationships:resource_download", args=[resource.relationship_id, resource.pk]
        )


# ---------------------------------------------------------------------------------------------
# Meetings


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    meeting_status = serializers.CharField(source="status", read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    my_private_note = serializers.SerializerMethodField(
        help_text="Your own private note; nobody else's is ever returned."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "uid",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "location",
            "agenda",
            "meeting_status",
            "sequence",
            "shared_notes",
            "mentor_attended",
            "mentee_attended",
            "my_private_note",
        ]
        read_only_fields = fields

    def get_my_private_note(self, meeting: Meeting) -> str:
        note = selectors.private_note_for(meeting=meeting, user=self.context["request"].user)
        return note.text if note else ""


class MeetingCreateSerializer(serializers.Serializer[Any]):
    starts_at = serializers.DateTimeField(help_text="With a timezone offset, e.g. +01:00 or Z.")
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480, default=60)
    location = serializers.CharField(
        required=False, allow_blank=True, max_length=limit_of(Meeting, "location"), default=""
    )
    agenda = serializers.CharField(
        required=False, allow_blank=True, max_length=limit_of(Meeting, "agenda"), default=""
    )


class MeetingRescheduleSerializer(serializers.Serializer[Any]):
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480, required=False)
    location = serializers.CharField(
        required=False, allow_blank=True, max_length=limit_of(Meeting, "location")
    )


class MeetingRecordSerializer(serializers.Serializer[Any]):
    agenda = serializers.CharField(
        required=False, allow_blank=True, max_length=limit_of(Meeting, "agenda")
    )
    shared_notes = serializers.CharField(
        required=False, allow_blank=True, max_length=limit_of(Meeting, "shared_notes")
    )
    mentor_attended = serializers.BooleanField(required=False, allow_null=True, default=None)
    mentee_attended = serializers.BooleanField(required=False, allow_null=True, default=None)


class PrivateNoteSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(
        allow_blank=True,
        max_length=limit_of(PrivateNote, "text"),
        help_text="Empty deletes your note.",
    )


# ---------------------------------------------------------------------------------------------
# Separation, reflections, redefinition and the thank-you


class SeparationProposalSerializer(serializers.ModelSerializer[SeparationProposal]):
    proposed_by = ParticipantSerializer(read_only=True)
    proposal_status = serializers.CharField(source="status", read_only=True)

    class Meta:
        model = SeparationProposal
        fields = ["id", "proposed_by", "reflection", "proposal_status", "created_at", "resolved_at"]
        read_only_fields = ["id", "proposed_by", "proposal_status", "created_at", "resolved_at"]


class SeparationDecisionSerializer(serializers.Serializer[Any]):
    separate = serializers.BooleanField()
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=limit_of(RelationshipEvent, "note"), default=""
    )


class ClosingReflectionSerializer(serializers.Serializer[Any]):
    learned = serializers.CharField(max_length=limit_of(ClosingReflection, "learned"))
    application = serializers.CharField(max_length=limit_of(ClosingReflection, "application"))


class RedefinitionSerializer(serializers.ModelSerializer[RedefinitionTerms]):
    class Meta:
        model = RedefinitionTerms
        fields = ["relation", "check_in_frequency", "expectations", "updated_at"]
        read_only_fields = ["updated_at"]


class AcknowledgmentSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=limit_of(Acknowledgment, "text"))
    is_public = serializers.BooleanField(read_only=True)


class PublicSerializer(serializers.Serializer[Any]):
    public = serializers.BooleanField()
