"""What-if reads over a draft: other mentors for one mentee, other weights for every pair.

Nothing here writes: the move page lists `proposal_alternatives` (only mentors with room left in
the draft; `proposal_move` refuses the others), and the settings page previews `weights_preview`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from django.db.models import Count

from mentora.engine.api import recommend
from mentora.engine.features import FeatureModel, build_model
from mentora.engine.records import Constraints, Weights
from mentora.matching.models import MatchRun, Proposal
from mentora.matching.records import EngineInput, program_engine_input, weights_from_mapping
from mentora.matching.selectors import names_of

PREVIEW_SAMPLE = 200
PREVIEW_CHUNK = 25


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
    names = names_of({int(r.mentor_id) for r in recommendations})
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


def _weight_vector(model: FeatureModel, weights: Weights) -> npt.NDArray[np.float64]:
    by_name = weights.as_dict()
    return np.array(
        [by_name[f.name] if f.has_data else 0.0 for f in model.factors], dtype=np.float64
    )


def _scores(
    values: npt.NDArray[np.float64], vector: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
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
    names = names_of({proposals[i][1] for i in movers} | {proposals[i][2] for i in movers})
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
