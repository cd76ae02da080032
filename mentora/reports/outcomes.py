"""The surveys' outcome figures as the dashboard shows them, with the small-numbers rule applied.

The surveys app computes the statistics (means, paired changes, 95% confidence intervals, in
`mentora.surveys.outcomes`); this module only reshapes them and re-applies
`suppression.figure`, so nothing computed from fewer than five respondents leaves the reports app
whatever the source says. It also honours the surveys' anonymity: answers to a confidential
instrument (every built-in one) are only ever used in aggregate; the responses export lists only
named instruments' answers.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentora.lib.suppression import Figure, figure, is_reportable
from mentora.lib.wording import role_word
from mentora.programs.models import Program
from mentora.surveys.instruments import CHECK_IN
from mentora.surveys.models import Anonymity, Answer
from mentora.surveys.outcomes import (
    benefit_changes,
    check_in_summary,
    participant_benefit_history,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User

# The benefit scales are means of 1-5 agreement items.
BENEFIT_SCALE = "1-5"
RHYTHM_RIGHT = "about_right"


@dataclass(frozen=True)
class BenefitRow:
    """One benefit's change from the baseline survey to the end (closing or follow-up)."""

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
    rows = []
    for change in benefit_changes(program=program):
        n = change.n
        shown = is_reportable(n) and not change.suppressed and change.mean_change is not None
        rows.append(
            BenefitRow(
                side=role_word(change.side, coaching=program.is_coaching),
                label=change.label,
                scale=change.scale,
                baseline=figure(change.baseline_mean if shown else None, n=n),
                end=figure(change.end_mean if shown else None, n=n),
                change=figure(change.mean_change if shown else None, n=n),
                ci_low=change.ci_low if shown else None,
                ci_high=change.ci_high if shown else None,
            )
        )
    return rows


def check_ins(*, program: Program) -> CheckIns:
    """Mean check-in quality (1-5) and the share of answers saying the rhythm is about right."""
    summary = check_in_summary(program=program)
    shares = summary.rhythm_shares or {}
    return CheckIns(
        responses=summary.responses,
        quality=figure(None if summary.suppressed else summary.quality_mean, n=summary.n),
        rhythm_right=figure(
            None if summary.suppressed else shares.get(RHYTHM_RIGHT), n=summary.n, digits=3
        ),
    )


def check_in_quality_by_user(*, program: Program) -> dict[int, list[float]]:
    """Each respondent's check-in quality ratings (1-5), by user id, for group comparisons."""
    ratings: dict[int, list[float]] = defaultdict(list)
    for respondent_id, number in Answer.objects.filter(
        response__survey__program=program,
        response__survey__instrument__key=CHECK_IN,
        response__survey__instrument__program__isnull=True,
        item__key="quality",
        number__isnull=False,
    ).values_list("response__survey__respondent_id", "number"):
        if number is not None:
            ratings[respondent_id].append(float(number))
    return ratings


def benefit_history(*, user: User, program: Program) -> list[BenefitHistory]:
    """The person's own benefit scores over time in one program, one entry per scale and role."""
    history = participant_benefit_history(user=user, program=program)
    result = []
    for role, scales in history.scales.items():
        points = history.points.get(role, [])
        for scale, label in scales:
            result.append(
                BenefitHistory(
                    side=role_word(role, coaching=program.is_coaching),
                    label=label,
                    scale=scale,
                    points=[
                        HistoryPoint(
                            answered_at=point.submitted_at,
                            label=point.occasion_label,
                            score=point.scores[scale],
                        )
                        for point in points
                        if scale in point.scores
                    ],
                )
            )
    return result


RESPONSE_COLUMNS = [
    "response_id",
    "instrument",
    "instrument_version",
    "occasion",
    "stage",
    "role",
    "relationship_id",
    "submitted_at",
    "item",
    "question",
    "number",
    "text",
]


def response_export(
    *,
    program: Program,
    person: Callable[[User], list[Any]],
    person_columns: list[str],
    relationship: Callable[[int | None], Any],
    response: Callable[[int], Any],
) -> tuple[list[str], Iterator[list[Any]]]:
    """Every answer to the program's named surveys, one row per answer, for the exports.

    Confidential surveys (every built-in instrument) are left out: their respondents were told
    managers only ever see totals of five or more.
    """
    columns = [*RESPONSE_COLUMNS[:7], *person_columns, *RESPONSE_COLUMNS[7:]]

    def rows() -> Iterator[list[Any]]:
        answers = (
            Answer.objects.filter(
                response__survey__program=program,
                response__survey__instrument__anonymity=Anonymity.NAMED,
            )
            .select_related(
                "item",
                "response__survey__instrument",
                "response__survey__version",
                "response__survey__respondent__profile",
            )
            .order_by("response_id", "item__position", "pk")
        )
        for answer in answers.iterator(chunk_size=2000):
            survey = answer.response.survey
            yield [
                response(answer.response_id),
                survey.instrument.title,
                survey.version.number,
                survey.occasion,
                survey.stage,
                survey.role,
                relationship(survey.relationship_id),
                *person(survey.respondent),
                answer.response.submitted_at,
                answer.item.key,
                answer.item.text_for(program),
                answer.number,
                answer.text,
            ]

    return columns, rows()


TOTALS_COLUMNS = [
    "instrument",
    "instrument_version",
    "confidential",
    "occasion",
    "role",
    "item",
    "question",
    "kind",
    "answers",
    "mean",
    *[f"answered_{value}" for value in range(0, 11)],
]


def item_totals_export(*, program: Program) -> tuple[list[str], Iterator[list[Any]]]:
    """The totals export: for every survey question, per occasion and role, how many answered,
    the mean and how many gave each value.

    It covers confidential surveys too, in the only form their respondents were promised: totals.
    A row from fewer than five answers keeps its count but not its mean or its distribution; free
    text is never included.
    """

    def rows() -> Iterator[list[Any]]:
        groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        items: dict[int, Any] = {}
        answers = (
            Answer.objects.filter(response__survey__program=program, number__isnull=False)
            .select_related("item__version__instrument", "response__survey")
            .order_by("item__version__instrument__title", "item__version__number")
        )
        for answer in answers.iterator(chunk_size=5000):
            survey = answer.response.survey
            items[answer.item_id] = answer.item
            key = (answer.item_id, survey.occasion, survey.role)
            groups[key].append(int(answer.number or 0))
        ordered = sorted(
            groups.items(),
            key=lambda entry: (
                items[entry[0][0]].version.instrument.title,
                items[entry[0][0]].version.number,
                entry[0][1],
                entry[0][2],
                items[entry[0][0]].position,
            ),
        )
        for (item_id, occasion, role), numbers in ordered:
            item = items[item_id]
            instrument = item.version.instrument
            shown = is_reportable(len(numbers))
            counts = [numbers.count(value) if shown else None for value in range(0, 11)]
            yield [
                instrument.title,
                item.version.number,
                instrument.anonymity != Anonymity.NAMED,
                occasion,
                role,
                item.key,
                item.text_for(program),
                item.get_kind_display(),
                len(numbers),
                round(sum(numbers) / len(numbers), 3) if shown else None,
                *counts,
            ]

    return TOTALS_COLUMNS, rows()
