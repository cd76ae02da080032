"""Explanations: each factor's value and weight, and two to four reasons a person can read."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mentora.engine.features import NEUTRAL, FeatureModel, IntArray, registered_features
from mentora.engine.features.registry import Reason

MAX_REASONS = 4
# The value above which a factor counts as a strength (NEUTRAL unless its feature says otherwise:
# text similarities are low even for related texts).
PIVOTS = {f.name: f.pivot for f in registered_features() if f.scored and f.pivot != NEUTRAL}
MIN_REASONS = 2


@dataclass(frozen=True, slots=True)
class FactorScore:
    """One factor of one pair: its value in [0, 1], its weight, and the points it adds."""

    name: str
    value: float
    weight: float  # 0 when the factor is unused (no data anywhere, or weight 0)
    points: float  # share of the 0-100 score this factor contributes


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a mentor fits a mentee: the score, every factor, and the main reasons."""

    mentee_id: str
    mentor_id: str
    score: float
    factors: tuple[FactorScore, ...]
    reasons: tuple[str, ...]
    allowed: bool = True  # False when a hard constraint forbids the pair
    blocked_by: tuple[str, ...] = ()  # the hard constraints it breaks, in words
    pinned: bool = False


def _reason_texts(
    model: FeatureModel, a: int, b: int, values: dict[str, float], reasons: list[tuple[str, Reason]]
) -> dict[str, str]:
    """A sentence per factor that has something to say about this pair (each feature's reason)."""
    texts: dict[str, str] = {}
    for name, reason in reasons:
        text = reason(model, a, b, values[name])
        if text is not None:
            texts[name] = text
    return texts


def choose_reasons(
    texts: dict[str, str], values: dict[str, float], weights: dict[str, float]
) -> list[str]:
    """Two to four reasons: the strongest points for the pair, then its worst weakness."""
    total = sum(weights.values()) or 1.0
    strength = {
        name: weights.get(name, 0.0) / total * (values[name] - PIVOTS.get(name, NEUTRAL))
        for name in texts
        if weights.get(name, 0.0) > 0
    }
    ranked = sorted(strength, key=lambda name: (-strength[name], name))
    negatives = sorted(
        (name for name in ranked if strength[name] < 0), key=lambda n: (strength[n], n)
    )
    # Up to three strengths and the worst weakness, or four strengths when there is none.
    positives = [name for name in ranked if strength[name] > 0][
        : MAX_REASONS - 1 if negatives else MAX_REASONS
    ]
    chosen = positives[:]
    if negatives:
        chosen.append(negatives[0])
    for name in sorted(strength, key=lambda n: (-abs(strength[n]), n)):
        if len(chosen) >= MIN_REASONS:
            break
        if name not in chosen:
            chosen.append(name)
    return [texts[name] for name in chosen[:MAX_REASONS]]


def constraint_violations(
    model: FeatureModel, mentee_indices: IntArray, mentor_indices: IntArray
) -> list[list[str]]:
    """Per pair, each hard constraint it breaks, in words (empty when the pair is allowed)."""
    violations: list[list[str]] = [[] for _ in range(len(mentee_indices))]
    checks: list[tuple[str, np.ndarray]] = []
    for constraint in model.set_constraints:
        if constraint.name == "language":
            label = "No language in common"
        elif constraint.name.startswith("question:"):
            question_id = constraint.name.split(":", 1)[1]
            title = next((q.text or q.id for q in model.questions if q.id == question_id), "")
            label = f"No matching answer to “{title}”"
        else:  # a rule registered by a newer feature module
            label = f"Breaks the rule “{constraint.name}”"
        checks.append((label, constraint.pair_allowed(mentee_indices, mentor_indices)))
    for table_constraint in model.table_constraints:
        if table_constraint.name == "working_hours":
            label = f"Fewer than {model.constraints.min_overlap_hours:g} working hours in common"
        elif table_constraint.name == "experience":
            label = "Less experienced than the mentee"
        else:
            label = f"Breaks the rule “{table_constraint.name}”"
        checks.append((label, table_constraint.pair_allowed(mentee_indices, mentor_indices)))
    rule = model.constraints.organisation_rule
    if rule != "any":
        label = "Not in the same organisation" if rule == "same" else "In the same organisation"
        checks.append(
            (label, model.organisation_constraint.pair_allowed(mentee_indices, mentor_indices))
        )
    for label, allowed in checks:
        for row in np.flatnonzero(~allowed).tolist():
            violations[row].append(label)
    for row, (a, b) in enumerate(
        zip(mentee_indices.tolist(), mentor_indices.tolist(), strict=True)
    ):
        reason = model.excluded.get((a, b))
        if reason is not None:
            violations[row].append(f"Excluded: {reason}")
    return violations


def explain_pairs(
    model: FeatureModel,
    mentee_indices: IntArray,
    mentor_indices: IntArray,
    *,
    scores: np.ndarray | None = None,
    pinned: np.ndarray | None = None,
) -> list[Explanation]:
    """Explanations for arrays of pairs; `scores` given are used as is (the solver's numbers)."""
    mentee_indices = np.asarray(mentee_indices, dtype=np.int64)
    mentor_indices = np.asarray(mentor_indices, dtype=np.int64)
    values = model.pair_factor_values(mentee_indices, mentor_indices)
    if scores is None:
        scores = np.round(model.pair_scores(mentee_indices, mentor_indices), 6)
    violations = constraint_violations(model, mentee_indices, mentor_indices)
    names = model.factor_names
    weights = dict(zip(names, model.factor_weights.tolist(), strict=True))
    total = sum(weights.values()) or 1.0
    reasons_of = [(f.name, f.reason) for f in model.features if f.reason is not None]
    explanations = []
    for row, (a, b) in enumerate(
        zip(mentee_indices.tolist(), mentor_indices.tolist(), strict=True)
    ):
        factor_values = dict(zip(names, values[row].tolist(), strict=True))
        factors = tuple(
            FactorScore(
                name=name,
                value=round(value, 6),
                weight=weights[name],
                points=round(100.0 * weights[name] * value / total, 6),
            )
            for name, value in factor_values.items()
        )
        is_pinned = bool(pinned[row]) if pinned is not None else False
        texts = _reason_texts(model, a, b, factor_values, reasons_of)
        reasons = choose_reasons(texts, factor_values, weights)
        if is_pinned:
            reasons = ["Pinned by the program manager", *reasons][:MAX_REASONS]
        explanations.append(
            Explanation(
                mentee_id=model.mentees[a].id,
                mentor_id=model.mentors[b].id,
                score=float(scores[row]),
                factors=factors,
                reasons=tuple(reasons),
                allowed=not violations[row],
                blocked_by=tuple(violations[row]),
                pinned=is_pinned,
            )
        )
    return explanations
