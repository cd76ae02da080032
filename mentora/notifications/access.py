"""Who may see and mark a notification, and see and change notification preferences: their
recipient (their owner) alone. Anyone else gets a 404 and learns nothing, not even that the
notification exists.

`notification_roles` / `preference_roles` give the person's roles toward one object, and
`access_notification` / `access_preferences` load it and check the roles against the tables
below. Pages, the REST API and the services ask them, so every door gives the same answer; the
list selector `notifications_for_user` agrees with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from mentora.accounts.models import User
from mentora.lib.access import Access, capabilities
from mentora.notifications.models import Notification, NotificationPreference
from mentora.notifications.selectors import preferences_for_user

if TYPE_CHECKING:
    from typing_extensions import TypeIs

type Person = User | AnonymousUser

# The person a notification was sent to.
RECIPIENT = "recipient"
# The person whose preferences they are.
OWNER = "owner"

NOTIFICATION_CAPABILITIES = capabilities(
    "notification",
    {"view": {RECIPIENT}, "mark_read": {RECIPIENT}},
    {"mark_read": "Only the recipient can mark a notification read."},
)
PREFERENCE_CAPABILITIES = capabilities(
    "notification preferences",
    {"view": {OWNER}, "change": {OWNER}},
    {"change": "Only their owner changes notification preferences."},
)


def _signed_in(user: Person | None) -> TypeIs[User]:
    return isinstance(user, User) and user.is_authenticated


def notification_roles(*, notification: Notification, user: Person | None) -> frozenset[str]:
    """RECIPIENT for the person it was sent to; nothing for anyone else."""
    if _signed_in(user) and notification.recipient_id == user.pk:
        return frozenset({RECIPIENT})
    return frozenset()


def preference_roles(*, preference: NotificationPreference, user: Person | None) -> frozenset[str]:
    """OWNER for the person whose preferences they are; nothing for anyone else."""
    if _signed_in(user) and preference.user_id == user.pk:
        return frozenset({OWNER})
    return frozenset()


def access_notification(
    *, user: Person | None, notification_id: int, to: str = "view"
) -> Access[Notification]:
    """A notification the person may `to` ("view", "mark_read"), or 404."""
    notification = Notification.objects.filter(pk=notification_id).first()
    roles = (
        notification_roles(notification=notification, user=user)
        if notification is not None
        else frozenset()
    )
    return NOTIFICATION_CAPABILITIES.grant(notification, roles=roles, to=to)


def access_preferences(*, user: Person | None, to: str = "view") -> Access[NotificationPreference]:
    """The person's own preferences (unsaved defaults when never changed), or 404."""
    preference = preferences_for_user(user=user) if _signed_in(user) else None
    roles = (
        preference_roles(preference=preference, user=user)
        if preference is not None
        else frozenset()
    )
    return PREFERENCE_CAPABILITIES.grant(preference, roles=roles, to=to)
