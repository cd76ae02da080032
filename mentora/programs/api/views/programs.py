"""Programs: the ones a person may see, creation and settings by managers, the lifecycle, and
invitations of participants."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import FORBIDDEN, reading, writing
from mentora.programs.access import access_program
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
        responses=reading(ProgramSerializer(many=True), bad_request=True),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Create a draft program in an organisation you manage",
        request=ProgramCreateSerializer,
        responses=writing(ProgramSerializer, status=201, not_found=False),
    )
    def post(self, request: Request) -> Response:
        data = ProgramCreateSerializer(
            data=request.data, organisations=organisations_visible_to(user=self.user)
        )
        data.is_valid(raise_exception=True)
        program = program_create(created_by=self.user, **data.validated_data)
        created = get_program_for_user(user=self.user, program_id=program.pk)
        return Response(self.output(created, ProgramSerializer), status=status.HTTP_201_CREATED)


class ProgramDetailView(ApiView[Program]):
    serializer_class = ProgramSerializer

    @extend_schema(summary="A program you can see", responses=reading(ProgramSerializer))
    def get(self, request: Request, program_id: int) -> Response:
        program = access_program(user=self.user, program_id=program_id).obj
        return Response(self.output(program, ProgramSerializer))

    @extend_schema(
        summary="Change a program's settings (managers only)",
        request=ProgramUpdateSerializer,
        responses=writing(ProgramSerializer),
    )
    def patch(self, request: Request, program_id: int) -> Response:
        program = access_program(user=self.user, program_id=program_id, to="manage").obj
        data = ProgramUpdateSerializer(program, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        program_update(program=program, updated_by=self.user, **data.validated_data)
        updated = access_program(user=self.user, program_id=program.pk).obj
        return Response(self.output(updated, ProgramSerializer))


class ProgramTransitionView(ApiView[Program]):
    serializer_class = ProgramSerializer

    @extend_schema(
        summary="Move a program to another state of its lifecycle (managers only)",
        description="`allowed_transitions` of the program says which states you may move it to.",
        request=ProgramTransitionSerializer,
        responses=writing(ProgramSerializer),
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = access_program(user=self.user, program_id=program_id, to="manage").obj
        data = self.input(ProgramTransitionSerializer)
        program_transition(program=program, to_state=data["to_state"], changed_by=self.user)
        moved = access_program(user=self.user, program_id=program.pk).obj
        return Response(self.output(moved, ProgramSerializer))


class ProgramInvitationsView(ListApiView[Invitation]):
    serializer_class = InvitationSerializer

    def get_queryset(self) -> QuerySet[Invitation]:
        if self.describing_schema:
            return Invitation.objects.none()
        program = access_program(
            user=self.user, program_id=self.kwargs["program_id"], to="manage"
        ).obj
        return program_invitations(program=program)

    @extend_schema(
        summary="The invitations to a program (managers only)",
        responses={**reading(InvitationSerializer(many=True)), 403: FORBIDDEN},
    )
    def get(self, request: Request, program_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Invite a person by email to enroll in a program (managers only)",
        description=(
            "The person enrolls only if they accept (by enrolling); accepting makes them a "
            "member of the organisation."
        ),
        request=ParticipantInvitationCreateSerializer,
        responses=writing(InvitationSerializer, status=201),
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = access_program(user=self.user, program_id=program_id, to="manage").obj
        data = self.input(ParticipantInvitationCreateSerializer)
        invitation = invitation_create(
            organisation=program.organisation,
            program=program,
            email=data["email"],
            role=data["role"],
            invited_by=self.user,
        )
        return Response(
            self.output(invitation, InvitationSerializer), status=status.HTTP_201_CREATED
        )
