"""One's own self-identification: there is never another person's id here. (One's own profile,
whose manager must share an organisation or a program with one, is a programs endpoint:
`mentora.programs.api.views.profiles`.)"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView
from mentora.lib.api_responses import reading, writing
from mentora.profiles.api.serializers import DemographicsSerializer
from mentora.profiles.models import DemographicIdentity
from mentora.profiles.services import demographics_update


class MyDemographicsView(ApiView[DemographicIdentity]):
    """Only ever the signed-in person's own: there is no id in the path."""

    serializer_class = DemographicsSerializer

    @extend_schema(
        summary="Your optional self-identification (only you see it)",
        responses=reading(DemographicsSerializer, not_found=False),
    )
    def get(self, request: Request) -> Response:
        identity = DemographicIdentity.objects.filter(
            user=self.user
        ).first() or DemographicIdentity(user=self.user)
        return Response(self.output(identity, DemographicsSerializer))

    @extend_schema(
        summary="Save your optional self-identification",
        request=DemographicsSerializer,
        responses=writing(DemographicsSerializer, not_found=False),
    )
    def put(self, request: Request) -> Response:
        data = self.input(DemographicsSerializer)
        identity = demographics_update(user=self.user, **data)
        return Response(self.output(identity, DemographicsSerializer))
