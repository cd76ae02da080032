"""The surveys API's serializers: what goes in (validated) and what comes out."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mentora.surveys.models import Anonymity, Audience, Instrument, Item, Occasion, Survey
from mentora.surveys.services import CHOICE_LABEL_MAX, DESCRIPTION_MAX, ITEM_TEXT_MAX, TITLE_MAX

KIND_HELP = "agree_1_5, scale_0_10, choice or text."
AUDIENCE_HELP = "mentor, mentee or both."


class ItemSerializer(serializers.ModelSerializer[Item]):
    kind = serializers.CharField(read_only=True, help_text=KIND_HELP)
    audience = serializers.CharField(read_only=True, help_text=AUDIENCE_HELP)
    # A generated read-only slug field would promise a slug; most items score no scale.
    scale = serializers.CharField(
        read_only=True, help_text="The scale this item scores, or empty for none."
    )

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
    text = serializers.CharField(max_length=ITEM_TEXT_MAX)
    kind = serializers.CharField(help_text=KIND_HELP)
    choices = serializers.ListField(
        child=serializers.CharField(max_length=CHOICE_LABEL_MAX),
        required=False,
        help_text="The choices of a choice question.",
    )
    scale = serializers.CharField(max_length=60, required=False, allow_blank=True)
    reverse_scored = serializers.BooleanField(required=False, default=False)
    audience = serializers.CharField(required=False, help_text=AUDIENCE_HELP)

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        # "required" is also the name of every field's own attribute: add it after declaration.
        fields = super().get_fields()
        fields["required"] = serializers.BooleanField(
            required=False, help_text="Whether it must be answered (text questions: no)."
        )
        return fields


class CustomSurveyInSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=DESCRIPTION_MAX
    )
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


class NamedAnswerSerializer(serializers.Serializer[Survey]):
    """One person's answers to a named survey."""

    respondent = serializers.IntegerField(source="respondent_id")
    respondent_name = serializers.CharField(source="respondent.display_name")
    role = serializers.CharField()
    completed_at = serializers.DateTimeField()
    answers = serializers.SerializerMethodField()

    @extend_schema_field(AnswerOutSerializer(many=True))
    def get_answers(self, survey: Survey) -> list[dict[str, Any]]:
        return [
            {"item": answer.item.key, "number": answer.number, "text": answer.text}
            for answer in survey.response.answers.all()
        ]


class ItemSummarySerializer(serializers.Serializer[Any]):
    item = serializers.CharField(source="item.key")
    mean = serializers.FloatField(allow_null=True)
    n = serializers.IntegerField(help_text="Different people who answered it.")
    suppressed = serializers.BooleanField()


class CustomSurveyResultsSerializer(serializers.Serializer[Any]):
    instrument = InstrumentSerializer()
    sent = serializers.IntegerField()
    respondents = serializers.IntegerField(help_text="Different people who answered.")
    named_answers = NamedAnswerSerializer(
        source="named",
        many=True,
        allow_null=True,
        help_text="Only for named surveys; null when confidential.",
    )
    item_means = ItemSummarySerializer(
        many=True,
        help_text="Means of numeric questions; withheld below five people (each counts once).",
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


class SurveyFilters(serializers.Serializer[Any]):
    open = serializers.BooleanField(required=False, help_text="Only surveys not answered yet.")
