"""The sparse candidate graph: each mentee's top-k compatible mentors, plus every pinned pair.

Mentees are scored in blocks against all mentors (see `scoring.py`), so memory stays bounded by
the block size whatever the population. Kept pairs are then scored exactly and rounded to
integer score units (1e-6 of a point): solvers optimise those integers, and `--scores-out`
writes exactly them, so anyone can audit optimality and stability from that file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mentora.engine.features import BoolArray, FeatureModel, FloatArray, IntArray
from mentora.engine.scoring import BlockScorer

SCORE_SCALE = 1_000_000  # score units per point of the 0-100 score
BLOCK_ELEMENTS = 16_000_000  # scores held at once while choosing candidates (64 MB of float32)
EXACT_CHUNK = 1_000_000

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CandidateGraph:
    """Arcs sorted by mentee, then by the mentee's preference (score down, mentor index up)."""

    mentee: IntArray
    mentor: IntArray
    score_units: IntArray
    pinned: BoolArray
    demand: IntArray  # mentors wanted, per mentee
    capacity: IntArray  # per mentor
    compatible_counts: IntArray  # per mentee: compatible mentors with capacity, before the cut
    top_k: int

    @property
    def n_mentees(self) -> int:
        return len(self.demand)

    @property
    def n_mentors(self) -> int:
        return len(self.capacity)

    @property
    def n_arcs(self) -> int:
        return len(self.mentee)

    @property
    def scores(self) -> FloatArray:
        """Scores on the 0-100 scale, exactly the rounded numbers the solvers optimise."""
        return self.score_units / SCORE_SCALE

    @property
    def indptr(self) -> IntArray:
        """Arcs of mentee i are indptr[i]:indptr[i + 1]."""
        counts = np.bincount(self.mentee, minlength=self.n_mentees)
        return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

    @property
    def rank(self) -> IntArray:
        """1-based position of each arc's mentor in its mentee's list."""
        return np.arange(self.n_arcs) - self.indptr[self.mentee] + 1


def to_score_units(scores: FloatArray) -> IntArray:
    """Round 0-100 scores to the integer units the solvers use."""
    return np.rint(np.asarray(scores, dtype=np.float64) * SCORE_SCALE).astype(np.int64)


def graph_from_arrays(
    mentee: IntArray,
    mentor: IntArray,
    scores: FloatArray,
    *,
    demand: IntArray,
    capacity: IntArray,
    pinned: BoolArray | None = None,
    compatible_counts: IntArray | None = None,
    top_k: int = 0,
) -> CandidateGraph:
    """A candidate graph from plain arrays of arcs, sorted into the canonical order."""
    mentee = np.asarray(mentee, dtype=np.int64)
    mentor = np.asarray(mentor, dtype=np.int64)
    units = to_score_units(scores)
    pinned_mask = np.zeros(len(mentee), bool) if pinned is None else np.asarray(pinned, bool)
    keys = mentee * max(len(capacity), 1) + mentor
    if len(np.unique(keys)) != len(keys):
        raise ValueError("a candidate graph holds each (mentee, mentor) pair at most once")
    order = np.lexsort((mentor, -units, mentee))
    demand = np.asarray(demand, dtype=np.int64)
    counts = (
        np.bincount(mentee, minlength=len(demand))
        if compatible_counts is None
        else np.asarray(compatible_counts, dtype=np.int64)
    )
    return CandidateGraph(
        mentee=mentee[order],
        mentor=mentor[order],
        score_units=units[order],
        pinned=pinned_mask[order],
        demand=demand,
        capacity=np.asarray(capacity, dtype=np.int64),
        compatible_counts=counts,
        top_k=top_k,
    )


def generate_candidates(
    model: FeatureModel,
    *,
    top_k: int = 50,
    block_elements: int = BLOCK_ELEMENTS,
    progress: Progress | None = None,
) -> CandidateGraph:
    """Each mentee's top_k compatible mentors by score, plus pinned pairs, scored exactly."""
    if top_k < 1:
        raise ValueError("top_k must be at least 1")
    scorer = BlockScorer(model)
    width = scorer.width
    n = model.n_mentees
    rows_per_block = max(1, block_elements // max(width, 1))
    kept_mentees: list[IntArray] = []
    kept_mentors: list[IntArray] = []
    compatible_counts = np.zeros(n, dtype=np.int64)
    keep = min(top_k, width)
    for start in range(0, n, rows_per_block):
        stop = min(n, start + rows_per_block)
        if width:
            scores = scorer.block(start, stop)
            if keep < width:
                positions = np.argpartition(scores, width - keep, axis=1)[:, width - keep :]
            else:
                positions = np.broadcast_to(np.arange(width), scores.shape)
            chosen = np.take_along_axis(scores, positions, axis=1)
            finite = np.isfinite(chosen)
            rows = np.nonzero(finite)[0]
            kept_mentees.append(rows.astype(np.int64) + start)
            kept_mentors.append(scorer.mentor_columns[positions[finite]])
            compatible_counts[start:stop] = np.count_nonzero(scores > -np.inf, axis=1)
        if progress is not None:
            progress("score and candidates", stop, n)

    mentee = np.concatenate([*kept_mentees, np.zeros(0, np.int64)])
    mentor = np.concatenate([*kept_mentors, np.zeros(0, np.int64)])
    # The fast path only ranks; the exact check below is the rule (it drops nothing unless the
    # float32 pass and the exact pass disagree).
    allowed = np.ones(len(mentee), dtype=bool)
    scores_exact = np.empty(len(mentee))
    for start in range(0, len(mentee), EXACT_CHUNK):
        part = slice(start, start + EXACT_CHUNK)
        allowed[part] = model.pair_allowed(mentee[part], mentor[part])
        scores_exact[part] = model.pair_scores(mentee[part], mentor[part])
    mentee, mentor, scores_exact = mentee[allowed], mentor[allowed], scores_exact[allowed]
    pinned = np.zeros(len(mentee), dtype=bool)
    if model.pinned:
        pin_mentees = np.array([a for a, _ in model.pinned], dtype=np.int64)
        pin_mentors = np.array([b for _, b in model.pinned], dtype=np.int64)
        keys = mentee * model.n_mentors + mentor
        pin_keys = pin_mentees * model.n_mentors + pin_mentors
        present = np.isin(keys, pin_keys)
        pinned[present] = True
        missing = ~np.isin(pin_keys, keys)
        mentee = np.concatenate([mentee, pin_mentees[missing]])
        mentor = np.concatenate([mentor, pin_mentors[missing]])
        scores_exact = np.concatenate(
            [scores_exact, model.pair_scores(pin_mentees[missing], pin_mentors[missing])]
        )
        pinned = np.concatenate([pinned, np.ones(int(missing.sum()), dtype=bool)])
    return graph_from_arrays(
        mentee,
        mentor,
        scores_exact,
        demand=np.array([r.mentors_wanted for r in model.mentees], dtype=np.int64),
        capacity=np.array([r.capacity for r in model.mentors], dtype=np.int64),
        pinned=pinned,
        compatible_counts=compatible_counts,
        top_k=top_k,
    )
