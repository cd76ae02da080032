"""A program's enrollment questionnaire: read by anyone who can see the program, changed by its
managers."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.programs.api.permissions import ensure_manages_program
from mentora.programs.api.serializers import (
    QuestionCreateSerializer,
    QuestionSerializer,
    QuestionUpdateSerializer,
)
from mentora.programs.models import Program, Question
from mentora.programs.selectors import get_program_for_user, get_question
from mentora.programs.services import question_create, question_delete, question_update


class QuestionListView(ListApiView[Question]):
    serializer_class = QuestionSerializer

    def get_queryset(self) -> QuerySet[Question]:
        if self.describing_schema:
            return Question.objects.none()
        return self._program().questions.order_by("position", "pk")

    def _program(self) -> Program:
        return get_program_for_user(user=self.user, program_id=self.kwargs["program_id"])

    @extend_schema(summary="The questions of a program's enrollment questionnaire")
    def get(self, request: Request, program_id: int) -> Response:
        return self.list(request)

    @extend_schema(
        summary="Add a question at the end of the questionnaire (managers only)",
        request=QuestionCreateSerializer,
        responses={201: QuestionSerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = self._program()
        ensure_manages_program(user=self.user, program=program)
        data = QuestionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        question = question_create(program=program, created_by=self.user, **data.validated_data)
        return Response(self.output(question, QuestionSerializer), status=status.HTTP_201_CREATED)


class QuestionDetailView(ApiView[Question]):
    serializer_class = QuestionSerializer

    def _question(self, program_id: int, question_id: int) -> Question:
        program = get_program_for_user(user=self.user, program_id=program_id)
        return get_question(program=program, question_id=question_id)

    @extend_schema(summary="One question of a program's questionnaire")
    def get(self, request: Request, program_id: int, question_id: int) -> Response:
        return Response(self.output(self._question(program_id, question_id), QuestionSerializer))

    @extend_schema(
        summary="Change a question (managers only)",
        request=QuestionUpdateSerializer,
        responses={200: QuestionSerializer},
    )
    def patch(self, request: Request, program_id: int, question_id: int) -> Response:
        question = self._question(program_id, question_id)
        ensure_manages_program(user=self.user, program=question.program)
        data = QuestionUpdateSerializer(question, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        question = question_update(question=question, updated_by=self.user, **data.validated_data)
        return Response(self.output(question, QuestionSerializer))

    @extend_schema(
        summary="Remove a question and its answers (managers only)", responses={204: None}
    )
    def delete(self, request: Request, program_id: int, question_id: int) -> Response:
        question = self._question(program_id, question_id)
        ensure_manages_program(user=self.user, program=question.program)
        question_delete(question=question, deleted_by=self.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
