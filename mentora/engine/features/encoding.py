"""The encodings every feature builds on: array types, category codes, item sets, matrix columns.

A factor's value for a pair can be computed exactly for arrays of pairs, or as the dot product of
a mentee row and a mentor row (`DenseColumns`), so that one float32 matrix product scores a block
of mentees against every mentor when looking for candidates (see `scoring.py`).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

NEUTRAL = 0.5


@dataclass
class DenseColumns:
    """value(i, j) = mentee[i] . mentor[j] (before weighting)."""

    mentee: NDArray[np.float32]
    mentor: NDArray[np.float32]


@dataclass
class ClippedProduct:
    """value(i, j) = min(1, max(0, mentee[i] . mentor[j])): a text similarity, computed apart."""

    mentee: NDArray[np.float32]
    mentor: NDArray[np.float32]


@dataclass
class SparseEquality:
    """value(i, j) = coefficient[i] if both have the same non-empty category (sparse product)."""

    mentee: sp.csr_matrix  # N x C, one entry per row holding the coefficient
    mentor: sp.csr_matrix  # M x C, one 1 per row


def codes[V: Hashable](values: Sequence[V]) -> tuple[IntArray, list[V]]:
    """Dense integer codes in first-seen order, and the distinct values."""
    index: dict[V, int] = {}
    encoded = np.fromiter((index.setdefault(v, len(index)) for v in values), np.int64, len(values))
    return encoded, list(index)


def category_codes(
    mentee_values: Sequence[str], mentor_values: Sequence[str]
) -> tuple[IntArray, IntArray]:
    """Shared integer codes for both sides; empty values get -1."""
    index: dict[str, int] = {}

    def encode(values: Sequence[str]) -> IntArray:
        return np.fromiter(
            (index.setdefault(v, len(index)) if v else -1 for v in values), np.int64, len(values)
        )

    return encode(mentee_values), encode(mentor_values)


def set_matrix(sets: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sp.csr_matrix:
    """A binary sparse matrix with one row per set over the given vocabulary (others dropped)."""
    indptr = [0]
    indices: list[int] = []
    for items in sets:
        for item in items:
            column = vocabulary.get(item)
            if column is not None:
                indices.append(column)
        indptr.append(len(indices))
    data = np.ones(len(indices), np.float32)
    return sp.csr_matrix(
        (data, np.asarray(indices, np.int64), np.asarray(indptr, np.int64)),
        shape=(len(sets), len(vocabulary)),
    )


def shared_vocabulary(
    mentee_sets: Sequence[Sequence[str]], mentor_sets: Sequence[Sequence[str]]
) -> dict[str, int]:
    """Items that occur on both sides, in a stable (sorted) order."""
    left = {item for items in mentee_sets for item in items}
    right = {item for items in mentor_sets for item in items}
    return {item: column for column, item in enumerate(sorted(left & right))}


def rowwise_overlap(
    left: sp.csr_matrix, right: sp.csr_matrix, i: IntArray, j: IntArray
) -> FloatArray:
    """|A_i intersect B_j| for arrays of pairs, exactly."""
    if left.shape[1] == 0 or len(i) == 0:
        return np.zeros(len(i))
    product = left[i].multiply(right[j])
    return np.asarray(product.sum(axis=1), dtype=np.float64).ravel()


def table_columns(
    table: FloatArray, mentee_codes: IntArray, mentor_codes: IntArray
) -> DenseColumns:
    """One-hot on the side with fewer categories, table rows on the other."""
    n_left, n_right = table.shape
    if n_left <= n_right:
        mentee = np.eye(n_left, dtype=np.float32)[mentee_codes]
        mentor = table.T.astype(np.float32)[mentor_codes]
    else:
        mentee = table.astype(np.float32)[mentee_codes]
        mentor = np.eye(n_right, dtype=np.float32)[mentor_codes]
    return DenseColumns(mentee, mentor)


def one_hot(codes: IntArray, n_categories: int, values: FloatArray) -> sp.csr_matrix:
    """Rows with a single entry `values[r]` at column `codes[r]`; rows with code -1 stay empty."""
    rows = np.flatnonzero(codes >= 0)
    return sp.csr_matrix(
        (values[rows].astype(np.float32), (rows, codes[rows])), shape=(len(codes), n_categories)
    )
