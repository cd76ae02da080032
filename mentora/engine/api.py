"""The engine's public entry points: match a whole pool, rank mentors for one mentee, explain."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from mentora.engine.candidates import CandidateGraph, Progress, generate_candidates
from mentora.engine.explain import Explanation, explain_pairs
from mentora.engine.features import FeatureModel, build_model
from mentora.engine.metrics import MatchMetrics, compute_metrics
from mentora.engine.records import (
    Constraints,
    MenteeRecord,
    MentorRecord,
    Question,
    ScoringOptions,
    Weights,
)
from mentora.engine.solvers import MODES, Mode, solve
from mentora.engine.taxonomy import Taxonomy
from mentora.engine.text import TextSimilarity
from mentora.engine.unmatched import UnmatchedMentee, unmatched_reasons


@dataclass(frozen=True, slots=True)
class Assignment:
    """One matched pair: the score the solver optimised, the mentor's rank, and why."""

    mentee_id: str
    mentor_id: str
    score: float
    rank: int  # 1 = the mentee's best-scoring candidate
    pinned: bool
    explanation: Explanation | None


@dataclass(frozen=True)
class MatchResult:
    """Everything a match run produces."""

    mode: str
    assignments: tuple[Assignment, ...]
    unmatched: tuple[UnmatchedMentee, ...]
    metrics: MatchMetrics
    candidates: CandidateGraph
    model: FeatureModel
    timings: dict[str, float] = field(default_factory=dict)

    def candidate_pairs(self) -> Iterator[tuple[str, str, float]]:
        """Every candidate pair considered: (mentee id, mentor id, score as optimised)."""
        mentees, mentors = self.model.mentees, self.model.mentors
        for a, b, score in zip(
            self.candidates.mentee.tolist(),
            self.candidates.mentor.tolist(),
            self.candidates.scores.tolist(),
            strict=True,
        ):
            yield mentees[a].id, mentors[b].id, score


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A mentor suggested to one mentee, best first."""

    mentor_id: str
    score: float
    explanation: Explanation


def match(
    mentors: Sequence[MentorRecord],
    mentees: Sequence[MenteeRecord],
    *,
    constraints: Constraints | None = None,
    weights: Weights | None = None,
    options: ScoringOptions | None = None,
    questions: Sequence[Question] = (),
    mode: Mode = "optimal",
    top_k: int = 50,
    seed: int = 0,
    taxonomy: Taxonomy | None = None,
    text_similarity: TextSimilarity | None = None,
    group_labels: Mapping[str, str] | None = None,
    explain: bool = True,
    progress: Progress | None = None,
) -> MatchResult:
    """Score, choose candidates, solve and explain: a whole match run, deterministic for a seed."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    model = build_model(
        mentees,
        mentors,
        weights=weights or Weights(),
        options=options or ScoringOptions(),
        constraints=constraints or Constraints(),
        questions=questions,
        taxonomy=taxonomy,
        text_similarity=text_similarity,
        seed=seed,
    )
    timings["features"] = time.perf_counter() - started

    started = time.perf_counter()
    graph = generate_candidates(model, top_k=top_k, progress=progress)
    timings["candidates"] = time.perf_counter() - started

    started = time.perf_counter()
    if progress is not None:
        progress("solve", 0, 1)
    selected = solve(graph, mode)
    if progress is not None:
        progress("solve", 1, 1)
    timings["solve"] = time.perf_counter() - started

    started = time.perf_counter()
    metrics = compute_metrics(
        graph, selected, mentee_ids=[r.id for r in mentees], group_labels=group_labels
    )
    unmatched = unmatched_reasons(model, graph, selected)
    timings["metrics"] = time.perf_counter() - started

    started = time.perf_counter()
    explanations: list[Explanation | None] = [None] * len(selected)
    if explain:
        explanations = list(
            explain_pairs(
                model,
                graph.mentee[selected],
                graph.mentor[selected],
                scores=graph.scores[selected],
                pinned=graph.pinned[selected],
            )
        )
    ranks = graph.rank[selected]
    assignments = tuple(
        Assignment(
            mentee_id=mentees[a].id,
            mentor_id=mentors[b].id,
            score=float(score),
            rank=int(rank),
            pinned=bool(pinned),
            explanation=explanation,
        )
        for a, b, score, rank, pinned, explanation in zip(
            graph.mentee[selected].tolist(),
            graph.mentor[selected].tolist(),
            graph.scores[selected].tolist(),
            ranks.tolist(),
            graph.pinned[selected].tolist(),
            explanations,
            strict=True,
        )
    )
    timings["explain"] = time.perf_counter() - started
    return MatchResult(
        mode=mode,
        assignments=assignments,
        unmatched=tuple(unmatched),
        metrics=metrics,
        candidates=graph,
        model=model,
        timings=timings,
    )


def recommend(
    mentee: MenteeRecord,
    mentors: Sequence[MentorRecord],
    *,
    constraints: Constraints | None = None,
    weights: Weights | None = None,
    options: ScoringOptions | None = None,
    questions: Sequence[Question] = (),
    top_k: int = 10,
    seed: int = 0,
    taxonomy: Taxonomy | None = None,
    text_similarity: TextSimilarity | None = None,
) -> list[Recommendation]:
    """The mentee's best compatible mentors with room, best first (ties: earlier mentor first)."""
    model = build_model(
        [mentee],
        mentors,
        weights=weights or Weights(),
        options=options or ScoringOptions(),
        constraints=constraints or Constraints(),
        questions=questions,
        taxonomy=taxonomy,
        text_similarity=text_similarity,
        seed=seed,
    )
    graph = generate_candidates(model, top_k=top_k)
    arcs = np.arange(min(graph.n_arcs, top_k))
    explanations = explain_pairs(
        model, graph.mentee[arcs], graph.mentor[arcs], scores=graph.scores[arcs]
    )
    return [
        Recommendation(mentor_id=e.mentor_id, score=e.score, explanation=e) for e in explanations
    ]


def explain_pair(
    mentee: MenteeRecord,
    mentor: MentorRecord,
    *,
    constraints: Constraints | None = None,
    weights: Weights | None = None,
    options: ScoringOptions | None = None,
    questions: Sequence[Question] = (),
    seed: int = 0,
    taxonomy: Taxonomy | None = None,
    text_similarity: TextSimilarity | None = None,
) -> Explanation:
    """One mentor's fit for one mentee: score, factors, reasons, and whether rules allow it."""
    model = build_model(
        [mentee],
        [mentor],
        weights=weights or Weights(),
        options=options or ScoringOptions(),
        constraints=constraints or Constraints(),
        questions=questions,
        taxonomy=taxonomy,
        text_similarity=text_similarity,
        seed=seed,
    )
    zero = np.zeros(1, dtype=np.int64)
    return explain_pairs(model, zero, zero)[0]


def score_pair(
    mentee: MenteeRecord,
    mentor: MentorRecord,
    *,
    weights: Weights | None = None,
    options: ScoringOptions | None = None,
    questions: Sequence[Question] = (),
    taxonomy: Taxonomy | None = None,
    text_similarity: TextSimilarity | None = None,
) -> float:
    """The 0-100 score of one pair (6 decimals), whatever the hard constraints say."""
    return explain_pair(
        mentee,
        mentor,
        weights=weights,
        options=options,
        questions=questions,
        taxonomy=taxonomy,
        text_similarity=text_similarity,
    ).score
