"""Enrollments: enrolling in a program, listing and reading them, and their decisions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.accounts.models import User
from mentora.lib.api import ApiView, ListApiView, validation_error_from_django
from mentora.lib.api_responses import reading, writing
from mentora.programs.access import access_enrollment, access_program
from mentora.programs.api.serializers import (
    EnrollmentAnswersSerializer,
    EnrollmentDecisionSerializer,
    EnrollmentDetailSerializer,
    EnrollmentSerializer,
    EnrollSerializer,
    MenteeNeedsInputSerializer,
    MentorOfferInputSerializer,
)
from mentora.programs.models import Enrollment
from mentora.programs.selectors import enrollments_visible_to
from mentora.programs.services import (
    enrollment_answers_update,
    enrollment_approve,
    enrollment_decline,
    enrollment_submit,
    enrollment_withdraw,
)


class EnrollmentFilters(serializers.Serializer[Enrollment]):
    program = serializers.IntegerField(required=False, min_value=1)
    role = serializers.ChoiceField(choices=Enrollment.Role.choices, required=False)
    status = serializers.ChoiceField(choices=Enrollment.Status.choices, required=False)


class EnrollmentListView(ListApiView[Enrollment]):
    serializer_class = EnrollmentSerializer

    def get_queryset(self) -> QuerySet[Enrollment]:
        if self.describing_schema:
            return Enrollment.objects.none()
        filters = self.query_filters(EnrollmentFilters)
        enrollments = enrollments_visible_to(user=self.user).distinct()
        if "program" in filters:
            enrollments = enrollments.filter(program_id=filters["program"])
        if "role" in filters:
            enrollments = enrollments.filter(role=filters["role"])
        if "status" in filters:
            enrollments = enrollments.filter(status=filters["status"])
        return enrollments.order_by("program__name", "role", "user__email", "pk")

    @extend_schema(
        summary="Your own enrollments and those of the programs you manage",
        parameters=[EnrollmentFilters],
        responses=reading(EnrollmentSerializer(many=True), bad_request=True),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)


class EnrollmentDetailView(ApiView[Enrollment]):
    serializer_class = EnrollmentDetailSerializer

    @extend_schema(
        summary="An enrollment with its answers and its mentor or mentee side",
        responses=reading(EnrollmentDetailSerializer),
    )
    def get(self, request: Request, enrollment_id: int) -> Response:
        enrollment = access_enrollment(user=self.user, enrollment_id=enrollment_id).obj
        return Response(self.output(enrollment, EnrollmentDetailSerializer))


class EnrollmentAnswersView(ApiView[Enrollment]):
    serializer_class = EnrollmentDetailSerializer

    @extend_schema(
        summary="Replace your questionnaire answers in one of your enrollments",
        description=(
            "Only the person enrolled may change their answers (a manager gets 403). Errors come "
            "back under `question_<id>` keys."
        ),
        request=EnrollmentAnswersSerializer,
        responses=writing(EnrollmentDetailSerializer),
    )
    def put(self, request: Request, enrollment_id: int) -> Response:
        enrollment = access_enrollment(user=self.user, enrollment_id=enrollment_id, to="answer").obj
        data = self.input(EnrollmentAnswersSerializer)
        enrollment_answers_update(enrollment=enrollment, by=self.user, answers=data["answers"])
        enrollment = access_enrollment(user=self.user, enrollment_id=enrollment_id).obj
        return Response(self.output(enrollment, EnrollmentDetailSerializer))


# Which input fields belong to which side, to report the side's errors under its own key.
SIDE_FIELDS = {
    Enrollment.Role.MENTOR: ("mentor_offer", set(MentorOfferInputSerializer().fields)),
    Enrollment.Role.MENTEE: ("mentee_needs", set(MenteeNeedsInputSerializer().fields)),
}


class ProgramEnrollView(ApiView[Enrollment]):
    serializer_class = EnrollmentDetailSerializer

    @extend_schema(
        summary="Enroll yourself in a program, with your answers and your side of the profile",
        description=(
            "Your profile must exist first (PATCH /api/profiles/me/). Questionnaire errors come "
            "back under `question_<id>` keys."
        ),
        request=EnrollSerializer,
        responses=writing(EnrollmentDetailSerializer, status=201),
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = access_program(user=self.user, program_id=program_id, to="enroll").obj
        data = EnrollSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        role = data.validated_data["role"]
        side_key, side_fields = SIDE_FIELDS[role]
        side: dict[str, Any] = dict(data.validated_data.get(side_key) or {})
        if "people_to_avoid" in side:
            emails = [email.lower() for email in side["people_to_avoid"]]
            # Unknown addresses are skipped, as on the enrollment page: this reveals nobody.
            side["people_to_avoid"] = list(User.objects.filter(email__in=emails))
        try:
            enrollment = enrollment_submit(
                program=program,
                user=self.user,
                role=role,
                answers=data.validated_data["answers"],
                mentor_offer=side if role == Enrollment.Role.MENTOR else None,
                mentee_needs=side if role == Enrollment.Role.MENTEE else None,
            )
        except DjangoValidationError as error:
            raise _nest_side_errors(error, side_key=side_key, side_fields=side_fields) from None
        enrollment = access_enrollment(user=self.user, enrollment_id=enrollment.pk).obj
        return Response(
            self.output(enrollment, EnrollmentDetailSerializer), status=status.HTTP_201_CREATED
        )


def _nest_side_errors(
    error: DjangoValidationError, *, side_key: str, side_fields: set[str]
) -> exceptions.ValidationError:
    drf_error = validation_error_from_django(error)
    detail = drf_error.detail
    if isinstance(detail, dict):
        nested = {key: detail.pop(key) for key in list(detail) if key in side_fields}
        if nested:
            detail[side_key] = nested
    return drf_error


class _EnrollmentDecisionView(ApiView[Enrollment]):
    serializer_class = EnrollmentDetailSerializer
    # The enrollment's capability this decision needs (see mentora.programs.access).
    capability = "decide"

    def post(self, request: Request, enrollment_id: int) -> Response:
        enrollment = access_enrollment(
            user=self.user, enrollment_id=enrollment_id, to=self.capability
        ).obj
        data = self.input(EnrollmentDecisionSerializer)
        self.act(enrollment, note=data["note"])
        enrollment = access_enrollment(user=self.user, enrollment_id=enrollment_id).obj
        return Response(self.output(enrollment, EnrollmentDetailSerializer))

    def act(self, enrollment: Enrollment, *, note: str) -> None:
        raise NotImplementedError


class EnrollmentApproveView(_EnrollmentDecisionView):
    @extend_schema(
        summary="Approve a pending enrollment (managers only)",
        request=EnrollmentDecisionSerializer,
        responses=writing(EnrollmentDetailSerializer),
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        return super().post(request, enrollment_id)

    def act(self, enrollment: Enrollment, *, note: str) -> None:
        enrollment_approve(enrollment=enrollment, approved_by=self.user)


class EnrollmentDeclineView(_EnrollmentDecisionView):
    @extend_schema(
        summary="Decline a pending enrollment (managers only)",
        request=EnrollmentDecisionSerializer,
        responses=writing(EnrollmentDetailSerializer),
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        return super().post(request, enrollment_id)

    def act(self, enrollment: Enrollment, *, note: str) -> None:
        enrollment_decline(enrollment=enrollment, declined_by=self.user, note=note)


class EnrollmentWithdrawView(_EnrollmentDecisionView):
    capability = "withdraw"

    @extend_schema(
        summary="Withdraw an enrollment (the person themselves or a manager)",
        request=EnrollmentDecisionSerializer,
        responses=writing(EnrollmentDetailSerializer),
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        return super().post(request, enrollment_id)

    def act(self, enrollment: Enrollment, *, note: str) -> None:
        enrollment_withdraw(enrollment=enrollment, withdrawn_by=self.user, note=note)
