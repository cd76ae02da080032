"""Reads of manager-run matching: runs, drafts, changes between drafts (the fairness view by
self-identified group is in `mentora.matching.fairness`).

Every look-up of one run, proposal or pin on user input goes through `mentora.matching.access`;
the lists here take an object that access already granted. What-if reads over a draft (other
mentors, other weights) are in `mentora.matching.previews`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from mentora.accounts.models import User
from mentora.matching.models import MatchRun, Pin, Proposal, UnmatchedMentee
from mentora.programs.models import Program

DIFF_LIMIT = 50


def runs_of_program(*, program: Program) -> QuerySet[MatchRun]:
    return (
        MatchRun.objects.filter(program=program)
        .select_related("started_by__profile", "published_by__profile")
        .annotate(proposal_count=Count("proposals", distinct=True))
        .order_by("-created_at", "-pk")
    )


def latest_run(*, program: Program) -> MatchRun | None:
    return MatchRun.objects.filter(program=program).order_by("-created_at", "-pk").first()


PROPOSAL_FILTERS = {
    "all": "All pairs",
    "pinned": "Pinned",
    "moved": "Moved by a manager",
    "low": "Score below 50",
    "forbidden": "Forbidden since the run",
}


def proposals_of_run(*, run: MatchRun, search: str = "", show: str = "all") -> QuerySet[Proposal]:
    """A run's proposals, best score first, optionally searched by name or email and filtered."""
    proposals = Proposal.objects.filter(run=run).select_related(
        "mentee__profile", "mentor__profile"
    )
    if search:
        proposals = proposals.filter(
            Q(mentee__profile__display_name__icontains=search)
            | Q(mentor__profile__display_name__icontains=search)
            | Q(mentee__email__icontains=search)
            | Q(mentor__email__icontains=search)
        )
    if show == "pinned":
        proposals = proposals.filter(pinned=True)
    elif show == "moved":
        proposals = proposals.filter(moved=True)
    elif show == "low":
        proposals = proposals.filter(score__lt=50)
    elif show == "forbidden":
        forbidden = Pin.objects.filter(program_id=run.program_id, kind=Pin.Kind.FORBID)
        pairs = Q(pk__in=[])
        for mentee_id, mentor_id in forbidden.values_list("mentee_id", "mentor_id"):
            pairs |= Q(mentee_id=mentee_id, mentor_id=mentor_id)
        proposals = proposals.filter(pairs)
    return proposals.order_by("-score", "pk")


def forbidden_pairs(*, program: Program) -> set[tuple[int, int]]:
    return set(
        Pin.objects.filter(program=program, kind=Pin.Kind.FORBID).values_list(
            "mentee_id", "mentor_id"
        )
    )


def unmatched_of_run(*, run: MatchRun) -> QuerySet[UnmatchedMentee]:
    return UnmatchedMentee.objects.filter(run=run).select_related("mentee__profile")


def pins_of_program(*, program: Program) -> QuerySet[Pin]:
    return Pin.objects.filter(program=program).select_related(
        "mentee__profile", "mentor__profile", "created_by__profile"
    )


# Changes since the previous draft


@dataclass(frozen=True)
class PairChange:
    mentee: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class RunDiff:
    """How a draft differs from the draft before it, by mentee (lists cut at DIFF_LIMIT)."""

    previous_run_id: int
    added: int
    removed: int
    changed: int
    unchanged: int
    added_rows: list[PairChange] = field(default_factory=list)
    removed_rows: list[PairChange] = field(default_factory=list)
    changed_rows: list[PairChange] = field(default_factory=list)


def names_of(user_ids: set[int]) -> dict[int, str]:
    """Display names (or email addresses) by user id."""
    return {
        pk: name or email
        for pk, name, email in User.objects.filter(pk__in=list(user_ids)).values_list(
            "pk", "profile__display_name", "email"
        )
    }


def run_diff(*, run: MatchRun) -> RunDiff | None:
    """Pairs added, removed and changed since the previous draft (None without one)."""
    if run.previous_id is None:
        return None
    before: dict[int, set[int]] = defaultdict(set)
    after: dict[int, set[int]] = defaultdict(set)
    for mentee_id, mentor_id in Proposal.objects.filter(run_id=run.previous_id).values_list(
        "mentee_id", "mentor_id"
    ):
        before[mentee_id].add(mentor_id)
    for mentee_id, mentor_id in Proposal.objects.filter(run=run).values_list(
        "mentee_id", "mentor_id"
    ):
        after[mentee_id].add(mentor_id)
    added = sorted(m for m in after if m not in before)
    removed = sorted(m for m in before if m not in after)
    changed = sorted(m for m in after if m in before and after[m] != before[m])
    shown = [*added[:DIFF_LIMIT], *removed[:DIFF_LIMIT], *changed[:DIFF_LIMIT]]
    people = set(shown) | {
        mentor for m in shown for mentor in before.get(m, set()) | after.get(m, set())
    }
    names = names_of(people)

    def row(mentee_id: int) -> PairChange:
        return PairChange(
            mentee=names.get(mentee_id, str(mentee_id)),
            before=tuple(sorted(names.get(m, str(m)) for m in before.get(mentee_id, ()))),
            after=tuple(sorted(names.get(m, str(m)) for m in after.get(mentee_id, ()))),
        )

    return RunDiff(
        previous_run_id=run.previous_id,
        added=len(added),
        removed=len(removed),
        changed=len(changed),
        unchanged=sum(1 for m in after if m in before and after[m] == before[m]),
        added_rows=[row(m) for m in added[:DIFF_LIMIT]],
        removed_rows=[row(m) for m in removed[:DIFF_LIMIT]],
        changed_rows=[row(m) for m in changed[:DIFF_LIMIT]],
    )


def get_participant_of_program(*, program: Program, user_id: int) -> User:
    """A person enrolled in the program (any role or status), or 404."""
    person = (
        User.objects.filter(pk=user_id, enrollments__program=program)
        .select_related("profile")
        .distinct()
        .first()
    )
    if person is None:
        raise Http404("No such participant.")
    return person
