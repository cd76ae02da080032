"""Admin for notifications: who was told what kind of thing, when, and whether they read it.

A notification's title and body quote what people wrote (a goal's title, a question, a
resource's name...), so they never show here, and the admin searches and filters none of them.
Notifications are written by `notify` alone; staff may delete one, not write or change it.
"""

from __future__ import annotations

from django.contrib import admin

from mentora.lib.admin import MetadataAdmin, ReadOnlyAdmin
from mentora.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin[Notification]):
    deletable = True
    list_display = ["__str__", "recipient", "kind", "important", "created_at", "read_at"]
    list_filter = ["important", "kind", "created_at"]
    search_fields = ["recipient__email", "kind"]
    list_select_related = ["recipient"]
    fields = (
        "recipient",
        "kind",
        "url",
        "important",
        "created_at",
        "read_at",
        "emailed_at",
        "digested_at",
    )
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(MetadataAdmin[NotificationPreference]):
    list_display = ["user", "email_important", "daily_digest", "updated_at"]
    list_filter = ["email_important", "daily_digest"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
