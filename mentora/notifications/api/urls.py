"""The notifications endpoints, included by mentora/api/urls.py under /api/notifications/."""

from __future__ import annotations

from django.urls import path

from mentora.notifications.api import views

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notifications"),
    path("read-all/", views.NotificationsReadAllView.as_view(), name="notifications-read-all"),
    path(
        "preferences/",
        views.NotificationPreferencesView.as_view(),
        name="notification-preferences",
    ),
    path(
        "<int:notification_id>/read/",
        views.NotificationReadView.as_view(),
        name="notification-read",
    ),
]
