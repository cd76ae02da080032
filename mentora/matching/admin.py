"""Admin for matching: a read-only record of settings, runs, proposals, pins and events.

Every change goes through the services (the pages and the API), which check who may act and the
run's lifecycle; the admin's one action asks the recovery writer to fail runs whose worker is
lost.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from mentora.lib.admin import ReadOnlyAdmin
from mentora.matching.models import (
    MatchingSettings,
    MatchRun,
    MatchRunEvent,
    Pin,
    Proposal,
    UnmatchedMentee,
)
from mentora.matching.recovery import match_run_recover


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(ReadOnlyAdmin[MatchingSettings]):
    list_display = ["program", "mode", "top_k", "updated_at", "updated_by"]
    raw_id_fields = ["program", "updated_by"]


class ProposalInline(admin.TabularInline[Proposal, MatchRun]):
    model = Proposal
    fields = readonly_fields = ("mentee", "mentor", "score", "rank", "pinned", "moved")
    extra = 0
    can_delete = False
    show_change_link = True
    max_num = 0


class EventInline(admin.TabularInline[MatchRunEvent, MatchRun]):
    model = MatchRunEvent
    fields = readonly_fields = ("created_at", "from_status", "to_status", "actor", "note")
    extra = 0
    can_delete = False
    max_num = 0


@admin.register(MatchRun)
class MatchRunAdmin(ReadOnlyAdmin[MatchRun]):
    """Runs as they stand; the status changes only through the run's lifecycle."""

    list_display = ["pk", "program", "status", "mode", "created_at", "started_by", "published_at"]
    list_filter = ["status", "mode"]
    search_fields = ["program__name"]
    raw_id_fields = ["program", "started_by", "previous", "published_by"]
    inlines = [EventInline, ProposalInline]
    actions = ["recover_lost_runs"]

    @admin.action(description="Fail the selected runs whose worker is lost")
    def recover_lost_runs(self, request: HttpRequest, queryset: QuerySet[MatchRun]) -> None:
        recovered = sum(
            match_run_recover(run_id=run_id) for run_id in queryset.values_list("pk", flat=True)
        )
        self.message_user(
            request,
            f"{recovered} run(s) whose worker was lost failed (or are drafts again); "
            "runs whose worker is alive were left alone.",
            messages.SUCCESS if recovered else messages.INFO,
        )


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin[Proposal]):
    list_display = ["run", "mentee", "mentor", "score", "rank", "pinned", "moved"]
    list_filter = ["pinned", "moved"]
    raw_id_fields = ["run", "mentee", "mentor"]


@admin.register(UnmatchedMentee)
class UnmatchedMenteeAdmin(ReadOnlyAdmin[UnmatchedMentee]):
    list_display = ["run", "mentee", "wanted", "matched", "code"]
    raw_id_fields = ["run", "mentee"]


@admin.register(Pin)
class PinAdmin(ReadOnlyAdmin[Pin]):
    list_display = ["program", "kind", "mentee", "mentor", "created_by", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["program", "mentee", "mentor", "created_by"]


@admin.register(MatchRunEvent)
class MatchRunEventAdmin(ReadOnlyAdmin[MatchRunEvent]):
    """The record of every run's moves."""

    list_display = ["run", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status"]
    raw_id_fields = ["run", "actor"]
