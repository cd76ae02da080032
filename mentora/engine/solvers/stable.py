"""Stable assignment: mentee-proposing deferred acceptance (hospitals/residents).

Mentors have capacities and mentees may want several mentors. Both sides rank by the same
integer score units; a mentee breaks ties by the lower mentor index, a mentor by the lower
mentee index, so preferences are strict and the result is the unique mentee-optimal stable
assignment among the candidates. Proposals run in vectorised rounds: every mentee with free
places proposes to as many next mentors on its list, and every mentor who received proposals
keeps the best up to its free places.
"""

from __future__ import annotations

import numpy as np

from mentora.engine.candidates import CandidateGraph
from mentora.engine.features import IntArray
from mentora.engine.solvers._residual import residual_problem


def mentor_preference_keys(graph: CandidateGraph) -> IntArray:
    """Per arc, its position in the mentors' preference order (mentor, score down, mentee up)."""
    order = np.lexsort((graph.mentee, -graph.score_units, graph.mentor))
    keys = np.empty(graph.n_arcs, dtype=np.int64)
    keys[order] = np.arange(graph.n_arcs)
    return keys


def _ranges(starts: IntArray, sizes: IntArray) -> IntArray:
    """Concatenation of range(start, start + size) for each pair, without a Python loop."""
    total = int(sizes.sum())
    offsets = np.cumsum(sizes) - sizes
    return np.repeat(starts - offsets, sizes) + np.arange(total)


def solve_stable(graph: CandidateGraph) -> IntArray:
    """Arcs of the mentee-optimal stable assignment (pinned arcs fixed beforehand)."""
    residual = residual_problem(graph)
    arcs = residual.free_arcs  # already in mentee preference order
    n, m = graph.n_mentees, graph.n_mentors
    arc_mentee = graph.mentee[arcs]
    arc_mentor = graph.mentor[arcs]
    key = mentor_preference_keys(graph)[arcs]
    counts = np.bincount(arc_mentee, minlength=n)
    end = np.cumsum(counts)
    next_position = end - counts
    demand, capacity = residual.demand, residual.capacity
    held = np.zeros(0, dtype=np.int64)
    held_count = np.zeros(n, dtype=np.int64)
    while True:
        proposals_per_mentee = np.minimum(demand - held_count, end - next_position)
        active = np.flatnonzero(proposals_per_mentee > 0)
        if len(active) == 0:
            break
        sizes = proposals_per_mentee[active]
        proposals = _ranges(next_position[active], sizes)
        next_position[active] += sizes
        affected = np.zeros(m, dtype=bool)
        affected[arc_mentor[proposals]] = True
        reconsidered = affected[arc_mentor[held]]
        contenders = np.concatenate([held[reconsidered], proposals])
        contenders = contenders[np.argsort(key[contenders], kind="stable")]
        contender_mentors = arc_mentor[contenders]
        group_starts = np.flatnonzero(
            np.concatenate([[True], contender_mentors[1:] != contender_mentors[:-1]])
        )
        group_sizes = np.diff(np.concatenate([group_starts, [len(contenders)]]))
        position_in_group = np.arange(len(contenders)) - np.repeat(group_starts, group_sizes)
        accepted = contenders[position_in_group < capacity[contender_mentors]]
        held = np.concatenate([held[~reconsidered], accepted])
        held_count = np.bincount(arc_mentee[held], minlength=n)
    return np.sort(np.concatenate([residual.pinned_arcs, arcs[held]]))
