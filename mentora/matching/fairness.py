"""The fairness view of a match run's draft: match rate and mean score by self-identified group.

The engine never sees self-identification; this reads it only to report on the draft it made.
Groups of fewer than MIN_GROUP_SIZE mentees are merged into one row, itself shown only when the
merged mentees reach that size. Every figure is released through
`mentora.lib.group_figures.GroupRelease`, the rule the program dashboard's comparison follows too:
counts and score sums carry noise drawn from the program's secret and every input of the view
(each mentee's pairs and scores and their three self-identified values), so forbidding or pinning
one mentee's pairs and re-running redraws every group's figures, and the difference between two
drafts does not tell that mentee's group. The same draft always shows the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from mentora.lib.group_figures import GroupFigure, GroupRelease
from mentora.lib.suppression import MIN_PEOPLE
from mentora.matching.models import MatchRun, Proposal, UnmatchedMentee
from mentora.profiles.choices import GENDERS, PREFER_NOT_TO_SAY
from mentora.profiles.models import DemographicIdentity

# Fairness figures follow Mentora's small-numbers rule: groups of at least five people.
MIN_GROUP_SIZE = MIN_PEOPLE
SMALL_GROUPS_LABEL = f"Groups under {MIN_GROUP_SIZE} (not shown)"
NOT_STATED = "Not stated"
DIMENSIONS = ("Gender", "Ethnicity", "Nationality")
SCORE_LOWEST, SCORE_HIGHEST = 0.0, 100.0


@dataclass(frozen=True)
class FairnessRow:
    group: str
    mentees: int  # approximate (protective noise), like every figure of the row
    matched: int
    match_rate: float
    mean_score: float | None  # None below five matched mentees
    merged: bool = False
    # The 95% range of the protective noise around match_rate and mean_score.
    match_rate_margin: float = 0.0
    mean_score_margin: float | None = None


@dataclass(frozen=True)
class FairnessTable:
    dimension: str
    rows: list[FairnessRow]


def _scores(run: MatchRun) -> dict[int, float | None]:
    """Each mentee of the draft with their mean proposal score, or None when unmatched."""
    score_sum: dict[int, float] = defaultdict(float)
    pairs: dict[int, int] = defaultdict(int)
    for mentee_id, score in Proposal.objects.filter(run=run).values_list("mentee_id", "score"):
        score_sum[mentee_id] += score
        pairs[mentee_id] += 1
    scores: dict[int, float | None] = {m: score_sum[m] / pairs[m] for m in pairs}
    for mentee_id in UnmatchedMentee.objects.filter(run=run, matched=0).values_list(
        "mentee_id", flat=True
    ):
        scores.setdefault(mentee_id, None)
    return scores


def _label(index: int, value: str) -> str:
    if not value:
        return NOT_STATED
    if value == PREFER_NOT_TO_SAY:
        return "Prefer not to say"
    if index == 0:
        return str(dict(GENDERS).get(value, value))
    return value.strip()


def _row(
    release: GroupRelease, cell: str, group: str, scores: list[float | None], *, merged: bool
) -> FairnessRow:
    matched = [s for s in scores if s is not None]
    rate = release.share(len(matched), len(scores), cell=cell + ":rate")
    mean = release.mean(matched, cell=cell + ":score", lowest=SCORE_LOWEST, highest=SCORE_HIGHEST)
    return FairnessRow(
        group=group,
        mentees=rate.n,
        matched=round((rate.value or 0.0) * rate.n),
        match_rate=rate.value or 0.0,
        mean_score=mean.value,
        merged=merged,
        match_rate_margin=_margin(rate),
        mean_score_margin=mean.margin,
    )


def _margin(figure: GroupFigure) -> float:
    return figure.margin or 0.0


def run_fairness(*, run: MatchRun) -> list[FairnessTable]:
    """Match rate and mean score by self-identified group, computed from the draft, released with
    noise that one mentee's change cannot be told from (see the module)."""
    mentee_scores = _scores(run)
    identities = {
        user_id: (gender, ethnicity, nationality)
        for user_id, gender, ethnicity, nationality in DemographicIdentity.objects.filter(
            Q(user__in=Proposal.objects.filter(run=run).values("mentee_id"))
            | Q(user__in=UnmatchedMentee.objects.filter(run=run).values("mentee_id"))
        ).values_list("user_id", "gender", "ethnicity", "nationality")
    }
    labels = {
        mentee_id: tuple(
            _label(index, identity[index] if identity else "") for index in range(len(DIMENSIONS))
        )
        for mentee_id in mentee_scores
        for identity in [identities.get(mentee_id)]
    }
    release = GroupRelease(
        program_id=run.program_id,
        view="match-run-fairness",
        inputs=((m, mentee_scores[m], *labels[m]) for m in mentee_scores),
    )
    tables = []
    for index, dimension in enumerate(DIMENSIONS):
        groups: dict[str, list[float | None]] = defaultdict(list)
        for mentee_id, mentee_score in mentee_scores.items():
            groups[labels[mentee_id][index]].append(mentee_score)
        rows = [
            _row(release, f"{dimension}:{label}", label, scores, merged=False)
            for label, scores in groups.items()
            if len(scores) >= MIN_GROUP_SIZE
        ]
        small = [s for scores in groups.values() if len(scores) < MIN_GROUP_SIZE for s in scores]
        rows.sort(key=lambda r: (-r.mentees, r.group))
        if len(small) >= MIN_GROUP_SIZE:
            rows.append(
                _row(release, f"{dimension}:small groups", SMALL_GROUPS_LABEL, small, merged=True)
            )
        elif small:
            rows.append(
                FairnessRow(
                    group=SMALL_GROUPS_LABEL,
                    mentees=0,
                    matched=0,
                    match_rate=0.0,
                    mean_score=None,
                    merged=True,
                )
            )
        tables.append(FairnessTable(dimension=dimension, rows=rows))
    return tables
