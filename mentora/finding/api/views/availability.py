"""A mentor's availability in one program: read it, pause, resume."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.finding import selectors
from mentora.finding.access import access_availability
from mentora.finding.api.serializers import AvailabilitySerializer, PauseSerializer
from mentora.finding.pauses import mentor_pause, mentor_resume
from mentora.lib.api import ApiView
from mentora.lib.api_responses import reading, writing
from mentora.programs.models import Enrollment


class MentorAvailabilityView(ApiView[Enrollment]):
    """A view under /finding/{program_id}/availability/: only for the program's own mentor."""

    serializer_class = AvailabilitySerializer

    def availability(self, program_id: int) -> Response:
        enrollment = access_availability(user=self.user, program_id=program_id).obj
        offer = getattr(enrollment, "mentor_offer", None)
        data: dict[str, Any] = {
            "program": enrollment.program_id,
            "paused": bool(offer and offer.is_paused),
            "paused_at": offer.paused_at if offer else None,
            "paused_until": offer.paused_until if offer else None,
            "pause_note": offer.pause_note if offer else "",
            "free_places": selectors.free_places(enrollment=enrollment),
        }
        return Response(self.output(data, AvailabilitySerializer))


class AvailabilityView(MentorAvailabilityView):
    @extend_schema(
        summary="Your availability as a mentor of this program",
        responses=reading(AvailabilitySerializer, forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        return self.availability(program_id)


class PauseView(MentorAvailabilityView):
    @extend_schema(
        summary="Pause: leave recommendations and match runs until you resume",
        request=PauseSerializer,
        responses=writing(AvailabilitySerializer),
    )
    def post(self, request: Request, program_id: int) -> Response:
        enrollment = access_availability(user=self.user, program_id=program_id, to="pause").obj
        data = self.input(PauseSerializer)
        mentor_pause(
            program=enrollment.program, mentor=self.user, until=data["until"], note=data["note"]
        )
        return self.availability(program_id)


class ResumeView(MentorAvailabilityView):
    @extend_schema(
        summary="Resume: be recommended again",
        request=None,
        responses=writing(AvailabilitySerializer, bad_request=False),
    )
    def post(self, request: Request, program_id: int) -> Response:
        enrollment = access_availability(user=self.user, program_id=program_id, to="pause").obj
        mentor_resume(program=enrollment.program, mentor=self.user)
        return self.availability(program_id)
