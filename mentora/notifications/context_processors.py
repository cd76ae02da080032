from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def unread(request: HttpRequest) -> dict[str, Any]:
    """The signed-in person's count of unread notifications, for the navigation."""
    return {}
