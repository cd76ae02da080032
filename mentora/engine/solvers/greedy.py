"""Greedy baseline: take pairs from the highest score down while both sides have room."""

from __future__ import annotations

import numpy as np

from mentora.engine.candidates import CandidateGraph
from mentora.engine.features import IntArray
from mentora.engine.solvers._residual import residual_problem


def solve_greedy(graph: CandidateGraph) -> IntArray:
    """Arcs chosen by descending score; ties by mentee index, then mentor index."""
    residual = residual_problem(graph)
    arcs = residual.free_arcs
    order = arcs[np.lexsort((graph.mentor[arcs], graph.mentee[arcs], -graph.score_units[arcs]))]
    demand = residual.demand.tolist()
    capacity = residual.capacity.tolist()
    remaining = int(min(sum(demand), sum(capacity)))
    chosen: list[int] = []
    for arc, mentee, mentor in zip(
        order.tolist(), graph.mentee[order].tolist(), graph.mentor[order].tolist(), strict=True
    ):
        if remaining == 0:
            break
        if demand[mentee] > 0 and capacity[mentor] > 0:
            demand[mentee] -= 1
            capacity[mentor] -= 1
            remaining -= 1
            chosen.append(arc)
    return np.sort(np.concatenate([residual.pinned_arcs, np.array(chosen, dtype=np.int64)]))
