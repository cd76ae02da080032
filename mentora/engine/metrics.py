"""Measures of any assignment on a candidate graph, including per-group fairness figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from mentora.engine.candidates import SCORE_SCALE, CandidateGraph
from mentora.engine.features import BoolArray, IntArray
from mentora.engine.solvers.stable import mentor_preference_keys

HISTOGRAM_EDGES: tuple[int, ...] = tuple(range(0, 101, 10))


@dataclass(frozen=True)
class GroupMetrics:
    """Match rate and mean score for the mentees carrying one group label."""

    mentees: int
    matched: int
    match_rate: float
    mean_score: float | None


@dataclass(frozen=True)
class MatchMetrics:
    """Totals, coverage, mentor load, stability and score distribution of an assignment."""

    pairs: int
    total_score: float
    mean_score: float | None
    mentees: int
    mentees_matched: int
    share_mentees_matched: float
    demand: int
    share_demand_filled: float
    mentors: int
    mentors_used: int
    share_mentors_used: float
    mentor_load_min: int
    mentor_load_mean: float
    mentor_load_max: int
    capacity_used: float
    blocking_pairs: int
    score_quantiles: dict[str, float]
    score_histogram: dict[str, int]
    groups: dict[str, GroupMetrics] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """Plain types only, for JSON."""
        data = {k: v for k, v in self.__dict__.items() if k != "groups"}
        data["groups"] = {label: dict(g.__dict__) for label, g in self.groups.items()}
        return data


def selected_mask(graph: CandidateGraph, selected: IntArray) -> BoolArray:
    """Boolean mask over arcs from chosen arc indices."""
    mask = np.zeros(graph.n_arcs, dtype=bool)
    mask[selected] = True
    return mask


def blocking_pairs(graph: CandidateGraph, selected: IntArray) -> int:
    """Candidate pairs, not matched, that both sides would rather have than what they hold.

    A mentee would take a mentor if it has a free place or prefers the mentor to its worst
    unpinned partner; likewise for the mentor. Pinned pairs are fixed and never given up.
    Preferences are the strict orders the stable solver uses (score, then lower index).
    """
    if graph.n_arcs == 0:
        return 0
    chosen = selected_mask(graph, selected)
    arc_index = np.arange(graph.n_arcs)
    mentor_keys = mentor_preference_keys(graph)
    droppable = chosen & ~graph.pinned

    mentee_load = np.bincount(graph.mentee[chosen], minlength=graph.n_mentees)
    mentee_worst = np.full(graph.n_mentees, -1, dtype=np.int64)
    np.maximum.at(mentee_worst, graph.mentee[droppable], arc_index[droppable])
    mentee_would = (mentee_load[graph.mentee] < graph.demand[graph.mentee]) | (
        arc_index < mentee_worst[graph.mentee]
    )

    mentor_load = np.bincount(graph.mentor[chosen], minlength=graph.n_mentors)
    mentor_worst = np.full(graph.n_mentors, -1, dtype=np.int64)
    np.maximum.at(mentor_worst, graph.mentor[droppable], mentor_keys[droppable])
    mentor_would = (mentor_load[graph.mentor] < graph.capacity[graph.mentor]) | (
        mentor_keys < mentor_worst[graph.mentor]
    )
    return int(np.count_nonzero(~chosen & mentee_would & mentor_would))


def compute_metrics(
    graph: CandidateGraph,
    selected: IntArray,
    *,
    mentee_ids: Sequence[str] | None = None,
    group_labels: Mapping[str, str] | None = None,
) -> MatchMetrics:
    """Every metric of the assignment; per-group figures when labels are given by mentee id."""
    units = graph.score_units[selected]
    scores = units / SCORE_SCALE
    pairs = len(selected)
    mentee_load = np.bincount(graph.mentee[selected], minlength=graph.n_mentees)
    mentor_load = np.bincount(graph.mentor[selected], minlength=graph.n_mentors)
    available = graph.capacity > 0
    loads = mentor_load[available]
    mentees_matched = int(np.count_nonzero(mentee_load))
    demand = int(graph.demand.sum())
    quantiles = (
        {f"p{q}": float(np.percentile(scores, q)) for q in (10, 25, 50, 75, 90)} if pairs else {}
    )
    counts, _ = np.histogram(scores, bins=np.array(HISTOGRAM_EDGES, dtype=np.float64))
    histogram = {
        f"{low}-{high}": int(count)
        for low, high, count in zip(HISTOGRAM_EDGES, HISTOGRAM_EDGES[1:], counts, strict=False)
    }
    groups: dict[str, GroupMetrics] = {}
    if group_labels is not None:
        if mentee_ids is None:
            raise ValueError("group labels need the mentee ids")
        per_mentee_units = np.bincount(
            graph.mentee[selected], weights=units.astype(np.float64), minlength=graph.n_mentees
        )
        by_label: dict[str, list[int]] = {}
        for index, mentee_id in enumerate(mentee_ids):
            label = group_labels.get(mentee_id)
            if label is not None:
                by_label.setdefault(label, []).append(index)
        for label in sorted(by_label):
            members = np.array(by_label[label], dtype=np.int64)
            matched = int(np.count_nonzero(mentee_load[members]))
            group_pairs = int(mentee_load[members].sum())
            groups[label] = GroupMetrics(
                mentees=len(members),
                matched=matched,
                match_rate=matched / len(members),
                mean_score=(
                    float(per_mentee_units[members].sum()) / SCORE_SCALE / group_pairs
                    if group_pairs
                    else None
                ),
            )
    total_units = int(units.sum())
    return MatchMetrics(
        pairs=pairs,
        total_score=total_units / SCORE_SCALE,
        mean_score=total_units / SCORE_SCALE / pairs if pairs else None,
        mentees=graph.n_mentees,
        mentees_matched=mentees_matched,
        share_mentees_matched=mentees_matched / graph.n_mentees if graph.n_mentees else 0.0,
        demand=demand,
        share_demand_filled=pairs / demand if demand else 0.0,
        mentors=int(available.sum()),
        mentors_used=int(np.count_nonzero(loads)),
        share_mentors_used=float(np.count_nonzero(loads) / len(loads)) if len(loads) else 0.0,
        mentor_load_min=int(loads.min()) if len(loads) else 0,
        mentor_load_mean=float(loads.mean()) if len(loads) else 0.0,
        mentor_load_max=int(loads.max()) if len(loads) else 0,
        capacity_used=pairs / int(graph.capacity.sum()) if graph.capacity.sum() else 0.0,
        blocking_pairs=blocking_pairs(graph, selected),
        score_quantiles=quantiles,
        score_histogram=histogram,
        groups=groups,
    )
