"""Scores of a block of mentees against every mentor at once, for choosing candidates.

All factors and the categorical hard constraints fold into one float32 matrix product
(U[block] @ V.T): factor columns carry 100 * weight / total weight, constraint columns a large
negative penalty. A shared-language or must-match rule becomes a penalty table over the distinct
answer sets when there are few of them, and a mask otherwise. Organisations with many distinct
values add a sparse product; the organisation rule and explicit exclusions are masks. Forbidden
pairs end below FORBIDDEN_BELOW (penalised, or -inf from a mask).

The result only ranks candidates, so it allows itself one approximation: the text similarity is
not clipped at 1 (a clip cannot be part of a matrix product, and a separate product costs as
much as all the other factors together). Every kept pair is then scored exactly, in float64, by
`FeatureModel.pair_scores`, and only those exact scores reach the solvers.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from mentora.engine.features import (
    DenseColumns,
    FeatureModel,
    IntArray,
    SetConstraint,
    SparseEquality,
    TableConstraint,
    TextFactor,
    table_columns,
)

SetEncoding = DenseColumns | tuple[sp.csr_matrix, sp.csr_matrix]

PENALTY = np.float32(1e4)
# Anything below this came through a penalty column: the pair is forbidden.
FORBIDDEN_BELOW = np.float32(-1e3)
# A set rule becomes a penalty table when one side has at most this many distinct sets.
SET_TABLE_LIMIT = 128


def set_table_constraint(constraint: SetConstraint) -> TableConstraint | None:
    """The rule as a table over distinct answer sets, or None if there are too many of them."""
    mentee_index: dict[tuple[int, ...], int] = {}
    mentor_index: dict[tuple[int, ...], int] = {}
    sets = constraint.mentee_sets
    mentee_codes = np.array(
        [
            mentee_index.setdefault(
                tuple(sets.indices[sets.indptr[r] : sets.indptr[r + 1]].tolist()), len(mentee_index)
            )
            for r in range(sets.shape[0])
        ],
        dtype=np.int64,
    )
    sets = constraint.mentor_sets
    mentor_codes = np.array(
        [
            mentor_index.setdefault(
                tuple(sets.indices[sets.indptr[r] : sets.indptr[r + 1]].tolist()), len(mentor_index)
            )
            for r in range(sets.shape[0])
        ],
        dtype=np.int64,
    )
    if min(len(mentee_index), len(mentor_index)) > SET_TABLE_LIMIT:
        return None
    # Items only one side has were dropped from the vocabulary, so "known" comes from the rule.
    mentee_known = np.zeros(len(mentee_index), dtype=bool)
    mentor_known = np.zeros(len(mentor_index), dtype=bool)
    mentee_known[mentee_codes[constraint.mentee_known]] = True
    mentor_known[mentor_codes[constraint.mentor_known]] = True
    mentor_sets = [set(key) for key in mentor_index]
    forbidden = np.array(
        [[not (set(key) & other) for other in mentor_sets] for key in mentee_index], dtype=bool
    ).reshape(len(mentee_index), len(mentor_index))
    forbidden &= mentee_known[:, None] & mentor_known[None, :]
    return TableConstraint(constraint.name, mentee_codes, mentor_codes, forbidden)


class BlockScorer:
    """Precomputed U, V and masks; `block(rows)` scores those mentees against all mentors."""

    def __init__(self, model: FeatureModel) -> None:
        self.model = model
        capacities = np.array([r.capacity for r in model.mentors], dtype=np.int64)
        # Mentors with no capacity can never be matched: they are left out of every block.
        self.mentor_columns: IntArray = np.flatnonzero(capacities > 0)
        columns = self.mentor_columns
        total_weight = float(model.factor_weights.sum())

        mentee_parts: list[NDArray[np.float32]] = []
        mentor_parts: list[NDArray[np.float32]] = []
        self.sparse_terms: list[SparseEquality] = []
        for factor, weight in zip(model.factors, model.factor_weights, strict=True):
            if weight <= 0:
                continue
            scale = np.float32(100.0 * weight / total_weight)
            if isinstance(factor, TextFactor) and factor.mentee_vectors.shape[1]:
                product = factor.clipped_product()
                mentee_parts.append(product.mentee * scale)
                mentor_parts.append(product.mentor[columns])
            dense, sparse = factor.columns()
            for part in dense:
                mentee_parts.append(part.mentee * scale)
                mentor_parts.append(part.mentor[columns])
            for term in sparse:
                self.sparse_terms.append(
                    SparseEquality(term.mentee.multiply(scale).tocsr(), term.mentor[columns])
                )
        if total_weight == 0:
            mentee_parts.append(np.full((model.n_mentees, 1), 50.0, np.float32))
            mentor_parts.append(np.ones((len(columns), 1), np.float32))

        table_constraints = list(model.table_constraints)
        self.set_masks: list[tuple[SetEncoding, NDArray[np.bool_], NDArray[np.bool_]]] = []
        for set_constraint in model.set_constraints:
            as_table = set_table_constraint(set_constraint)
            if as_table is not None:
                table_constraints.append(as_table)
                continue
            encoded: SetEncoding
            if set_constraint.mentee_sets.shape[1] <= 256:
                encoded = DenseColumns(
                    set_constraint.mentee_sets.toarray().astype(np.float32),
                    np.ascontiguousarray(
                        set_constraint.mentor_sets[columns].toarray().astype(np.float32).T
                    ),
                )
            else:
                encoded = (
                    set_constraint.mentee_sets,
                    set_constraint.mentor_sets[columns].T.tocsr(),
                )
            self.set_masks.append(
                (encoded, set_constraint.mentee_known, set_constraint.mentor_known[columns])
            )
        for constraint in table_constraints:
            part = table_columns(
                constraint.forbidden.astype(np.float64),
                constraint.mentee_codes,
                constraint.mentor_codes,
            )
            mentee_parts.append(part.mentee * -PENALTY)
            mentor_parts.append(part.mentor[columns])
        self.mentee_matrix = np.ascontiguousarray(np.hstack(mentee_parts), dtype=np.float32)
        self.mentor_matrix_t = np.ascontiguousarray(np.hstack(mentor_parts).T, dtype=np.float32)

        organisation = model.organisation_constraint
        self.organisation_rule = organisation.rule
        self.mentee_organisations = organisation.mentee_codes
        self.mentor_organisations = organisation.mentor_codes[columns]

        # Exclusions by mentee, with the mentor given as a position among the columns.
        position = np.full(model.n_mentors, -1, dtype=np.int64)
        position[columns] = np.arange(len(columns))
        keys = model.excluded_keys
        excluded_mentees = keys // max(model.n_mentors, 1)
        excluded_positions = position[keys % max(model.n_mentors, 1)] if len(keys) else keys
        keep = excluded_positions >= 0
        self.excluded_mentees = excluded_mentees[keep]
        self.excluded_positions = excluded_positions[keep]

    @property
    def width(self) -> int:
        """Number of columns (mentors with capacity)."""
        return len(self.mentor_columns)

    def block(self, rows: slice | IntArray) -> NDArray[np.float32]:
        """Approximate scores (float32) of the given mentees against every mentor column."""
        scores = self.mentee_matrix[rows] @ self.mentor_matrix_t
        for term in self.sparse_terms:
            product = (term.mentee[rows] @ term.mentor.T).tocoo()
            scores[product.row, product.col] += product.data
        for encoded, mentee_known, mentor_known in self.set_masks:
            if isinstance(encoded, DenseColumns):
                shared = encoded.mentee[rows] @ encoded.mentor
            else:
                shared = (encoded[0][rows] @ encoded[1]).toarray()
            forbidden = shared < 0.5
            forbidden &= mentee_known[rows][:, None]
            forbidden &= mentor_known[None, :]
            scores[forbidden] = -np.inf
        if self.organisation_rule != "any":
            mentee_codes = self.mentee_organisations[rows][:, None]
            same = (mentee_codes == self.mentor_organisations[None, :]) & (mentee_codes >= 0)
            scores[~same if self.organisation_rule == "same" else same] = -np.inf
        if len(self.excluded_mentees):
            mentee_indices = (
                np.arange(rows.start, rows.stop)
                if isinstance(rows, slice)
                else np.asarray(rows, dtype=np.int64)
            )
            hit = np.isin(self.excluded_mentees, mentee_indices)
            if hit.any():
                local = np.searchsorted(mentee_indices, self.excluded_mentees[hit])
                if not isinstance(rows, slice):
                    order = np.argsort(mentee_indices)
                    local = order[
                        np.searchsorted(mentee_indices[order], self.excluded_mentees[hit])
                    ]
                scores[local, self.excluded_positions[hit]] = -np.inf
        return scores
