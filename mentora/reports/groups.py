"""The dashboard's comparison by self-identified group: match rates and check-in quality.

Only people who chose to self-identify are counted ("prefer not to say" and blanks are left out).
A group is listed only when it has at least five people, and each of its figures only when five
people are behind it (`mentora.lib.suppression`). Every figure is released through
`mentora.lib.group_figures.GroupRelease`: noisy counts whose noise is drawn from the program's
secret and every input of this view, so that comparing the view before and after a change that
concerns one person (pairing them, enrolling them) does not tell which group they are in, while
the same data always shows the same numbers. docs/program-dashboard.md explains it to managers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from mentora.lib.group_figures import GroupFigure, GroupRelease
from mentora.lib.suppression import MIN_PEOPLE, is_reportable
from mentora.profiles.choices import GENDERS, PREFER_NOT_TO_SAY
from mentora.profiles.models import DemographicIdentity
from mentora.programs.models import Enrollment, Program
from mentora.reports import outcomes
from mentora.reports.selectors import program_pairs

GROUP_DIMENSIONS = {"gender": "Gender", "ethnicity": "Ethnicity", "nationality": "Nationality"}
# Check-in quality is answered from 1 to 5; each person's mean answer counts once.
QUALITY_LOWEST, QUALITY_HIGHEST = 1.0, 5.0


@dataclass(frozen=True)
class GroupRow:
    label: str
    people: int  # approximate: within ±COUNT_MARGIN of the true number (95%)
    mentee_match_rate: GroupFigure
    mentor_match_rate: GroupFigure
    satisfaction: GroupFigure


@dataclass(frozen=True)
class GroupComparison:
    dimension: str
    dimension_label: str
    rows: list[GroupRow]
    hidden_groups: int
    self_identified: int  # approximate, like every count of the comparison


@dataclass(frozen=True)
class _Person:
    roles: frozenset[str]
    mentee_matched: bool
    mentor_matched: bool
    quality: float | None  # the person's mean check-in quality, if they answered one
    group: str  # "" when the person did not self-identify in this dimension


def group_key(dimension: str, value: str) -> tuple[str, str] | None:
    """(key, label) of a self-identified value, or None for 'prefer not to say' and blanks."""
    text = (value or "").strip()
    if not text or text == PREFER_NOT_TO_SAY or text.casefold() == "prefer not to say":
        return None
    if dimension == "gender":
        return text, str(dict(GENDERS).get(text, text))
    return text.casefold(), text


def _people(program: Program, dimension: str) -> tuple[dict[int, _Person], dict[str, str]]:
    """Every active participant with what the comparison needs, and each group's label."""
    roles: dict[int, set[str]] = defaultdict(set)
    for user_id, role in Enrollment.objects.filter(
        program=program, status=Enrollment.Status.ACTIVE
    ).values_list("user_id", "role"):
        roles[user_id].add(role)
    pairs = program_pairs(program)
    groups: dict[int, str] = {}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    active = Enrollment.objects.filter(program=program, status=Enrollment.Status.ACTIVE)
    for user_id, value in DemographicIdentity.objects.filter(
        user_id__in=active.values("user_id")
    ).values_list("user_id", dimension):
        grouped = group_key(dimension, value)
        if grouped is not None:
            groups[user_id] = grouped[0]
            spellings[grouped[0]][grouped[1]] += 1
    quality = outcomes.check_in_quality_by_user(program=program)
    people = {
        user_id: _Person(
            roles=frozenset(user_roles),
            mentee_matched=Enrollment.Role.MENTEE in user_roles and user_id in pairs.first_match,
            mentor_matched=Enrollment.Role.MENTOR in user_roles
            and user_id in pairs.matched_mentors,
            quality=(
                sum(quality[user_id]) / len(quality[user_id]) if quality.get(user_id) else None
            ),
            group=groups.get(user_id, ""),
        )
        for user_id, user_roles in roles.items()
    }
    labels = {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}
    return people, labels


def _release(program: Program, dimension: str, people: dict[int, _Person]) -> GroupRelease:
    """The noise of this comparison: every participant's inputs, identified or not."""
    return GroupRelease(
        program_id=program.pk,
        view=f"dashboard-groups:{dimension}",
        inputs=(
            (
                user_id,
                tuple(sorted(person.roles)),
                person.mentee_matched,
                person.mentor_matched,
                person.quality,
                person.group,
            )
            for user_id, person in people.items()
        ),
    )


def group_comparison(*, program: Program, dimension: str) -> GroupComparison:
    """Match rates and check-in quality by one self-identified dimension, groups of 5+ only,
    released with noise that one person's change cannot be told from (see the module).

    Raises ValueError for an unknown dimension.
    """
    if dimension not in GROUP_DIMENSIONS:
        raise ValueError(
            f"{dimension!r} is not a group to compare by; choose one of "
            + ", ".join(GROUP_DIMENSIONS)
            + "."
        )
    people, labels = _people(program, dimension)
    release = _release(program, dimension, people)
    members: dict[str, list[_Person]] = defaultdict(list)
    for person in people.values():
        if person.group:
            members[person.group].append(person)
    rows = []
    hidden = 0
    for key, group in members.items():
        if not is_reportable(len(group)):
            hidden += 1
            continue
        cell = f"{key}:"
        mentees = [p for p in group if Enrollment.Role.MENTEE in p.roles]
        mentors = [p for p in group if Enrollment.Role.MENTOR in p.roles]
        rows.append(
            GroupRow(
                label=labels[key],
                people=release.count(len(group), cell=cell + "people", floor=MIN_PEOPLE),
                mentee_match_rate=release.share(
                    sum(1 for p in mentees if p.mentee_matched),
                    len(mentees),
                    cell=cell + "mentees",
                ),
                mentor_match_rate=release.share(
                    sum(1 for p in mentors if p.mentor_matched),
                    len(mentors),
                    cell=cell + "mentors",
                ),
                satisfaction=release.mean(
                    [p.quality for p in group if p.quality is not None],
                    cell=cell + "quality",
                    lowest=QUALITY_LOWEST,
                    highest=QUALITY_HIGHEST,
                ),
            )
        )
    rows.sort(key=lambda row: (-row.people, row.label))
    return GroupComparison(
        dimension=dimension,
        dimension_label=GROUP_DIMENSIONS[dimension],
        rows=rows,
        hidden_groups=hidden,
        self_identified=release.count(
            sum(len(group) for group in members.values()), cell="self_identified"
        ),
    )
