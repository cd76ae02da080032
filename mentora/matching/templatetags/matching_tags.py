"""Template helpers of the matching pages."""

from __future__ import annotations

from django import template

from mentora.matching.models import MatchRun
from mentora.matching.selectors import latest_run
from mentora.programs.models import Program

register = template.Library()


@register.simple_tag
def latest_match_run(program: Program) -> MatchRun | None:
    """The program's newest run (the include slot on the manager's program page uses it)."""
    return latest_run(program=program)


@register.filter
def percent(value: float | None) -> str:
    """0.834 -> "83%"; None -> a dash."""
    if value is None:
        return "\u2013"
    return f"{100 * float(value):.0f}%"


@register.filter
def score(value: float | None) -> str:
    if value is None:
        return "\u2013"
    return f"{float(value):.1f}"
