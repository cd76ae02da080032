"""What the pair works on: goals and their progress, questions and replies, lessons, and shared
links and files (a file is downloaded through its `download_url`, never from storage)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api_responses import reading, writing
from mentora.lib.wording import MENTOR
from mentora.relationships import services
from mentora.relationships.access import access_goal, access_question
from mentora.relationships.api.serializers import (
    GoalCreateSerializer,
    GoalProgressSerializer,
    GoalSerializer,
    LessonSerializer,
    PairQuestionSerializer,
    ReplySerializer,
    ResourceSerializer,
)
from mentora.relationships.api.views.common import RelationshipView
from mentora.relationships.models import (
    Goal,
    Lesson,
    Meeting,
    Question,
    Relationship,
    Reply,
    Resource,
)


def _meeting_of(relationship: Relationship, meeting_id: int | None) -> Meeting | None:
    """One of the relationship's meetings (a 400 naming the field for any other number)."""
    if meeting_id is None:
        return None
    meeting = relationship.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise serializers.ValidationError({"meeting": "No such meeting in this relationship."})
    return meeting


def _goal_of(relationship: Relationship, goal_id: int | None) -> Goal | None:
    """One of the relationship's goals (a 400 naming the field for any other number)."""
    if goal_id is None:
        return None
    goal = relationship.goals.filter(pk=goal_id).first()
    if goal is None:
        raise serializers.ValidationError({"goal": "No such goal in this relationship."})
    return goal


class GoalListView(RelationshipView[Goal]):
    serializer_class = GoalSerializer

    @extend_schema(
        summary="The relationship's goals",
        responses=reading(GoalSerializer(many=True), forbidden=True),
    )
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
        responses=writing(GoalSerializer, status=201),
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        data = self.input(GoalCreateSerializer)
        owner = relationship.mentor if data.pop("owner") == MENTOR else relationship.mentee
        goal = services.goal_create(relationship=relationship, by=self.user, owner=owner, **data)
        return Response(self.output(goal, GoalSerializer), status=status.HTTP_201_CREATED)


class GoalProgressView(RelationshipView[Goal]):
    serializer_class = GoalSerializer

    @extend_schema(
        summary="Record progress: per cent, or the measured value of a measurable goal",
        request=GoalProgressSerializer,
        responses=writing(GoalSerializer),
    )
    def post(self, request: Request, relationship_id: int, goal_id: int) -> Response:
        goal = access_goal(user=self.user, relationship_id=relationship_id, goal_id=goal_id).obj
        data = self.input(GoalProgressSerializer)
        goal = services.goal_update_progress(
            goal=goal,
            by=self.user,
            progress=data.get("progress"),
            current_value=data.get("current_value"),
        )
        return Response(self.output(goal, GoalSerializer))


class QuestionListView(RelationshipView[Question]):
    serializer_class = PairQuestionSerializer

    @extend_schema(
        summary="Questions with their threads",
        responses=reading(PairQuestionSerializer(many=True), forbidden=True),
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
        responses=writing(PairQuestionSerializer, status=201),
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        data = self.input(PairQuestionSerializer)
        question = services.question_ask(
            relationship=relationship,
            by=self.user,
            text=data["text"],
            meeting=_meeting_of(relationship, data.get("meeting_id")),
        )
        return Response(
            self.output(question, PairQuestionSerializer), status=status.HTTP_201_CREATED
        )


class ReplyView(RelationshipView[Reply]):
    serializer_class = ReplySerializer

    @extend_schema(
        summary="Answer in a question's thread (coaching: the coach records the answer)",
        request=ReplySerializer,
        responses=writing(ReplySerializer, status=201),
    )
    def post(self, request: Request, relationship_id: int, question_id: int) -> Response:
        question = access_question(
            user=self.user, relationship_id=relationship_id, question_id=question_id
        ).obj
        reply = services.question_reply(
            question=question, by=self.user, **self.input(ReplySerializer)
        )
        return Response(self.output(reply, ReplySerializer), status=status.HTTP_201_CREATED)


class LessonListView(RelationshipView[Lesson]):
    serializer_class = LessonSerializer

    @extend_schema(
        summary="Lessons shared and skills practised",
        responses=reading(LessonSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        lessons = self.relationship(relationship_id).lessons.select_related("author__profile")
        return Response(
            LessonSerializer(lessons, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Record a lesson (mentor) or a skill practised (mentee)",
        request=LessonSerializer,
        responses=writing(LessonSerializer, status=201),
    )
    def post(self, request: Request, relationship_id: int) -> Response:
        relationship = self.relationship(relationship_id)
        data = self.input(LessonSerializer)
        lesson = services.lesson_record(
            relationship=relationship,
            by=self.user,
            text=data["text"],
            goal=_goal_of(relationship, data.get("goal_id")),
        )
        return Response(self.output(lesson, LessonSerializer), status=status.HTTP_201_CREATED)


class ResourceListView(RelationshipView[Resource]):
    serializer_class = ResourceSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        summary="Shared links and files",
        responses=reading(ResourceSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, relationship_id: int) -> Response:
        resources = self.relationship(relationship_id).resources.select_related("added_by__profile")
        return Response(
            ResourceSerializer(resources, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Share a link, or a file (multipart, 10 MB at most)",
        request=ResourceSerializer,
        responses=writing(ResourceSerializer, status=201),
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
