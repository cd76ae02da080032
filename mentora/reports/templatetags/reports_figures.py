"""Template filters that print a figure or its suppression notice, and the program page card."""

from __future__ import annotations

from typing import Any

from django import template

from mentora.lib.group_figures import GroupFigure
from mentora.lib.suppression import Figure
from mentora.lib.wording import role_words
from mentora.programs.models import Program
from mentora.reports.charts import number, percent
from mentora.reports.selectors import program_headlines

register = template.Library()


@register.filter
def pct(value: Figure) -> str:
    """62% — or "fewer than 5 — not shown"."""
    return percent(value)


@register.filter
def pct_range(value: GroupFigure) -> str:
    """ "52 to 78%": the 95% range of a group figure's protective noise ("" when withheld)."""
    if value.low is None or value.high is None:
        return ""
    return f"{value.low * 100:.0f} to {value.high * 100:.0f}%"


@register.filter
def num_range(value: GroupFigure, digits: int = 2) -> str:
    """ "3.10 to 4.02": the 95% range of a group mean's protective noise ("" when withheld)."""
    if value.low is None or value.high is None:
        return ""
    return f"{value.low:.{int(digits)}f} to {value.high:.{int(digits)}f}"


@register.filter
def num(value: Figure, digits: int = 1) -> str:
    return number(value, digits=int(digits))


@register.filter
def signed(value: Figure, digits: int = 2) -> str:
    return number(value, digits=int(digits), signed=True)


@register.inclusion_tag("reports/includes/headlines.html")
def program_headlines_card(program: Program) -> dict[str, Any]:
    """A few headline figures of a program for its manager's page."""
    return {
        "program": program,
        "headlines": program_headlines(program=program),
        "words": role_words(coaching=program.is_coaching),
    }
