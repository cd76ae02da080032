from __future__ import annotations

from django.contrib import admin

from mentora.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["title", "recipient", "kind", "important", "created_at", "read_at"]
    list_filter = ["important", "kind", "created_at"]
    search_fields = ["title", "recipient__email", "kind"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["created_at", "read_at", "emailed_at", "digested_at"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin[NotificationPreference]):
    list_display = ["user", "email_important", "daily_digest", "updated_at"]
    list_filter = ["email_important", "daily_digest"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
