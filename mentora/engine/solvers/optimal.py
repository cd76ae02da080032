"""Optimal assignment by min-cost flow (OR-Tools), arcs added in vectorised calls.

Network: source -> mentee (capacity: mentors still wanted) -> mentor (capacity 1, cost -score
units) -> sink (capacity: free places). With `maximise_matches`, OR-Tools' max-flow-with-min-cost
first maximises the number of pairs, then the total score among those largest assignments.
Without it (the plain variant), a zero-cost source -> sink arc lets flow skip, so only the total
score is maximised.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from mentora.engine.candidates import CandidateGraph
from mentora.engine.features import IntArray
from mentora.engine.solvers._residual import residual_problem


def solve_optimal(graph: CandidateGraph, *, maximise_matches: bool = True) -> IntArray:
    """Arcs of a maximum-score assignment (among maximum-cardinality ones if maximise_matches)."""
    residual = residual_problem(graph)
    arcs = residual.free_arcs
    if maximise_matches is False:
        arcs = arcs[graph.score_units[arcs] > 0]  # a zero-score pair adds nothing to the total
    if len(arcs) == 0:
        return np.sort(residual.pinned_arcs)
    n, m = graph.n_mentees, graph.n_mentors
    source, sink = n + m, n + m + 1
    mentees = np.unique(graph.mentee[arcs])
    mentors = np.unique(graph.mentor[arcs])
    supply = int(min(residual.demand[mentees].sum(), residual.capacity[mentors].sum()))

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(len(mentees), source, dtype=np.int32),
        mentees.astype(np.int32),
        residual.demand[mentees],
        np.zeros(len(mentees), dtype=np.int64),
    )
    first_pair_arc = len(mentees)
    flow.add_arcs_with_capacity_and_unit_cost(
        graph.mentee[arcs].astype(np.int32),
        (n + graph.mentor[arcs]).astype(np.int32),
        np.ones(len(arcs), dtype=np.int64),
        -graph.score_units[arcs],
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        (n + mentors).astype(np.int32),
        np.full(len(mentors), sink, dtype=np.int32),
        residual.capacity[mentors],
        np.zeros(len(mentors), dtype=np.int64),
    )
    if not maximise_matches:
        flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve_max_flow_with_min_cost() if maximise_matches else flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    pair_flows = flow.flows(np.arange(first_pair_arc, first_pair_arc + len(arcs)))
    chosen = arcs[pair_flows > 0]
    return np.sort(np.concatenate([residual.pinned_arcs, chosen]))
