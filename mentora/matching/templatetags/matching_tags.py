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


DASH = "\u2013"


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


@register.filter
def percent(value: object) -> str:
    """0.834 -> "83%"; no value (a run without metrics, say) -> a dash."""
    number = _number(value)
    return DASH if number is None else f"{100 * number:.0f}%"


@register.filter
def score(value: object) -> str:
    """A 0-100 score with one decimal, or a dash."""
    number = _number(value)
    return DASH if number is None else f"{number:.1f}"
