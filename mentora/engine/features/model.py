"""The feature model: a population encoded by every registered feature, for fast exact scoring.

`build_model` validates the records, asks each registered feature (see `registry.py`) for its
factor, its hard rules and the details its reason needs, and adds the program's exclusions and
pins. The model then scores, checks and explains any array of pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mentora.engine.features.constraints import (
    OrganisationConstraint,
    SetConstraint,
    TableConstraint,
)
from mentora.engine.features.encoding import NEUTRAL, BoolArray, FloatArray, IntArray
from mentora.engine.features.exclusions import excluded_pairs
from mentora.engine.features.factors import Factor
from mentora.engine.features.registry import Feature, FeatureInputs, registered_features
from mentora.engine.records import (
    Constraints,
    MenteeRecord,
    MentorRecord,
    Question,
    ScoringOptions,
    Weights,
)
from mentora.engine.taxonomy import Taxonomy
from mentora.engine.text import TextSimilarity, TfidfTextSimilarity
from mentora.engine.validation import validate_inputs, validate_seed


@dataclass
class FeatureModel:
    """Everything the engine knows about a population, encoded for fast scoring."""

    mentees: Sequence[MenteeRecord]
    mentors: Sequence[MentorRecord]
    weights: Weights
    options: ScoringOptions
    constraints: Constraints
    questions: tuple[Question, ...]
    taxonomy: Taxonomy
    factors: list[Factor]
    set_constraints: list[SetConstraint]
    table_constraints: list[TableConstraint]
    organisation_constraint: OrganisationConstraint
    excluded: dict[tuple[int, int], str]  # (mentee index, mentor index) -> reason
    excluded_keys: IntArray  # sorted mentee * n_mentors + mentor
    pinned: list[tuple[int, int]]
    factor_weights: FloatArray = field(default_factory=lambda: np.zeros(0))
    # The registered features the model was built from, in order, and what each one's reason
    # reads back (skill sets, years, the working-hour overlap table...), by feature name.
    features: tuple[Feature, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def n_mentees(self) -> int:
        return len(self.mentees)

    @property
    def n_mentors(self) -> int:
        return len(self.mentors)

    @property
    def factor_names(self) -> list[str]:
        return [factor.name for factor in self.factors]

    def pair_factor_values(self, i: IntArray, j: IntArray) -> FloatArray:
        """Exact factor values (pairs x factors) in [0, 1]."""
        values = np.empty((len(i), len(self.factors)))
        for column, factor in enumerate(self.factors):
            values[:, column] = np.clip(factor.pair_values(i, j), 0.0, 1.0)
        return values

    def pair_scores(self, i: IntArray, j: IntArray) -> FloatArray:
        """Exact scores on the 0-100 scale: the weighted mean of the factor values."""
        total = float(self.factor_weights.sum())
        if total == 0:
            return np.full(len(i), 100.0 * NEUTRAL)
        scores = np.zeros(len(i))
        for factor, weight in zip(self.factors, self.factor_weights, strict=True):
            if weight > 0:
                scores += weight * np.clip(factor.pair_values(i, j), 0.0, 1.0)
        return 100.0 * scores / total

    def pair_allowed(self, i: IntArray, j: IntArray) -> BoolArray:
        """True where no hard constraint forbids the pair (exclusions included)."""
        allowed = self.organisation_constraint.pair_allowed(i, j)
        for set_constraint in self.set_constraints:
            allowed &= set_constraint.pair_allowed(i, j)
        for table_constraint in self.table_constraints:
            allowed &= table_constraint.pair_allowed(i, j)
        if len(self.excluded_keys) and len(i):
            keys = i.astype(np.int64) * self.n_mentors + j
            allowed &= ~np.isin(keys, self.excluded_keys)
        return allowed


def build_model(
    mentees: Sequence[MenteeRecord],
    mentors: Sequence[MentorRecord],
    *,
    weights: Weights,
    options: ScoringOptions,
    constraints: Constraints,
    questions: Sequence[Question] = (),
    taxonomy: Taxonomy | None = None,
    text_similarity: TextSimilarity | None = None,
    seed: int = 0,
) -> FeatureModel:
    """Validate the records and encode every registered factor and rule."""
    taxonomy = taxonomy or Taxonomy()
    text_similarity = text_similarity or TfidfTextSimilarity()
    mentee_index, mentor_index = validate_inputs(
        mentees,
        mentors,
        weights=weights,
        options=options,
        constraints=constraints,
        questions=questions,
    )
    validate_seed(seed)
    inputs = FeatureInputs(
        mentees=mentees,
        mentors=mentors,
        options=options,
        constraints=constraints,
        questions=tuple(questions),
        taxonomy=taxonomy,
        text_similarity=text_similarity,
        seed=seed,
    )
    features = registered_features()
    factors: list[Factor] = []
    set_constraints: list[SetConstraint] = []
    table_constraints: list[TableConstraint] = []
    organisation_constraints: list[OrganisationConstraint] = []
    details: dict[str, Any] = {}
    for feature in features:
        built = feature.build(inputs)
        if built.factor is not None:
            factors.append(built.factor)
        for rule in built.rules:
            if isinstance(rule, SetConstraint):
                set_constraints.append(rule)
            elif isinstance(rule, TableConstraint):
                table_constraints.append(rule)
            else:
                organisation_constraints.append(rule)
        if built.details is not None:
            details[feature.name] = built.details
    if len(organisation_constraints) != 1:
        raise RuntimeError("exactly one feature (organisation) must bring the organisation rule")

    excluded = excluded_pairs(mentees, mentors, mentee_index, mentor_index, constraints)
    pinned = sorted(
        (mentee_index[mentee_id], mentor_index[mentor_id])
        for mentee_id, mentor_id in constraints.pinned_pairs
    )
    weight_by_name = weights.as_dict()
    factor_weights = np.array(
        [weight_by_name[f.name] if f.has_data else 0.0 for f in factors], dtype=np.float64
    )
    assert [f.name for f in factors] == list(weight_by_name), "factor order must follow Weights"
    return FeatureModel(
        mentees=mentees,
        mentors=mentors,
        weights=weights,
        options=options,
        constraints=constraints,
        questions=tuple(questions),
        taxonomy=taxonomy,
        factors=factors,
        set_constraints=set_constraints,
        table_constraints=table_constraints,
        organisation_constraint=organisation_constraints[0],
        excluded=excluded,
        excluded_keys=np.array(sorted(a * len(mentors) + b for a, b in excluded), dtype=np.int64),
        pinned=pinned,
        factor_weights=factor_weights,
        features=features,
        details=details,
    )
