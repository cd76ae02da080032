"""Industry (factor "industry"): the same industry as the mentee, or another, as they prefer.

A mentee's `industry_preference` (same, different, any) overrides the program's default.
"""

from __future__ import annotations

from mentora.engine.features.factors import direction_factor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import label
from mentora.engine.taxonomy import normalise_name


def build(inputs: FeatureInputs) -> FeatureBuild:
    """1 in the preferred direction, 0 in the other, neutral when unknown or "any"."""
    return FeatureBuild(
        factor=direction_factor(
            "industry",
            [normalise_name(r.industry) for r in inputs.mentees],
            [normalise_name(r.industry) for r in inputs.mentors],
            [r.industry_preference or inputs.options.industry_preference for r in inputs.mentees],
        )
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """Where the mentor works, against the industry the mentee prefers."""
    mentee, mentor = model.mentees[a], model.mentors[b]
    preference = mentee.industry_preference or model.options.industry_preference
    if not (mentee.industry.strip() and mentor.industry.strip() and preference != "any"):
        return None
    industry = label(mentor.industry)
    if label(mentee.industry) == industry:
        return (
            f"Both work in {industry}"
            if preference == "same"
            else f"Also works in {industry}; you asked for another industry"
        )
    return (
        f"Works in {industry}, outside your industry, as you asked"
        if preference == "different"
        else f"Works in {industry}, not {label(mentee.industry)}"
    )


FEATURE = register(Feature("industry", build, reason))
