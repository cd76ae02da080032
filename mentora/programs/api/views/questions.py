"""A program's enrollment questionnaire: read by anyone who can see the program, changed by its
managers."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.programs.access import access_program, access_question
from mentora.programs.api.serializers import (
    QuestionCreateSerializer,
    QuestionSerializer,
    QuestionUpdateSerializer,
)
from mentora.programs.models import Question
from mentora.programs.services import question_create, question_delete, question_update


class QuestionListView(ListApiView[Question]):
    serializer_class = QuestionSerializer

    def get_queryset(self) -> QuerySet[Question]:
        if self.describing_schema:
            return Question.objects.none()
        program = access_program(user=self.user, program_id=self.kwargs["program_id"]).obj
        return program.questions.order_by("position", "pk")

    @extend_schema(
        summary="The questions of a program's enrollment questionnaire",
        responses=reading(QuestionSerializer(many=True)),
    )
    def get(self, request: Request, program_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Add a question at the end of the questionnaire (managers only)",
        request=QuestionCreateSerializer,
        responses=writing(QuestionSerializer, status=201),
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = access_program(user=self.user, program_id=program_id, to="manage").obj
        data = self.input(QuestionCreateSerializer)
        question = question_create(program=program, created_by=self.user, **data)
        return Response(self.output(question, QuestionSerializer), status=status.HTTP_201_CREATED)


class QuestionDetailView(ApiView[Question]):
    serializer_class = QuestionSerializer

    @extend_schema(
        summary="One question of a program's questionnaire", responses=reading(QuestionSerializer)
    )
    def get(self, request: Request, program_id: int, question_id: int) -> Response:
        question = access_question(
            user=self.user, program_id=program_id, question_id=question_id
        ).obj
        return Response(self.output(question, QuestionSerializer))

    @extend_schema(
        summary="Change a question (managers only)",
        request=QuestionUpdateSerializer,
        responses=writing(QuestionSerializer),
    )
    def patch(self, request: Request, program_id: int, question_id: int) -> Response:
        question = access_question(
            user=self.user, program_id=program_id, question_id=question_id, to="change"
        ).obj
        data = QuestionUpdateSerializer(question, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        question = question_update(question=question, updated_by=self.user, **data.validated_data)
        return Response(self.output(question, QuestionSerializer))

    @extend_schema(
        summary="Remove a question and its answers (managers only)",
        responses=writing(None, status=204, bad_request=False),
    )
    def delete(self, request: Request, program_id: int, question_id: int) -> Response:
        question = access_question(
            user=self.user, program_id=program_id, question_id=question_id, to="change"
        ).obj
        question_delete(question=question, deleted_by=self.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
