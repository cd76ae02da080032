"""Feedback (factor "feedback"): past mentees' rating of the mentor's honest feedback, 1 to 5
scaled to [0, 1], where known (the mentee's question 2 of choosing a mentor)."""

from __future__ import annotations

import numpy as np

from mentora.engine.features.encoding import NEUTRAL
from mentora.engine.features.factors import MentorValueFactor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register


def build(inputs: FeatureInputs) -> FeatureBuild:
    """(rating - 1) / 4 per mentor, neutral when unrated."""
    values = [
        NEUTRAL
        if r.feedback_rating is None
        else float(np.clip((r.feedback_rating - 1.0) / 4.0, 0.0, 1.0))
        for r in inputs.mentors
    ]
    has_data = any(r.feedback_rating is not None for r in inputs.mentors)
    return FeatureBuild(
        factor=MentorValueFactor(
            "feedback", np.array(values, dtype=np.float64), inputs.n_mentees, has_data=has_data
        )
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """The rating itself."""
    rating = model.mentors[b].feedback_rating
    if rating is None:
        return None
    return f"Past mentees rate their feedback {rating:.1f}/5"


FEATURE = register(Feature("feedback", build, reason))
