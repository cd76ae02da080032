"""Programs: the ones a person may see, creation and settings by managers, the lifecycle, and
invitations of participants."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView, validation_error_from_django
from mentora.programs.api.permissions import ensure_manages_program
from mentora.programs.api.serializers import (
    InvitationSerializer,
    ParticipantInvitationCreateSerializer,
    ProgramCreateSerializer,
    ProgramSerializer,
    ProgramTransitionSerializer,
    ProgramUpdateSerializer,
)
from mentora.programs.models import Invitation, Program
from mentora.programs.selectors import (
    get_program_for_user,
    organisations_visible_to,
    program_invitations,
    programs_visible_to,
)
from mentora.programs.services import (
    invitation_create,
    program_create,
    program_transition,
    program_update,
)


class ProgramFilters(serializers.Serializer[Program]):
    state = serializers.ChoiceField(choices=Program.State.choices, required=False)
    organisation = serializers.IntegerField(required=False, min_value=1)


class ProgramListView(ListApiView[Program]):
    serializer_class = ProgramSerializer

    def get_queryset(self) -> QuerySet[Program]:
        if self.describing_schema:
            return Program.objects.none()
        filters = self.query_filters(ProgramFilters)
        programs = programs_visible_to(user=self.user).order_by("organisation__name", "name", "pk")
        if "state" in filters:
            programs = programs.filter(state=filters["state"])
        if "organisation" in filters:
            programs = programs.filter(organisation_id=filters["organisation"])
        return programs

    @extend_schema(
        summary="Programs you manage, take part in, are invited to, or can enroll in",
        parameters=[ProgramFilters],
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Create a draft program in an organisation you manage",
        request=ProgramCreateSerializer,
        responses={201: ProgramSerializer},
    )
    def post(self, request: Request) -> Response:
        data = ProgramCreateSerializer(
            data=request.data, organisations=organisations_visible_to(user=self.user)
        )
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        program = program_create(created_by=self.user, **fields)
        created = get_program_for_user(user=self.user, program_id=program.pk)
        return Response(self.output(created, ProgramSerializer), status=status.HTTP_201_CREATED)


class ProgramDetailView(ApiView[Program]):
    serializer_class = ProgramSerializer

    @extend_schema(summary="A program you can see")
    def get(self, request: Request, program_id: int) -> Response:
        program = get_program_for_user(user=self.user, program_id=program_id)
        return Response(self.output(program, ProgramSerializer))

    @extend_schema(
        summary="Change a program's settings (managers only)",
        request=ProgramUpdateSerializer,
        responses={200: ProgramSerializer},
    )
    def patch(self, request: Request, program_id: int) -> Response:
        program = get_program_for_user(user=self.user, program_id=program_id)
        ensure_manages_program(user=self.user, program=program)
        data = ProgramUpdateSerializer(program, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        program_update(program=program, updated_by=self.user, **data.validated_data)
        updated = get_program_for_user(user=self.user, program_id=program.pk)
        return Response(self.output(updated, ProgramSerializer))


class ProgramTransitionView(ApiView[Program]):
    serializer_class = ProgramSerializer

    @extend_schema(
        summary="Move a program to another state of its lifecycle (managers only)",
        request=ProgramTransitionSerializer,
        responses={200: ProgramSerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = get_program_for_user(user=self.user, program_id=program_id)
        ensure_manages_program(user=self.user, program=program)
        data = ProgramTransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            program_transition(
                program=program, to_state=data.validated_data["to_state"], changed_by=self.user
            )
        except DjangoValidationError as error:
            raise validation_error_from_django(error, field="to_state") from None
        moved = get_program_for_user(user=self.user, program_id=program.pk)
        return Response(self.output(moved, ProgramSerializer))


class ProgramInvitationsView(ListApiView[Invitation]):
    serializer_class = InvitationSerializer

    def get_queryset(self) -> QuerySet[Invitation]:
        if self.describing_schema:
            return Invitation.objects.none()
        program = get_program_for_user(user=self.user, program_id=self.kwargs["program_id"])
        ensure_manages_program(user=self.user, program=program)
        return program_invitations(program=program)

    @extend_schema(summary="The invitations to a program (managers only)")
    def get(self, request: Request, program_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Invite a person by email to enroll in a program (managers only)",
        request=ParticipantInvitationCreateSerializer,
        responses={201: InvitationSerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = get_program_for_user(user=self.user, program_id=program_id)
        ensure_manages_program(user=self.user, program=program)
        data = ParticipantInvitationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = invitation_create(
            organisation=program.organisation,
            program=program,
            email=data.validated_data["email"],
            role=data.validated_data["role"],
            invited_by=self.user,
        )
        return Response(
            self.output(invitation, InvitationSerializer), status=status.HTTP_201_CREATED
        )
