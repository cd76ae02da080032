"""Programs, their lifecycle and their enrollment questionnaire."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mentora.api.schema import PARTICIPANT_INVITATION_ROLES
from mentora.programs.models import PROGRAM_TRANSITIONS, Invitation, Organisation, Program, Question
from mentora.programs.selectors import user_manages_program
from mentora.programs.services import PROGRAM_EDITABLE_FIELDS


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
        return user_manages_program(user=self.context["request"].user, program=program)

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=Program.State.choices),
            help_text="The states this program may move to next.",
        )
    )
    def get_allowed_transitions(self, program: Program) -> list[str]:
        return sorted(PROGRAM_TRANSITIONS.get(program.state, set()))


class ProgramUpdateSerializer(serializers.ModelSerializer[Program]):
    """The settings a manager may change; the state changes only through a transition."""

    class Meta:
        model = Program
        fields = list(PROGRAM_EDITABLE_FIELDS)


class ProgramCreateSerializer(ProgramUpdateSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        error_messages={"does_not_exist": "You can see no organisation with id {pk_value}."},
    )

    class Meta(ProgramUpdateSerializer.Meta):
        fields = ["organisation", *PROGRAM_EDITABLE_FIELDS]

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


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
