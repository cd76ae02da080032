"""Template tags for the slots other pages render: the nav link and the home page section."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.finding import selectors
from mentora.finding.models import RequestStatus
from mentora.lib.wording import MENTOR, role_word
from mentora.programs.models import Program

register = template.Library()


@register.simple_tag
def finding_nav_word(user: Any) -> str:
    """ "mentor" or "coach" when "Find a ..." belongs in the person's navigation, else ""."""
    if not getattr(user, "is_authenticated", False):
        return ""
    kinds = set(selectors.finding_enrollments(user=user).values_list("program__kind", flat=True))
    if not kinds:
        return ""
    return role_word(MENTOR, coaching=kinds == {Program.Kind.COACHING}, capital=False)


@register.simple_tag
def finding_home(user: Any) -> dict[str, Any]:
    """What the home page shows about finding: as a mentee, and as a mentor."""
    if not getattr(user, "is_authenticated", False):
        return {}
    enrollments = list(selectors.finding_enrollments(user=user))
    mentor_enrollments = list(selectors.mentor_enrollments_of(user=user))
    if not enrollments and not mentor_enrollments:
        return {}
    received = selectors.requests_received(user=user).filter(status=RequestStatus.PENDING)
    coaching_only = bool(enrollments) and all(e.program.is_coaching for e in enrollments)
    return {
        "word": role_word(MENTOR, coaching=coaching_only, capital=False),
        "enrollments": [
            {
                "enrollment": e,
                "mentor_word": role_word(MENTOR, coaching=e.program.is_coaching, capital=False),
            }
            for e in enrollments
        ],
        "sent": list(selectors.requests_sent(user=user).filter(status=RequestStatus.PENDING)[:10]),
        "bookmarks": list(selectors.bookmarks_of(user=user)[:6]) if enrollments else [],
        "received_count": received.count(),
        "received": list(received[:5]),
        "mentor_enrollments": [
            {
                "enrollment": enrollment,
                "offer": getattr(enrollment, "mentor_offer", None),
            }
            for enrollment in mentor_enrollments
        ],
    }


@register.filter
def mentor_word(program: Program) -> str:
    """The program's word for a mentor, lower case: "mentor" or "coach"."""
    return role_word(MENTOR, coaching=program.is_coaching, capital=False)
