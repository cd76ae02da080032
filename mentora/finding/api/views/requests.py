"""Requests: asking a mentor, reading a request, and every answer to it."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.finding import selectors, services
from mentora.finding.access import access_finding, access_request
from mentora.finding.api.serializers import (
    DeclineSerializer,
    MentorRequestDetailSerializer,
    MentorRequestSerializer,
    MessageSerializer,
    RequestCreateSerializer,
    RequestFilters,
)
from mentora.finding.models import CloseReason, MentorRequest, RequestStatus
from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import reading, writing


class RequestListView(ListApiView[MentorRequest]):
    serializer_class = MentorRequestSerializer

    def get_queryset(self) -> QuerySet[MentorRequest]:
        if self.describing_schema:
            return MentorRequest.objects.none()
        filters = self.query_filters(RequestFilters)
        return selectors.requests_for(
            user=self.user, role=filters.get("role"), waiting=filters.get("open")
        )

    @extend_schema(
        summary="Your requests: sent as a mentee and received as a mentor",
        parameters=[RequestFilters],
        responses=reading(MentorRequestSerializer(many=True), bad_request=True, forbidden=True),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Ask a mentor of your program, with a message about your goals",
        request=RequestCreateSerializer,
        responses=writing(MentorRequestDetailSerializer, status=201),
    )
    def post(self, request: Request) -> Response:
        data = self.input(RequestCreateSerializer)
        program = access_finding(user=self.user, program_id=data["program"]).obj
        mentor = (
            selectors.mentor_enrollments_qs(program=program)
            .filter(user_id=data["mentor"])
            .select_related("user")
            .first()
        )
        if mentor is None:
            raise serializers.ValidationError({"mentor": "No such mentor in this program."})
        created = services.request_create(
            program=program, mentee=self.user, mentor=mentor.user, message=data["message"]
        )
        return Response(
            self.output(created, MentorRequestDetailSerializer), status=status.HTTP_201_CREATED
        )


class RequestView(ApiView[MentorRequest]):
    """A view under /mentor-requests/{request_id}/: only for its mentee and its mentor."""

    serializer_class = MentorRequestDetailSerializer

    def mentor_request(self, request_id: int, *, to: str = "view") -> MentorRequest:
        return access_request(user=self.user, request_id=request_id, to=to).obj

    def detail(self, mentor_request: MentorRequest) -> Response:
        mentor_request.refresh_from_db()
        return Response(self.output(mentor_request, MentorRequestDetailSerializer))


class RequestDetailView(RequestView):
    @extend_schema(
        summary="A request with its exchange of messages",
        responses=reading(MentorRequestDetailSerializer, forbidden=True),
    )
    def get(self, request: Request, request_id: int) -> Response:
        return self.detail(self.mentor_request(request_id))


class RequestAcceptView(RequestView):
    @extend_schema(
        summary="Accept (the mentor): the relationship starts, within your capacity",
        description="When your places filled up meanwhile, the request is declined for you "
        "as full and a 400 says so.",
        request=None,
        responses=writing(MentorRequestDetailSerializer),
    )
    def post(self, request: Request, request_id: int) -> Response:
        answered = services.request_accept(
            request=self.mentor_request(request_id, to="accept"), by=self.user
        )
        if answered.status != RequestStatus.ACCEPTED:
            message = (
                "Your places are all taken: the request was declined for you."
                if answered.close_reason == CloseReason.MENTOR_FULL
                else "They already have all the mentors the program allows: "
                "the request was withdrawn."
            )
            raise serializers.ValidationError({"request": [message]})
        return self.detail(answered)


class RequestDeclineView(RequestView):
    @extend_schema(
        summary="Decline (the mentor), with an optional reason; they get a kind message",
        request=DeclineSerializer,
        responses=writing(MentorRequestDetailSerializer),
    )
    def post(self, request: Request, request_id: int) -> Response:
        mentor_request = self.mentor_request(request_id, to="decline")
        data = self.input(DeclineSerializer)
        answered = services.request_decline(
            request=mentor_request, by=self.user, reason=data["reason"]
        )
        return self.detail(answered)


class RequestWithdrawView(RequestView):
    @extend_schema(
        summary="Withdraw your request (the mentee)",
        request=None,
        responses=writing(MentorRequestDetailSerializer),
    )
    def post(self, request: Request, request_id: int) -> Response:
        withdrawn = services.request_withdraw(
            request=self.mentor_request(request_id, to="withdraw"), by=self.user
        )
        return self.detail(withdrawn)


class RequestMessagesView(RequestView):
    @extend_schema(
        summary="Ask for more information (the mentor) or reply (either); the request stays open",
        request=MessageSerializer,
        responses=writing(MentorRequestDetailSerializer, status=201),
    )
    def post(self, request: Request, request_id: int) -> Response:
        mentor_request = self.mentor_request(request_id, to="message")
        data = self.input(MessageSerializer)
        services.request_message_add(request=mentor_request, by=self.user, text=data["text"])
        response = self.detail(mentor_request)
        response.status_code = status.HTTP_201_CREATED
        return response
