"""Focus areas (factor "focus_areas"): the share of the mentee's focus areas the mentor offers."""

from __future__ import annotations

from mentora.engine.features.factors import overlap_factor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import label, listed
from mentora.engine.taxonomy import normalise_name


def build(inputs: FeatureInputs) -> FeatureBuild:
    """Skill-building, networking, career advancement... wanted against offered."""
    wanted = [tuple(normalise_name(f) for f in r.focus_areas if f.strip()) for r in inputs.mentees]
    offered = [tuple(normalise_name(f) for f in r.focus_areas if f.strip()) for r in inputs.mentors]
    return FeatureBuild(factor=overlap_factor("focus_areas", wanted, offered))


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """Which of the focus areas the mentee asked for the mentor offers."""
    mentee, mentor = model.mentees[a], model.mentors[b]
    wanted = [label(f) for f in mentee.focus_areas if f.strip()]
    if not wanted:
        return None
    offered = {label(f) for f in mentor.focus_areas}
    shared = [f for f in wanted if f in offered]
    return (
        f"Offers the focus you asked for: {listed(shared)}"
        if shared
        else f"Does not offer the focus you asked for ({listed(wanted)})"
    )


FEATURE = register(Feature("focus_areas", build, reason))
