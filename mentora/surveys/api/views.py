"""The surveys endpoints: instruments, one's own surveys and answers, and a program's surveys."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.programs.models import Program
from mentora.surveys import selectors, services
from mentora.surveys.access import access_instrument, access_program_surveys, access_survey
from mentora.surveys.api.serializers import (
    CustomSurveyInSerializer,
    CustomSurveyResultsSerializer,
    InstrumentSerializer,
    ResponseInSerializer,
    ResponseRateSerializer,
    ScheduleSerializer,
    SendInSerializer,
    SendOutSerializer,
    SurveyFilters,
    SurveySerializer,
)
from mentora.surveys.models import Instrument, Survey


class InstrumentListView(ListApiView[Instrument]):
    serializer_class = InstrumentSerializer

    def get_queryset(self) -> QuerySet[Instrument]:
        if self.describing_schema:
            return Instrument.objects.none()
        return selectors.instruments_visible_to(user=self.user).order_by("program_id", "pk")

    @extend_schema(
        summary="Built-in instruments and your programs' own surveys, with items",
        responses=reading(InstrumentSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)


class InstrumentDetailView(ApiView[Instrument]):
    serializer_class = InstrumentSerializer

    @extend_schema(
        summary="An instrument and the items of its current version",
        responses=reading(InstrumentSerializer, forbidden=True),
    )
    def get(self, request: Request, instrument_id: int) -> Response:
        instrument = access_instrument(user=self.user, instrument_id=instrument_id).obj
        return Response(self.output(instrument, InstrumentSerializer))


class MySurveyListView(ListApiView[Survey]):
    serializer_class = SurveySerializer

    def get_queryset(self) -> QuerySet[Survey]:
        if self.describing_schema:
            return Survey.objects.none()
        filters = self.query_filters(SurveyFilters)
        surveys = selectors.surveys_for_user(user=self.user)
        if filters.get("open"):
            surveys = surveys.filter(completed_at__isnull=True)
        return surveys.prefetch_related("version__items")

    @extend_schema(
        summary="Your surveys, open ones first",
        parameters=[SurveyFilters],
        responses=reading(SurveySerializer(many=True), bad_request=True, forbidden=True),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)


class MySurveyDetailView(ApiView[Survey]):
    serializer_class = SurveySerializer

    @extend_schema(
        summary="One of your surveys with its questions (and your answers)",
        responses=reading(SurveySerializer, forbidden=True),
    )
    def get(self, request: Request, survey_id: int) -> Response:
        survey = access_survey(user=self.user, survey_id=survey_id).obj
        return Response(self.output(survey, SurveySerializer))


class MySurveyResponseView(ApiView[Survey]):
    serializer_class = SurveySerializer

    @extend_schema(
        summary="Answer one of your surveys (once)",
        request=ResponseInSerializer,
        responses=writing(SurveySerializer, status=201),
    )
    def post(self, request: Request, survey_id: int) -> Response:
        survey = access_survey(user=self.user, survey_id=survey_id, to="answer").obj
        data = self.input(ResponseInSerializer)
        services.response_submit(survey=survey, by=self.user, answers=data["answers"])
        survey = access_survey(user=self.user, survey_id=survey_id).obj
        return Response(self.output(survey, SurveySerializer), status=status.HTTP_201_CREATED)


def _schedule_data(program: Program) -> dict[str, Any]:
    schedule = selectors.schedule_for(program=program)
    return {name: getattr(schedule, name) for name in services.SCHEDULE_FIELDS}


class ScheduleView(ApiView[Any]):
    serializer_class = ScheduleSerializer

    @extend_schema(
        summary="The program's survey schedule (managers)",
        responses=reading(ScheduleSerializer, forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = access_program_surveys(user=self.user, program_id=program_id).obj
        return Response(ScheduleSerializer(_schedule_data(program)).data)

    @extend_schema(
        summary="Change the program's survey schedule (managers)",
        request=ScheduleSerializer,
        responses=writing(ScheduleSerializer),
    )
    def put(self, request: Request, program_id: int) -> Response:
        program = access_program_surveys(user=self.user, program_id=program_id, to="manage").obj
        data = self.input(ScheduleSerializer)
        services.schedule_update(program=program, by=self.user, **data)
        return Response(ScheduleSerializer(_schedule_data(program)).data)


class CustomSurveyListView(ApiView[Instrument]):
    serializer_class = InstrumentSerializer

    @extend_schema(
        summary="The program's own surveys (managers)",
        responses=reading(InstrumentSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = access_program_surveys(user=self.user, program_id=program_id).obj
        instruments = selectors.program_instruments(program=program)
        return Response(InstrumentSerializer(instruments, many=True).data)

    @extend_schema(
        summary="Write a survey for the program (managers)",
        request=CustomSurveyInSerializer,
        responses=writing(InstrumentSerializer, status=201),
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = access_program_surveys(user=self.user, program_id=program_id, to="manage").obj
        data = self.input(CustomSurveyInSerializer)
        instrument = services.instrument_create(
            program=program,
            by=self.user,
            title=data["title"],
            description=data["description"],
            audience=data["audience"],
            anonymity=data["anonymity"],
            items=data["items"],
        )
        return Response(
            self.output(instrument, InstrumentSerializer), status=status.HTTP_201_CREATED
        )


class CustomSurveyDetailView(ApiView[Instrument]):
    serializer_class = CustomSurveyResultsSerializer

    @extend_schema(
        summary="A program's own survey with its answers as its anonymity allows",
        responses=reading(CustomSurveyResultsSerializer, forbidden=True),
    )
    def get(self, request: Request, instrument_id: int) -> Response:
        instrument = access_instrument(
            user=self.user, instrument_id=instrument_id, to="results", custom=True
        ).obj
        results = selectors.custom_survey_results(instrument=instrument, user=self.user)
        return Response(self.output(results, CustomSurveyResultsSerializer))


class CustomSurveySendView(ApiView[Instrument]):
    serializer_class = SendOutSerializer

    @extend_schema(
        summary="Send a program's own survey to its participants by role (managers)",
        request=SendInSerializer,
        responses=writing(SendOutSerializer),
    )
    def post(self, request: Request, instrument_id: int) -> Response:
        instrument = access_instrument(
            user=self.user, instrument_id=instrument_id, to="send", custom=True
        ).obj
        data = self.input(SendInSerializer)
        sent = services.custom_survey_send(
            instrument=instrument, by=self.user, roles=data["roles"], due_days=data["due_days"]
        )
        return Response(self.output({"sent": sent}, SendOutSerializer))


class ResponseRatesView(ApiView[Any]):
    serializer_class = ResponseRateSerializer

    @extend_schema(
        summary="Surveys sent, answered and overdue, by instrument and occasion (managers)",
        responses=reading(ResponseRateSerializer(many=True), forbidden=True),
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = access_program_surveys(user=self.user, program_id=program_id).obj
        rates = selectors.response_rates(program=program)
        return Response(ResponseRateSerializer(rates, many=True).data)
