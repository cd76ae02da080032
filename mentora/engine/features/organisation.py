"""Organisation (factor "organisation"): closeness in the organisation, in the preferred direction.

Same department counts closer than same organisation. The same codes carry the program's
organisation rule (same-organisation-only or cross-organisation-only programs).
"""

from __future__ import annotations

import numpy as np

from mentora.engine.features.constraints import OrganisationConstraint
from mentora.engine.features.encoding import NEUTRAL, category_codes
from mentora.engine.features.factors import EqualityFactor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import label
from mentora.engine.taxonomy import normalise_name

# Organisation proximity: value for (same department, same organisation, other organisation).
ORGANISATION_VALUES: dict[str, tuple[float, float, float]] = {
    "same": (1.0, 0.8, 0.0),
    "different": (0.0, 0.3, 1.0),
    "any": (NEUTRAL, NEUTRAL, NEUTRAL),
}


def build(inputs: FeatureInputs) -> FeatureBuild:
    """The proximity factor, and the organisation rule over the same codes."""
    mentees, mentors = inputs.mentees, inputs.mentors
    mentee_orgs = [normalise_name(r.organisation) for r in mentees]
    mentor_orgs = [normalise_name(r.organisation) for r in mentors]
    mentee_codes, mentor_codes = category_codes(mentee_orgs, mentor_orgs)
    mentee_dept = [
        f"{o}\x1f{normalise_name(r.department)}" if o and r.department.strip() else ""
        for o, r in zip(mentee_orgs, mentees, strict=True)
    ]
    mentor_dept = [
        f"{o}\x1f{normalise_name(r.department)}" if o and r.department.strip() else ""
        for o, r in zip(mentor_orgs, mentors, strict=True)
    ]
    mentee_dept_codes, mentor_dept_codes = category_codes(mentee_dept, mentor_dept)
    preferences = [
        r.organisation_preference or inputs.options.organisation_preference for r in mentees
    ]
    values = np.array([ORGANISATION_VALUES[p] for p in preferences]).reshape(len(mentees), 3)
    known = mentee_codes >= 0
    base = np.where(known, values[:, 2], NEUTRAL)
    same_org = np.where(known, values[:, 1] - values[:, 2], 0.0)
    same_dept = np.where(known, values[:, 0] - values[:, 1], 0.0)
    unknown_coefficient = np.where(known, NEUTRAL - values[:, 2], 0.0)
    mentor_unknown = mentor_codes < 0
    factor = EqualityFactor(
        "organisation",
        base,
        [(mentee_codes, same_org, mentor_codes), (mentee_dept_codes, same_dept, mentor_dept_codes)],
        unknown_coefficient,
        mentor_unknown,
        has_data=bool(known.any() and (~mentor_unknown).any() and (same_org != 0).any()),
    )
    rule = OrganisationConstraint(inputs.constraints.organisation_rule, mentee_codes, mentor_codes)
    return FeatureBuild(factor=factor, rules=[rule])


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """Same department, same organisation, or another one, as the mentee prefers."""
    mentee, mentor = model.mentees[a], model.mentors[b]
    preference = mentee.organisation_preference or model.options.organisation_preference
    if not (mentee.organisation.strip() and mentor.organisation.strip() and preference != "any"):
        return None
    same_org = label(mentee.organisation) == label(mentor.organisation)
    same_dept = (
        same_org
        and mentee.department.strip() != ""
        and label(mentee.department) == label(mentor.department)
    )
    if same_dept:
        return f"Both in {mentor.organisation}, {mentor.department}"
    if same_org:
        return f"Both work at {mentor.organisation}"
    return (
        "From another organisation, as you asked"
        if preference == "different"
        else f"From another organisation ({mentor.organisation})"
    )


FEATURE = register(Feature("organisation", build, reason))
