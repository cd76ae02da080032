"""The feature registry: every factor of the score, and every rule that only forbids pairs, is one
module of this package that registers how it is built from the records and how it reads.

A feature module defines a builder (records and settings in, a `FeatureBuild` out: its factor,
the hard rules it brings, and the details its reason needs) and, for a factor, a reason (one
sentence about one pair, or None), then calls `register(Feature(...))` once. `build_model` calls
every registered builder, and explanations ask every reason, so adding a factor means:

1. a new module here, registering a `Feature` whose name is the factor's name;
2. its import in `features/__init__.py` (importing the module registers it);
3. its default weight in `records.Weights`, which is the public settings type (the platform
   stores one weight per factor and shows one field per weight).

`registered_features` fixes the order, which decides the order of the factor columns, of the
rules a pair breaks, and so the exact output: rules that score nothing first, by name; then the
factors in the order of `Weights`' fields. It fails loudly when a weight has no registered
factor or a factor has no weight.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mentora.engine.features.constraints import Rule
from mentora.engine.features.encoding import NEUTRAL
from mentora.engine.features.factors import Factor
from mentora.engine.records import (
    FACTOR_NAMES,
    Constraints,
    MenteeRecord,
    MentorRecord,
    Question,
    ScoringOptions,
)
from mentora.engine.taxonomy import Taxonomy
from mentora.engine.text import TextSimilarity

if TYPE_CHECKING:
    from mentora.engine.features.model import FeatureModel


@dataclass(frozen=True)
class FeatureInputs:
    """What every builder reads: the validated records and the settings that shape factors."""

    mentees: Sequence[MenteeRecord]
    mentors: Sequence[MentorRecord]
    options: ScoringOptions
    constraints: Constraints
    questions: tuple[Question, ...]
    taxonomy: Taxonomy
    text_similarity: TextSimilarity
    seed: int

    @property
    def n_mentees(self) -> int:
        return len(self.mentees)


@dataclass
class FeatureBuild:
    """What one feature adds to the model."""

    factor: Factor | None = None
    rules: list[Rule] = field(default_factory=list)
    # Whatever the feature's reason reads back (per-person values computed once), kept on the
    # model as `details[name]`; each feature module types its own.
    details: Any = None


Builder = Callable[[FeatureInputs], FeatureBuild]
# (model, mentee index, mentor index, the factor's value for the pair) -> a sentence, or None
Reason = Callable[["FeatureModel", int, int, float], str | None]


@dataclass(frozen=True)
class Feature:
    """A registered feature: a weighted factor of the score, or a rule that scores nothing."""

    name: str
    build: Builder
    reason: Reason | None = None
    # In explanations, a value above the pivot is a strength and below it a weakness.
    pivot: float = NEUTRAL
    scored: bool = True  # False for a rule only: no factor, no weight, no reason


_REGISTRY: dict[str, Feature] = {}


def register(feature: Feature) -> Feature:
    """Add a feature to the registry (once per name); returns it."""
    if feature.name in _REGISTRY:
        raise ValueError(f"a feature named {feature.name!r} is already registered")
    _REGISTRY[feature.name] = feature
    return feature


def registered_features() -> tuple[Feature, ...]:
    """Rules by name, then factors in the order of `Weights`; each weight has one factor."""
    factors = {name: f for name, f in _REGISTRY.items() if f.scored}
    missing = [name for name in FACTOR_NAMES if name not in factors]
    unweighted = sorted(name for name in factors if name not in FACTOR_NAMES)
    if missing or unweighted:
        raise RuntimeError(
            "every factor needs a weight in Weights and a registered feature module: "
            f"weights without a feature: {missing}; features without a weight: {unweighted}"
        )
    rules = sorted((f for f in _REGISTRY.values() if not f.scored), key=lambda f: f.name)
    return (*rules, *(factors[name] for name in FACTOR_NAMES))
