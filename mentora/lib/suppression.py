"""The small-numbers rule: no figure computed from fewer than five people is ever shown.

Every statistic of the dashboard, the printable report, the group comparison and the REST API is
built with `figure()`, so the rule lives in one place. A suppressed figure keeps its `n` (how many
people it would have been computed from is not itself sensitive: managers can list participants)
but never its value.

Figures by self-identified group need more than this rule, because two views can be subtracted:
they are released through `mentora.lib.group_figures`, which keeps this rule on the true numbers
and adds noise that one person's change cannot be told from.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_PEOPLE = 5
SUPPRESSED_TEXT = f"fewer than {MIN_PEOPLE} — not shown"


@dataclass(frozen=True)
class Figure:
    """A statistic and the number of people (or respondents) it is computed from."""

    value: float | None
    n: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def as_dict(self) -> dict[str, float | int | bool | None]:
        return {"value": self.value, "n": self.n, "suppressed": self.suppressed}


def is_reportable(n: int) -> bool:
    """Whether a figure computed from `n` people may be shown."""
    return n >= MIN_PEOPLE


def figure(value: float | None, *, n: int, digits: int = 2) -> Figure:
    """The figure, with its value withheld when fewer than five people are behind it."""
    if value is None or not is_reportable(n):
        return Figure(value=None, n=n)
    return Figure(value=round(float(value), digits), n=n)


def ratio(part: int, whole: int, *, n: int | None = None, digits: int = 3) -> Figure:
    """part / whole as a figure (a share between 0 and 1); `n` defaults to `whole`."""
    people = whole if n is None else n
    if whole == 0:
        return Figure(value=None, n=people)
    return figure(part / whole, n=people, digits=digits)
