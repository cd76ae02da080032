"""Reads of manager-run matching: runs, drafts, changes between drafts, previews (the fairness
view is in `mentora.matching.fairness`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from mentora.engine.api import recommend
from mentora.engine.features import build_model
from mentora.engine.records import Constraints, Weights
from mentora.matching.models import MatchRun, Pin, Proposal, UnmatchedMentee
from mentora.matching.records import EngineInput, program_engine_input, weights_from_mapping
from mentora.programs.models import Program

if TYPE_CHECKING:
    from mentora.accounts.models import User

DIFF_LIMIT = 50
PREVIEW_SAMPLE = 200
PREVIEW_CHUNK = 25


def runs_managed_by(*, user: User) -> QuerySet[MatchRun]:
    """Runs of the programs the person manages."""
    if not user.is_authenticated:
        return MatchRun.objects.none()
    return MatchRun.objects.filter(program__organisation__managers__user=user).select_related(
        "program", "program__organisation", "started_by__profile", "published_by__profile"
    )


def get_run_for_user(*, user: User, run_id: int) -> MatchRun:
    """A run of a program the person manages, or 404."""
    try:
        return runs_managed_by(user=user).get(pk=run_id)
    except MatchRun.DoesNotExist:
        raise Http404("No such match run.") from None


def get_proposal_for_user(*, user: User, proposal_id: int) -> Proposal:
    """A proposal of a run of a program the person manages, or 404."""
    try:
        return (
            Proposal.objects.filter(run__program__organisation__managers__user=user)
            .select_related("run__program", "mentee__profile", "mentor__profile")
            .get(pk=proposal_id)
        )
    except Proposal.DoesNotExist:
        raise Http404("No such proposal.") from None


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


def _names(user_ids: set[int]) -> dict[int, str]:
    from mentora.accounts.models import User

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
    names = _names(people)

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


# Alternatives for a move


@dataclass(frozen=True)
class Alternative:
    mentor_id: int
    name: str
    score: float
    room: int
    reasons: tuple[str, ...]


def _restricted(
    constraints: Constraints, *, mentee_ids: set[str], mentor_ids: set[str]
) -> Constraints:
    """Constraints about the given people only (the engine refuses ids it was not given)."""
    return replace(
        constraints,
        excluded_pairs=frozenset(
            (a, b) for a, b in constraints.excluded_pairs if a in mentee_ids and b in mentor_ids
        ),
        pinned_pairs=frozenset(),
    )


def draft_room(*, run: MatchRun, engine_input: EngineInput) -> dict[str, int]:
    """Places each mentor has left once this draft's proposals are counted."""
    used = Counter(
        {
            str(mentor_id): count
            for mentor_id, count in Proposal.objects.filter(run=run)
            .values_list("mentor_id")
            .annotate(n=Count("pk"))
        }
    )
    return {m.id: m.capacity - used.get(m.id, 0) for m in engine_input.mentors}


def proposal_alternatives(*, proposal: Proposal, limit: int = 8) -> list[Alternative]:
    """Other mentors with room in the draft for this mentee, best score first, by the engine."""
    run = proposal.run
    engine_input = program_engine_input(program=run.program, mentee_ids=[proposal.mentee_id])
    mentee = engine_input.mentee_by_id.get(str(proposal.mentee_id))
    if mentee is None:
        return []
    room = draft_room(run=run, engine_input=engine_input)
    taken = {
        str(m)
        for m in Proposal.objects.filter(run=run, mentee_id=proposal.mentee_id).values_list(
            "mentor_id", flat=True
        )
    }
    mentors = [
        replace(m, capacity=room[m.id])
        for m in engine_input.mentors
        if room[m.id] > 0 and m.id not in taken
    ]
    if not mentors:
        return []
    recommendations = recommend(
        mentee,
        mentors,
        constraints=_restricted(
            engine_input.constraints,
            mentee_ids={mentee.id},
            mentor_ids={m.id for m in mentors},
        ),
        weights=weights_from_mapping(run.weights),
        options=engine_input.options,
        questions=engine_input.questions,
        taxonomy=engine_input.taxonomy,
        top_k=limit,
    )
    names = _names({int(r.mentor_id) for r in recommendations})
    return [
        Alternative(
            mentor_id=int(r.mentor_id),
            name=names.get(int(r.mentor_id), r.mentor_id),
            score=r.score,
            room=room[r.mentor_id],
            reasons=r.explanation.reasons,
        )
        for r in recommendations
    ]


# Weights preview


@dataclass(frozen=True)
class PairPreview:
    proposal_id: int
    mentee: str
    mentor: str
    score_before: float
    score_after: float
    position_before: int
    position_after: int


@dataclass(frozen=True)
class WeightsPreview:
    """What other weights would do to the draft's pairs, without running or saving anything."""

    pairs: int
    mean_before: float | None
    mean_after: float | None
    rows: list[PairPreview]
    sampled: int
    best_changed: int

    @property
    def best_changed_share(self) -> float:
        return self.best_changed / self.sampled if self.sampled else 0.0


def _weight_vector(model: object, weights: Weights) -> np.ndarray:
    by_name = weights.as_dict()
    factors = model.factors  # type: ignore[attr-defined]
    return np.array([by_name[f.name] if f.has_data else 0.0 for f in factors], dtype=np.float64)


def _scores(values: np.ndarray, vector: np.ndarray) -> np.ndarray:
    total = float(vector.sum())
    if total == 0:
        return np.full(len(values), 50.0)
    return 100.0 * (np.clip(values, 0.0, 1.0) @ vector) / total


def weights_preview(*, run: MatchRun, weights: Weights, rows: int = 15) -> WeightsPreview:
    """Rescore the draft's pairs with other weights, and estimate how many best choices change.

    Factor values do not depend on weights, so the draft's pairs are rescored exactly. For a
    sample of up to PREVIEW_SAMPLE mentees, each one's best allowed mentor with room is found
    under both weightings; the share that differs estimates how much a re-run would move.
    """
    engine_input = program_engine_input(program=run.program)
    model = build_model(
        engine_input.mentees,
        engine_input.mentors,
        weights=weights,
        options=engine_input.options,
        constraints=_restricted(
            engine_input.constraints,
            mentee_ids=set(engine_input.mentee_by_id),
            mentor_ids=set(engine_input.mentor_by_id),
        ),
        questions=engine_input.questions,
        taxonomy=engine_input.taxonomy,
    )
    mentee_index = {r.id: i for i, r in enumerate(engine_input.mentees)}
    mentor_index = {r.id: j for j, r in enumerate(engine_input.mentors)}
    before_vector = _weight_vector(model, weights_from_mapping(run.weights))
    after_vector = _weight_vector(model, weights)

    proposals = [
        (pk, mentee_id, mentor_id)
        for pk, mentee_id, mentor_id in Proposal.objects.filter(run=run).values_list(
            "pk", "mentee_id", "mentor_id"
        )
        if str(mentee_id) in mentee_index and str(mentor_id) in mentor_index
    ]
    if proposals:
        a = np.array([mentee_index[str(m)] for _, m, _ in proposals], dtype=np.int64)
        b = np.array([mentor_index[str(m)] for _, _, m in proposals], dtype=np.int64)
        values = model.pair_factor_values(a, b)
        before, after = _scores(values, before_vector), _scores(values, after_vector)
    else:
        before = after = np.zeros(0)
    order_before = np.argsort(-before, kind="stable")
    order_after = np.argsort(-after, kind="stable")
    position_before = np.empty(len(proposals), dtype=np.int64)
    position_after = np.empty(len(proposals), dtype=np.int64)
    position_before[order_before] = np.arange(1, len(proposals) + 1)
    position_after[order_after] = np.arange(1, len(proposals) + 1)
    movers = np.argsort(-np.abs(after - before), kind="stable")[:rows]
    names = _names({proposals[i][1] for i in movers} | {proposals[i][2] for i in movers})
    preview_rows = [
        PairPreview(
            proposal_id=proposals[i][0],
            mentee=names.get(proposals[i][1], ""),
            mentor=names.get(proposals[i][2], ""),
            score_before=round(float(before[i]), 1),
            score_after=round(float(after[i]), 1),
            position_before=int(position_before[i]),
            position_after=int(position_after[i]),
        )
        for i in movers
    ]

    # Best candidate under each weighting, for an evenly spaced sample of the draft's mentees.
    draft_mentees = sorted({mentee_index[str(m)] for _, m, _ in proposals})
    step = max(1, len(draft_mentees) // PREVIEW_SAMPLE)
    sample = np.array(draft_mentees[::step][:PREVIEW_SAMPLE], dtype=np.int64)
    with_room = np.array([m.capacity > 0 for m in engine_input.mentors], dtype=bool)
    n_mentors = len(engine_input.mentors)
    changed = 0
    for start in range(0, len(sample), PREVIEW_CHUNK):
        chunk = sample[start : start + PREVIEW_CHUNK]
        a = np.repeat(chunk, n_mentors)
        b = np.tile(np.arange(n_mentors, dtype=np.int64), len(chunk))
        allowed = (model.pair_allowed(a, b) & with_room[b]).reshape(len(chunk), n_mentors)
        values = model.pair_factor_values(a, b)
        old = np.where(allowed, _scores(values, before_vector).reshape(allowed.shape), -1.0)
        new = np.where(allowed, _scores(values, after_vector).reshape(allowed.shape), -1.0)
        has_any = allowed.any(axis=1)
        changed += int((has_any & (old.argmax(axis=1) != new.argmax(axis=1))).sum())
    return WeightsPreview(
        pairs=len(proposals),
        mean_before=float(before.mean()) if len(before) else None,
        mean_after=float(after.mean()) if len(after) else None,
        rows=preview_rows,
        sampled=len(sample),
        best_changed=changed,
    )


def get_participant_of_program(*, program: Program, user_id: int) -> User:
    """A person enrolled in the program (any role or status), or 404."""
    from mentora.accounts.models import User

    person = (
        User.objects.filter(pk=user_id, enrollments__program=program)
        .select_related("profile")
        .distinct()
        .first()
    )
    if person is None:
        raise Http404("No such participant.")
    return person
