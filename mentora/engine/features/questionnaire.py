"""Questionnaire (factor "questionnaire"): answers to the program's questions, each by its rule.

A weighted mean of one overlap per question: `should_match` scores shared answers,
`should_differ` different ones; `must_match` also makes a hard rule (a pair must share an
answer when both answered); `ignore` leaves the question out.
"""

from __future__ import annotations

import numpy as np

from mentora.engine.features.constraints import Rule, set_constraint
from mentora.engine.features.factors import CombinedFactor, OverlapFactor, overlap_factor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import label, listed
from mentora.engine.taxonomy import normalise_name


def build(inputs: FeatureInputs) -> FeatureBuild:
    """One overlap per weighted question, and a must-match rule per `must_match` question."""
    parts: list[OverlapFactor] = []
    part_weights: list[float] = []
    rules: list[Rule] = []
    for question in inputs.questions:
        if question.rule == "ignore":
            continue
        mentee_answers = [
            tuple(normalise_name(a) for a in r.answers.get(question.id, ()) if a.strip())
            for r in inputs.mentees
        ]
        mentor_answers = [
            tuple(normalise_name(a) for a in r.answers.get(question.id, ()) if a.strip())
            for r in inputs.mentors
        ]
        if question.rule == "must_match":
            rules.append(set_constraint(f"question:{question.id}", mentee_answers, mentor_answers))
        if question.weight > 0:
            parts.append(
                overlap_factor(
                    f"question:{question.id}",
                    mentee_answers,
                    mentor_answers,
                    differ=question.rule == "should_differ",
                    mentor_missing_neutral=True,
                )
            )
            part_weights.append(question.weight)
    has_data = any(part.has_data for part in parts)
    factor = CombinedFactor(
        "questionnaire", parts, np.array(part_weights, dtype=np.float64), has_data=has_data
    )
    return FeatureBuild(factor=factor, rules=rules)


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """The first question both answered the way its rule wants."""
    mentee, mentor = model.mentees[a], model.mentors[b]
    for question in model.questions:
        if question.rule == "ignore":
            continue
        answers_a = [label(x) for x in mentee.answers.get(question.id, ()) if x.strip()]
        answers_b = {label(x) for x in mentor.answers.get(question.id, ()) if x.strip()}
        if not answers_a or not answers_b:
            continue
        shared = [x for x in answers_a if x in answers_b]
        title = question.text or question.id
        if question.rule == "should_differ":
            if not shared:
                return f"Different answers to “{title}”, as intended"
        elif shared:
            return f"Same answer to “{title}”: {listed(shared)}"
    return None


FEATURE = register(Feature("questionnaire", build, reason))
