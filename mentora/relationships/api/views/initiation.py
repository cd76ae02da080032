"""Initiation: the mentee's getting-acquainted answers, and the agreement both confirm."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api_responses import reading, writing
from mentora.relationships import services
from mentora.relationships.api.serializers import AcquaintanceSerializer, AgreementSerializer
from mentora.relationships.api.views.common import RelationshipView
from mentora.relationships.models import Agreement, Relationship


class AcquaintanceView(RelationshipView[Relationship]):
    serializer_class = AcquaintanceSerializer

    @extend_schema(
        summary="The mentee's career goals and why they chose this mentor",
        request=AcquaintanceSerializer,
        responses=writing(AcquaintanceSerializer),
    )
    def put(self, request: Request, relationship_id: int) -> Response:
        relationship = services.acquaintance_update(
            relationship=self.relationship(relationship_id),
            by=self.user,
            **self.input(AcquaintanceSerializer),
        )
        return Response(self.output(relationship, AcquaintanceSerializer))


class AgreementView(RelationshipView[Agreement]):
    serializer_class = AgreementSerializer

    @extend_schema(
        summary="The mentoring agreement and who has confirmed it",
        responses=reading(AgreementSerializer, forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        agreement = self.relationship(relationship_id).agreement
        return Response(self.output(agreement, AgreementSerializer))

    @extend_schema(
        summary="Change the agreement (clears both confirmations when it changes)",
        request=AgreementSerializer,
        responses=writing(AgreementSerializer),
    )
    def put(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        incoming = AgreementSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        agreement = services.agreement_save(
            relationship=relationship, by=self.user, **incoming.validated_data
        )
        return Response(self.output(agreement, AgreementSerializer))


class AgreementConfirmView(RelationshipView[Agreement]):
    serializer_class = AgreementSerializer

    @extend_schema(
        summary="Confirm the agreement; the second confirmation starts cultivation",
        request=None,
        responses=writing(AgreementSerializer),
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        agreement = services.agreement_confirm(
            relationship=self.relationship(relationship_id), by=self.user
        )
        return Response(self.output(agreement, AgreementSerializer))
