"""What the programs API reads and returns: organisations, programs, questionnaires, invitations,
enrollments and the people inside them.

Output serializers describe what is returned; input serializers only validate and type what a
client sends. Writes are never done by a serializer: views pass validated data to a service.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mentora.accounts.models import User
from mentora.profiles.choices import Cadence, FocusArea, Preference
from mentora.profiles.models import MenteeNeeds, MentorOffer, Skill
from mentora.programs.access import manages_program, program_roles
from mentora.programs.lifecycle import PROGRAM_LIFECYCLE
from mentora.programs.models import (
    Answer,
    Enrollment,
    Invitation,
    Organisation,
    OrganisationManager,
    Program,
    Question,
)
from mentora.programs.services import PROGRAM_EDITABLE_FIELDS

# The roles a participant invitation may carry (a manager is invited to the organisation).
PARTICIPANT_INVITATION_ROLES = [
    (Invitation.Role.MENTOR.value, Invitation.Role.MENTOR.label),
    (Invitation.Role.MENTEE.value, Invitation.Role.MENTEE.label),
    (Invitation.Role.ANY.value, Invitation.Role.ANY.label),
]


# --- People and organisations ---------------------------------------------------------------------


class PersonSerializer(serializers.Serializer[User]):
    """A person as their managers and themselves see them: name, email and profile id."""

    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    display_name = serializers.CharField(read_only=True)
    profile = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_profile(self, user: User) -> int | None:
        profile = getattr(user, "profile", None)
        return profile.pk if profile is not None else None


class InvitationSerializer(serializers.ModelSerializer[Invitation]):
    """An invitation as its organisation's managers see it (never with its secret token)."""

    class Meta:
        model = Invitation
        fields = ["id", "organisation", "program", "email", "role", "created_at", "accepted_at"]
        read_only_fields = fields


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    manages = serializers.BooleanField(
        read_only=True, default=False, help_text="Whether you are one of its program managers."
    )
    approved = serializers.BooleanField(
        source="is_approved",
        read_only=True,
        help_text="False while it waits for a site staff member's approval.",
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "description", "created_at", "manages", "approved"]
        read_only_fields = ["id", "slug", "created_at", "manages", "approved"]


class OrganisationCreateSerializer(serializers.Serializer[Organisation]):
    name = serializers.CharField(max_length=160)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )


class OrganisationManagerSerializer(serializers.ModelSerializer[OrganisationManager]):
    user = PersonSerializer(read_only=True)

    class Meta:
        model = OrganisationManager
        fields = ["id", "user", "created_at"]
        read_only_fields = fields


class ManagerInvitationCreateSerializer(serializers.Serializer[OrganisationManager]):
    email = serializers.EmailField(help_text="Who to invite as a program manager.")


# --- Programs and questionnaires ------------------------------------------------------------------


class ProgramSerializer(serializers.ModelSerializer[Program]):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    enrollment_is_open = serializers.SerializerMethodField()
    manages = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = Program
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "slug",
            "state",
            *PROGRAM_EDITABLE_FIELDS,
            "created_at",
            "enrollment_is_open",
            "manages",
            "allowed_transitions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_enrollment_is_open(self, program: Program) -> bool:
        return program.enrollment_is_open()

    @extend_schema_field(serializers.BooleanField(help_text="Whether you manage this program."))
    def get_manages(self, program: Program) -> bool:
        annotated = getattr(program, "_manages", None)
        if annotated is not None:
            return bool(annotated)
        return manages_program(user=self.context["request"].user, program=program)

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=Program.State.choices),
            help_text="The states you may move this program to now (none unless you manage it).",
        )
    )
    def get_allowed_transitions(self, program: Program) -> list[str]:
        roles = program_roles(program=program, user=self.context["request"].user)
        return sorted(move.target for move in PROGRAM_LIFECYCLE.available(program, roles=roles))


class ProgramUpdateSerializer(serializers.ModelSerializer[Program]):
    """The settings a manager may change; the state changes only through a transition."""

    class Meta:
        model = Program
        fields = list(PROGRAM_EDITABLE_FIELDS)


ORGANISATION_ERRORS: dict[str, Any] = {
    "does_not_exist": "You can see no organisation with id {pk_value}."
}


class ProgramCreateSerializer(ProgramUpdateSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        error_messages=ORGANISATION_ERRORS,
    )

    class Meta(ProgramUpdateSerializer.Meta):
        fields = ["organisation", *PROGRAM_EDITABLE_FIELDS]

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = serializers.PrimaryKeyRelatedField(
                queryset=organisations, error_messages=ORGANISATION_ERRORS
            )


class ProgramTransitionSerializer(serializers.Serializer[Program]):
    to_state = serializers.ChoiceField(choices=Program.State.choices)


class ParticipantInvitationCreateSerializer(serializers.Serializer[Invitation]):
    email = serializers.EmailField()
    role = serializers.ChoiceField(
        choices=PARTICIPANT_INVITATION_ROLES, default=Invitation.Role.ANY
    )


class QuestionSerializer(serializers.ModelSerializer[Question]):
    choices = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "program",
            "position",
            "text",
            "help_text",
            "kind",
            "choices",
            "required",
            "audience",
            "matching_rule",
            "weight",
        ]
        read_only_fields = fields


class QuestionCreateSerializer(serializers.ModelSerializer[Question]):
    choices = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="At least two for a choice question; ignored otherwise.",
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "help_text",
            "kind",
            "choices",
            "required",
            "audience",
            "matching_rule",
            "weight",
        ]


class QuestionUpdateSerializer(QuestionCreateSerializer):
    class Meta(QuestionCreateSerializer.Meta):
        fields = [*QuestionCreateSerializer.Meta.fields, "position"]


# --- Enrollments ----------------------------------------------------------------------------------


SKILLS_HELP = "Skill names (or synonyms) from the taxonomy; see /api/skills/."


def _skill_names() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, help_text=SKILLS_HELP
    )


class EnrollmentSerializer(serializers.ModelSerializer[Enrollment]):
    program_name = serializers.CharField(source="program.name", read_only=True)
    user = PersonSerializer(read_only=True)
    role_label = serializers.CharField(read_only=True)

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "program",
            "program_name",
            "user",
            "role",
            "role_label",
            "status",
            "status_note",
            "created_at",
            "decided_at",
            "withdrawn_at",
        ]
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer[Answer]):
    question_text = serializers.CharField(source="question.text", read_only=True)
    value = serializers.JSONField(read_only=True)

    class Meta:
        model = Answer
        fields = ["question", "question_text", "value"]
        read_only_fields = fields


class MentorOfferSerializer(serializers.ModelSerializer[MentorOffer]):
    skills: serializers.SlugRelatedField[Skill] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    free_tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), read_only=True
    )

    class Meta:
        model = MentorOffer
        fields = ["skills", "free_tags", "focus_areas", "motivation", "capacity", "hours_per_month"]
        read_only_fields = fields


class MenteeNeedsSerializer(serializers.ModelSerializer[MenteeNeeds]):
    skills: serializers.SlugRelatedField[Skill] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    career_goals = serializers.ListField(child=serializers.CharField(), read_only=True)
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), read_only=True
    )
    people_to_avoid: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="email", many=True, read_only=True
    )

    class Meta:
        model = MenteeNeeds
        fields = [
            "skills",
            "career_goals",
            "why_mentor",
            "focus_areas",
            "meeting_cadence",
            "organisation_preference",
            "industry_preference",
            "job_function_preference",
            "people_to_avoid",
        ]
        read_only_fields = fields


class EnrollmentDetailSerializer(EnrollmentSerializer):
    """An enrollment with its answers and its mentor or mentee side (owner and managers only)."""

    answers = AnswerSerializer(many=True, read_only=True)
    mentor_offer = MentorOfferSerializer(read_only=True, allow_null=True)
    mentee_needs = MenteeNeedsSerializer(read_only=True, allow_null=True)

    class Meta(EnrollmentSerializer.Meta):
        fields = [*EnrollmentSerializer.Meta.fields, "answers", "mentor_offer", "mentee_needs"]
        read_only_fields = fields


class MentorOfferInputSerializer(serializers.Serializer[MentorOffer]):
    skills = _skill_names()
    free_tags = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=20
    )
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), required=False
    )
    motivation = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    capacity = serializers.IntegerField(
        required=False, min_value=1, max_value=50, help_text="Most mentees at once."
    )
    hours_per_month = serializers.IntegerField(required=False, min_value=0, max_value=160)


class MenteeNeedsInputSerializer(serializers.Serializer[MenteeNeeds]):
    skills = _skill_names()
    career_goals = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=10
    )
    why_mentor = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), required=False
    )
    meeting_cadence = serializers.ChoiceField(choices=Cadence.choices, required=False)
    organisation_preference = serializers.ChoiceField(choices=Preference.choices, required=False)
    industry_preference = serializers.ChoiceField(choices=Preference.choices, required=False)
    job_function_preference = serializers.ChoiceField(choices=Preference.choices, required=False)
    people_to_avoid = serializers.ListField(
        child=serializers.EmailField(),
        required=False,
        help_text="Email addresses of people you should not be matched with.",
    )


class EnrollSerializer(serializers.Serializer[Enrollment]):
    role = serializers.ChoiceField(choices=Enrollment.Role.choices)
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text=(
            "Answers keyed by question id: a string for single choice and text, a list of "
            "strings for multiple choice, a whole number from 1 to 5 for a scale."
        ),
    )
    mentor_offer = MentorOfferInputSerializer(required=False, help_text="For role mentor.")
    mentee_needs = MenteeNeedsInputSerializer(required=False, help_text="For role mentee.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        role = attrs["role"]
        if role == Enrollment.Role.MENTOR and "mentee_needs" in attrs:
            raise serializers.ValidationError({"mentee_needs": "Only mentees send mentee_needs."})
        if role == Enrollment.Role.MENTEE and "mentor_offer" in attrs:
            raise serializers.ValidationError({"mentor_offer": "Only mentors send mentor_offer."})
        return attrs


class EnrollmentAnswersSerializer(serializers.Serializer[Enrollment]):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text=(
            "Every answer, keyed by question id (they replace the earlier ones): a string for "
            "single choice and text, a list of strings for multiple choice, 1 to 5 for a scale."
        ),
    )


class EnrollmentDecisionSerializer(serializers.Serializer[Enrollment]):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300, help_text="Optional reason."
    )
