"""The feature registry: build_model builds what is registered, in the order Weights fixes.

A feature is one module that registers a `Feature`; these tests register throwaway ones (and
take them out again with monkeypatch) to show that nothing else needs to change.
"""

from __future__ import annotations

import numpy as np
import pytest

from mentora.engine import (
    FACTOR_NAMES,
    Constraints,
    MenteeRecord,
    MentorRecord,
    ScoringOptions,
    Weights,
    explain_pair,
    match,
)
from mentora.engine.features import (
    FEATURE_MODULES,
    Feature,
    FeatureBuild,
    FeatureInputs,
    MentorValueFactor,
    TableConstraint,
    build_model,
    register,
    registered_features,
)
from mentora.engine.features import registry as registry_module

MENTEE = MenteeRecord(id="e", skills_wanted=("sql",), languages=("en",), timezone="Europe/London")
MENTORS = [
    MentorRecord(id="first", skills=("sql",), languages=("en",), timezone="Europe/London"),
    MentorRecord(id="second", skills=("sql",), languages=("en",), timezone="Europe/London"),
]


def test_every_weight_has_one_registered_factor_in_weights_order() -> None:
    features = registered_features()
    assert [f.name for f in features if f.scored] == list(FACTOR_NAMES)
    assert [f.name for f in features if not f.scored] == ["language"]
    # Every feature module registered exactly one feature, under its own module.
    assert sorted(module.FEATURE.name for module in FEATURE_MODULES) == sorted(
        f.name for f in features
    )
    model = build_model(
        [MENTEE], MENTORS, weights=Weights(), options=ScoringOptions(), constraints=Constraints()
    )
    assert model.factor_names == list(FACTOR_NAMES)
    assert [f.name for f in model.features] == [f.name for f in features]


def test_a_weight_without_a_factor_or_a_factor_without_a_weight_fails_loudly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(registry_module._REGISTRY, "feedback")
    with pytest.raises(RuntimeError, match=r"weights without a feature: \['feedback'\]"):
        registered_features()
    monkeypatch.setitem(
        registry_module._REGISTRY, "feedback", Feature("feedback", lambda _: FeatureBuild())
    )
    monkeypatch.setitem(
        registry_module._REGISTRY, "kindness", Feature("kindness", lambda _: FeatureBuild())
    )
    with pytest.raises(RuntimeError, match=r"features without a weight: \['kindness'\]"):
        registered_features()


def test_a_name_registers_once() -> None:
    with pytest.raises(ValueError, match="'skills' is already registered"):
        register(Feature("skills", lambda _: FeatureBuild()))


def test_build_model_scores_with_whatever_the_registry_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Replacing one feature's module changes the scores and the reasons, and nothing else."""
    only_feedback = Weights(**{name: 1.0 if name == "feedback" else 0.0 for name in FACTOR_NAMES})

    def build(inputs: FeatureInputs) -> FeatureBuild:
        values = np.array([1.0 if r.id == "second" else 0.0 for r in inputs.mentors])
        return FeatureBuild(factor=MentorValueFactor("feedback", values, inputs.n_mentees))

    before = match(MENTORS, [MENTEE], weights=only_feedback)
    assert [a.mentor_id for a in before.assignments] == ["first"]  # a tie: the first mentor
    monkeypatch.setitem(
        registry_module._REGISTRY,
        "feedback",
        Feature("feedback", build, lambda model, a, b, value: f"Kind ({value:.0%})"),
    )
    after = match(MENTORS, [MENTEE], weights=only_feedback)
    assert [(a.mentor_id, a.score) for a in after.assignments] == [("second", 100.0)]
    explanation = after.assignments[0].explanation
    assert explanation is not None
    assert "Kind (100%)" in explanation.reasons


def test_a_new_rule_is_one_registered_feature(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule module (no factor, no weight) forbids pairs in matching and in explanations."""

    def build(inputs: FeatureInputs) -> FeatureBuild:
        mentor_codes = np.array([int(r.id == "first") for r in inputs.mentors], dtype=np.int64)
        mentee_codes = np.zeros(inputs.n_mentees, dtype=np.int64)
        forbidden = np.array([[False, True]])
        return FeatureBuild(
            rules=[TableConstraint("not_first", mentee_codes, mentor_codes, forbidden)]
        )

    monkeypatch.setitem(
        registry_module._REGISTRY, "not_first", Feature("not_first", build, scored=False)
    )
    result = match(MENTORS, [MENTEE])
    assert [a.mentor_id for a in result.assignments] == ["second"]
    explanation = explain_pair(MENTEE, MENTORS[0])
    assert not explanation.allowed
    assert explanation.blocked_by == ("Breaks the rule “not_first”",)
