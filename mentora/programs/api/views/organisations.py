"""Organisations the person manages, belongs to or whose programs they can see, and their
managers."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import FORBIDDEN, reading, writing
from mentora.programs.access import access_organisation
from mentora.programs.api.serializers import (
    InvitationSerializer,
    ManagerInvitationCreateSerializer,
    OrganisationCreateSerializer,
    OrganisationManagerSerializer,
    OrganisationSerializer,
)
from mentora.programs.models import Invitation, Organisation, OrganisationManager
from mentora.programs.selectors import (
    get_organisation_for_user,
    organisation_managers,
    organisations_visible_to,
)
from mentora.programs.services import invitation_create, organisation_create


class OrganisationListView(ListApiView[Organisation]):
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        if self.describing_schema:
            return Organisation.objects.none()
        return organisations_visible_to(user=self.user)

    @extend_schema(
        summary="Organisations you manage or belong to, or whose programs you can see",
        responses=reading(OrganisationSerializer(many=True)),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Create an organisation; you become its first program manager",
        description=(
            "Who may is the site's setting: site staff only (the default; 403 for anyone else), "
            "or anyone, whose organisation then waits for a staff member's approval "
            "(`approved` is false) before it can create programs or invite anyone."
        ),
        request=OrganisationCreateSerializer,
        responses=writing(OrganisationSerializer, status=201, not_found=False),
    )
    def post(self, request: Request) -> Response:
        data = self.input(OrganisationCreateSerializer)
        organisation = organisation_create(created_by=self.user, **data)
        created = get_organisation_for_user(user=self.user, organisation_id=organisation.pk)
        return Response(
            self.output(created, OrganisationSerializer), status=status.HTTP_201_CREATED
        )


class OrganisationDetailView(ApiView[Organisation]):
    serializer_class = OrganisationSerializer

    @extend_schema(summary="An organisation you can see", responses=reading(OrganisationSerializer))
    def get(self, request: Request, organisation_id: int) -> Response:
        organisation = get_organisation_for_user(user=self.user, organisation_id=organisation_id)
        return Response(self.output(organisation, OrganisationSerializer))


class OrganisationManagersView(ListApiView[OrganisationManager]):
    serializer_class = OrganisationManagerSerializer

    def get_queryset(self) -> QuerySet[OrganisationManager]:
        if self.describing_schema:
            return OrganisationManager.objects.none()
        organisation = access_organisation(
            user=self.user, organisation_id=self.kwargs["organisation_id"], to="manage"
        ).obj
        return organisation_managers(organisation=organisation)

    @extend_schema(
        summary="The program managers of an organisation (managers only)",
        responses={**reading(OrganisationManagerSerializer(many=True)), 403: FORBIDDEN},
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Invite a person by email to become a program manager",
        request=ManagerInvitationCreateSerializer,
        responses=writing(InvitationSerializer, status=201),
    )
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = access_organisation(
            user=self.user, organisation_id=organisation_id, to="manage"
        ).obj
        data = self.input(ManagerInvitationCreateSerializer)
        invitation = invitation_create(
            organisation=organisation,
            email=data["email"],
            role=Invitation.Role.MANAGER,
            invited_by=self.user,
        )
        return Response(
            self.output(invitation, InvitationSerializer), status=status.HTTP_201_CREATED
        )
