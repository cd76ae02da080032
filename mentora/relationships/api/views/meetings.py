"""Meetings: schedule, read, record, reschedule and cancel them, and one's own private note."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api_responses import reading, writing
from mentora.relationships import services
from mentora.relationships.access import access_meeting
from mentora.relationships.api.serializers import (
    MeetingCreateSerializer,
    MeetingRecordSerializer,
    MeetingRescheduleSerializer,
    MeetingSerializer,
    PrivateNoteSerializer,
)
from mentora.relationships.api.views.common import RelationshipView
from mentora.relationships.models import Meeting


class MeetingListView(RelationshipView[Meeting]):
    serializer_class = MeetingSerializer

    @extend_schema(
        summary="The relationship's meetings",
        responses=reading(MeetingSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        meetings = self.relationship(relationship_id).meetings.all()
        return Response(
            MeetingSerializer(meetings, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Schedule a meeting; both get the .ics invitation by email",
        request=MeetingCreateSerializer,
        responses=writing(MeetingSerializer, status=201),
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        meeting = services.meeting_schedule(
            relationship=self.relationship(relationship_id),
            by=self.user,
            **self.input(MeetingCreateSerializer),
        )
        return Response(self.output(meeting, MeetingSerializer), status=status.HTTP_201_CREATED)


class MeetingView(RelationshipView[Meeting]):
    serializer_class = MeetingSerializer

    def meeting(self, relationship_id: int, meeting_id: int) -> Meeting:
        return access_meeting(
            user=self.user, relationship_id=relationship_id, meeting_id=meeting_id
        ).obj


class MeetingDetailView(MeetingView):
    @extend_schema(
        summary="A meeting, with your own private note",
        responses=reading(MeetingSerializer, forbidden=True),
    )
    def get(self, request: Request, relationship_id: int, meeting_id: int) -> Response:
        return Response(self.output(self.meeting(relationship_id, meeting_id), MeetingSerializer))

    @extend_schema(
        summary="Write the agenda, shared notes and attendance",
        request=MeetingRecordSerializer,
        responses=writing(MeetingSerializer),
    )
    def put(self, request: Request, relationship_id: int, meeting_id: int) -> Response:
        meeting = services.meeting_record(
            meeting=self.meeting(relationship_id, meeting_id),
            by=self.user,
            **self.input(MeetingRecordSerializer),
        )
        return Response(self.output(meeting, MeetingSerializer))


class MeetingRescheduleView(MeetingView):
    @extend_schema(
        summary="Move a meeting (same UID, SEQUENCE + 1)",
        request=MeetingRescheduleSerializer,
        responses=writing(MeetingSerializer),
    )
    def post(self, request: Request, relationship_id: int, meeting_id: int) -> Response:
        meeting = services.meeting_reschedule(
            meeting=self.meeting(relationship_id, meeting_id),
            by=self.user,
            **self.input(MeetingRescheduleSerializer),
        )
        return Response(self.output(meeting, MeetingSerializer))


class MeetingCancelView(MeetingView):
    @extend_schema(
        summary="Cancel a meeting (METHOD:CANCEL)",
        request=None,
        responses=writing(MeetingSerializer, bad_request=False),
    )
    def post(self, request: Request, relationship_id: int, meeting_id: int) -> Response:
        meeting = services.meeting_cancel(
            meeting=self.meeting(relationship_id, meeting_id), by=self.user
        )
        return Response(self.output(meeting, MeetingSerializer))


class PrivateNoteView(MeetingView):
    @extend_schema(
        summary="Write your own private note on a meeting (only you can ever read it)",
        request=PrivateNoteSerializer,
        responses=writing(MeetingSerializer),
    )
    def put(self, request: Request, relationship_id: int, meeting_id: int) -> Response:
        meeting = self.meeting(relationship_id, meeting_id)
        services.private_note_save(
            meeting=meeting, author=self.user, **self.input(PrivateNoteSerializer)
        )
        return Response(self.output(meeting, MeetingSerializer))
