"""Admin for requests and bookmarks. A mentee's private checklist and note are never shown."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from mentora.finding.models import Bookmark, MentorRequest, RequestEvent, RequestMessage
from mentora.lib.admin import ReadOnlyAdmin


class RequestEventInline(admin.TabularInline[RequestEvent, MentorRequest]):
    model = RequestEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ("created_at", "actor", "from_status", "to_status", "close_reason")

    def has_add_permission(self, request: HttpRequest, obj: MentorRequest | None = None) -> bool:
        return False


@admin.register(MentorRequest)
class MentorRequestAdmin(ReadOnlyAdmin[MentorRequest]):
    """Status and dates for support; changes go through the services (the pages and the API)."""

    deletable = True
    list_display = ["pk", "program", "mentee", "mentor", "status", "close_reason", "created_at"]
    list_filter = ["status", "close_reason", "program"]
    search_fields = ["mentee__email", "mentor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["program", "mentee", "mentor"]
    raw_id_fields = ["mentee", "mentor", "relationship"]
    # The message is between the two people; the admin shows the lifecycle, not the words.
    fields = (
        "program",
        "mentee",
        "mentor",
        "status",
        "close_reason",
        "created_at",
        "expires_at",
        "first_response_at",
        "closed_at",
        "reminder_sent_at",
        "relationship",
    )
    inlines = [RequestEventInline]


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin[Bookmark]):
    list_display = ["pk", "program", "mentee", "mentor", "created_at"]
    list_filter = ["program"]
    search_fields = ["mentee__email", "mentor__email"]
    list_select_related = ["program", "mentee", "mentor"]
    raw_id_fields = ["mentee", "mentor"]


@admin.register(RequestEvent)
class RequestEventAdmin(ReadOnlyAdmin[RequestEvent]):
    list_display = ["pk", "request", "from_status", "to_status", "close_reason", "created_at"]
    list_filter = ["to_status", "close_reason"]
    list_select_related = ["request"]
    fields = (
        "request",
        "actor",
        "from_status",
        "to_status",
        "close_reason",
        "created_at",
    )


@admin.register(RequestMessage)
class RequestMessageAdmin(ReadOnlyAdmin[RequestMessage]):
    """That a message was written, by whom and when; its words stay between the two people."""

    deletable = True
    list_display = ["pk", "request", "author", "created_at"]
    list_select_related = ["request", "author"]
    fields = ("request", "author", "created_at")


# MentorConsideration (the mentee's private checklist and note) is deliberately not registered:
# its content is for its author alone.
