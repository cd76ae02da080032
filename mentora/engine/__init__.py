"""The framework-free matching core: scoring, candidates, solvers, metrics. Never imports Django.

Public API (everything takes and returns plain dataclasses; deterministic for a given seed):

- Records: `MentorRecord`, `MenteeRecord`, `Question`; settings: `Weights` (per-factor weights),
  `ScoringOptions` (ideal experience gap, working hours, default directions), `Constraints`
  (excluded and pinned pairs by id, organisation rule, shared language, minimum working-hour
  overlap, ...). Demographic attributes are not fields: they can never reach a score.
- `match(mentors, mentees, *, constraints, weights, options, questions, mode, top_k, seed,
  taxonomy, text_similarity, group_labels, explain, progress) -> MatchResult`: a whole match run.
  `mode` is "optimal" (most pairs, then highest total score), "optimal_total" (highest total
  score), "stable" (mentee-proposing deferred acceptance) or "greedy". The result holds the
  assignments with explanations, a reason for every unmatched mentee, metrics, and the candidate
  graph with the exact integer scores the solver optimised.
- `recommend(mentee, mentors, *, ..., top_k) -> list[Recommendation]`: rank mentors for one
  mentee (self-service matching).
- `explain_pair(mentee, mentor, *, ...) -> Explanation` and `score_pair(...) -> float`: one
  mentor's fit for one mentee, with factor values, weights and two to four reasons.
- `compute_metrics(graph, selected, *, mentee_ids, group_labels)`: metrics of any assignment,
  with match rate and mean score per caller-supplied group label (for fairness reports).
- `Taxonomy(synonyms)`: skill normalisation; `TextSimilarity` / `TfidfTextSimilarity`: the
  text-similarity interface an embedding model can implement.
- `EngineInputError`: raised with a message naming the record and field on bad input.

Each factor of the score is one module of `mentora.engine.features` that registers how it is
built and how it reads (see `features/registry.py`); `build_model` builds whatever is registered.
The command line front end is `mentora match` (`mentora.engine.cli`).
"""

from __future__ import annotations

from mentora.engine.api import (
    Assignment,
    MatchResult,
    Recommendation,
    explain_pair,
    match,
    recommend,
    score_pair,
)
from mentora.engine.candidates import CandidateGraph, generate_candidates, graph_from_arrays
from mentora.engine.explain import Explanation, FactorScore
from mentora.engine.metrics import GroupMetrics, MatchMetrics, blocking_pairs, compute_metrics
from mentora.engine.records import (
    FACTOR_NAMES,
    Constraints,
    EngineInputError,
    MenteeRecord,
    MentorRecord,
    Question,
    ScoringOptions,
    Weights,
)
from mentora.engine.solvers import MODES, solve
from mentora.engine.taxonomy import Taxonomy
from mentora.engine.text import TextSimilarity, TfidfTextSimilarity
from mentora.engine.unmatched import UnmatchedMentee

__all__ = [
    "FACTOR_NAMES",
    "MODES",
    "Assignment",
    "CandidateGraph",
    "Constraints",
    "EngineInputError",
    "Explanation",
    "FactorScore",
    "GroupMetrics",
    "MatchMetrics",
    "MatchResult",
    "MenteeRecord",
    "MentorRecord",
    "Question",
    "Recommendation",
    "ScoringOptions",
    "Taxonomy",
    "TextSimilarity",
    "TfidfTextSimilarity",
    "UnmatchedMentee",
    "Weights",
    "blocking_pairs",
    "compute_metrics",
    "explain_pair",
    "generate_candidates",
    "graph_from_arrays",
    "match",
    "recommend",
    "score_pair",
    "solve",
]
