"""Goals (factor "goals"): the mentee's goals against the mentor's experience, as text similarity.

The value is the cosine similarity of the two texts' vectors over `full_text_similarity`,
clipped to [0, 1], and neutral when either text is empty.
"""

from __future__ import annotations

import re

import numpy as np

from mentora.engine.features.factors import TextFactor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import listed
from mentora.engine.text import stem, stop_words, terms

# Text similarities are low even for related texts: 0.2 already reads as a real overlap.
GOALS_PIVOT = 0.2
_WORD = re.compile(r"[a-z][a-z0-9+#]{2,}")


def build(inputs: FeatureInputs) -> FeatureBuild:
    """Vectors of goals and bios from the text similarity (TF-IDF unless another is given)."""
    goals = [r.goals for r in inputs.mentees]
    bios = [r.bio for r in inputs.mentors]
    mentee_vectors, mentor_vectors = inputs.text_similarity.embed(goals, bios, seed=inputs.seed)
    mentee_text_empty = np.array([not t.strip() for t in goals], dtype=bool)
    mentor_text_empty = np.array([not t.strip() for t in bios], dtype=bool)
    return FeatureBuild(
        factor=TextFactor(
            "goals",
            mentee_vectors,
            mentor_vectors,
            mentee_text_empty,
            mentor_text_empty,
            inputs.options.full_text_similarity,
            has_data=bool((~mentee_text_empty).any() and (~mentor_text_empty).any()),
        )
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """The words of the mentee's goals that the mentor's experience speaks to."""
    mentee, mentor = model.mentees[a], model.mentors[b]
    if not (mentee.goals.strip() and mentor.bio.strip()):
        return None
    bio_terms = set(terms(mentor.bio))
    common = list(
        dict.fromkeys(
            word
            for word in _WORD.findall(mentee.goals.lower())
            if word not in stop_words() and stem(word) in bio_terms
        )
    )
    if value >= GOALS_PIVOT and common:
        return f"Their experience speaks to your goals: {listed(common[:3])}"
    if value < 0.05:
        return "Their experience says little about your goals"
    return None


FEATURE = register(Feature("goals", build, reason, pivot=GOALS_PIVOT))
