"""Experience (factor "experience"): the mentor more experienced than the mentee, near an ideal gap.

Years of experience, or the typical years of a stated seniority when the years are unknown.
With `exclude_less_experienced`, a mentor with fewer years is never proposed (a table rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mentora.engine.features.constraints import Rule, TableConstraint
from mentora.engine.features.encoding import NEUTRAL, codes
from mentora.engine.features.factors import TableFactor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import hours, plural
from mentora.engine.records import SENIORITY_YEARS, MenteeRecord, MentorRecord
from mentora.engine.taxonomy import normalise_name


@dataclass(frozen=True)
class Years:
    """Years of experience per person (None when unknown)."""

    mentee: list[float | None]
    mentor: list[float | None]


def experience_fit(gap: float, ideal_gap: float) -> float:
    """1 near the ideal gap, lower for a smaller or much larger gap, 0 if not more experienced."""
    if gap <= 0:
        return 0.0
    ideal = max(ideal_gap, 1e-9)
    if gap <= ideal:
        return 0.4 + 0.6 * gap / ideal
    return max(0.3, 1.0 - 0.7 * (gap - ideal) / (2.0 * ideal))


def years_of(record: MentorRecord | MenteeRecord) -> float | None:
    """Years of experience, or the typical years of the stated seniority, or None."""
    if record.years_experience is not None:
        return float(record.years_experience)
    return SENIORITY_YEARS.get(normalise_name(record.seniority).replace(" ", "_"))


def _rounded(values: Sequence[float | None]) -> list[float | None]:
    return [None if v is None else round(v, 1) for v in values]


def build(inputs: FeatureInputs) -> FeatureBuild:
    """The experience-gap table over distinct years, and optionally the less-experienced rule."""
    mentee_years = [years_of(r) for r in inputs.mentees]
    mentor_years = [years_of(r) for r in inputs.mentors]
    mentee_codes, mentee_values = codes(_rounded(mentee_years))
    mentor_codes, mentor_values = codes(_rounded(mentor_years))
    table = np.full((len(mentee_values), len(mentor_values)), NEUTRAL)
    forbidden = np.zeros(table.shape, dtype=bool)
    for a, years_a in enumerate(mentee_values):
        for b, years_b in enumerate(mentor_values):
            if isinstance(years_a, float) and isinstance(years_b, float):
                table[a, b] = experience_fit(years_b - years_a, inputs.options.ideal_experience_gap)
                forbidden[a, b] = years_b < years_a
    has_data = any(v is not None for v in mentee_values) and any(
        v is not None for v in mentor_values
    )
    rules: list[Rule] = []
    if inputs.constraints.exclude_less_experienced:
        rules.append(TableConstraint("experience", mentee_codes, mentor_codes, forbidden))
    return FeatureBuild(
        factor=TableFactor("experience", mentee_codes, mentor_codes, table, has_data=has_data),
        rules=rules,
        details=Years(mentee_years, mentor_years),
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """How many more (or fewer) years the mentor has."""
    years: Years = model.details["experience"]
    years_a, years_b = years.mentee[a], years.mentor[b]
    if years_a is None or years_b is None:
        return None
    gap = years_b - years_a
    if gap > 0:
        return f"{plural(gap, 'more year')} of experience than you"
    if gap == 0:
        return "As experienced as you"
    return f"Less experienced than you ({hours(years_b)} vs {hours(years_a)} years)"


FEATURE = register(Feature("experience", build, reason))
