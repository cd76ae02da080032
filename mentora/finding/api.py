"""REST API for self-service finding: the same rules as the pages.

A mentee of a self-service program reads recommendations and mentors' pages, keeps bookmarks and
a private checklist, and sends requests; the mentor answers them. Everyone else gets 404. The
private checklist and note are only ever returned to their author: the endpoint reads the
signed-in person's own, and no other endpoint includes them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.finding import selectors, services
from mentora.finding.models import (
    CHOICE_QUESTIONS,
    MESSAGE_MAX,
    Bookmark,
    ChecklistAnswer,
    MentorRequest,
    RequestMessage,
    RequestStatus,
)
from mentora.finding.ranking import rank_mentors
from mentora.finding.recommendations import MAX_PER_PAGE, PER_PAGE, Filters, recommendation_page
from mentora.finding.services import NOTE_MAX, PAUSE_NOTE_MAX
from mentora.lib.api import ApiView, ListApiView
from mentora.profiles.choices import INDUSTRIES, JOB_FUNCTIONS, MeetingFormat
from mentora.programs.models import Enrollment, Program

# ---------------------------------------------------------------------------------------------
# Serializers


class RequestPartySerializer(serializers.Serializer[User]):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True)


class RecommendationFilters(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, max_length=100, help_text="Name, headline or skill.")
    skill = serializers.IntegerField(required=False, min_value=1, help_text="A skill id.")
    industry = serializers.CharField(required=False, max_length=40)
    job_function = serializers.CharField(required=False, max_length=40)
    language = serializers.CharField(required=False, max_length=12, help_text="ISO 639-1 code.")
    meeting_format = serializers.CharField(
        required=False, max_length=20, help_text="video, phone or in_person."
    )
    all_mentors = serializers.BooleanField(
        required=False, default=False, help_text="Also list mentors with no free place."
    )
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PER_PAGE, default=PER_PAGE
    )

    def _known(self, value: str, known: list[str], field: str) -> str:
        if value and value not in known:
            raise serializers.ValidationError(
                f"{value!r} is not a {field}; use one of {', '.join(known)}."
            )
        return value

    def validate_industry(self, value: str) -> str:
        return self._known(value, [k for k, _ in INDUSTRIES], "industry")

    def validate_job_function(self, value: str) -> str:
        return self._known(value, [k for k, _ in JOB_FUNCTIONS], "job function")

    def validate_meeting_format(self, value: str) -> str:
        return self._known(value, list(MeetingFormat.values), "meeting format")


class MentorCardSerializer(serializers.Serializer[Any]):
    mentor_id = serializers.IntegerField()
    name = serializers.CharField()
    headline = serializers.CharField()
    job_title = serializers.CharField()
    organisation = serializers.CharField()
    industry = serializers.CharField()
    job_function = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    meeting_formats = serializers.ListField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    hours_per_month = serializers.IntegerField(allow_null=True)
    has_room = serializers.BooleanField(help_text="False when the mentor has no free place.")
    score = serializers.FloatField(help_text="0-100: how well the mentor fits you.")
    reasons = serializers.ListField(child=serializers.CharField())
    bookmarked = serializers.BooleanField()
    requested = serializers.BooleanField(help_text="You have an open request to them.")


class RecommendationPageSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField(source="total")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    wants_more = serializers.BooleanField(
        help_text="False when you already have all the mentors the program allows."
    )
    results = MentorCardSerializer(many=True, source="cards")


class ChoiceFactSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    question = serializers.CharField()
    facts = serializers.ListField(child=serializers.CharField())
    details = serializers.CharField()


class MentorProfileSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    display_name = serializers.CharField()
    pronouns = serializers.CharField()
    headline = serializers.CharField()
    bio = serializers.CharField()
    job_title = serializers.CharField()
    organisation = serializers.CharField()
    department = serializers.CharField()
    industry = serializers.CharField()
    job_function = serializers.CharField()
    years_experience = serializers.IntegerField(allow_null=True)
    languages = serializers.ListField(child=serializers.CharField())
    meeting_formats = serializers.ListField(child=serializers.CharField())
    timezone = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())
    focus_areas = serializers.ListField(child=serializers.CharField())
    motivation = serializers.CharField()
    hours_per_month = serializers.IntegerField(allow_null=True)
    free_places = serializers.IntegerField()
    paused = serializers.BooleanField()
    paused_until = serializers.DateField(allow_null=True)


class MentorDetailSerializer(serializers.Serializer[Any]):
    mentor = MentorProfileSerializer()
    score = serializers.FloatField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    questions = ChoiceFactSerializer(many=True, help_text="The five mentor-choice questions.")
    bookmarked = serializers.BooleanField()
    open_request = serializers.IntegerField(allow_null=True, help_text="Your open request's id.")


def _checklist_field(question: str) -> serializers.CharField:
    # A plain string (the service checks it): five identical choice sets would each become an
    # enum of their own in the schema.
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10,
        help_text=f"{question} One of: {', '.join(ChecklistAnswer.values)}, or empty.",
    )


class ChecklistSerializer(serializers.Serializer[Any]):
    """Your own private answers (yes, not_sure, no or empty) and note; nobody else sees them."""

    passion = _checklist_field(CHOICE_QUESTIONS[0][1])
    feedback = _checklist_field(CHOICE_QUESTIONS[1][1])
    knowledge = _checklist_field(CHOICE_QUESTIONS[2][1])
    time = _checklist_field(CHOICE_QUESTIONS[3][1])
    proximity = _checklist_field(CHOICE_QUESTIONS[4][1])
    note = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)


class BookmarkSerializer(serializers.ModelSerializer[Bookmark]):
    mentor = RequestPartySerializer(read_only=True)

    class Meta:
        model = Bookmark
        fields = ["mentor", "created_at"]
        read_only_fields = fields


class BookmarkCreateSerializer(serializers.Serializer[Any]):
    mentor = serializers.IntegerField(min_value=1, help_text="The mentor's user id.")


class RequestMessageSerializer(serializers.ModelSerializer[RequestMessage]):
    author = RequestPartySerializer(read_only=True)

    class Meta:
        model = RequestMessage
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class MentorRequestSerializer(serializers.ModelSerializer[MentorRequest]):
    mentor = RequestPartySerializer(read_only=True)
    mentee = RequestPartySerializer(read_only=True)
    program = serializers.IntegerField(source="program_id", read_only=True)
    request_status = serializers.CharField(
        source="status", read_only=True, help_text=", ".join(RequestStatus.values)
    )
    request_close_reason = serializers.CharField(
        source="close_reason",
        read_only=True,
        help_text="Why it is closed: accepted, declined, mentor_full, withdrawn, "
        "mentee_at_limit or expired.",
    )
    relationship = serializers.IntegerField(
        source="relationship_id", read_only=True, allow_null=True
    )

    class Meta:
        model = MentorRequest
        fields = [
            "id",
            "program",
            "mentor",
            "mentee",
            "message",
            "request_status",
            "request_close_reason",
            "decline_reason",
            "created_at",
            "expires_at",
            "first_response_at",
            "closed_at",
            "relationship",
        ]
        read_only_fields = fields


class MentorRequestDetailSerializer(MentorRequestSerializer):
    messages = RequestMessageSerializer(many=True, read_only=True)

    class Meta(MentorRequestSerializer.Meta):
        fields = [*MentorRequestSerializer.Meta.fields, "messages"]
        read_only_fields = fields


class RequestCreateSerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField(min_value=1)
    mentor = serializers.IntegerField(min_value=1, help_text="The mentor's user id.")
    message = serializers.CharField(max_length=MESSAGE_MAX, help_text="Your goals, in your words.")


class RequestFilters(serializers.Serializer[Any]):
    role = serializers.ChoiceField(
        choices=[("mentee", "Requests I sent"), ("mentor", "Requests to me")],
        required=False,
        help_text="mentee: requests you sent; mentor: requests to you; both when absent.",
    )
    open = serializers.BooleanField(required=False, allow_null=True, default=None)


class DeclineSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=MESSAGE_MAX, default=""
    )


class MessageSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=MESSAGE_MAX)


class AvailabilitySerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField()
    paused = serializers.BooleanField()
    paused_at = serializers.DateTimeField(allow_null=True)
    paused_until = serializers.DateField(allow_null=True)
    pause_note = serializers.CharField()
    free_places = serializers.IntegerField()


class PauseSerializer(serializers.Serializer[Any]):
    until = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Resume after this day."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=PAUSE_NOTE_MAX, default=""
    )


# ---------------------------------------------------------------------------------------------
# Recommendations, a mentor's page, the checklist, bookmarks


class FindingView(ApiView[Any]):
    """A view under /finding/{program_id}/: only for the program's active mentees."""

    def program(self, program_id: int) -> Program:
        return selectors.get_finding_program_for_mentee(user=self.user, program_id=program_id)

    def mentor_enrollment(self, program: Program, mentor_id: int) -> Enrollment:
        return selectors.get_mentor_enrollment_for_mentee(
            user=self.user, program=program, mentor_id=mentor_id
        )


class RecommendationsView(FindingView):
    serializer_class = RecommendationPageSerializer

    @extend_schema(
        summary="Mentors recommended to you, best first, with reasons; filters and search",
        parameters=[RecommendationFilters],
        responses={200: RecommendationPageSerializer},
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = self.program(program_id)
        filters = self.query_filters(RecommendationFilters)
        page = recommendation_page(
            program=program,
            mentee=self.user,
            filters=Filters(
                skill=filters.get("skill"),
                industry=filters.get("industry", ""),
                job_function=filters.get("job_function", ""),
                language=filters.get("language", ""),
                meeting_format=filters.get("meeting_format", ""),
                has_room=not filters["all_mentors"],
                q=filters.get("q", "").strip(),
            ),
            page=filters["page"],
            per_page=filters["page_size"],
        )
        return Response(RecommendationPageSerializer(page).data)


class MentorDetailView(FindingView):
    serializer_class = MentorDetailSerializer

    @extend_schema(summary="A mentor's page for you: profile, fit, and the five questions")
    def get(self, request: Request, program_id: int, mentor_id: int) -> Response:
        program = self.program(program_id)
        enrollment = self.mentor_enrollment(program, mentor_id)
        mentor = enrollment.user
        profile = mentor.profile
        offer = getattr(enrollment, "mentor_offer", None)
        ranking = rank_mentors(program=program, mentee=self.user)
        ranked = {m.mentor_id: m for m in ranking.mentors}.get(mentor.pk)
        explanation = ranking.explain([mentor.pk]).get(mentor.pk)
        reasons = tuple(explanation.reasons) if explanation is not None else ()
        open_request = selectors.open_request_between(
            program=program, mentee=self.user, mentor=mentor
        )
        data = {
            "mentor": {
                "id": mentor.pk,
                "display_name": profile.display_name,
                "pronouns": profile.pronouns,
                "headline": profile.headline,
                "bio": profile.bio,
                "job_title": profile.job_title,
                "organisation": profile.organisation,
                "department": profile.department,
                "industry": profile.industry,
                "job_function": profile.job_function,
                "years_experience": profile.years_experience,
                "languages": profile.languages,
                "meeting_formats": profile.meeting_formats,
                "timezone": profile.timezone,
                "skills": [s.name for s in offer.skills.order_by("name")] if offer else [],
                "focus_areas": offer.focus_areas if offer else [],
                "motivation": offer.motivation if offer else "",
                "hours_per_month": offer.hours_per_month if offer else None,
                "free_places": selectors.free_places(enrollment=enrollment),
                "paused": bool(offer and offer.is_paused),
                "paused_until": offer.paused_until if offer else None,
            },
            "score": ranked.score if ranked is not None else None,
            "reasons": list(reasons),
            "questions": [
                {"key": f.key, "question": f.question, "facts": f.facts, "details": f.details}
                for f in selectors.mentor_choice_facts(
                    program=program, mentor_enrollment=enrollment, mentee=self.user, reasons=reasons
                )
            ],
            "bookmarked": mentor.pk in selectors.bookmarked_ids(user=self.user, program=program),
            "open_request": open_request.pk if open_request else None,
        }
        return Response(MentorDetailSerializer(data).data)


class ChecklistView(FindingView):
    serializer_class = ChecklistSerializer

    def _output(self, program: Program, mentor: User) -> dict[str, Any]:
        mine = selectors.consideration_for(user=self.user, program=program, mentor=mentor)
        data: dict[str, Any] = {name: getattr(mine, name, "") for name, _ in CHOICE_QUESTIONS}
        data["note"] = mine.note if mine else ""
        data["updated_at"] = mine.updated_at if mine else None
        return dict(ChecklistSerializer(data).data)

    @extend_schema(summary="Your private checklist answers and note about this mentor")
    def get(self, request: Request, program_id: int, mentor_id: int) -> Response:
        program = self.program(program_id)
        return Response(self._output(program, self.mentor_enrollment(program, mentor_id).user))

    @extend_schema(summary="Save your private checklist answers and note (only you see them)")
    def put(self, request: Request, program_id: int, mentor_id: int) -> Response:
        program = self.program(program_id)
        mentor = self.mentor_enrollment(program, mentor_id).user
        data = self.input(ChecklistSerializer)
        current = selectors.consideration_for(user=self.user, program=program, mentor=mentor)
        services.consideration_update(
            program=program,
            mentee=self.user,
            mentor=mentor,
            answers={
                name: data.get(name, getattr(current, name, "")) for name, _ in CHOICE_QUESTIONS
            },
            note=data.get("note", current.note if current else ""),
        )
        return Response(self._output(program, mentor))


class BookmarkListView(FindingView, ListApiView[Bookmark]):
    serializer_class = BookmarkSerializer

    def get_queryset(self) -> QuerySet[Bookmark]:
        if self.describing_schema:
            return Bookmark.objects.none()
        program = self.program(self.kwargs["program_id"])
        return selectors.bookmarks_of(user=self.user, program=program)

    @extend_schema(summary="The mentors you bookmarked in this program")
    def get(self, request: Request, program_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Bookmark a mentor",
        request=BookmarkCreateSerializer,
        responses={201: BookmarkSerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = self.program(program_id)
        mentor = self.mentor_enrollment(
            program, self.input(BookmarkCreateSerializer)["mentor"]
        ).user
        services.bookmark_set(program=program, mentee=self.user, mentor=mentor, on=True)
        bookmark = selectors.bookmarks_of(user=self.user, program=program).get(mentor=mentor)
        return Response(self.output(bookmark, BookmarkSerializer), status=status.HTTP_201_CREATED)


class BookmarkDetailView(FindingView):
    serializer_class = BookmarkSerializer

    @extend_schema(summary="Remove a bookmark", responses={204: None})
    def delete(self, request: Request, program_id: int, mentor_id: int) -> Response:
        program = self.program(program_id)
        mentor = self.mentor_enrollment(program, mentor_id).user
        services.bookmark_set(program=program, mentee=self.user, mentor=mentor, on=False)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------------------------------------
# Requests


class RequestListView(ListApiView[MentorRequest]):
    serializer_class = MentorRequestSerializer

    def get_queryset(self) -> QuerySet[MentorRequest]:
        if self.describing_schema:
            return MentorRequest.objects.none()
        filters = self.query_filters(RequestFilters)
        sent = selectors.requests_sent(user=self.user)
        received = selectors.requests_received(user=self.user)
        role = filters.get("role")
        if role == "mentee":
            requests = sent
        elif role == "mentor":
            requests = received
        else:
            requests = sent | received
        if filters.get("open") is not None:
            requests = (
                requests.filter(status=RequestStatus.PENDING)
                if filters["open"]
                else requests.exclude(status=RequestStatus.PENDING)
            )
        return requests.order_by("-created_at", "-pk")

    @extend_schema(
        summary="Your requests: sent as a mentee and received as a mentor",
        parameters=[RequestFilters],
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Ask a mentor of your program, with a message about your goals",
        request=RequestCreateSerializer,
        responses={201: MentorRequestDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        incoming = RequestCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        program = selectors.get_finding_program_for_mentee(
            user=self.user, program_id=data["program"]
        )
        enrollment = selectors.mentor_enrollments_qs(program=program).filter(user_id=data["mentor"])
        mentor = User.objects.filter(pk__in=enrollment.values("user_id")).first()
        if mentor is None:
            raise serializers.ValidationError({"mentor": "No such mentor in this program."})
        created = services.request_create(
            program=program, mentee=self.user, mentor=mentor, message=data["message"]
        )
        return Response(
            self.output(created, MentorRequestDetailSerializer), status=status.HTTP_201_CREATED
        )


class RequestView(ApiView[MentorRequest]):
    """A view under /mentor-requests/{request_id}/: only for its mentee and its mentor."""

    serializer_class = MentorRequestDetailSerializer

    def mentor_request(self, request_id: int) -> MentorRequest:
        return selectors.get_request_for_party(user=self.user, request_id=request_id)

    def detail(self, mentor_request: MentorRequest) -> Response:
        mentor_request.refresh_from_db()
        return Response(self.output(mentor_request, MentorRequestDetailSerializer))


class RequestDetailView(RequestView):
    @extend_schema(summary="A request with its exchange of messages")
    def get(self, request: Request, request_id: int) -> Response:
        return self.detail(self.mentor_request(request_id))


class RequestAcceptView(RequestView):
    @extend_schema(
        summary="Accept (the mentor): the relationship starts, within your capacity",
        description="When your places filled up meanwhile, the request is declined for you "
        "as full and a 400 says so.",
        request=None,
        responses={200: MentorRequestDetailSerializer},
    )
    def post(self, request: Request, request_id: int) -> Response:
        answered = services.request_accept(request=self.mentor_request(request_id), by=self.user)
        if answered.status != RequestStatus.ACCEPTED:
            message = (
                "Your places are all taken: the request was declined for you."
                if answered.close_reason == "mentor_full"
                else "They already have all the mentors the program allows: "
                "the request was withdrawn."
            )
            raise serializers.ValidationError({"request": [message]})
        return self.detail(answered)


class RequestDeclineView(RequestView):
    @extend_schema(
        summary="Decline (the mentor), with an optional reason; they get a kind message",
        request=DeclineSerializer,
        responses={200: MentorRequestDetailSerializer},
    )
    def post(self, request: Request, request_id: int) -> Response:
        incoming = DeclineSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        answered = services.request_decline(
            request=self.mentor_request(request_id),
            by=self.user,
            reason=incoming.validated_data["reason"],
        )
        return self.detail(answered)


class RequestWithdrawView(RequestView):
    @extend_schema(
        summary="Withdraw your request (the mentee)",
        request=None,
        responses={200: MentorRequestDetailSerializer},
    )
    def post(self, request: Request, request_id: int) -> Response:
        withdrawn = services.request_withdraw(request=self.mentor_request(request_id), by=self.user)
        return self.detail(withdrawn)


class RequestMessagesView(RequestView):
    @extend_schema(
        summary="Ask for more information (the mentor) or reply (either); the request stays open",
        request=MessageSerializer,
        responses={201: MentorRequestDetailSerializer},
    )
    def post(self, request: Request, request_id: int) -> Response:
        mentor_request = self.mentor_request(request_id)
        incoming = MessageSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.request_message_add(
            request=mentor_request, by=self.user, text=incoming.validated_data["text"]
        )
        response = self.detail(mentor_request)
        response.status_code = status.HTTP_201_CREATED
        return response


# ---------------------------------------------------------------------------------------------
# A mentor's pause


class MentorAvailabilityView(ApiView[Any]):
    """A view under /finding/{program_id}/availability/: only for the program's mentors."""

    serializer_class = AvailabilitySerializer

    def enrollment(self, program_id: int) -> Enrollment:
        return selectors.get_mentor_enrollment_of(user=self.user, program_id=program_id)

    def output_for(self, enrollment: Enrollment) -> Response:
        enrollment = selectors.get_mentor_enrollment_of(
            user=self.user, program_id=enrollment.program_id
        )
        offer = getattr(enrollment, "mentor_offer", None)
        data = {
            "program": enrollment.program_id,
            "paused": bool(offer and offer.is_paused),
            "paused_at": offer.paused_at if offer else None,
            "paused_until": offer.paused_until if offer else None,
            "pause_note": offer.pause_note if offer else "",
            "free_places": selectors.free_places(enrollment=enrollment),
        }
        return Response(AvailabilitySerializer(data).data)


class AvailabilityView(MentorAvailabilityView):
    @extend_schema(summary="Your availability as a mentor of this program")
    def get(self, request: Request, program_id: int) -> Response:
        return self.output_for(self.enrollment(program_id))


class PauseView(MentorAvailabilityView):
    @extend_schema(
        summary="Pause: leave recommendations and match runs until you resume",
        request=PauseSerializer,
        responses={200: AvailabilitySerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        enrollment = self.enrollment(program_id)
        incoming = PauseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.mentor_pause(
            program=enrollment.program,
            mentor=self.user,
            until=incoming.validated_data["until"],
            note=incoming.validated_data["note"],
        )
        return self.output_for(enrollment)


class ResumeView(MentorAvailabilityView):
    @extend_schema(
        summary="Resume: be recommended again",
        request=None,
        responses={200: AvailabilitySerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        enrollment = self.enrollment(program_id)
        services.mentor_resume(program=enrollment.program, mentor=self.user)
        return self.output_for(enrollment)
