"""What the home page include shows: the person's open surveys and the programs they manage."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.programs.selectors import programs_managed_by
from mentora.surveys.selectors import open_surveys_for_user, surveys_for_user

register = template.Library()

HOME_LIMIT = 5


@register.simple_tag
def surveys_home(user: Any) -> dict[str, Any]:
    if not getattr(user, "is_authenticated", False):
        return {"open": [], "managed": [], "answered_any": False}
    return {
        "open": list(open_surveys_for_user(user=user)[:HOME_LIMIT]),
        "answered_any": surveys_for_user(user=user).filter(completed_at__isnull=False).exists(),
        "managed": list(programs_managed_by(user=user).order_by("name")),
    }
