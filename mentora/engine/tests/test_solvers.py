"""Solver properties on random candidate graphs, checked against brute force and `matching`."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matching.games import HospitalResident

from mentora.engine.candidates import CandidateGraph, graph_from_arrays
from mentora.engine.metrics import blocking_pairs
from mentora.engine.solvers import MODES, Mode, solve
from mentora.engine.solvers.stable import mentor_preference_keys
from mentora.engine.tests.strategies import brute_force, candidate_graphs, feasible

FAST = settings(max_examples=60, deadline=None)


@FAST
@given(candidate_graphs(), st.sampled_from(MODES))
def test_capacities_and_demands_are_never_exceeded(graph: CandidateGraph, mode: Mode) -> None:
    selected = solve(graph, mode)
    assert feasible(graph, selected.tolist())
    assert len(set(selected.tolist())) == len(selected)


@FAST
@given(candidate_graphs(), st.sampled_from(MODES))
def test_pinned_pairs_are_always_matched(graph: CandidateGraph, mode: Mode) -> None:
    selected = set(solve(graph, mode).tolist())
    assert set(np.flatnonzero(graph.pinned).tolist()) <= selected


@FAST
@given(candidate_graphs())
def test_stable_mode_leaves_no_blocking_pair(graph: CandidateGraph) -> None:
    selected = solve(graph, "stable")
    assert blocking_pairs(graph, selected) == 0
    assert independent_blocking_pairs(graph, selected) == 0


@FAST
@given(candidate_graphs(max_mentees=4, max_mentors=3))
def test_plain_optimal_equals_brute_force_and_beats_every_other_solver(
    graph: CandidateGraph,
) -> None:
    best_total, best_count, best_total_at_count = brute_force(graph)
    totals = {mode: int(graph.score_units[solve(graph, mode)].sum()) for mode in MODES}
    assert totals["optimal_total"] == best_total
    assert all(totals["optimal_total"] >= total for total in totals.values())
    lexicographic = solve(graph, "optimal")
    assert len(lexicographic) == best_count
    assert int(graph.score_units[lexicographic].sum()) == best_total_at_count


@settings(max_examples=40, deadline=None)
@given(candidate_graphs(max_mentees=8, max_mentors=5))
def test_stable_is_the_matching_librarys_resident_optimal_assignment(graph: CandidateGraph) -> None:
    """With one mentor per mentee and no pins, the `matching` library is an independent oracle."""
    graph = graph_from_arrays(
        graph.mentee,
        graph.mentor,
        graph.scores,
        demand=np.ones(graph.n_mentees, dtype=np.int64),
        capacity=np.maximum(graph.capacity, 1),
    )
    selected = solve(graph, "stable")
    ours = set(zip(graph.mentee[selected].tolist(), graph.mentor[selected].tolist(), strict=True))
    if graph.n_arcs == 0:
        assert ours == set()
        return
    resident_prefs: dict[int, list[int]] = {}
    for arc in range(graph.n_arcs):
        resident_prefs.setdefault(int(graph.mentee[arc]), []).append(int(graph.mentor[arc]))
    hospital_prefs: dict[int, list[int]] = {}
    for arc in np.argsort(mentor_preference_keys(graph)).tolist():
        hospital_prefs.setdefault(int(graph.mentor[arc]), []).append(int(graph.mentee[arc]))
    capacities = {h: int(graph.capacity[h]) for h in hospital_prefs}
    game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
    theirs = {
        (int(r.name), int(h.name))
        for h, residents in game.solve(optimal="resident").items()
        for r in residents
    }
    assert ours == theirs


def test_optimal_prefers_more_pairs_to_a_higher_total() -> None:
    # Mentee 0 can take mentor 0 (90) or mentor 1 (10); mentee 1 only mentor 0 (10).
    graph = graph_from_arrays(
        np.array([0, 0, 1]),
        np.array([0, 1, 0]),
        np.array([90.0, 10.0, 10.0]),
        demand=np.array([1, 1]),
        capacity=np.array([1, 1]),
    )
    most_pairs = solve(graph, "optimal")
    assert sorted(zip(graph.mentee[most_pairs], graph.mentor[most_pairs], strict=False)) == [
        (0, 1),
        (1, 0),
    ]
    highest_total = solve(graph, "optimal_total")
    assert list(zip(graph.mentee[highest_total], graph.mentor[highest_total], strict=False)) == [
        (0, 0)
    ]


def test_ties_are_broken_by_index() -> None:
    graph = graph_from_arrays(
        np.array([0, 0, 1, 1]),
        np.array([0, 1, 0, 1]),
        np.array([50.0, 50.0, 50.0, 50.0]),
        demand=np.array([1, 1]),
        capacity=np.array([1, 1]),
    )
    for mode in ("stable", "greedy"):
        selected = solve(graph, mode)
        assert sorted(zip(graph.mentee[selected], graph.mentor[selected], strict=False)) == [
            (0, 0),
            (1, 1),
        ]


def independent_blocking_pairs(graph: CandidateGraph, selected: np.ndarray) -> int:
    """Blocking pairs counted pair by pair, straight from the definition."""
    chosen = set(selected.tolist())
    partners: dict[int, list[int]] = {}
    mentor_partners: dict[int, list[int]] = {}
    for arc in chosen:
        partners.setdefault(int(graph.mentee[arc]), []).append(arc)
        mentor_partners.setdefault(int(graph.mentor[arc]), []).append(arc)

    def mentee_rank(arc: int) -> tuple[int, int]:
        return (-int(graph.score_units[arc]), int(graph.mentor[arc]))

    def mentor_rank(arc: int) -> tuple[int, int]:
        return (-int(graph.score_units[arc]), int(graph.mentee[arc]))

    count = 0
    for arc in range(graph.n_arcs):
        if arc in chosen:
            continue
        a, b = int(graph.mentee[arc]), int(graph.mentor[arc])
        held_a = partners.get(a, [])
        held_b = mentor_partners.get(b, [])
        droppable_a = [x for x in held_a if not graph.pinned[x]]
        droppable_b = [x for x in held_b if not graph.pinned[x]]
        mentee_wants = len(held_a) < graph.demand[a] or any(
            mentee_rank(arc) < mentee_rank(x) for x in droppable_a
        )
        mentor_wants = len(held_b) < graph.capacity[b] or any(
            mentor_rank(arc) < mentor_rank(x) for x in droppable_b
        )
        count += bool(mentee_wants and mentor_wants)
    return count


@FAST
@given(candidate_graphs(), st.sampled_from(MODES))
def test_blocking_pair_count_matches_the_definition(graph: CandidateGraph, mode: Mode) -> None:
    selected = solve(graph, mode)
    assert blocking_pairs(graph, selected) == independent_blocking_pairs(graph, selected)
