from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mentora.accounts.models import User
from mentora.notifications.selectors import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    """The signed-in person's count of unread notifications, for the navigation."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user=user)}
