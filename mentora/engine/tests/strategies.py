"""Hypothesis strategies and small builders shared by the engine tests."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import strategies as st

from mentora.engine.candidates import CandidateGraph, graph_from_arrays
from mentora.engine.records import MenteeRecord, MentorRecord

SKILLS = ("sql", "python", "negotiation", "public speaking", "leadership", "budgeting")
LANGUAGES = ("en", "pt", "fr")
ZONES = ("Europe/London", "Europe/Lisbon", "America/New_York", "Asia/Tokyo", "Asia/Kolkata")
WORDS = ("lead", "data", "team", "hospital", "sales", "finance", "design", "research", "grow")


@st.composite
def candidate_graphs(
    draw: st.DrawFn, *, max_mentees: int = 5, max_mentors: int = 4
) -> CandidateGraph:
    """Small random graphs with ties in scores, zero capacities, multi-mentor mentees, pins."""
    n_mentees = draw(st.integers(1, max_mentees))
    n_mentors = draw(st.integers(1, max_mentors))
    pairs = list(itertools.product(range(n_mentees), range(n_mentors)))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    scores = [draw(st.integers(0, 8)) * 12.5 for _ in chosen]  # few values: many ties
    demand = [draw(st.integers(1, 3)) for _ in range(n_mentees)]
    capacity = [draw(st.integers(0, 3)) for _ in range(n_mentors)]
    pinned = []
    load_mentee = [0] * n_mentees
    load_mentor = [0] * n_mentors
    for mentee, mentor in chosen:
        pin = draw(st.booleans()) and draw(st.booleans())
        if pin and load_mentee[mentee] < demand[mentee] and load_mentor[mentor] < capacity[mentor]:
            load_mentee[mentee] += 1
            load_mentor[mentor] += 1
            pinned.append(True)
        else:
            pinned.append(False)
    return graph_from_arrays(
        np.array([a for a, _ in chosen], dtype=np.int64),
        np.array([b for _, b in chosen], dtype=np.int64),
        np.array(scores, dtype=np.float64),
        demand=np.array(demand),
        capacity=np.array(capacity),
        pinned=np.array(pinned, dtype=bool),
    )


def feasible(graph: CandidateGraph, arcs: tuple[int, ...] | list[int]) -> bool:
    """Whether a set of arcs respects demands and capacities."""
    mentee_load = np.bincount(graph.mentee[list(arcs)], minlength=graph.n_mentees)
    mentor_load = np.bincount(graph.mentor[list(arcs)], minlength=graph.n_mentors)
    return bool((mentee_load <= graph.demand).all() and (mentor_load <= graph.capacity).all())


def brute_force(graph: CandidateGraph) -> tuple[int, int, int]:
    """(best total units, most pairs, best total among assignments with the most pairs)."""
    pinned = [a for a in range(graph.n_arcs) if graph.pinned[a]]
    free = [a for a in range(graph.n_arcs) if not graph.pinned[a]]
    best_total = best_count = best_total_at_count = -1
    for size in range(len(free) + 1):
        for extra in itertools.combinations(free, size):
            arcs = pinned + list(extra)
            if not feasible(graph, arcs):
                continue
            total = int(graph.score_units[arcs].sum())
            best_total = max(best_total, total)
            if len(arcs) > best_count:
                best_count, best_total_at_count = len(arcs), total
            elif len(arcs) == best_count:
                best_total_at_count = max(best_total_at_count, total)
    return best_total, best_count, best_total_at_count


@st.composite
def populations(
    draw: st.DrawFn, *, max_mentees: int = 6, max_mentors: int = 5
) -> tuple[list[MentorRecord], list[MenteeRecord]]:
    """Small random mentor and mentee records."""
    n_mentors = draw(st.integers(1, max_mentors))
    n_mentees = draw(st.integers(1, max_mentees))
    sets = st.lists(st.sampled_from(SKILLS), max_size=3, unique=True).map(tuple)
    languages = st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True).map(tuple)
    texts = st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join)
    years = st.one_of(st.none(), st.integers(0, 30).map(float))
    mentors = [
        MentorRecord(
            id=f"m{i}",
            capacity=draw(st.integers(0, 2)),
            skills=draw(sets),
            industry=draw(st.sampled_from(("", "healthcare", "finance"))),
            organisation=draw(st.sampled_from(("", "acme", "globex"))),
            years_experience=draw(years),
            languages=draw(languages),
            timezone=draw(st.sampled_from(ZONES)),
            bio=draw(texts),
        )
        for i in range(n_mentors)
    ]
    mentees = [
        MenteeRecord(
            id=f"e{i}",
            mentors_wanted=draw(st.integers(1, 2)),
            skills_wanted=draw(sets),
            goals=draw(texts),
            industry=draw(st.sampled_from(("", "healthcare", "finance"))),
            organisation=draw(st.sampled_from(("", "acme", "globex"))),
            years_experience=draw(years),
            languages=draw(languages),
            timezone=draw(st.sampled_from(ZONES)),
            manager_id=draw(st.sampled_from(["", *(m.id for m in mentors)])),
        )
        for i in range(n_mentees)
    ]
    return mentors, mentees
