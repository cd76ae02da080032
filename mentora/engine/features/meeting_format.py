"""Meeting format (factor "meeting_format"): 1 when the two share a way to meet (video, phone,
in person), 0 when they share none, neutral when either did not say."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mentora.engine.features.encoding import NEUTRAL, codes
from mentora.engine.features.factors import TableFactor
from mentora.engine.features.model import FeatureModel
from mentora.engine.features.registry import Feature, FeatureBuild, FeatureInputs, register
from mentora.engine.features.wording import label
from mentora.engine.records import MenteeRecord, MentorRecord
from mentora.engine.taxonomy import normalise_name


def _masks(records: Sequence[MentorRecord] | Sequence[MenteeRecord]) -> list[frozenset[str]]:
    return [frozenset(normalise_name(f) for f in r.meeting_formats if f.strip()) for r in records]


def build(inputs: FeatureInputs) -> FeatureBuild:
    """A table over the distinct sets of formats on each side."""
    mentee_codes, mentee_values = codes(_masks(inputs.mentees))
    mentor_codes, mentor_values = codes(_masks(inputs.mentors))
    table = np.array(
        [
            [NEUTRAL if not a or not b else float(bool(a & b)) for b in mentor_values]
            for a in mentee_values
        ]
    ).reshape(len(mentee_values), len(mentor_values))
    has_data = any(mentee_values) and any(mentor_values)
    return FeatureBuild(
        factor=TableFactor("meeting_format", mentee_codes, mentor_codes, table, has_data=has_data)
    )


def reason(model: FeatureModel, a: int, b: int, value: float) -> str | None:
    """The formats both accept, or that they share none."""
    formats_a = [label(f) for f in model.mentees[a].meeting_formats if f.strip()]
    formats_b = {label(f) for f in model.mentors[b].meeting_formats if f.strip()}
    if not (formats_a and formats_b):
        return None
    shared = [f for f in formats_a if f in formats_b]
    return (
        f"Can meet as you prefer: {' or '.join(shared)}"
        if shared
        else "No meeting format in common"
    )


FEATURE = register(Feature("meeting_format", build, reason))
