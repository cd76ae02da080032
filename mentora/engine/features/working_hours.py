"""Working hours in common (factor "timezone"): overlap of the two local working days.

The overlap over `desired_overlap_hours`, capped at 1. With `min_overlap_hours`, a pair with less
overlap is never proposed (the "working_hours" table rule).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mentora.engine.features.constraints import Rule, TableConstraint
from mentora.engine.features.encoding import FloatArray, IntArray, codes
from mentora.engine.features.factors import TableFactor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import plural
from mentora.engine.timezones import timezone_offsets, working_hours_overlap


@dataclass(frozen=True)
class Overlap:
    """Working hours in common by timezone code, and each person's timezone code."""

    hours: FloatArray  # mentee timezone code x mentor timezone code
    mentee_codes: IntArray
    mentor_codes: IntArray


def build(inputs: FeatureInputs) -> FeatureBuild:
    """The overlap table over distinct timezones (by UTC offsets), and the minimum-overlap rule."""
    mentee_codes, mentee_zones = codes([timezone_offsets(r.timezone) for r in inputs.mentees])
    mentor_codes, mentor_zones = codes([timezone_offsets(r.timezone) for r in inputs.mentors])
    start, end = inputs.options.working_hours
    overlap = np.array(
        [[working_hours_overlap(a, b, start, end) for b in mentor_zones] for a in mentee_zones]
    ).reshape(len(mentee_zones), len(mentor_zones))
    desired = max(inputs.options.desired_overlap_hours, 1e-9)
    rules: list[Rule] = []
    minimum = inputs.constraints.min_overlap_hours
    if minimum > 0:
        rules.append(
            TableConstraint("working_hours", mentee_codes, mentor_codes, overlap < minimum - 1e-9)
        )
    return FeatureBuild(
        factor=TableFactor(
            "timezone", mentee_codes, mentor_codes, np.minimum(overlap / desired, 1.0)
        ),
        rules=rules,
        details=Overlap(overlap, mentee_codes, mentor_codes),
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """How many working hours the two have in common."""
    overlap: Overlap = model.details["timezone"]
    hours = float(overlap.hours[overlap.mentee_codes[a], overlap.mentor_codes[b]])
    if hours < model.options.desired_overlap_hours:
        return f"Only {plural(hours, 'working hour')} in common"
    return f"{plural(hours, 'working hour')} in common"


FEATURE = register(Feature("timezone", build, reason))
