from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the layout's navigation needs: whether the person manages any organisation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_is_manager": False}
    return {"nav_is_manager": user.managed_organisations.exists()}
