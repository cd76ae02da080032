"""The notifications API's serializers."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mentora.notifications.models import Notification, NotificationPreference
from mentora.notifications.services import KIND_MAX, MUTED_KINDS_MAX


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "url",
            "important",
            "is_read",
            "created_at",
            "read_at",
        ]
        read_only_fields = fields


class NotificationPreferenceSerializer(serializers.ModelSerializer[NotificationPreference]):
    muted_kinds = serializers.ListField(
        child=serializers.CharField(max_length=KIND_MAX),
        max_length=MUTED_KINDS_MAX,
        required=False,
        help_text="Kinds never sent by email (they still appear in the app).",
    )

    class Meta:
        model = NotificationPreference
        fields = ["email_important", "daily_digest", "muted_kinds"]


class NotificationFilters(serializers.Serializer[Any]):
    unread = serializers.BooleanField(
        required=False, default=False, help_text="Only the unread ones."
    )


class NotificationsMarkedReadSerializer(serializers.Serializer[Any]):
    marked_read = serializers.IntegerField(help_text="How many were marked read now.")
    unread = serializers.IntegerField(help_text="How many are still unread.")
