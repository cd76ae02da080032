"""The notifications endpoints: one's own notifications and preferences."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from mentora.lib.api import ApiView, ListApiView
from mentora.lib.api_responses import reading, writing
from mentora.notifications.access import access_notification, access_preferences
from mentora.notifications.api.serializers import (
    NotificationFilters,
    NotificationPreferenceSerializer,
    NotificationSerializer,
    NotificationsMarkedReadSerializer,
)
from mentora.notifications.models import Notification, NotificationPreference
from mentora.notifications.selectors import notifications_for_user, unread_count
from mentora.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    preferences_update,
)


class NotificationListView(ListApiView[Notification]):
    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        if self.describing_schema:
            return Notification.objects.none()
        filters = self.query_filters(NotificationFilters)
        return notifications_for_user(user=self.user, unread_only=filters["unread"])

    @extend_schema(
        summary="Your own notifications, newest first",
        parameters=[NotificationFilters],
        responses=reading(NotificationSerializer(many=True), bad_request=True, forbidden=True),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)


class NotificationReadView(ApiView[Notification]):
    serializer_class = NotificationSerializer

    @extend_schema(
        summary="Mark one of your notifications read",
        request=None,
        responses=writing(NotificationSerializer, bad_request=False),
    )
    def post(self, request: Request, notification_id: int) -> Response:
        notification = access_notification(
            user=self.user, notification_id=notification_id, to="mark_read"
        ).obj
        notification = notification_mark_read(notification=notification, user=self.user)
        return Response(self.output(notification, NotificationSerializer))


class NotificationsReadAllView(ApiView[Notification]):
    serializer_class = NotificationsMarkedReadSerializer

    @extend_schema(
        summary="Mark all your notifications read",
        request=None,
        responses=writing(NotificationsMarkedReadSerializer, bad_request=False),
    )
    def post(self, request: Request) -> Response:
        changed = notifications_mark_all_read(user=self.user)
        counts = {"marked_read": changed, "unread": unread_count(user=self.user)}
        return Response(self.output(counts, NotificationsMarkedReadSerializer))


class NotificationPreferencesView(ApiView[NotificationPreference]):
    serializer_class = NotificationPreferenceSerializer

    @extend_schema(
        summary="How you want to hear about notifications beyond the app",
        responses=reading(NotificationPreferenceSerializer, forbidden=True),
    )
    def get(self, request: Request) -> Response:
        preference = access_preferences(user=self.user).obj
        return Response(self.output(preference, NotificationPreferenceSerializer))

    @extend_schema(
        summary="Change how you hear about notifications",
        description=(
            "`email_important`: email important events as they happen. `daily_digest`: one email "
            "a day listing everything new instead. `muted_kinds`: kinds never emailed."
        ),
        request=NotificationPreferenceSerializer,
        responses=writing(NotificationPreferenceSerializer),
    )
    def put(self, request: Request) -> Response:
        access_preferences(user=self.user, to="change")
        data = self.input(NotificationPreferenceSerializer)
        preference = preferences_update(
            user=self.user,
            email_important=data.get("email_important"),
            daily_digest=data.get("daily_digest"),
            muted_kinds=data.get("muted_kinds"),
        )
        return Response(self.output(preference, NotificationPreferenceSerializer))
