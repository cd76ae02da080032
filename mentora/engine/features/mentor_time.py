"""Time (factor "time"): the hours a month the mentor can give each mentee against the hours the
mentee's cadence needs; neutral when the mentor did not say."""

from __future__ import annotations

import numpy as np

from mentora.engine.features.encoding import NEUTRAL, codes
from mentora.engine.features.factors import TableFactor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import hours, plural
from mentora.engine.records import MentorRecord

CADENCE_HOURS_PER_MONTH: dict[str, float] = {
    "weekly": 4.0,
    "fortnightly": 2.0,
    "monthly": 1.0,
    "quarterly": 1.0 / 3.0,
}


def mentor_hours_per_mentee(record: MentorRecord) -> float | None:
    """Hours a month the mentor can give each mentee when their capacity is full."""
    if record.hours_per_month is None:
        return None
    return float(record.hours_per_month) / max(record.capacity, 1)


def build(inputs: FeatureInputs) -> FeatureBuild:
    """A table over cadences and distinct hours per mentee."""
    mentee_codes, mentee_values = codes([r.cadence for r in inputs.mentees])
    per_mentee = [mentor_hours_per_mentee(r) for r in inputs.mentors]
    mentor_codes, mentor_values = codes([None if h is None else round(h, 2) for h in per_mentee])
    table = np.full((len(mentee_values), len(mentor_values)), NEUTRAL)
    for a, cadence in enumerate(mentee_values):
        needed = CADENCE_HOURS_PER_MONTH[str(cadence)] * inputs.options.session_hours
        for b, available in enumerate(mentor_values):
            if isinstance(available, float):
                table[a, b] = min(1.0, available / needed) if needed > 0 else 1.0
    has_data = any(v is not None for v in mentor_values)
    return FeatureBuild(
        factor=TableFactor("time", mentee_codes, mentor_codes, table, has_data=has_data)
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """Whether the mentor has the time the mentee's cadence needs."""
    mentee = model.mentees[a]
    per_mentee = mentor_hours_per_mentee(model.mentors[b])
    if per_mentee is None:
        return None
    needed = CADENCE_HOURS_PER_MONTH[mentee.cadence] * model.options.session_hours
    if per_mentee >= needed:
        return f"Has time for {mentee.cadence} meetings"
    return (
        f"Has {plural(per_mentee, 'hour')} a month per mentee, "
        f"less than {mentee.cadence} meetings need ({hours(needed)})"
    )


FEATURE = register(Feature("time", build, reason))
