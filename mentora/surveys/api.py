"""REST API for surveys: the same rules as the pages.

A person reads and answers their own surveys. Managers of a program read and change its survey
schedule, write and send its own surveys and see response rates. Individual answers reach a
manager only for named instruments; confidential ones give totals of at least five people.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.programs.selectors import get_managed_program
from mentora.surveys import selectors, services
from mentora.surveys.models import Anonymity, Audience, Instrument, Item, Occasion, Survey
from mentora.surveys.outcomes import MIN_RESPONDENTS

# ---------------------------------------------------------------------------------------------
# Serializers


KIND_HELP = "agree_1_5, scale_0_10, choice or text."
AUDIENCE_HELP = "mentor, mentee or both."


class ItemSerializer(serializers.ModelSerializer[Item]):
    kind = serializers.CharField(read_only=True, help_text=KIND_HELP)
    audience = serializers.CharField(read_only=True, help_text=AUDIENCE_HELP)

    class Meta:
        model = Item
        fields = [
            "key",
            "position",
            "text",
            "kind",
            "choices",
            "scale",
            "reverse_scored",
            "audience",
            "required",
        ]
        read_only_fields = fields


class InstrumentSerializer(serializers.ModelSerializer[Instrument]):
    audience = serializers.CharField(read_only=True, help_text=AUDIENCE_HELP)
    program = serializers.IntegerField(source="program_id", read_only=True, allow_null=True)
    version = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()

    class Meta:
        model = Instrument
        fields = [
            "id",
            "key",
            "program",
            "title",
            "description",
            "audience",
            "anonymity",
            "version",
            "items",
        ]
        read_only_fields = fields

    def get_version(self, instrument: Instrument) -> int:
        return instrument.current_version().number

    @extend_schema_field(ItemSerializer(many=True))
    def get_items(self, instrument: Instrument) -> Any:
        return ItemSerializer(instrument.current_version().items.all(), many=True).data


class AnswerOutSerializer(serializers.Serializer[Any]):
    item = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()


class SurveySerializer(serializers.ModelSerializer[Survey]):
    instrument = serializers.SerializerMethodField()
    program = serializers.IntegerField(source="program_id", read_only=True)
    relationship = serializers.IntegerField(
        source="relationship_id", read_only=True, allow_null=True
    )
    version = serializers.IntegerField(source="version.number", read_only=True)
    items = serializers.SerializerMethodField(help_text="The questions for your role.")
    my_answers = serializers.SerializerMethodField(help_text="Your answers, once you answered.")

    class Meta:
        model = Survey
        fields = [
            "id",
            "program",
            "instrument",
            "version",
            "relationship",
            "role",
            "stage",
            "occasion",
            "created_at",
            "due_at",
            "reminded_at",
            "completed_at",
            "items",
            "my_answers",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "key": {"type": "string"},
                "title": {"type": "string"},
                "anonymity": {"type": "string"},
            },
        }
    )
    def get_instrument(self, survey: Survey) -> dict[str, Any]:
        instrument = survey.instrument
        return {
            "id": instrument.pk,
            "key": instrument.key,
            "title": instrument.title,
            "anonymity": instrument.anonymity,
        }

    @extend_schema_field(ItemSerializer(many=True))
    def get_items(self, survey: Survey) -> Any:
        items = [item for item in survey.version.items.all() if item.applies_to(survey.role)]
        data = ItemSerializer(items, many=True).data
        for row, item in zip(data, items, strict=True):
            row["text"] = item.text_for(survey.program)
        return data

    @extend_schema_field(AnswerOutSerializer(many=True))
    def get_my_answers(self, survey: Survey) -> list[dict[str, Any]]:
        if survey.completed_at is None:
            return []
        return [
            {"item": answer.item.key, "number": answer.number, "text": answer.text}
            for answer in survey.response.answers.select_related("item")
        ]


class ResponseInSerializer(serializers.Serializer[Any]):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Item key to value: 1-5 or 0-10 for scales, a choice value, or text. "
        'Example: {"quality": 4, "rhythm": "about_right", "comment": "Going well."}',
    )


class ScheduleSerializer(serializers.Serializer[Any]):
    enabled = serializers.BooleanField()
    baseline = serializers.BooleanField(help_text="A baseline survey when initiation starts.")
    check_in_days = serializers.IntegerField(
        min_value=0, max_value=365, help_text="Days between check-ins in cultivation; 0 for none."
    )
    closing = serializers.BooleanField(help_text="A closing survey at separation.")
    follow_up_days = serializers.IntegerField(
        min_value=0, max_value=730, help_text="Days into redefinition for the follow-up; 0: none."
    )
    due_days = serializers.IntegerField(
        min_value=1, max_value=90, help_text="Days to answer before one reminder."
    )


class ItemInSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=300)
    kind = serializers.CharField(help_text=KIND_HELP)
    choices = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="The choices of a choice question.",
    )
    scale = serializers.CharField(max_length=60, required=False, allow_blank=True)
    reverse_scored = serializers.BooleanField(required=False, default=False)
    audience = serializers.CharField(required=False, help_text=AUDIENCE_HELP)
    required = serializers.BooleanField(required=False)  # type: ignore[assignment]


class CustomSurveyInSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    audience = serializers.CharField(default=Audience.BOTH, help_text=AUDIENCE_HELP)
    anonymity = serializers.ChoiceField(choices=Anonymity.choices, default=Anonymity.CONFIDENTIAL)
    items = ItemInSerializer(many=True)


class SendInSerializer(serializers.Serializer[Any]):
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Survey.Role.choices), min_length=1
    )
    due_days = serializers.IntegerField(min_value=1, max_value=90, default=14)


class SendOutSerializer(serializers.Serializer[Any]):
    sent = serializers.IntegerField(help_text="How many people it was sent to now.")


class NamedAnswerSerializer(serializers.Serializer[Any]):
    respondent = serializers.IntegerField()
    respondent_name = serializers.CharField()
    role = serializers.CharField()
    completed_at = serializers.DateTimeField()
    answers = AnswerOutSerializer(many=True)


class ItemSummarySerializer(serializers.Serializer[Any]):
    item = serializers.CharField()
    mean = serializers.FloatField(allow_null=True)
    n = serializers.IntegerField()
    suppressed = serializers.BooleanField()


class CustomSurveyResultsSerializer(serializers.Serializer[Any]):
    instrument = InstrumentSerializer()
    sent = serializers.IntegerField()
    respondents = serializers.IntegerField()
    named_answers = NamedAnswerSerializer(
        many=True, allow_null=True, help_text="Only for named surveys; null when confidential."
    )
    item_means = ItemSummarySerializer(
        many=True, help_text="Means of numeric questions; suppressed below five answers."
    )


class ResponseRateSerializer(serializers.Serializer[Any]):
    instrument = serializers.IntegerField(source="instrument.pk")
    instrument_key = serializers.CharField(source="instrument.key")
    instrument_title = serializers.CharField(source="instrument.title")
    occasion = serializers.ChoiceField(choices=Occasion.choices)
    sent = serializers.IntegerField()
    completed = serializers.IntegerField()
    overdue = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)


# ---------------------------------------------------------------------------------------------
# Views


class InstrumentListView(ListApiView[Instrument]):
    serializer_class = InstrumentSerializer

    def get_queryset(self) -> QuerySet[Instrument]:
        if self.describing_schema:
            return Instrument.objects.none()
        return selectors.instruments_visible_to(user=self.user).order_by("program_id", "pk")

    @extend_schema(summary="Built-in instruments and your programs' own surveys, with items")
    def get(self, request: Request) -> Response:
        return self.list(request)


class InstrumentDetailView(ApiView[Instrument]):
    serializer_class = InstrumentSerializer

    @extend_schema(summary="An instrument and the items of its current version")
    def get(self, request: Request, instrument_id: int) -> Response:
        instrument = selectors.get_instrument_for_user(user=self.user, instrument_id=instrument_id)
        return Response(self.output(instrument, InstrumentSerializer))


class SurveyFilters(serializers.Serializer[Any]):
    open = serializers.BooleanField(required=False, help_text="Only surveys not answered yet.")


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

    @extend_schema(summary="Your surveys, open ones first", parameters=[SurveyFilters])
    def get(self, request: Request) -> Response:
        return self.list(request)


class MySurveyDetailView(ApiView[Survey]):
    serializer_class = SurveySerializer

    @extend_schema(summary="One of your surveys with its questions (and your answers)")
    def get(self, request: Request, survey_id: int) -> Response:
        survey = selectors.get_survey_for_respondent(user=self.user, survey_id=survey_id)
        return Response(self.output(survey, SurveySerializer))


class MySurveyResponseView(ApiView[Survey]):
    serializer_class = SurveySerializer

    @extend_schema(
        summary="Answer one of your surveys (once)",
        request=ResponseInSerializer,
        responses={201: SurveySerializer},
    )
    def post(self, request: Request, survey_id: int) -> Response:
        survey = selectors.get_survey_for_respondent(user=self.user, survey_id=survey_id)
        incoming = ResponseInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.response_submit(
            survey=survey, by=self.user, answers=incoming.validated_data["answers"]
        )
        survey = selectors.get_survey_for_respondent(user=self.user, survey_id=survey_id)
        return Response(self.output(survey, SurveySerializer), status=status.HTTP_201_CREATED)


def _schedule_data(program: Any) -> dict[str, Any]:
    schedule = selectors.schedule_for(program=program)
    return {name: getattr(schedule, name) for name in services.SCHEDULE_FIELDS}


class ScheduleView(ApiView[Any]):
    serializer_class = ScheduleSerializer

    @extend_schema(summary="The program's survey schedule (managers)")
    def get(self, request: Request, program_id: int) -> Response:
        program = get_managed_program(user=self.user, program_id=program_id)
        return Response(ScheduleSerializer(_schedule_data(program)).data)

    @extend_schema(summary="Change the program's survey schedule (managers)")
    def put(self, request: Request, program_id: int) -> Response:
        program = get_managed_program(user=self.user, program_id=program_id)
        incoming = ScheduleSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.schedule_update(program=program, by=self.user, **incoming.validated_data)
        return Response(ScheduleSerializer(_schedule_data(program)).data)


class CustomSurveyListView(ApiView[Instrument]):
    serializer_class = InstrumentSerializer

    @extend_schema(
        summary="The program's own surveys (managers)",
        responses={200: InstrumentSerializer(many=True)},
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = get_managed_program(user=self.user, program_id=program_id)
        instruments = selectors.program_instruments(program=program)
        return Response(InstrumentSerializer(instruments, many=True).data)

    @extend_schema(
        summary="Write a survey for the program (managers)",
        request=CustomSurveyInSerializer,
        responses={201: InstrumentSerializer},
    )
    def post(self, request: Request, program_id: int) -> Response:
        program = get_managed_program(user=self.user, program_id=program_id)
        incoming = CustomSurveyInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
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

    @extend_schema(summary="A program's own survey with its answers as its anonymity allows")
    def get(self, request: Request, instrument_id: int) -> Response:
        instrument = selectors.get_custom_instrument_for_manager(
            user=self.user, instrument_id=instrument_id
        )
        answered = Survey.objects.filter(instrument=instrument, completed_at__isnull=False)
        respondents = answered.values("respondent").distinct().count()
        named: list[dict[str, Any]] | None = None
        if instrument.anonymity == Anonymity.NAMED:
            named = [
                {
                    "respondent": survey.respondent_id,
                    "respondent_name": survey.respondent.display_name,
                    "role": survey.role,
                    "completed_at": survey.completed_at,
                    "answers": [
                        {"item": a.item.key, "number": a.number, "text": a.text}
                        for a in survey.response.answers.all()
                    ],
                }
                for survey in selectors.named_responses(instrument=instrument, user=self.user)
            ]
        means: list[dict[str, Any]] = []
        for item in instrument.current_version().items.all():
            if not item.is_numeric:
                continue
            numbers = [n for n in item.answers.values_list("number", flat=True) if n is not None]
            shown = len(numbers) >= MIN_RESPONDENTS
            means.append(
                {
                    "item": item.key,
                    "mean": round(sum(numbers) / len(numbers), 2) if shown else None,
                    "n": len(numbers),
                    "suppressed": not shown,
                }
            )
        return Response(
            CustomSurveyResultsSerializer(
                {
                    "instrument": instrument,
                    "sent": Survey.objects.filter(instrument=instrument).count(),
                    "respondents": respondents,
                    "named_answers": named,
                    "item_means": means,
                }
            ).data
        )


class CustomSurveySendView(ApiView[Instrument]):
    serializer_class = SendOutSerializer

    @extend_schema(
        summary="Send a program's own survey to its participants by role (managers)",
        request=SendInSerializer,
        responses={200: SendOutSerializer},
    )
    def post(self, request: Request, instrument_id: int) -> Response:
        instrument = selectors.get_custom_instrument_for_manager(
            user=self.user, instrument_id=instrument_id
        )
        incoming = SendInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        sent = services.custom_survey_send(
            instrument=instrument,
            by=self.user,
            roles=incoming.validated_data["roles"],
            due_days=incoming.validated_data["due_days"],
        )
        return Response({"sent": sent})


class ResponseRatesView(ApiView[Any]):
    serializer_class = ResponseRateSerializer

    @extend_schema(
        summary="Surveys sent, answered and overdue, by instrument and occasion (managers)",
        responses={200: ResponseRateSerializer(many=True)},
    )
    def get(self, request: Request, program_id: int) -> Response:
        program = get_managed_program(user=self.user, program_id=program_id)
        rates = selectors.response_rates(program=program)
        return Response(ResponseRateSerializer(rates, many=True).data)
