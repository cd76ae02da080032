"""The kinds of factor: a factor is a function of a (mentee, mentor) pair with values in [0, 1].

Each kind computes its values in two ways that agree:

- `pair_values(i, j)`: exactly, in float64, for arrays of pairs (candidates, explanations);
- `columns()`: as a pair of matrices (U, V) with value(i, j) = U[i] . V[j], so that one float32
  matrix product scores a whole block of mentees against every mentor when looking for candidates.

The feature modules (skills.py, goals.py, ...) build one factor each from the records; the
generic builders here (`overlap_factor`, `direction_factor`) serve several of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from mentora.engine.features.encoding import (
    NEUTRAL,
    BoolArray,
    ClippedProduct,
    DenseColumns,
    FloatArray,
    IntArray,
    SparseEquality,
    category_codes,
    one_hot,
    rowwise_overlap,
    set_matrix,
    shared_vocabulary,
    table_columns,
)

# Equality-style factors with at most this many distinct values go into the dense matrix product;
# more (hundreds of organisations) go through a sparse product instead.
DENSE_CATEGORY_LIMIT = 64


class Factor:
    """One scoring factor. Subclasses provide exact pair values and the matrix encoding."""

    name: str
    has_data: bool

    def pair_values(self, i: IntArray, j: IntArray) -> FloatArray:
        raise NotImplementedError

    def columns(self) -> tuple[list[DenseColumns], list[SparseEquality]]:
        raise NotImplementedError


@dataclass
class TableFactor(Factor):
    """A function of a small category on each side, as a lookup table."""

    name: str
    mentee_codes: IntArray
    mentor_codes: IntArray
    table: FloatArray  # mentee categories x mentor categories
    has_data: bool = True

    def pair_values(self, i: IntArray, j: IntArray) -> FloatArray:
        return self.table[self.mentee_codes[i], self.mentor_codes[j]]

    def columns(self) -> tuple[list[DenseColumns], list[SparseEquality]]:
        return [table_columns(self.table, self.mentee_codes, self.mentor_codes)], []


@dataclass
class OverlapFactor(Factor):
    """Share of the mentee's items (skills, focus areas, answers) that the mentor also has.

    With `differ`, the value is one minus that share. A mentee with no items scores neutral; a
    mentor with no items scores 0, or neutral when `mentor_missing_neutral`.
    """

    name: str
    mentee_sets: sp.csr_matrix  # N x K binary, K = items present on both sides
    mentor_sets: sp.csr_matrix  # M x K binary
    mentee_sizes: FloatArray  # |A_i| counting items the mentor side never has, too
    mentor_empty: BoolArray
    differ: bool = False
    mentor_missing_neutral: bool = False
    has_data: bool = True

    def _parts(self) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Per mentee: scale of the overlap term, bias, and coefficient of the mentor-empty flag."""
        known = self.mentee_sizes > 0
        scale = np.where(known, 1.0 / np.maximum(self.mentee_sizes, 1.0), 0.0)
        bias = np.where(known, 1.0 if self.differ else 0.0, NEUTRAL)
        if self.differ:
            scale = -scale
        empty_coefficient = (
            np.where(known, NEUTRAL - bias, 0.0)
            if self.mentor_missing_neutral
            else np.zeros_like(bias)
        )
        return scale, bias, empty_coefficient

    def pair_values(self, i: IntArray, j: IntArray) -> FloatArray:
        scale, bias, empty_coefficient = self._parts()
        shared = rowwise_overlap(self.mentee_sets, self.mentor_sets, i, j)
        return bias[i] + scale[i] * shared + empty_coefficient[i] * self.mentor_empty[j]

    def columns(self) -> tuple[list[DenseColumns], list[SparseEquality]]:
        scale, bias, empty_coefficient = self._parts()
        mentee = np.empty((len(bias), self.mentee_sets.shape[1] + 2), np.float32)
        mentee[:, :-2] = self.mentee_sets.multiply(scale[:, None]).toarray()
        mentee[:, -2] = bias
        mentee[:, -1] = empty_coefficient
        mentor = np.empty((self.mentor_sets.shape[0], self.mentor_sets.shape[1] + 2), np.float32)
        mentor[:, :-2] = self.mentor_sets.toarray()
        mentor[:, -2] = 1.0
        mentor[:, -1] = self.mentor_empty
        return [DenseColumns(mentee, mentor)], []


@dataclass
class CombinedFactor(Factor):
    """A weighted mean of sub-factors (the questionnaire: one sub-factor per question)."""

    name: str
    parts: list[OverlapFactor]
    part_weights: FloatArray
    has_data: bool = True

    def _normalised(self) -> FloatArray:
        total = float(self.part_weights.sum())
        return self.part_weights / total if total > 0 else self.part_weights

    def pair_values(self, i: IntArray, j: IntArray) -> FloatArray:
        if not self.parts:
            return np.full(len(i), NEUTRAL)
        values = np.zeros(len(i))
        for part, weight in zip(self.parts, self._normalised(), strict=True):
            values += weight * part.pair_values(i, j)
        return values

    def columns(self) -> tuple[list[DenseColumns], list[SparseEquality]]:
        dense: list[DenseColumns] = []
        for part, weight in zip(self.parts, self._normalised(), strict=True):
            for columns in part.columns()[0]:
                dense.append(DenseColumns(columns.mentee * np.float32(weight), columns.mentor))
        return dense, []


@dataclass
class TextFactor(Factor):
    """Similarity of the mentee's goals and the mentor's bio: cosine / full_similarity, in [0, 1].

    Neutral when either text is empty.
    """

    name: str
    mentee_vectors: NDArray[np.float32]
    mentor_vectors: NDArray[np.float32]
    mentee_empty: BoolArray
    mentor_empty: BoolArray
    full_similarity: float
    has_data: bool = True

    def pair_values(self, i: IntArray, j: IntArray) -> FloatArray:
        similarity = np.einsum(
            "ij,ij->i", self.mentee_vectors[i], self.mentor_vectors[j], dtype=np.float64
        )
        value = np.clip(similarity / self.full_similarity, 0.0, 1.0)
        return np.where(self.mentee_empty[i] | self.mentor_empty[j], NEUTRAL, value)

    def clipped_product(self) -> ClippedProduct:
        """Vectors scaled so that the clipped dot product is the value (zero for empty texts)."""
        scale = np.float32(1.0 / self.full_similarity)
        mentee = np.where(self.mentee_empty[:, None], 0.0, self.mentee_vectors * scale)
        mentor = np.where(self.mentor_empty[:, None], 0.0, self.mentor_vectors)
        return ClippedProduct(mentee.astype(np.float32), mentor.astype(np.float32))

    def columns(self) -> tuple[list[DenseColumns], list[SparseEquality]]:
        # Only the neutral 0.5 for empty texts; the similarity itself is `clipped_product`.
        mentee_flags = np.stack(
            [self.mentee_empty * NEUTRAL, (~self.mentee_empty) * NEUTRAL], axis=1
        ).astype(np.float32)
        mentor_flags = np.stack(
            [np.ones(len(self.mentor_empty), dtype=bool), self.mentor_empty], axis=1
        ).astype(np.float32)
        return [DenseColumns(mentee_flags, mentor_flags)], []


@dataclass
class EqualityFactor(Factor):
    """base[i] + sum over terms of coefficient[i] * [same category] + unknown[i] * [mentor unknown].

    Industry and job function have one term; organisation has two (same organisation, and same
    organisation and department).
    """

    name: str
    base: FloatArray
    terms: list[tuple[IntArray, FloatArray, IntArray]]  # (mentee codes, coefficients, mentor codes)
    unknown_coefficient: FloatArray
    mentor_unknown: BoolArray
    has_data: bool = True

    def pair_values(self, i: IntArray, j: IntArray) -> FloatArray:
        values = self.base[i] + self.unknown_coefficient[i] * self.mentor_unknown[j]
        for mentee_codes, coefficients, mentor_codes in self.terms:
            same = (mentee_codes[i] == mentor_codes[j]) & (mentee_codes[i] >= 0)
            values = values + coefficients[i] * same
        return values

    def columns(self) -> tuple[list[DenseColumns], list[SparseEquality]]:
        dense = [
            DenseColumns(
                np.stack([self.base, self.unknown_coefficient], axis=1).astype(np.float32),
                np.stack([np.ones(len(self.mentor_unknown)), self.mentor_unknown], axis=1).astype(
                    np.float32
                ),
            )
        ]
        sparse: list[SparseEquality] = []
        for mentee_codes, coefficients, mentor_codes in self.terms:
            n_categories = int(max(mentee_codes.max(initial=-1), mentor_codes.max(initial=-1))) + 1
            if n_categories == 0:
                continue
            mentee = one_hot(mentee_codes, n_categories, coefficients)
            mentor = one_hot(mentor_codes, n_categories, np.ones(len(mentor_codes)))
            if n_categories <= DENSE_CATEGORY_LIMIT:
                dense.append(
                    DenseColumns(
                        mentee.toarray().astype(np.float32), mentor.toarray().astype(np.float32)
                    )
                )
            else:
                sparse.append(SparseEquality(mentee, mentor))
        return dense, sparse


@dataclass
class MentorValueFactor(Factor):
    """A number about the mentor alone (passion, feedback ratings), neutral if unknown."""

    name: str
    values: FloatArray
    n_mentees: int
    has_data: bool = True

    def pair_values(self, i: IntArray, j: IntArray) -> FloatArray:
        return self.values[j]

    def columns(self) -> tuple[list[DenseColumns], list[SparseEquality]]:
        mentee = np.ones((self.n_mentees, 1), np.float32)
        return [DenseColumns(mentee, self.values[:, None].astype(np.float32))], []


def overlap_factor(
    name: str,
    mentee_sets: Sequence[Sequence[str]],
    mentor_sets: Sequence[Sequence[str]],
    *,
    differ: bool = False,
    mentor_missing_neutral: bool = False,
) -> OverlapFactor:
    """An `OverlapFactor` over item sets (skills, focus areas, answers), only shared items kept."""
    vocabulary = shared_vocabulary(mentee_sets, mentor_sets)
    mentee_sizes = np.array([len(set(s)) for s in mentee_sets], dtype=np.float64)
    mentor_empty = np.array([len(s) == 0 for s in mentor_sets], dtype=bool)
    return OverlapFactor(
        name,
        set_matrix(mentee_sets, vocabulary),
        set_matrix(mentor_sets, vocabulary),
        mentee_sizes,
        mentor_empty,
        differ=differ,
        mentor_missing_neutral=mentor_missing_neutral,
        has_data=bool((mentee_sizes > 0).any() and (~mentor_empty).any()),
    )


# Value of a direction factor for (same category, different category); unknown is neutral.
DIRECTION_VALUES: dict[str, tuple[float, float]] = {
    "same": (1.0, 0.0),
    "different": (0.0, 1.0),
    "any": (NEUTRAL, NEUTRAL),
}


def direction_factor(
    name: str,
    mentee_values: Sequence[str],
    mentor_values: Sequence[str],
    preferences: Sequence[str],
) -> EqualityFactor:
    """Same or different category (industry, job function) in each mentee's preferred direction."""
    mentee_codes, mentor_codes = category_codes(mentee_values, mentor_values)
    same_value = np.array([DIRECTION_VALUES[p][0] for p in preferences])
    different_value = np.array([DIRECTION_VALUES[p][1] for p in preferences])
    known = mentee_codes >= 0
    base = np.where(known, different_value, NEUTRAL)
    coefficient = np.where(known, same_value - different_value, 0.0)
    mentor_unknown = mentor_codes < 0
    unknown_coefficient = np.where(known, NEUTRAL - different_value, 0.0)
    has_data = bool(known.any() and (~mentor_unknown).any() and (coefficient != 0).any())
    return EqualityFactor(
        name,
        base,
        [(mentee_codes, coefficient, mentor_codes)],
        unknown_coefficient,
        mentor_unknown,
        has_data=has_data,
    )
