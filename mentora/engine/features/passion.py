"""Passion (factor "passion"): the mentor's stated passion for helping others and how quickly they
answer requests, where known (the mentee's questions 1 and 4 of choosing a mentor)."""

from __future__ import annotations

import numpy as np

from mentora.engine.features.encoding import NEUTRAL
from mentora.engine.features.factors import MentorValueFactor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import plural


def responsiveness(response_hours: float | None) -> float | None:
    """1 for an answer within a day, falling to 0 at two weeks."""
    if response_hours is None:
        return None
    return float(np.clip(1.0 - (response_hours - 24.0) / (14 * 24.0 - 24.0), 0.0, 1.0))


def build(inputs: FeatureInputs) -> FeatureBuild:
    """The mean of passion and responsiveness, each where known; neutral when neither is."""
    values = []
    for record in inputs.mentors:
        known = [
            v for v in (record.passion, responsiveness(record.response_hours)) if v is not None
        ]
        values.append(float(np.clip(np.mean(known), 0.0, 1.0)) if known else NEUTRAL)
    has_data = any(r.passion is not None or r.response_hours is not None for r in inputs.mentors)
    return FeatureBuild(
        factor=MentorValueFactor(
            "passion", np.array(values, dtype=np.float64), inputs.n_mentees, has_data=has_data
        )
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """A quick answer, a stated passion, or a slow answer."""
    mentor = model.mentors[b]
    if mentor.response_hours is not None and mentor.response_hours <= 24:
        return "Usually answers requests within a day"
    if mentor.passion is not None and mentor.passion >= 0.7:
        return "Keen to help others succeed"
    if mentor.response_hours is not None and mentor.response_hours > 24 * 7:
        return f"Slow to answer requests (about {plural(mentor.response_hours / 24, 'day')})"
    return None


FEATURE = register(Feature("passion", build, reason))
