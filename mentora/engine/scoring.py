"""Scores of a block of mentees against every mentor at once, for choosing candidates.

All factors and the categorical hard constraints fold into one float32 matrix product
(U[block] @ V.T): factor columns carry 100 * weight / total weight, constraint columns a large
negative penalty. Organisations with many distinct values add a sparse product; shared-language,
must-match, organisation-rule constraints and explicit exclusions are applied as masks. Forbidden
pairs end at -inf. The result only ranks candidates: every kept pair is then scored exactly, in
float64, by `FeatureModel.pair_scores`.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from mentora.engine.features import (
    ClippedProduct,
    DenseColumns,
    FeatureModel,
    IntArray,
    SparseEquality,
    TextFactor,
    _table_columns,
)

SetEncoding = DenseColumns | tuple[sp.csr_matrix, sp.csr_matrix]

PENALTY = np.float32(1e4)
# Anything below this came through a penalty column: the pair is forbidden.
FORBIDDEN_BELOW = np.float32(-1e3)


class BlockScorer:
    """Precomputed U, V and masks; `block(start, stop)` scores mentees start..stop-1."""

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
        self.clipped_terms: list[tuple[np.float32, ClippedProduct]] = []
        for factor, weight in zip(model.factors, model.factor_weights, strict=True):
            if weight <= 0:
                continue
            scale = np.float32(100.0 * weight / total_weight)
            if isinstance(factor, TextFactor) and factor.mentee_vectors.shape[1]:
                product = factor.clipped_product()
                self.clipped_terms.append(
                    (
                        scale,
                        ClippedProduct(
                            product.mentee, np.ascontiguousarray(product.mentor[columns].T)
                        ),
                    )
                )
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
        for constraint in model.table_constraints:
            part = _table_columns(
                constraint.forbidden.astype(np.float64),
                constraint.mentee_codes,
                constraint.mentor_codes,
            )
            mentee_parts.append(part.mentee * -PENALTY)
            mentor_parts.append(part.mentor[columns])
        self.mentee_matrix = np.ascontiguousarray(np.hstack(mentee_parts), dtype=np.float32)
        self.mentor_matrix_t = np.ascontiguousarray(np.hstack(mentor_parts).T, dtype=np.float32)

        self.set_masks: list[tuple[SetEncoding, NDArray[np.bool_], NDArray[np.bool_]]] = []
        for set_constraint in model.set_constraints:
            if set_constraint.mentee_sets.shape[1] <= 256:
                encoded: SetEncoding = DenseColumns(
                    set_constraint.mentee_sets.toarray().astype(np.float32),
                    set_constraint.mentor_sets[columns].toarray().astype(np.float32),
                )
            else:
                encoded = (
                    set_constraint.mentee_sets,
                    set_constraint.mentor_sets[columns].T.tocsr(),
                )
            self.set_masks.append(
                (encoded, set_constraint.mentee_known, set_constraint.mentor_known[columns])
            )
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

    def block(self, start: int, stop: int) -> NDArray[np.float32]:
        """Approximate scores (float32) of mentees start..stop-1 against every mentor column."""
        scores = self.mentee_matrix[start:stop] @ self.mentor_matrix_t
        for scale, clipped in self.clipped_terms:
            similarity = clipped.mentee[start:stop] @ clipped.mentor  # mentor side stored as V.T
            np.clip(similarity, 0.0, 1.0, out=similarity)
            similarity *= scale
            scores += similarity
        for term in self.sparse_terms:
            product = (term.mentee[start:stop] @ term.mentor.T).tocoo()
            scores[product.row, product.col] += product.data
        np.copyto(scores, -np.inf, where=scores < FORBIDDEN_BELOW)
        for encoded, mentee_known, mentor_known in self.set_masks:
            if isinstance(encoded, DenseColumns):
                shared = encoded.mentee[start:stop] @ encoded.mentor.T
            else:
                shared = (encoded[0][start:stop] @ encoded[1]).toarray()
            forbidden = shared < 0.5
            forbidden &= mentee_known[start:stop, None]
            forbidden &= mentor_known[None, :]
            scores[forbidden] = -np.inf
        if self.organisation_rule != "any":
            mentee_codes = self.mentee_organisations[start:stop, None]
            same = (mentee_codes == self.mentor_organisations[None, :]) & (mentee_codes >= 0)
            scores[~same if self.organisation_rule == "same" else same] = -np.inf
        low, high = np.searchsorted(self.excluded_mentees, [start, stop])
        if high > low:
            scores[
                self.excluded_mentees[low:high] - start, self.excluded_positions[low:high]
            ] = -np.inf
        return scores
