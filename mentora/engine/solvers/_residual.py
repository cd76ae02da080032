"""What is left to match once the pinned pairs are placed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mentora.engine.candidates import CandidateGraph
from mentora.engine.features import IntArray


@dataclass(frozen=True)
class Residual:
    pinned_arcs: IntArray
    free_arcs: IntArray  # arcs still usable: not pinned, mentee and mentor both have room
    demand: IntArray
    capacity: IntArray


def residual_problem(graph: CandidateGraph) -> Residual:
    """Place the pinned arcs, and keep the other arcs whose mentee and mentor still have room."""
    pinned_arcs = np.flatnonzero(graph.pinned)
    demand = graph.demand - np.bincount(graph.mentee[pinned_arcs], minlength=graph.n_mentees)
    capacity = graph.capacity - np.bincount(graph.mentor[pinned_arcs], minlength=graph.n_mentors)
    if (demand < 0).any() or (capacity < 0).any():
        raise ValueError("pinned pairs exceed a mentee's demand or a mentor's capacity")
    usable = ~graph.pinned & (demand[graph.mentee] > 0) & (capacity[graph.mentor] > 0)
    return Residual(pinned_arcs, np.flatnonzero(usable), demand, capacity)
