"""Admin for matching: settings, runs (published runs read-only), proposals, pins."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mentora.matching.models import (
    MatchingSettings,
    MatchRun,
    MatchRunEvent,
    Pin,
    Proposal,
    UnmatchedMentee,
)


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(admin.ModelAdmin[MatchingSettings]):
    list_display = ["program", "mode", "top_k", "updated_at", "updated_by"]
    raw_id_fields = ["program", "updated_by"]


class ProposalInline(admin.TabularInline[Proposal, MatchRun]):
    model = Proposal
    fields = ["mentee", "mentor", "score", "rank", "pinned", "moved"]
    readonly_fields = ["mentee", "mentor", "score", "rank", "pinned", "moved"]
    extra = 0
    can_delete = False
    show_change_link = True
    max_num = 0


class EventInline(admin.TabularInline[MatchRunEvent, MatchRun]):
    model = MatchRunEvent
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = ["created_at", "from_status", "to_status", "actor", "note"]
    extra = 0
    can_delete = False
    max_num = 0


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin[MatchRun]):
    list_display = ["pk", "program", "status", "mode", "created_at", "started_by", "published_at"]
    list_filter = ["status", "mode"]
    search_fields = ["program__name"]
    raw_id_fields = ["program", "started_by", "previous", "published_by"]
    inlines = [EventInline, ProposalInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Published runs are the audit record of what was paired: nobody edits them.
        if obj is not None and obj.frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.frozen:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin[Proposal]):
    list_display = ["run", "mentee", "mentor", "score", "rank", "pinned", "moved"]
    list_filter = ["pinned", "moved"]
    raw_id_fields = ["run", "mentee", "mentor"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.run.frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.run.frozen:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(UnmatchedMentee)
class UnmatchedMenteeAdmin(admin.ModelAdmin[UnmatchedMentee]):
    list_display = ["run", "mentee", "wanted", "matched", "code"]
    raw_id_fields = ["run", "mentee"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.run.frozen:
            return False
        return super().has_change_permission(request, obj)


@admin.register(Pin)
class PinAdmin(admin.ModelAdmin[Pin]):
    list_display = ["program", "kind", "mentee", "mentor", "created_by", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["program", "mentee", "mentor", "created_by"]


@admin.register(MatchRunEvent)
class MatchRunEventAdmin(admin.ModelAdmin[MatchRunEvent]):
    """The record of every run's moves: read-only."""

    list_display = ["run", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status"]
    raw_id_fields = ["run", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
