"""Template tags other apps' pages use: a mentor's public thank-you notes, one's relationships."""

from __future__ import annotations

import datetime
from typing import Any

from django import template

from mentora.relationships.selectors import home_relationships
from mentora.relationships.selectors import public_acknowledgments as _public_acknowledgments
from mentora.relationships.times import local_text

register = template.Library()


@register.simple_tag
def public_acknowledgments(person: Any) -> Any:
    if person is None or not getattr(person, "pk", None):
        return []
    return _public_acknowledgments(mentor=person)


@register.simple_tag
def my_relationships(user: Any) -> Any:
    if not getattr(user, "is_authenticated", False):
        return []
    return home_relationships(user=user)


@register.simple_tag
def local_time(moment: datetime.datetime, user: Any) -> str:
    """A moment in the person's own timezone."""
    return local_text(moment, user=user)
