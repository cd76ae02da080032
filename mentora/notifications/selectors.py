"""Reads of notifications and preferences: a person only ever sees their own."""

from __future__ import annotations

from django.db.models import QuerySet

from mentora.accounts.models import User
from mentora.notifications.models import Notification, NotificationPreference


def notifications_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The person's own notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-pk")


def unread_count(*, user: User) -> int:
    """How many of the person's notifications are unread (one query)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for_user(*, user: User) -> NotificationPreference:
    """The person's preferences; the defaults (unsaved) when they never changed them."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference if preference is not None else NotificationPreference(user=user)


def notification_kinds_for_user(*, user: User) -> list[str]:
    """The kinds of notification the person has received or muted, for their preferences."""
    received = set(
        Notification.objects.filter(recipient=user).values_list("kind", flat=True).distinct()
    )
    return sorted(received | set(preferences_for_user(user=user).muted_kinds))


def digest_subscribers() -> QuerySet[User]:
    """Active people who chose the daily digest, in a stable order."""
    return User.objects.filter(is_active=True, notification_preference__daily_digest=True).order_by(
        "pk"
    )
