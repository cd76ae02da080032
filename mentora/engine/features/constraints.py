"""Hard rules on pairs, encoded like factors: a pair that breaks one is never a candidate.

`SetConstraint` (both sides share an item: a language, a must-match answer) and
`TableConstraint` (a rule on small categories: working-hour overlap, experience) fold into the
candidate search's matrix product as penalty columns; `OrganisationConstraint` is a mask. Each
is built by the feature it belongs to (languages.py, questionnaire.py, experience.py, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from mentora.engine.features.encoding import (
    BoolArray,
    IntArray,
    rowwise_overlap,
    set_matrix,
    shared_vocabulary,
)
from mentora.engine.records import Direction


@dataclass
class SetConstraint:
    """Both sides must share an item (a language, a must-match answer) when both have any."""

    name: str
    mentee_sets: sp.csr_matrix
    mentor_sets: sp.csr_matrix
    mentee_known: BoolArray
    mentor_known: BoolArray

    def pair_allowed(self, i: IntArray, j: IntArray) -> BoolArray:
        shared = rowwise_overlap(self.mentee_sets, self.mentor_sets, i, j)
        return (shared > 0) | ~self.mentee_known[i] | ~self.mentor_known[j]


@dataclass
class TableConstraint:
    """A hard rule on small categories (working-hour overlap, experience) as a lookup table."""

    name: str
    mentee_codes: IntArray
    mentor_codes: IntArray
    forbidden: BoolArray

    def pair_allowed(self, i: IntArray, j: IntArray) -> BoolArray:
        return ~self.forbidden[self.mentee_codes[i], self.mentor_codes[j]]


@dataclass
class OrganisationConstraint:
    """Same-organisation-only or cross-organisation-only programs."""

    rule: Direction
    mentee_codes: IntArray  # -1 for unknown
    mentor_codes: IntArray

    def pair_allowed(self, i: IntArray, j: IntArray) -> BoolArray:
        same: BoolArray = (self.mentee_codes[i] == self.mentor_codes[j]) & (
            self.mentee_codes[i] >= 0
        )
        if self.rule == "same":
            return same
        if self.rule == "different":
            return ~same
        return np.ones(len(i), dtype=bool)


def set_constraint(
    name: str, mentee_sets: Sequence[Sequence[str]], mentor_sets: Sequence[Sequence[str]]
) -> SetConstraint:
    """A `SetConstraint` over item sets (languages, must-match answers), only shared items kept."""
    vocabulary = shared_vocabulary(mentee_sets, mentor_sets)
    return SetConstraint(
        name,
        set_matrix(mentee_sets, vocabulary),
        set_matrix(mentor_sets, vocabulary),
        np.array([len(s) > 0 for s in mentee_sets], dtype=bool),
        np.array([len(s) > 0 for s in mentor_sets], dtype=bool),
    )


# Every kind of hard rule a feature can bring (FeatureBuild.rules).
Rule = SetConstraint | TableConstraint | OrganisationConstraint
