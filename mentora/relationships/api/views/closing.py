"""Closing: separation proposals and their answers (or a manager's decision), the closing
reflections, the new terms of redefinition and the mentee's thank-you."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api_responses import reading, writing
from mentora.relationships import services
from mentora.relationships.access import access_proposal
from mentora.relationships.api.serializers import (
    AcknowledgmentSerializer,
    ClosingReflectionSerializer,
    PublicSerializer,
    RedefinitionSerializer,
    RelationshipDetailSerializer,
    SeparationDecisionSerializer,
    SeparationProposalSerializer,
)
from mentora.relationships.api.views.common import RelationshipView
from mentora.relationships.models import (
    Acknowledgment,
    ClosingReflection,
    RedefinitionTerms,
    Relationship,
    SeparationProposal,
)


class SeparationView(RelationshipView[SeparationProposal]):
    serializer_class = SeparationProposalSerializer

    @extend_schema(
        summary="Separation proposals",
        responses=reading(SeparationProposalSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        proposals = self.relationship(relationship_id).separation_proposals.select_related(
            "proposed_by__profile"
        )
        return Response(
            SeparationProposalSerializer(
                proposals, many=True, context=self.get_serializer_context()
            ).data
        )

    @extend_schema(
        summary="Propose separation with a reflection",
        request=SeparationProposalSerializer,
        responses=writing(SeparationProposalSerializer, status=201),
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        proposal = services.separation_propose(
            relationship=self.relationship(relationship_id),
            by=self.user,
            **self.input(SeparationProposalSerializer),
        )
        return Response(
            self.output(proposal, SeparationProposalSerializer), status=status.HTTP_201_CREATED
        )


class SeparationConfirmView(RelationshipView[SeparationProposal]):
    serializer_class = SeparationProposalSerializer

    @extend_schema(
        summary="Confirm the other side's proposal: the pair enters separation",
        request=None,
        responses=writing(SeparationProposalSerializer),
    )
    def post(self, request: Request, relationship_id: int, proposal_id: int) -> Response:
        proposal = access_proposal(
            user=self.user, relationship_id=relationship_id, proposal_id=proposal_id
        ).obj
        services.separation_confirm(proposal=proposal, by=self.user)
        proposal.refresh_from_db()
        return Response(self.output(proposal, SeparationProposalSerializer))


class SeparationWithdrawView(RelationshipView[SeparationProposal]):
    serializer_class = SeparationProposalSerializer

    @extend_schema(
        summary="Withdraw your proposal or decline the other's",
        request=None,
        responses=writing(SeparationProposalSerializer),
    )
    def post(self, request: Request, relationship_id: int, proposal_id: int) -> Response:
        proposal = access_proposal(
            user=self.user, relationship_id=relationship_id, proposal_id=proposal_id
        ).obj
        proposal = services.separation_withdraw(proposal=proposal, by=self.user)
        return Response(self.output(proposal, SeparationProposalSerializer))


class SeparationDecideView(RelationshipView[Relationship]):
    serializer_class = RelationshipDetailSerializer

    @extend_schema(
        summary="Decide an unanswered proposal after the notice period (program managers)",
        request=SeparationDecisionSerializer,
        responses=writing(RelationshipDetailSerializer),
    )
    def post(self, request: Request, relationship_id: int, proposal_id: int) -> Response:
        proposal = access_proposal(
            user=self.user, relationship_id=relationship_id, proposal_id=proposal_id, to="manage"
        ).obj
        services.separation_decide(
            proposal=proposal, by=self.user, **self.input(SeparationDecisionSerializer)
        )
        relationship = self.relationship(relationship_id, to="view")
        return Response(self.output(relationship, RelationshipDetailSerializer))


class ClosingReflectionView(RelationshipView[ClosingReflection]):
    serializer_class = ClosingReflectionSerializer

    @extend_schema(
        summary="Both closing reflections",
        responses=reading(ClosingReflectionSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        reflections = self.relationship(relationship_id).closing_reflections.all()
        return Response(ClosingReflectionSerializer(reflections, many=True).data)

    @extend_schema(
        summary="Write your closing reflection",
        request=ClosingReflectionSerializer,
        responses=writing(ClosingReflectionSerializer),
    )
    def put(self, request: Request, relationship_id: int) -> Response:
        reflection = services.closing_reflection_save(
            relationship=self.relationship(relationship_id),
            by=self.user,
            **self.input(ClosingReflectionSerializer),
        )
        return Response(self.output(reflection, ClosingReflectionSerializer))


class RedefinitionView(RelationshipView[RedefinitionTerms]):
    serializer_class = RedefinitionSerializer

    @extend_schema(
        summary="The new terms after separation",
        responses=reading(RedefinitionSerializer, forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        terms = RedefinitionTerms.objects.filter(relationship=relationship).first()
        if terms is None:
            raise Http404("No new terms yet.")
        return Response(self.output(terms, RedefinitionSerializer))

    @extend_schema(
        summary="Set the new terms (from separation this starts redefinition)",
        request=RedefinitionSerializer,
        responses=writing(RedefinitionSerializer),
    )
    def put(self, request: Request, relationship_id: int) -> Response:
        data = self.input(RedefinitionSerializer)
        terms = services.redefinition_set(
            relationship=self.relationship(relationship_id),
            by=self.user,
            relation=data["relation"],
            check_in_frequency=data.get("check_in_frequency", RedefinitionTerms.CheckIn.NONE),
            expectations=data.get("expectations", ""),
        )
        return Response(self.output(terms, RedefinitionSerializer))


def _acknowledgment(relationship: Relationship) -> Acknowledgment:
    acknowledgment = Acknowledgment.objects.filter(relationship=relationship).first()
    if acknowledgment is None:
        raise Http404("No thank-you yet.")
    return acknowledgment


class AcknowledgmentView(RelationshipView[Acknowledgment]):
    serializer_class = AcknowledgmentSerializer

    @extend_schema(
        summary="The mentee's thank-you",
        responses=reading(AcknowledgmentSerializer, forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        acknowledgment = _acknowledgment(self.relationship(relationship_id))
        return Response(self.output(acknowledgment, AcknowledgmentSerializer))

    @extend_schema(
        summary="Write the thank-you (the mentee)",
        request=AcknowledgmentSerializer,
        responses=writing(AcknowledgmentSerializer),
    )
    def put(self, request: Request, relationship_id: int) -> Response:
        acknowledgment = services.acknowledgment_write(
            relationship=self.relationship(relationship_id),
            by=self.user,
            **self.input(AcknowledgmentSerializer),
        )
        return Response(self.output(acknowledgment, AcknowledgmentSerializer))


class AcknowledgmentPublicView(RelationshipView[Acknowledgment]):
    serializer_class = AcknowledgmentSerializer

    @extend_schema(
        summary="Show (or hide) the thank-you on your profile (the mentor)",
        request=PublicSerializer,
        responses=writing(AcknowledgmentSerializer),
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        acknowledgment = _acknowledgment(self.relationship(relationship_id))
        acknowledgment = services.acknowledgment_set_public(
            acknowledgment=acknowledgment, by=self.user, **self.input(PublicSerializer)
        )
        return Response(self.output(acknowledgment, AcknowledgmentSerializer))
