"""What the program achieved, from the surveys: benefit changes, check-ins, one's own progress.

Every figure for managers is computed from at least five respondents (`MIN_RESPONDENTS`); below
that the figures are None and `suppressed` is true, but `n` is kept.

A benefit change pairs one person's baseline benefits survey in a relationship with their latest
later one in the same relationship (the closing survey, or the follow-up when there was no
closing). The change is end minus baseline per scale; its 95% confidence interval is the paired t
interval (mean change ± t(0.975, n-1) · sd / √n).
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from scipy import stats

from mentora.lib.suppression import MIN_PEOPLE
from mentora.programs.models import Program
from mentora.surveys.instruments import (
    BENEFIT_INSTRUMENTS,
    CHECK_IN,
    MENTEE_BENEFIT_SCALES,
    MENTOR_BENEFIT_SCALES,
    RHYTHM_CHOICES,
    SCALE_LABELS,
)
from mentora.surveys.models import Answer, Occasion, Survey
from mentora.surveys.scoring import scored_value

if TYPE_CHECKING:
    from mentora.accounts.models import User

# The one small-numbers rule of Mentora: no figure from fewer than five people.
MIN_RESPONDENTS = MIN_PEOPLE
CONFIDENCE = 0.95
END_OCCASIONS = (Occasion.CLOSING, Occasion.FOLLOW_UP)


@dataclass(frozen=True)
class BenefitChange:
    """The baseline-to-end change of one benefit scale for one side of the relationships."""

    scale: str
    label: str
    side: str  # "mentee" or "mentor"
    n: int  # paired respondents (a person in two relationships counts twice)
    baseline_mean: float | None
    end_mean: float | None
    mean_change: float | None
    ci_low: float | None
    ci_high: float | None

    @property
    def suppressed(self) -> bool:
        return self.n < MIN_RESPONDENTS

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "suppressed": self.suppressed}


@dataclass(frozen=True)
class ScoredResponse:
    survey_id: int
    respondent_id: int
    relationship_id: int | None
    role: str
    occasion: str
    instrument_key: str
    submitted_at: datetime.datetime
    scores: dict[str, float]


class _AnswerItem:
    """Enough of an item to score an answer (avoids loading Item rows)."""

    def __init__(self, kind: str, reverse_scored: bool) -> None:
        self.kind = kind
        self.reverse_scored = reverse_scored


def scored_responses(
    *, program: Program, instrument_keys: list[str], respondent: User | None = None
) -> list[ScoredResponse]:
    """Each answered built-in survey of these instruments with its per-scale means."""
    answers = Answer.objects.filter(
        response__survey__program=program,
        response__survey__instrument__key__in=instrument_keys,
        response__survey__instrument__program__isnull=True,
        number__isnull=False,
    ).exclude(item__scale="")
    if respondent is not None:
        answers = answers.filter(response__survey__respondent=respondent)
    sums: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    meta: dict[int, tuple[int, int | None, str, str, str, datetime.datetime]] = {}
    for row in answers.values_list(
        "response__survey_id",
        "response__survey__respondent_id",
        "response__survey__relationship_id",
        "response__survey__role",
        "response__survey__occasion",
        "response__survey__instrument__key",
        "response__submitted_at",
        "item__scale",
        "item__kind",
        "item__reverse_scored",
        "number",
    ):
        survey_id, respondent_id, relationship_id, role, occasion, key, at = row[:7]
        scale, kind, reverse, number = row[7:]
        assert number is not None  # number__isnull=False above
        meta[survey_id] = (respondent_id, relationship_id, role, occasion, key, at)
        sums[survey_id][scale].append(scored_value(_AnswerItem(kind, reverse), number))
    return sorted(
        (
            ScoredResponse(
                survey_id=survey_id,
                respondent_id=meta[survey_id][0],
                relationship_id=meta[survey_id][1],
                role=meta[survey_id][2],
                occasion=meta[survey_id][3],
                instrument_key=meta[survey_id][4],
                submitted_at=meta[survey_id][5],
                scores={scale: sum(v) / len(v) for scale, v in by_scale.items()},
            )
            for survey_id, by_scale in sums.items()
        ),
        key=lambda r: (r.submitted_at, r.survey_id),
    )


def paired_change(
    baseline: list[float], end: list[float]
) -> tuple[float, float, float, float, float]:
    """(baseline mean, end mean, mean change, CI low, CI high) of paired values (n ≥ 2)."""
    n = len(baseline)
    changes = [after - before for before, after in zip(baseline, end, strict=True)]
    mean_change = sum(changes) / n
    sd = math.sqrt(sum((c - mean_change) ** 2 for c in changes) / (n - 1))
    if sd == 0:
        low = high = mean_change
    else:
        low, high = stats.t.interval(CONFIDENCE, n - 1, loc=mean_change, scale=sd / math.sqrt(n))
    return sum(baseline) / n, sum(end) / n, mean_change, float(low), float(high)


def benefit_changes(*, program: Program) -> list[BenefitChange]:
    """Every benefit scale's baseline-to-end change, mentees' scales first, then mentors'."""
    responses = scored_responses(
        program=program, instrument_keys=list(BENEFIT_INSTRUMENTS.values())
    )
    baselines: dict[tuple[int, int | None, str], ScoredResponse] = {}
    ends: dict[tuple[int, int | None, str], ScoredResponse] = {}
    for response in responses:  # in time order: the last one wins
        key = (response.respondent_id, response.relationship_id, response.role)
        if response.occasion == Occasion.BASELINE:
            baselines.setdefault(key, response)
        elif response.occasion in END_OCCASIONS and (
            key not in ends or ends[key].occasion != Occasion.CLOSING
        ):
            ends[key] = response
    results: list[BenefitChange] = []
    for side, scales in (("mentee", MENTEE_BENEFIT_SCALES), ("mentor", MENTOR_BENEFIT_SCALES)):
        for scale in scales:
            before: list[float] = []
            after: list[float] = []
            for key, baseline in baselines.items():
                end = ends.get(key)
                if key[2] != side or end is None or end.submitted_at <= baseline.submitted_at:
                    continue
                if scale in baseline.scores and scale in end.scores:
                    before.append(baseline.scores[scale])
                    after.append(end.scores[scale])
            n = len(before)
            if n < MIN_RESPONDENTS:
                results.append(
                    BenefitChange(scale, SCALE_LABELS[scale], side, n, None, None, None, None, None)
                )
                continue
            baseline_mean, end_mean, change, low, high = paired_change(before, after)
            results.append(
                BenefitChange(
                    scale=scale,
                    label=SCALE_LABELS[scale],
                    side=side,
                    n=n,
                    baseline_mean=round(baseline_mean, 2),
                    end_mean=round(end_mean, 2),
                    mean_change=round(change, 2),
                    ci_low=round(low, 2),
                    ci_high=round(high, 2),
                )
            )
    return results


@dataclass(frozen=True)
class CheckInSummary:
    """How the check-ins say relationships are going (answers of every role)."""

    n: int  # distinct respondents
    responses: int
    quality_mean: float | None
    rhythm_shares: dict[str, float] | None  # choice value -> share of answers
    rhythm_labels: dict[str, str]

    @property
    def suppressed(self) -> bool:
        return self.n < MIN_RESPONDENTS

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "responses": self.responses,
            "quality_mean": self.quality_mean,
            "rhythm_shares": self.rhythm_shares,
            "suppressed": self.suppressed,
        }


def check_in_summary(*, program: Program) -> CheckInSummary:
    """The mean relationship quality (1-5) and the shares of each meeting-rhythm answer."""
    rows = list(
        Answer.objects.filter(
            response__survey__program=program,
            response__survey__instrument__key=CHECK_IN,
            response__survey__instrument__program__isnull=True,
            item__key__in=["quality", "rhythm"],
        ).values_list(
            "response__survey__respondent_id", "response_id", "item__key", "number", "text"
        )
    )
    labels = {choice[0]: choice[1] for choice in RHYTHM_CHOICES}
    respondents = {row[0] for row in rows}
    responses = {row[1] for row in rows}
    if len(respondents) < MIN_RESPONDENTS:
        return CheckInSummary(len(respondents), len(responses), None, None, labels)
    quality = [row[3] for row in rows if row[2] == "quality" and row[3] is not None]
    rhythm = [row[4] for row in rows if row[2] == "rhythm" and row[4]]
    shares = (
        {
            value: round(sum(1 for answer in rhythm if answer == value) / len(rhythm), 3)
            for value in labels
        }
        if rhythm
        else None
    )
    return CheckInSummary(
        n=len(respondents),
        responses=len(responses),
        quality_mean=round(sum(quality) / len(quality), 2) if quality else None,
        rhythm_shares=shares,
        rhythm_labels=labels,
    )


@dataclass(frozen=True)
class BenefitPoint:
    """One of the person's benefit surveys: when, on which occasion, and the scale means."""

    submitted_at: datetime.datetime
    occasion: str
    occasion_label: str
    role: str
    relationship_id: int | None
    scores: dict[str, float]


@dataclass(frozen=True)
class BenefitHistory:
    """A participant's own benefit scores over time, by role (mentee and/or mentor)."""

    scales: dict[str, list[tuple[str, str]]]  # role -> [(scale, label)]
    points: dict[str, list[BenefitPoint]]  # role -> points in time order


def participant_benefit_history(*, user: User, program: Program) -> BenefitHistory:
    """The person's own benefit survey scores in the program, oldest first (only their own)."""
    labels = dict(Occasion.choices)
    points: dict[str, list[BenefitPoint]] = defaultdict(list)
    for response in scored_responses(
        program=program, instrument_keys=list(BENEFIT_INSTRUMENTS.values()), respondent=user
    ):
        points[response.role].append(
            BenefitPoint(
                submitted_at=response.submitted_at,
                occasion=response.occasion,
                occasion_label=str(labels.get(response.occasion, response.occasion)),
                role=response.role,
                relationship_id=response.relationship_id,
                scores={k: round(v, 2) for k, v in response.scores.items()},
            )
        )
    scales = {
        "mentee": [(s, SCALE_LABELS[s]) for s in MENTEE_BENEFIT_SCALES],
        "mentor": [(s, SCALE_LABELS[s]) for s in MENTOR_BENEFIT_SCALES],
    }
    return BenefitHistory(scales={role: scales[role] for role in points}, points=dict(points))


def surveys_answered(*, program: Program) -> int:
    """How many surveys of the program have been answered (a count managers may always see)."""
    return Survey.objects.filter(program=program, completed_at__isnull=False).count()


@dataclass(frozen=True)
class ScaleMean:
    """The mean of one scale over the answered surveys of an instrument (one per respondent)."""

    scale: str
    label: str
    n: int  # respondents
    mean: float | None

    @property
    def suppressed(self) -> bool:
        return self.n < MIN_RESPONDENTS

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "suppressed": self.suppressed}


def scale_means(*, program: Program, instrument_key: str, role: str = "") -> list[ScaleMean]:
    """Each scale's mean for a built-in instrument, each respondent's latest survey counting once.

    For instruments asked once (the support received, the closing survey); below five
    respondents a mean is withheld.
    """
    latest: dict[tuple[int, str], ScoredResponse] = {}
    for response in scored_responses(program=program, instrument_keys=[instrument_key]):
        if not role or response.role == role:
            latest[(response.respondent_id, response.role)] = response
    scales: list[str] = []
    for response in latest.values():
        scales += [scale for scale in response.scores if scale not in scales]
    ordered = [scale for scale in SCALE_LABELS if scale in scales]
    results: list[ScaleMean] = []
    for scale in ordered:
        values = [r.scores[scale] for r in latest.values() if scale in r.scores]
        shown = len(values) >= MIN_RESPONDENTS
        results.append(
            ScaleMean(
                scale=scale,
                label=SCALE_LABELS[scale],
                n=len(values),
                mean=round(sum(values) / len(values), 2) if shown else None,
            )
        )
    return results
