"""REST API for one's own notifications: list, mark read, mark all read, email preferences."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.notifications.models import Notification, NotificationPreference
from mentora.notifications.selectors import (
    get_notification_for_user,
    notifications_for_user,
    preferences_for_user,
    unread_count,
)
from mentora.notifications.services import (
    KIND_MAX,
    notification_mark_read,
    notifications_mark_all_read,
    preferences_update,
)


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
        max_length=100,
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


MarkedReadSerializer = inline_serializer(
    name="NotificationsMarkedRead",
    fields={
        "marked_read": serializers.IntegerField(),
        "unread": serializers.IntegerField(),
    },
)


class NotificationListView(ListApiView[Notification]):
    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        if self.describing_schema:
            return Notification.objects.none()
        filters = self.query_filters(NotificationFilters)
        return notifications_for_user(user=self.user, unread_only=filters["unread"])

    @extend_schema(summary="Your own notifications, newest first", parameters=[NotificationFilters])
    def get(self, request: Request) -> Response:
        return self.list(request)


class NotificationReadView(ApiView[Notification]):
    serializer_class = NotificationSerializer

    @extend_schema(
        summary="Mark one of your notifications read",
        request=None,
        responses={200: NotificationSerializer},
    )
    def post(self, request: Request, notification_id: int) -> Response:
        notification = get_notification_for_user(user=self.user, notification_id=notification_id)
        notification = notification_mark_read(notification=notification, user=self.user)
        return Response(self.output(notification, NotificationSerializer))


class NotificationsReadAllView(ApiView[Notification]):
    serializer_class = NotificationSerializer

    @extend_schema(
        summary="Mark all your notifications read",
        request=None,
        responses={200: MarkedReadSerializer},
    )
    def post(self, request: Request) -> Response:
        changed = notifications_mark_all_read(user=self.user)
        return Response({"marked_read": changed, "unread": unread_count(user=self.user)})


class NotificationPreferencesView(ApiView[NotificationPreference]):
    serializer_class = NotificationPreferenceSerializer

    @extend_schema(summary="How you want to hear about notifications beyond the app")
    def get(self, request: Request) -> Response:
        preference = preferences_for_user(user=self.user)
        return Response(self.output(preference, NotificationPreferenceSerializer))

    @extend_schema(
        summary="Change how you hear about notifications",
        description=(
            "`email_important`: email important events as they happen. `daily_digest`: one email "
            "a day listing everything new instead. `muted_kinds`: kinds never emailed."
        ),
        request=NotificationPreferenceSerializer,
        responses={200: NotificationPreferenceSerializer},
    )
    def put(self, request: Request) -> Response:
        data = NotificationPreferenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preference = preferences_update(
            user=self.user,
            email_important=data.validated_data.get("email_important"),
            daily_digest=data.validated_data.get("daily_digest"),
            muted_kinds=data.validated_data.get("muted_kinds"),
        )
        return Response(self.output(preference, NotificationPreferenceSerializer))
