"""Admin for survey instruments, schedules, surveys and responses.

An answer's value never shows here, nor is it searched or filtered: a confidential answer reaches
anyone but its respondent only as a total of five people or more, and a named one only its
program's managers. Staff see that a survey was sent and answered, and which items an answer
covers. The response list shows no respondent, and a confidential response's page does not say
whose it is. Responses and answers are read-only; answered instrument versions cannot be edited
here either.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mentora.lib.admin import MetadataAdmin, ReadOnlyAdmin
from mentora.surveys.models import (
    Answer,
    Instrument,
    InstrumentVersion,
    Item,
    ProgramSurveySchedule,
    Response,
    Survey,
)


class VersionInline(admin.TabularInline[InstrumentVersion, Instrument]):
    model = InstrumentVersion
    extra = 0
    can_delete = False
    fields = readonly_fields = ("number", "created_at", "created_by")
    show_change_link = True


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin[Instrument]):
    list_display = ["title", "key", "program", "audience", "anonymity"]
    list_filter = ["anonymity", "audience", ("program", admin.EmptyFieldListFilter)]
    search_fields = ["title", "key"]
    readonly_fields = ["created_at", "created_by"]
    inlines = [VersionInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Who is asked and who sees the answers are fixed once a survey exists, as on the edit
        # page: making a confidential survey named would show its answers with their people.
        fixed = ["program", "key", "audience", "anonymity"] if obj is not None else []
        return [*self.readonly_fields, *fixed]


class ItemInline(admin.TabularInline[Item, InstrumentVersion]):
    model = Item
    extra = 0
    fields = [
        "position",
        "key",
        "text",
        "kind",
        "choices",
        "scale",
        "reverse_scored",
        "audience",
        "required",
    ]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.is_locked

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.is_locked

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.is_locked


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin[InstrumentVersion]):
    list_display = ["__str__", "number", "created_at"]
    readonly_fields = ["instrument", "number", "created_at", "created_by"]
    inlines = [ItemInline]


@admin.register(ProgramSurveySchedule)
class ProgramSurveyScheduleAdmin(admin.ModelAdmin[ProgramSurveySchedule]):
    list_display = ["program", "enabled", "check_in_days", "follow_up_days", "due_days"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin[Survey]):
    """Who was asked and whether they answered; the answers themselves are not shown here.
    Surveys are sent by the schedule and by `custom_survey_send`, never written here."""

    list_display = [
        "instrument",
        "program",
        "respondent",
        "role",
        "occasion",
        "due_at",
        "completed_at",
    ]
    list_filter = ["occasion", "role", "instrument"]
    search_fields = ["respondent__email", "instrument__title"]


class AnswerInline(admin.TabularInline[Answer, Response]):
    model = Answer
    extra = 0
    can_delete = False
    fields = readonly_fields = ("item",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(MetadataAdmin[Response]):
    """Responses without their people: confidential answers are never listed per person."""

    list_display = ["pk", "instrument", "occasion", "submitted_at"]
    list_filter = ["survey__instrument", "survey__occasion"]
    fields = readonly_fields = ("instrument", "occasion", "respondent_if_named", "submitted_at")
    inlines = [AnswerInline]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("survey__instrument")

    @admin.display(description="instrument")
    def instrument(self, response: Response) -> str:
        return str(response.survey.instrument)

    @admin.display(description="occasion")
    def occasion(self, response: Response) -> str:
        return response.survey.get_occasion_display()

    @admin.display(description="respondent")
    def respondent_if_named(self, response: Response) -> str:
        if response.survey.instrument.is_confidential:
            return "confidential"
        return str(response.survey.respondent)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin[Item]):
    """Items are edited on their version's page (answered versions are read-only there)."""

    list_display = ["key", "version", "kind", "scale", "reverse_scored", "audience"]
    list_filter = ["kind", "version__instrument"]
    search_fields = ["key", "text"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.version.is_locked

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.version.is_locked


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin[Answer]):
    """Which item an answer covers, without its person or its value."""

    list_display = ["pk", "item", "response"]
    list_filter = ["item__version__instrument"]
    fields = ("item", "response")
