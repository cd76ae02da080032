"""Job function (factor "job_function"): the same function as the mentee, or another, as preferred.

A mentee's `job_function_preference` (same, different, any) overrides the program's default.
"""

from __future__ import annotations

from mentora.engine.features.factors import direction_factor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import label
from mentora.engine.taxonomy import normalise_name


def build(inputs: FeatureInputs) -> FeatureBuild:
    """1 in the preferred direction, 0 in the other, neutral when unknown or "any"."""
    options = inputs.options
    return FeatureBuild(
        factor=direction_factor(
            "job_function",
            [normalise_name(r.job_function) for r in inputs.mentees],
            [normalise_name(r.job_function) for r in inputs.mentors],
            [r.job_function_preference or options.job_function_preference for r in inputs.mentees],
        )
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """The mentor's job function, against the mentee's."""
    mentee, mentor = model.mentees[a], model.mentors[b]
    preference = mentee.job_function_preference or model.options.job_function_preference
    if not (mentee.job_function.strip() and mentor.job_function.strip() and preference != "any"):
        return None
    function = label(mentor.job_function)
    if label(mentee.job_function) == function:
        return f"Same job function: {function}"
    return f"Works in {function}, a different job function"


FEATURE = register(Feature("job_function", build, reason))
