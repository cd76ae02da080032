"""The relationships list, pairing by a manager, one relationship, its stage moves and timeline."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.lib.api import ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.programs.selectors import get_program_for_user
from mentora.relationships import selectors, services
from mentora.relationships.access import relationship_may
from mentora.relationships.api.serializers import (
    AdvanceSerializer,
    EventSerializer,
    PairSerializer,
    RelationshipDetailSerializer,
    RelationshipFilters,
    RelationshipSerializer,
)
from mentora.relationships.api.views.common import RelationshipView
from mentora.relationships.models import Relationship, RelationshipEvent


class RelationshipListView(ListApiView[Relationship]):
    serializer_class = RelationshipSerializer

    def get_queryset(self) -> QuerySet[Relationship]:
        if self.describing_schema:
            return Relationship.objects.none()
        filters = self.query_filters(RelationshipFilters)
        mine = selectors.relationships_for_user(user=self.user).values("pk")
        managed = selectors.relationships_managed_by(user=self.user).values("pk")
        relationships = Relationship.objects.filter(pk__in=mine.union(managed)).select_related(
            "program", "mentor__profile", "mentee__profile"
        )
        if "program" in filters:
            relationships = relationships.filter(program_id=filters["program"])
        if "stage" in filters:
            relationships = relationships.filter(stage=filters["stage"])
        return relationships.order_by("-created_at", "-pk")

    @extend_schema(
        summary="Your relationships and those of the programs you manage",
        parameters=[RelationshipFilters],
        responses=reading(RelationshipSerializer(many=True), bad_request=True, forbidden=True),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Pair a mentor and a mentee (program managers)",
        request=PairSerializer,
        responses=writing(RelationshipDetailSerializer, status=201),
    )
    def post(self, request: Request) -> Response:
        data = self.input(PairSerializer)
        program = get_program_for_user(user=self.user, program_id=data["program"])
        people = {u.pk: u for u in User.objects.filter(pk__in=[data["mentor"], data["mentee"]])}
        for role in ("mentor", "mentee"):
            if data[role] not in people:
                raise serializers.ValidationError({role: "No such person."})
        relationship = services.relationship_create(
            program=program,
            mentor=people[data["mentor"]],
            mentee=people[data["mentee"]],
            created_by=self.user,
            origin=Relationship.Origin.MANAGER_PAIR,
        )
        return Response(
            self.output(relationship, RelationshipDetailSerializer), status=status.HTTP_201_CREATED
        )


class RelationshipDetailView(RelationshipView[Relationship]):
    serializer_class = RelationshipDetailSerializer

    @extend_schema(
        summary="A relationship: stage, dates, activity counts and the moves you may make",
        responses=reading(RelationshipDetailSerializer, forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id, to="view")
        return Response(self.output(relationship, RelationshipDetailSerializer))


class RelationshipAdvanceView(RelationshipView[Relationship]):
    serializer_class = RelationshipDetailSerializer

    @extend_schema(
        summary="Move to another stage: accept, go back to initiation, or end (with a reason)",
        description="Only the moves that need nobody else's agreement happen here (the "
        "relationship's `moves`). Cultivation begins when both confirm the agreement, separation "
        "when the other side confirms a proposal (or a manager decides an unanswered one), "
        "redefinition when new terms are set: each through its own endpoint.",
        request=AdvanceSerializer,
        responses=writing(RelationshipDetailSerializer),
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id, to="view")
        data = self.input(AdvanceSerializer)
        relationship = services.relationship_advance(
            relationship=relationship, to_stage=data["to_stage"], by=self.user, note=data["note"]
        )
        return Response(self.output(relationship, RelationshipDetailSerializer))


class RelationshipEventsView(RelationshipView[RelationshipEvent]):
    serializer_class = EventSerializer

    @extend_schema(
        summary="The timeline of stage changes",
        responses=reading(EventSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        access = self.access(relationship_id, to="view")
        relationship = access.obj
        events = relationship.events.select_related("actor__profile")
        context = {
            **self.get_serializer_context(),
            "is_party": relationship_may(relationship, access.roles, "work"),
        }
        return Response(EventSerializer(events, many=True, context=context).data)
