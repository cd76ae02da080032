"""Solvers turn a candidate graph into an assignment: the indices of the chosen arcs.

Every solver keeps all pinned arcs, never exceeds a mentor's capacity or a mentee's demand, and
is deterministic. `solve` dispatches on the mode name.
"""

from __future__ import annotations

from typing import Literal

from mentora.engine.candidates import CandidateGraph
from mentora.engine.features import IntArray
from mentora.engine.solvers.greedy import solve_greedy
from mentora.engine.solvers.optimal import solve_optimal
from mentora.engine.solvers.stable import solve_stable

Mode = Literal["optimal", "optimal_total", "stable", "greedy"]
MODES: tuple[Mode, ...] = ("optimal", "optimal_total", "stable", "greedy")


def solve(graph: CandidateGraph, mode: Mode) -> IntArray:
    """Chosen arc indices (sorted) for the given mode."""
    if mode == "optimal":
        return solve_optimal(graph, maximise_matches=True)
    if mode == "optimal_total":
        return solve_optimal(graph, maximise_matches=False)
    if mode == "stable":
        return solve_stable(graph)
    if mode == "greedy":
        return solve_greedy(graph)
    raise ValueError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")


__all__ = ["MODES", "Mode", "solve", "solve_greedy", "solve_optimal", "solve_stable"]
