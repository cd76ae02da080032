"""The notifications endpoints, included by mentora/api/urls.py under /api/notifications/."""

from __future__ import annotations

from django.urls import path

from mentora.notifications import api

urlpatterns = [
    path("", api.NotificationListView.as_view(), name="notifications"),
    path("read-all/", api.NotificationsReadAllView.as_view(), name="notifications-read-all"),
    path(
        "preferences/",
        api.NotificationPreferencesView.as_view(),
        name="notification-preferences",
    ),
    path(
        "<int:notification_id>/read/",
        api.NotificationReadView.as_view(),
        name="notification-read",
    ),
]
