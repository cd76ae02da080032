"""The sparse candidate graph: each mentee's top-k compatible mentors, plus every pinned pair.

Mentees are scored in blocks against all mentors (see `scoring.py`), so memory stays bounded by
the block size whatever the population. Kept pairs are then scored exactly and rounded to
integer score units (1e-6 of a point): solvers optimise those integers, and `--scores-out`
writes exactly them, so anyone can audit optimality and stability from that file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from mentora.engine.features import BoolArray, FeatureModel, FloatArray, IntArray
from mentora.engine.scoring import FORBIDDEN_BELOW, BlockScorer

SCORE_SCALE = 1_000_000  # score units per point of the 0-100 score
BLOCK_ELEMENTS = 16_000_000  # scores held at once while choosing candidates (64 MB of float32)
EXACT_CHUNK = 250_000
SAMPLE_COLUMNS = 2048
THREADS = max(1, min(2, os.cpu_count() or 1))

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
    return CandidateGraph(
        mentee=mentee[order],
        mentor=mentor[order],
        score_units=units[order],
        pinned=pinned_mask[order],
        demand=demand,
        capacity=np.asarray(capacity, dtype=np.int64),
        top_k=top_k,
    )


def order_by_row_then_score(
    rows: IntArray, values: NDArray[np.float32], columns: IntArray
) -> IntArray:
    """Permutation sorting entries by row, then score down, then column (one integer sort)."""
    # Float32 bits, flipped so that integer order is float order (the usual radix-sort trick).
    bits = values.view(np.int32).astype(np.int64)
    ascending = bits ^ ((bits >> 31) & 0x7FFFFFFF)
    keys = (rows.astype(np.int64) << 32) | (0x7FFFFFFF - ascending)
    # Entries come sorted by (row, column), so a stable sort keeps equal scores in column order.
    return np.argsort(keys, kind="stable")


def top_positions(scores: NDArray[np.float32], k: int) -> tuple[IntArray, IntArray]:
    """(row, column) of each row's k highest finite scores (all finite ones if fewer).

    A full partition of every row costs more than scoring it, so a threshold comes first: the
    r-th highest of an evenly spaced sample of columns, with r chosen so that about 3k entries
    of the full row pass it. Rows where fewer than k pass fall back to a full partition.
    Survivors are ordered by score, then column, and the first k kept, so the result is the
    same whatever the sample.
    """
    n_rows, width = scores.shape
    if n_rows == 0 or width == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    sample_size = min(width, SAMPLE_COLUMNS)
    if width <= 4 * k or sample_size == width:
        threshold = np.full(n_rows, -np.inf, dtype=np.float32)
        if k < width:
            threshold = np.partition(scores, width - k, axis=1)[:, width - k]
    else:
        sample = scores[:, np.linspace(0, width - 1, sample_size).astype(np.int64)]
        rank = min(sample_size, max(1, -(-3 * k * sample_size // width)))
        threshold = np.partition(sample, sample_size - rank, axis=1)[:, sample_size - rank]
    # Forbidden pairs (penalised or -inf) never pass.
    threshold = np.maximum(threshold, FORBIDDEN_BELOW)
    # flatnonzero on the flat mask is several times faster than a 2-D nonzero.
    rows, columns = np.divmod(np.flatnonzero(scores >= threshold[:, None]), width)
    counts = np.bincount(rows, minlength=n_rows)
    retry = np.flatnonzero((counts < k) & (threshold > FORBIDDEN_BELOW))
    if len(retry):
        # The sample put the bar too high for these rows: take every finite score instead.
        keep = ~np.isin(rows, retry)
        allowed = scores[retry] >= FORBIDDEN_BELOW
        extra_rows, extra_columns = np.divmod(np.flatnonzero(allowed), width)
        rows = np.concatenate([rows[keep], retry[extra_rows]])
        columns = np.concatenate([columns[keep], extra_columns])
        by_position = np.lexsort((columns, rows))
        rows, columns = rows[by_position], columns[by_position]
    order = order_by_row_then_score(rows, scores[rows, columns], columns)
    rows, columns = rows[order], columns[order]
    starts = np.searchsorted(rows, np.arange(n_rows))
    position = np.arange(len(rows)) - starts[rows]
    chosen = position < k
    return rows[chosen].astype(np.int64), columns[chosen].astype(np.int64)


def compatible_counts(model: FeatureModel, mentees: IntArray) -> IntArray:
    """How many mentors with capacity pass every hard constraint, for the given mentees."""
    scorer = BlockScorer(model)
    counts = np.zeros(len(mentees), dtype=np.int64)
    if scorer.width == 0:
        return counts
    rows_per_block = max(1, BLOCK_ELEMENTS // scorer.width)
    for start in range(0, len(mentees), rows_per_block):
        part = mentees[start : start + rows_per_block]
        counts[start : start + len(part)] = np.count_nonzero(
            scorer.block(part) >= FORBIDDEN_BELOW, axis=1
        )
    return counts


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

    def candidates_of_block(start: int) -> tuple[IntArray, IntArray]:
        rows, positions = top_positions(
            scorer.block(slice(start, min(n, start + rows_per_block))), top_k
        )
        return rows + start, scorer.mentor_columns[positions]

    starts = range(0, n, rows_per_block) if width else range(0)
    # Two blocks at a time, each with a single-threaded matrix product: the selection steps
    # around the product are single-threaded in numpy, so this keeps both cores busy. Results
    # come back in block order, so the output does not depend on timing.
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(THREADS) as pool:
        for start, (rows, mentors) in zip(
            starts, pool.map(candidates_of_block, starts), strict=True
        ):
            kept_mentees.append(rows)
            kept_mentors.append(mentors)
            if progress is not None:
                progress("score and candidates", min(n, start + rows_per_block), n)
    if progress is not None:
        progress("score and candidates", n, n)

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
        top_k=top_k,
    )
