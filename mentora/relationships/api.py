"""REST API for relationships: the same rules as the pages.

The two people read and write what they share. Managers of the program list and read a
relationship's stage, dates and activity counts, end it early and decide unanswered separation
proposals; every content endpoint answers 404 to them. A private note is only ever returned to
its author, through the meeting's `my_private_note` field.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.lib.api import ApiView, ListApiView
from mentora.profiles.choices import Cadence, FocusArea
from mentora.programs.selectors import get_program_for_user
from mentora.relationships import selectors, services
from mentora.relationships.models import (
    Agreement,
    Goal,
    Lesson,
    Meeting,
    Question,
    RedefinitionTerms,
    Relationship,
    RelationshipEvent,
    Reply,
    Resource,
    SeparationProposal,
    Stage,
)

# ---------------------------------------------------------------------------------------------
# Serializers


class ParticipantSerializer(serializers.Serializer[User]):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True)


class RelationshipSerializer(serializers.ModelSerializer[Relationship]):
    mentor = ParticipantSerializer(read_only=True)
    mentee = ParticipantSerializer(read_only=True)
    program = serializers.IntegerField(source="program_id", read_only=True)
    my_role = serializers.SerializerMethodField(
        help_text="mentor, mentee or manager: what you are to this relationship."
    )

    class Meta:
        model = Relationship
        fields = [
            "id",
            "program",
            "mentor",
            "mentee",
            "kind",
            "origin",
            "stage",
            "my_role",
            "created_at",
            "stage_changed_at",
            "last_activity_at",
            "ended_at",
        ]
        read_only_fields = fields

    def get_my_role(self, relationship: Relationship) -> str:
        user = self.context["request"].user
        return selectors.role_of(relationship=relationship, user=user) or ""


class ActivitySerializer(serializers.Serializer[Any]):
    meetings_held = serializers.IntegerField()
    meetings_upcoming = serializers.IntegerField()
    meetings_cancelled = serializers.IntegerField()
    goals = serializers.IntegerField()
    goals_met = serializers.IntegerField()
    questions = serializers.IntegerField()
    lessons = serializers.IntegerField()
    resources = serializers.IntegerField()


class RelationshipDetailSerializer(RelationshipSerializer):
    activity = serializers.SerializerMethodField()
    ended_reason = serializers.SerializerMethodField(help_text="Only for the two people.")
    career_goals = serializers.SerializerMethodField(help_text="Only for the two people.")
    why_this_mentor = serializers.SerializerMethodField(help_text="Only for the two people.")

    class Meta(RelationshipSerializer.Meta):
        fields = [
            *RelationshipSerializer.Meta.fields,
            "separation_notice_days",
            "activity",
            "ended_reason",
            "career_goals",
            "why_this_mentor",
        ]
        read_only_fields = fields

    def _party(self, relationship: Relationship) -> bool:
        role = selectors.role_of(relationship=relationship, user=self.context["request"].user)
        return role in {selectors.MENTOR, selectors.MENTEE}

    @extend_schema_field(ActivitySerializer)
    def get_activity(self, relationship: Relationship) -> dict[str, int]:
        return selectors.activity_counts(relationship=relationship)

    def get_ended_reason(self, relationship: Relationship) -> str:
        return relationship.ended_reason if self._party(relationship) else ""

    def get_career_goals(self, relationship: Relationship) -> str:
        return relationship.career_goals if self._party(relationship) else ""

    def get_why_this_mentor(self, relationship: Relationship) -> str:
        return relationship.why_this_mentor if self._party(relationship) else ""


class PairSerializer(serializers.Serializer[Any]):
    program = serializers.IntegerField(min_value=1)
    mentor = serializers.IntegerField(min_value=1, help_text="The mentor's user id.")
    mentee = serializers.IntegerField(min_value=1, help_text="The mentee's user id.")


class AdvanceSerializer(serializers.Serializer[Any]):
    to_stage = serializers.CharField(
        max_length=20, help_text="The stage to move to: " + ", ".join(Stage.values) + "."
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class EventSerializer(serializers.ModelSerializer[RelationshipEvent]):
    actor = ParticipantSerializer(read_only=True)
    from_stage = serializers.CharField(read_only=True, help_text="Empty for the first event.")
    to_stage = serializers.CharField(read_only=True)
    note = serializers.SerializerMethodField(help_text="Empty for managers.")

    class Meta:
        model = RelationshipEvent
        fields = ["id", "created_at", "actor", "from_stage", "to_stage", "note"]
        read_only_fields = fields

    def get_note(self, event: RelationshipEvent) -> str:
        return event.note if self.context.get("is_party") else ""


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    focus_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=FocusArea.choices), required=False
    )
    meeting_cadence = serializers.ChoiceField(choices=Cadence.choices, required=False)

    class Meta:
        model = Agreement
        fields = [
            "goals",
            "focus_areas",
            "meeting_cadence",
            "channel",
            "confidentiality",
            "expected_duration_weeks",
            "feedback",
            "ending",
            "version",
            "mentor_confirmed_at",
            "mentee_confirmed_at",
            "updated_at",
        ]
        read_only_fields = [
            "version",
            "mentor_confirmed_at",
            "mentee_confirmed_at",
            "updated_at",
        ]


class AcquaintanceSerializer(serializers.Serializer[Any]):
    career_goals = serializers.CharField(allow_blank=True, max_length=10_000)
    why_this_mentor = serializers.CharField(allow_blank=True, max_length=10_000)


class MilestoneSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    due_on = serializers.DateField(read_only=True, allow_null=True)
    done_at = serializers.DateTimeField(read_only=True, allow_null=True)


class GoalSerializer(serializers.ModelSerializer[Goal]):
    owner = ParticipantSerializer(read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    is_met = serializers.BooleanField(read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "description",
            "owner",
            "due_on",
            "progress",
            "target_value",
            "current_value",
            "unit",
            "is_met",
            "met_at",
            "milestones",
            "updated_at",
        ]
        read_only_fields = fields


class GoalCreateSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.ChoiceField(choices=["mentor", "mentee"], default="mentee")
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    target_value = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    milestones = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, default=list
    )


class GoalProgressSerializer(serializers.Serializer[Any]):
    progress = serializers.IntegerField(required=False, min_value=0, max_value=100)
    current_value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    meeting_status = serializers.CharField(source="status", read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    my_private_note = serializers.SerializerMethodField(
        help_text="Your own private note; nobody else's is ever returned."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "uid",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "location",
            "agenda",
            "meeting_status",
            "sequence",
            "shared_notes",
            "mentor_attended",
            "mentee_attended",
            "my_private_note",
        ]
        read_only_fields = fields

    def get_my_private_note(self, meeting: Meeting) -> str:
        note = selectors.private_note_for(meeting=meeting, user=self.context["request"].user)
        return note.text if note else ""


class MeetingCreateSerializer(serializers.Serializer[Any]):
    starts_at = serializers.DateTimeField(help_text="With a timezone offset, e.g. +01:00 or Z.")
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480, default=60)
    location = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    agenda = serializers.CharField(required=False, allow_blank=True, default="")


class MeetingRescheduleSerializer(serializers.Serializer[Any]):
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480, required=False)
    location = serializers.CharField(required=False, allow_blank=True, max_length=200)


class MeetingRecordSerializer(serializers.Serializer[Any]):
    agenda = serializers.CharField(required=False, allow_blank=True)
    shared_notes = serializers.CharField(required=False, allow_blank=True)
    mentor_attended = serializers.BooleanField(required=False, allow_null=True, default=None)
    mentee_attended = serializers.BooleanField(required=False, allow_null=True, default=None)


class PrivateNoteSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(allow_blank=True, help_text="Empty deletes your note.")


class ReplySerializer(serializers.ModelSerializer[Reply]):
    author = ParticipantSerializer(read_only=True)

    class Meta:
        model = Reply
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class PairQuestionSerializer(serializers.ModelSerializer[Question]):
    asked_by = ParticipantSerializer(read_only=True)
    replies = ReplySerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "text", "asked_by", "meeting", "created_at", "replies"]
        read_only_fields = ["id", "asked_by", "created_at", "replies"]
        extra_kwargs = {"meeting": {"required": False, "allow_null": True}}


class LessonSerializer(serializers.ModelSerializer[Lesson]):
    author = ParticipantSerializer(read_only=True)
    lesson_kind = serializers.CharField(
        source="kind", read_only=True, help_text="lesson_shared or skill_practised"
    )

    class Meta:
        model = Lesson
        fields = ["id", "lesson_kind", "author", "text", "goal", "created_at"]
        read_only_fields = ["id", "lesson_kind", "author", "created_at"]
        extra_kwargs = {"goal": {"required": False, "allow_null": True}}


class ResourceSerializer(serializers.ModelSerializer[Resource]):
    added_by = ParticipantSerializer(read_only=True)
    file = serializers.FileField(required=False, write_only=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = ["id", "title", "url", "file", "has_file", "size", "added_by", "created_at"]
        read_only_fields = ["id", "size", "added_by", "created_at", "has_file"]

    def get_has_file(self, resource: Resource) -> bool:
        return bool(resource.file)


class SeparationProposalSerializer(serializers.ModelSerializer[SeparationProposal]):
    proposed_by = ParticipantSerializer(read_only=True)
    proposal_status = serializers.CharField(source="status", read_only=True)

    class Meta:
        model = SeparationProposal
        fields = ["id", "proposed_by", "reflection", "proposal_status", "created_at", "resolved_at"]
        read_only_fields = ["id", "proposed_by", "proposal_status", "created_at", "resolved_at"]


class SeparationDecisionSerializer(serializers.Serializer[Any]):
    separate = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ClosingReflectionSerializer(serializers.Serializer[Any]):
    learned = serializers.CharField()
    application = serializers.CharField()


class RedefinitionSerializer(serializers.ModelSerializer[RedefinitionTerms]):
    class Meta:
        model = RedefinitionTerms
        fields = ["relation", "check_in_frequency", "expectations", "updated_at"]
        read_only_fields = ["updated_at"]


class AcknowledgmentSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=2000)
    is_public = serializers.BooleanField(read_only=True)


class PublicSerializer(serializers.Serializer[Any]):
    public = serializers.BooleanField()


# ---------------------------------------------------------------------------------------------
# Views


class RelationshipFilters(serializers.Serializer[Any]):
    program = serializers.IntegerField(required=False, min_value=1)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)


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
    )
    def get(self, request: Request) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Pair a mentor and a mentee (program managers)",
        request=PairSerializer,
        responses={201: RelationshipDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        data = PairSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program = get_program_for_user(user=self.user, program_id=data.validated_data["program"])
        people = {
            u.pk: u
            for u in User.objects.filter(
                pk__in=[data.validated_data["mentor"], data.validated_data["mentee"]]
            )
        }
        for role in ("mentor", "mentee"):
            if data.validated_data[role] not in people:
                raise serializers.ValidationError({role: "No such person."})
        relationship = services.relationship_create(
            program=program,
            mentor=people[data.validated_data["mentor"]],
            mentee=people[data.validated_data["mentee"]],
            created_by=self.user,
            origin=Relationship.Origin.MANAGER_PAIR,
        )
        return Response(
            self.output(relationship, RelationshipDetailSerializer), status=status.HTTP_201_CREATED
        )


class RelationshipView(ApiView[Relationship]):
    """A view under /relationships/{relationship_id}/."""

    serializer_class = RelationshipDetailSerializer
    parties_only = True

    def relationship(self, relationship_id: int) -> Relationship:
        if self.parties_only:
            return selectors.get_relationship_for_party(
                user=self.user, relationship_id=relationship_id
            )
        return selectors.get_relationship_for_user(user=self.user, relationship_id=relationship_id)


class RelationshipDetailView(RelationshipView):
    parties_only = False

    @extend_schema(summary="A relationship: stage, dates and activity counts")
    def get(self, request: Request, relationship_id: int) -> Response:
        return Response(
            self.output(self.relationship(relationship_id), RelationshipDetailSerializer)
        )


class RelationshipAdvanceView(RelationshipView):
    parties_only = False

    @extend_schema(
        summary="Move to another stage (ending needs a reason in `note`)",
        request=AdvanceSerializer,
        responses={200: RelationshipDetailSerializer},
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        data = self.input(AdvanceSerializer)
        if data["to_stage"] == Stage.INITIATION and relationship.stage == Stage.PENDING_ACCEPTANCE:
            relationship = services.relationship_accept(relationship=relationship, by=self.user)
        else:
            relationship = services.relationship_advance(
                relationship=relationship,
                to_stage=data["to_stage"],
                by=self.user,
                note=data["note"],
            )
        return Response(self.output(relationship, RelationshipDetailSerializer))


class RelationshipEventsView(RelationshipView):
    serializer_class = EventSerializer  # type: ignore[assignment]
    parties_only = False

    @extend_schema(
        summary="The timeline of stage changes", responses={200: EventSerializer(many=True)}
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        is_party = selectors.role_of(relationship=relationship, user=self.user) != selectors.MANAGER
        events = relationship.events.select_related("actor__profile")
        context = {**self.get_serializer_context(), "is_party": is_party}
        return Response(EventSerializer(events, many=True, context=context).data)


class AcquaintanceView(RelationshipView):
    serializer_class = AcquaintanceSerializer  # type: ignore[assignment]

    @extend_schema(summary="The mentee's career goals and why they chose this mentor")
    def put(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        services.acquaintance_update(
            relationship=relationship, by=self.user, **self.input(AcquaintanceSerializer)
        )
        return Response(self.output(relationship, AcquaintanceSerializer))


class AgreementView(RelationshipView):
    serializer_class = AgreementSerializer  # type: ignore[assignment]

    @extend_schema(summary="The mentoring agreement and who has confirmed it")
    def get(self, request: Request, relationship_id: int) -> Response:
        return Response(
            self.output(self.relationship(relationship_id).agreement, AgreementSerializer)
        )

    @extend_schema(summary="Change the agreement (clears both confirmations when it changes)")
    def put(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        incoming = AgreementSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        agreement = services.agreement_save(
            relationship=relationship, by=self.user, **incoming.validated_data
        )
        return Response(self.output(agreement, AgreementSerializer))


class AgreementConfirmView(RelationshipView):
    serializer_class = AgreementSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Confirm the agreement; the second confirmation starts cultivation",
        request=None,
        responses={200: AgreementSerializer},
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        agreement = services.agreement_confirm(
            relationship=self.relationship(relationship_id), by=self.user
        )
        return Response(self.output(agreement, AgreementSerializer))


class GoalListView(RelationshipView):
    serializer_class = GoalSerializer  # type: ignore[assignment]

    @extend_schema(summary="The relationship's goals", responses={200: GoalSerializer(many=True)})
    def get(self, request: Request, relationship_id: int) -> Response:
        goals = (
            self.relationship(relationship_id)
            .goals.select_related("owner__profile")
            .prefetch_related("milestones")
        )
        return Response(
            GoalSerializer(goals, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Add a goal (coaching: target_value, unit and due_on are required)",
        request=GoalCreateSerializer,
        responses={201: GoalSerializer},
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        data = self.input(GoalCreateSerializer)
        owner = relationship.mentor if data.pop("owner") == "mentor" else relationship.mentee
        goal = services.goal_create(relationship=relationship, by=self.user, owner=owner, **data)
        return Response(self.output(goal, GoalSerializer), status=status.HTTP_201_CREATED)


class GoalProgressView(RelationshipView):
    serializer_class = GoalSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Record progress: per cent, or the measured value of a measurable goal",
        request=GoalProgressSerializer,
        responses={200: GoalSerializer},
    )
    def post(self, request: Request, relationship_id: int, goal_id: int) -> Response:
        goal = self.relationship(relationship_id).goals.filter(pk=goal_id).first()
        if goal is None:
            raise Http404("No such goal.")
        data = self.input(GoalProgressSerializer)
        goal = services.goal_update_progress(
            goal=goal,
            by=self.user,
            progress=data.get("progress"),
            current_value=data.get("current_value"),
        )
        return Response(self.output(goal, GoalSerializer))


class MeetingListView(RelationshipView):
    serializer_class = MeetingSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="The relationship's meetings", responses={200: MeetingSerializer(many=True)}
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        meetings = self.relationship(relationship_id).meetings.all()
        return Response(
            MeetingSerializer(meetings, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Schedule a meeting; both get the .ics invitation by email",
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer},
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        meeting = services.meeting_schedule(
            relationship=self.relationship(relationship_id),
            by=self.user,
            **self.input(MeetingCreateSerializer),
        )
        return Response(self.output(meeting, MeetingSerializer), status=status.HTTP_201_CREATED)


class MeetingView(RelationshipView):
    serializer_class = MeetingSerializer  # type: ignore[assignment]

    def meeting(self, relationship_id: int, meeting_id: int) -> Meeting:
        meeting = self.relationship(relationship_id).meetings.filter(pk=meeting_id).first()
        if meeting is None:
            raise Http404("No such meeting.")
        return meeting


class MeetingDetailView(MeetingView):
    @extend_schema(summary="A meeting, with your own private note")
    def get(self, request: Request, relationship_id: int, meeting_id: int) -> Response:
        return Response(self.output(self.meeting(relationship_id, meeting_id), MeetingSerializer))

    @extend_schema(
        summary="Write the agenda, shared notes and attendance",
        request=MeetingRecordSerializer,
        responses={200: MeetingSerializer},
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
        responses={200: MeetingSerializer},
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
        summary="Cancel a meeting (METHOD:CANCEL)", request=None, responses={200: MeetingSerializer}
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
        responses={200: MeetingSerializer},
    )
    def put(self, request: Request, relationship_id: int, meeting_id: int) -> Response:
        meeting = self.meeting(relationship_id, meeting_id)
        services.private_note_save(
            meeting=meeting, author=self.user, **self.input(PrivateNoteSerializer)
        )
        return Response(self.output(meeting, MeetingSerializer))


class QuestionListView(RelationshipView):
    serializer_class = PairQuestionSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Questions with their threads", responses={200: PairQuestionSerializer(many=True)}
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        questions = (
            self.relationship(relationship_id)
            .questions.select_related("asked_by__profile")
            .prefetch_related("replies__author__profile")
        )
        return Response(
            PairQuestionSerializer(questions, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Ask (mentoring: the mentee) or prepare (coaching: the coach) a question",
        request=PairQuestionSerializer,
        responses={201: PairQuestionSerializer},
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        data = self.input(PairQuestionSerializer)
        meeting = data.get("meeting")
        question = services.question_ask(
            relationship=relationship, by=self.user, text=data["text"], meeting=meeting
        )
        return Response(
            self.output(question, PairQuestionSerializer), status=status.HTTP_201_CREATED
        )


class ReplyView(RelationshipView):
    serializer_class = ReplySerializer  # type: ignore[assignment]

    @extend_schema(summary="Answer in a question's thread", responses={201: ReplySerializer})
    def post(self, request: Request, relationship_id: int, question_id: int) -> Response:
        question = self.relationship(relationship_id).questions.filter(pk=question_id).first()
        if question is None:
            raise Http404("No such question.")
        reply = services.question_reply(
            question=question, by=self.user, **self.input(ReplySerializer)
        )
        return Response(self.output(reply, ReplySerializer), status=status.HTTP_201_CREATED)


class LessonListView(RelationshipView):
    serializer_class = LessonSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Lessons shared and skills practised", responses={200: LessonSerializer(many=True)}
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        lessons = self.relationship(relationship_id).lessons.select_related("author__profile")
        return Response(
            LessonSerializer(lessons, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Record a lesson (mentor) or a skill practised (mentee)",
        responses={201: LessonSerializer},
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        data = self.input(LessonSerializer)
        lesson = services.lesson_record(
            relationship=relationship, by=self.user, text=data["text"], goal=data.get("goal")
        )
        return Response(self.output(lesson, LessonSerializer), status=status.HTTP_201_CREATED)


class ResourceListView(RelationshipView):
    serializer_class = ResourceSerializer  # type: ignore[assignment]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(summary="Shared links and files", responses={200: ResourceSerializer(many=True)})
    def get(self, request: Request, relationship_id: int) -> Response:
        resources = self.relationship(relationship_id).resources.select_related("added_by__profile")
        return Response(
            ResourceSerializer(resources, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Share a link, or a file (multipart, 10 MB at most)",
        responses={201: ResourceSerializer},
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        data = self.input(ResourceSerializer)
        resource = services.resource_add(
            relationship=self.relationship(relationship_id),
            by=self.user,
            title=data["title"],
            url=data.get("url", ""),
            file=data.get("file"),
        )
        return Response(self.output(resource, ResourceSerializer), status=status.HTTP_201_CREATED)


class SeparationView(RelationshipView):
    serializer_class = SeparationProposalSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Separation proposals", responses={200: SeparationProposalSerializer(many=True)}
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
        responses={201: SeparationProposalSerializer},
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


class ProposalView(RelationshipView):
    serializer_class = SeparationProposalSerializer  # type: ignore[assignment]

    def proposal(self, relationship_id: int, proposal_id: int) -> SeparationProposal:
        proposal = (
            self.relationship(relationship_id).separation_proposals.filter(pk=proposal_id).first()
        )
        if proposal is None:
            raise Http404("No such proposal.")
        return proposal


class SeparationConfirmView(ProposalView):
    @extend_schema(
        summary="Confirm the other side's proposal: the pair enters separation",
        request=None,
        responses={200: SeparationProposalSerializer},
    )
    def post(self, request: Request, relationship_id: int, proposal_id: int) -> Response:
        proposal = self.proposal(relationship_id, proposal_id)
        services.separation_confirm(proposal=proposal, by=self.user)
        proposal.refresh_from_db()
        return Response(self.output(proposal, SeparationProposalSerializer))


class SeparationWithdrawView(ProposalView):
    @extend_schema(
        summary="Withdraw your proposal or decline the other's",
        request=None,
        responses={200: SeparationProposalSerializer},
    )
    def post(self, request: Request, relationship_id: int, proposal_id: int) -> Response:
        proposal = services.separation_withdraw(
            proposal=self.proposal(relationship_id, proposal_id), by=self.user
        )
        return Response(self.output(proposal, SeparationProposalSerializer))


class SeparationDecideView(ProposalView):
    parties_only = False

    @extend_schema(
        summary="Decide an unanswered proposal after the notice period (program managers)",
        request=SeparationDecisionSerializer,
        responses={200: RelationshipDetailSerializer},
    )
    def post(self, request: Request, relationship_id: int, proposal_id: int) -> Response:
        proposal = self.proposal(relationship_id, proposal_id)
        services.separation_decide(
            proposal=proposal, by=self.user, **self.input(SeparationDecisionSerializer)
        )
        return Response(
            self.output(self.relationship(relationship_id), RelationshipDetailSerializer)
        )


class ClosingReflectionView(RelationshipView):
    serializer_class = ClosingReflectionSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Both closing reflections", responses={200: ClosingReflectionSerializer(many=True)}
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        reflections = self.relationship(relationship_id).closing_reflections.all()
        return Response(ClosingReflectionSerializer(reflections, many=True).data)

    @extend_schema(summary="Write your closing reflection")
    def put(self, request: Request, relationship_id: int) -> Response:
        reflection = services.closing_reflection_save(
            relationship=self.relationship(relationship_id),
            by=self.user,
            **self.input(ClosingReflectionSerializer),
        )
        return Response(self.output(reflection, ClosingReflectionSerializer))


class RedefinitionView(RelationshipView):
    serializer_class = RedefinitionSerializer  # type: ignore[assignment]

    @extend_schema(summary="The new terms after separation")
    def get(self, request: Request, relationship_id: int) -> Response:
        terms = RedefinitionTerms.objects.filter(
            relationship=self.relationship(relationship_id)
        ).first()
        if terms is None:
            raise Http404("No new terms yet.")
        return Response(self.output(terms, RedefinitionSerializer))

    @extend_schema(summary="Set the new terms (from separation this starts redefinition)")
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


class AcknowledgmentView(RelationshipView):
    serializer_class = AcknowledgmentSerializer  # type: ignore[assignment]

    @extend_schema(summary="The mentee's thank-you")
    def get(self, request: Request, relationship_id: int) -> Response:
        acknowledgment = getattr(self.relationship(relationship_id), "acknowledgment", None)
        if acknowledgment is None:
            raise Http404("No thank-you yet.")
        return Response(self.output(acknowledgment, AcknowledgmentSerializer))

    @extend_schema(summary="Write the thank-you (the mentee)")
    def put(self, request: Request, relationship_id: int) -> Response:
        acknowledgment = services.acknowledgment_write(
            relationship=self.relationship(relationship_id),
            by=self.user,
            **self.input(AcknowledgmentSerializer),
        )
        return Response(self.output(acknowledgment, AcknowledgmentSerializer))


class AcknowledgmentPublicView(RelationshipView):
    serializer_class = AcknowledgmentSerializer  # type: ignore[assignment]

    @extend_schema(
        summary="Show (or hide) the thank-you on your profile (the mentor)",
        request=PublicSerializer,
        responses={200: AcknowledgmentSerializer},
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        acknowledgment = getattr(self.relationship(relationship_id), "acknowledgment", None)
        if acknowledgment is None:
            raise Http404("No thank-you yet.")
        acknowledgment = services.acknowledgment_set_public(
            acknowledgment=acknowledgment, by=self.user, **self.input(PublicSerializer)
        )
        return Response(self.output(acknowledgment, AcknowledgmentSerializer))
