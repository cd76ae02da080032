"""Whole match runs on random records: constraints hold, results are reproducible."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentora.engine import (
    Constraints,
    EngineInputError,
    MenteeRecord,
    MentorRecord,
    match,
    recommend,
)
from mentora.engine.candidates import generate_candidates
from mentora.engine.features import build_model
from mentora.engine.features.factors import TextFactor
from mentora.engine.records import ScoringOptions, Weights
from mentora.engine.scoring import BlockScorer
from mentora.engine.solvers import MODES, Mode
from mentora.engine.tests.strategies import populations

SOME = settings(max_examples=25, deadline=None)
People = tuple[list[MentorRecord], list[MenteeRecord]]


@SOME
@given(populations(), st.data(), st.sampled_from(MODES))
def test_excluded_pairs_are_never_matched_and_pinned_always_are(
    people: People, data: st.DataObject, mode: Mode
) -> None:
    mentors, mentees = people
    pairs = [(e.id, m.id) for e in mentees for m in mentors]
    excluded = set(data.draw(st.lists(st.sampled_from(pairs), max_size=4, unique=True)))
    pinned: set[tuple[str, str]] = set()
    load: dict[str, int] = {}
    wanted: dict[str, int] = {}
    capacity = {m.id: m.capacity for m in mentors}
    demand = {e.id: e.mentors_wanted for e in mentees}
    for mentee_id, mentor_id in data.draw(
        st.lists(st.sampled_from(pairs), max_size=3, unique=True)
    ):
        if (mentee_id, mentor_id) in excluded:
            continue
        if (
            load.get(mentor_id, 0) < capacity[mentor_id]
            and wanted.get(mentee_id, 0) < demand[mentee_id]
        ):
            pinned.add((mentee_id, mentor_id))
            load[mentor_id] = load.get(mentor_id, 0) + 1
            wanted[mentee_id] = wanted.get(mentee_id, 0) + 1
    result = match(
        mentors,
        mentees,
        constraints=Constraints(excluded_pairs=frozenset(excluded), pinned_pairs=frozenset(pinned)),
        mode=mode,
        top_k=3,
    )
    matched = {(a.mentee_id, a.mentor_id) for a in result.assignments}
    assert not matched & excluded
    assert pinned <= matched
    # Reporting lines are excluded too (unless pinned, which this test never does for them).
    managers = {(e.id, e.manager_id) for e in mentees if e.manager_id}
    assert not (matched - pinned) & managers
    per_mentor: dict[str, int] = {}
    for _, mentor_id in matched:
        per_mentor[mentor_id] = per_mentor.get(mentor_id, 0) + 1
    assert all(per_mentor[m] <= capacity[m] for m in per_mentor)


@SOME
@given(populations(), st.integers(0, 3), st.sampled_from(MODES))
def test_the_same_seed_gives_the_same_output(people: People, seed: int, mode: Mode) -> None:
    mentors, mentees = people
    first = match(mentors, mentees, seed=seed, mode=mode)
    second = match(mentors, mentees, seed=seed, mode=mode)
    assert first.assignments == second.assignments
    assert first.unmatched == second.unmatched
    assert np.array_equal(first.candidates.score_units, second.candidates.score_units)


@SOME
@given(populations(max_mentees=5, max_mentors=8), st.integers(1, 4))
def test_candidates_are_the_exact_top_k_of_all_allowed_pairs(people: People, top_k: int) -> None:
    """The fast float32 block path picks the same top-k as scoring every pair exactly."""
    mentors, mentees = people
    model = build_model(
        mentees, mentors, weights=Weights(), options=ScoringOptions(), constraints=Constraints()
    )
    graph = generate_candidates(model, top_k=top_k)
    n, m = len(mentees), len(mentors)
    a, b = np.divmod(np.arange(n * m), m)
    allowed = model.pair_allowed(a, b) & (np.array([r.capacity for r in mentors])[b] > 0)
    exact = model.pair_scores(a, b)
    for mentee in range(n):
        pool = np.flatnonzero(allowed & (a == mentee))
        ours = graph.mentor[graph.mentee == mentee]
        assert len(ours) == min(top_k, len(pool))
        if len(pool):
            kept = np.sort(np.round(exact[pool], 4))[::-1][: len(ours)]
            got = np.sort(np.round(model.pair_scores(np.full(len(ours), mentee), ours), 4))[::-1]
            # Same scores up to float32 rounding of the fast path (ties may swap mentors).
            assert np.allclose(got, kept, atol=1e-3)


@SOME
@given(populations(max_mentees=4, max_mentors=6))
def test_block_scores_agree_with_exact_scores(people: People) -> None:
    mentors, mentees = people
    model = build_model(
        mentees, mentors, weights=Weights(), options=ScoringOptions(), constraints=Constraints()
    )
    scorer = BlockScorer(model)
    block = scorer.block(slice(0, len(mentees)))
    columns = scorer.mentor_columns
    a, b = np.divmod(np.arange(len(mentees) * len(columns)), max(len(columns), 1))
    if not len(columns):
        return
    b = columns[b]
    allowed = model.pair_allowed(a, b)
    fast = block.ravel()
    assert np.array_equal(fast >= -1e3, allowed)
    text = model.factors[1]
    assert isinstance(text, TextFactor)
    similarity = np.einsum("ij,ij->i", text.mentee_vectors[a], text.mentor_vectors[b])
    unclipped = similarity / model.options.full_text_similarity <= 1.0
    exact = model.pair_scores(a, b)
    check = allowed & unclipped
    assert np.allclose(fast[check], exact[check], atol=1e-3)


def test_recommend_ranks_compatible_mentors_best_first() -> None:
    mentee = MenteeRecord(
        id="e", skills_wanted=("sql", "python"), languages=("en",), timezone="Europe/London"
    )
    mentors = [
        MentorRecord(id="none", skills=("design",), languages=("en",), timezone="Europe/London"),
        MentorRecord(id="both", skills=("SQL", "py"), languages=("en",), timezone="Europe/Paris"),
        MentorRecord(id="one", skills=("sql",), languages=("en",), timezone="Europe/London"),
        MentorRecord(id="french", skills=("sql", "python"), languages=("fr",)),
        MentorRecord(id="full", capacity=0, skills=("sql", "python"), languages=("en",)),
    ]
    ranked = recommend(mentee, mentors, top_k=10)
    assert [r.mentor_id for r in ranked] == ["both", "one", "none"]
    assert ranked[0].explanation.reasons[0] == "Offers all 2 skills you want: sql and python"


@pytest.mark.parametrize("seed", [-1, 2**32])
def test_a_seed_outside_what_the_text_model_takes_is_refused(seed: int) -> None:
    mentee = MenteeRecord(id="e", languages=("en",))
    mentor = MentorRecord(id="m", languages=("en",))
    with pytest.raises(EngineInputError, match="seed must be a whole number from 0 to"):
        match([mentor], [mentee], seed=seed)
