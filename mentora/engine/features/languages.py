"""Languages (a rule, not a factor): with `require_shared_language`, a mentee and a mentor who
both list languages must share one."""

from __future__ import annotations

from mentora.engine.features.constraints import set_constraint
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.taxonomy import normalise_name


def build(inputs: FeatureInputs) -> FeatureBuild:
    """The shared-language rule over both sides' language sets, when the program asks for it."""
    if not inputs.constraints.require_shared_language:
        return FeatureBuild()
    mentee_languages = [
        tuple(normalise_name(x) for x in r.languages if x.strip()) for r in inputs.mentees
    ]
    mentor_languages = [
        tuple(normalise_name(x) for x in r.languages if x.strip()) for r in inputs.mentors
    ]
    return FeatureBuild(rules=[set_constraint("language", mentee_languages, mentor_languages)])


FEATURE = register(Feature("language", build, scored=False))
