"""Reviewing a draft: its pairs and unmatched mentees, moving a mentee, pins and bans."""

from __future__ import annotations

from dataclasses import asdict

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.matching import selectors, services
from mentora.matching.access import access_matching, access_pin, access_proposal, access_run
from mentora.matching.api.serializers import (
    AlternativeSerializer,
    MoveSerializer,
    PinCreateSerializer,
    PinSerializer,
    ProposalFilters,
    ProposalSerializer,
    UnmatchedSerializer,
)
from mentora.matching.models import Pin, Proposal
from mentora.matching.models import UnmatchedMentee as UnmatchedRow
from mentora.matching.previews import proposal_alternatives


class ProposalListView(ListApiView[Proposal]):
    serializer_class = ProposalSerializer

    def get_queryset(self) -> QuerySet[Proposal]:
        if self.describing_schema:
            return Proposal.objects.none()
        run = access_run(user=self.user, run_id=self.kwargs["run_id"]).obj
        filters = self.query_filters(ProposalFilters)
        return selectors.proposals_of_run(
            run=run, search=filters.get("q", ""), show=filters.get("show", "all")
        )

    @extend_schema(
        summary="The run's proposed pairs, best score first",
        parameters=[ProposalFilters],
        responses=reading(ProposalSerializer(many=True), bad_request=True, forbidden=True),
    )
    def get(self, request: Request, run_id: int) -> Response:
        return self.list(request)


class UnmatchedListView(ListApiView[UnmatchedRow]):
    serializer_class = UnmatchedSerializer

    def get_queryset(self) -> QuerySet[UnmatchedRow]:
        if self.describing_schema:
            return UnmatchedRow.objects.none()
        run = access_run(user=self.user, run_id=self.kwargs["run_id"]).obj
        return selectors.unmatched_of_run(run=run)

    @extend_schema(
        summary="Mentees of the run with fewer mentors than wanted, and why",
        responses=reading(UnmatchedSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, run_id: int) -> Response:
        return self.list(request)


class ProposalMoveView(ApiView[Proposal]):
    serializer_class = ProposalSerializer

    @extend_schema(
        summary="Mentors with room in the draft for this mentee, with the engine's scores",
        responses=reading(AlternativeSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, run_id: int, proposal_id: int) -> Response:
        proposal = access_proposal(user=self.user, proposal_id=proposal_id, run_id=run_id).obj
        alternatives = proposal_alternatives(proposal=proposal)
        return Response(AlternativeSerializer([asdict(a) for a in alternatives], many=True).data)

    @extend_schema(
        summary="Move the mentee to another mentor of the program",
        request=MoveSerializer,
        responses=writing(ProposalSerializer),
    )
    def post(self, request: Request, run_id: int, proposal_id: int) -> Response:
        proposal = access_proposal(
            user=self.user, proposal_id=proposal_id, run_id=run_id, to="move"
        ).obj
        data = self.input(MoveSerializer)
        mentor = selectors.get_participant_of_program(
            program=proposal.run.program, user_id=data["mentor"]
        )
        moved = services.proposal_move(
            proposal=proposal, mentor=mentor, moved_by=self.user, pin=data["pin"]
        )
        return Response(self.output(moved, ProposalSerializer))


class PinListView(ApiView[Pin]):
    serializer_class = PinSerializer

    @extend_schema(
        summary="Pinned and forbidden pairs of the program",
        responses=reading(PinSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = access_matching(user=self.user, program_id=program_id).obj
        return Response(PinSerializer(selectors.pins_of_program(program=program), many=True).data)

    @extend_schema(
        summary="Pin a pair (always pair them) or forbid it, for every later run",
        request=PinCreateSerializer,
        responses=writing(PinSerializer, status=201),
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = access_matching(user=self.user, program_id=program_id, to="pin").obj
        data = self.input(PinCreateSerializer)
        pin = services.match_pin_set(
            program=program,
            mentee=selectors.get_participant_of_program(program=program, user_id=data["mentee"]),
            mentor=selectors.get_participant_of_program(program=program, user_id=data["mentor"]),
            kind=data["kind"],
            set_by=self.user,
        )
        return Response(self.output(pin, PinSerializer), status=status.HTTP_201_CREATED)


class PinDetailView(ApiView[Pin]):
    serializer_class = PinSerializer

    @extend_schema(
        summary="Clear a pin or a ban", responses=writing(None, status=204, bad_request=False)
    )
    def delete(self, request: Request, program_id: int, pin_id: int) -> Response:
        pin = access_pin(user=self.user, program_id=program_id, pin_id=pin_id, to="clear").obj
        services.match_pin_clear(
            program=pin.program, mentee=pin.mentee, mentor=pin.mentor, cleared_by=self.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
