"""Records become factor encodings: codes, tables, sets and text vectors, one per factor.

Every factor is a function of a (mentee, mentor) pair with values in [0, 1]. Each factor here can
compute its values in two ways that agree:

- `pair_values(i, j)`: exactly, in float64, for arrays of pairs (candidates, explanations);
- `columns()`: as a pair of matrices (U, V) with value(i, j) = U[i] . V[j], so that one float32
  matrix product scores a whole block of mentees against every mentor when looking for candidates.

Hard constraints are encoded the same two ways (see `scoring.py` for how blocks use them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from mentora.engine.records import (
    SENIORITY_YEARS,
    Constraints,
    Direction,
    MenteeRecord,
    MentorRecord,
    Question,
    ScoringOptions,
    Weights,
)
from mentora.engine.taxonomy import Taxonomy, normalise_name
from mentora.engine.text import TextSimilarity, TfidfTextSimilarity
from mentora.engine.timezones import timezone_offsets, working_hours_overlap
from mentora.engine.validation import validate_inputs

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

NEUTRAL = 0.5
# Equality-style factors with at most this many distinct values go into the dense matrix product;
# more (hundreds of organisations) go through a sparse product instead.
DENSE_CATEGORY_LIMIT = 64

CADENCE_HOURS_PER_MONTH: dict[str, float] = {
    "weekly": 4.0,
    "fortnightly": 2.0,
    "monthly": 1.0,
    "quarterly": 1.0 / 3.0,
}


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


def _codes(values: Sequence[object]) -> tuple[IntArray, list[object]]:
    """Dense integer codes in first-seen order, and the distinct values."""
    index: dict[object, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), np.int64, len(values))
    return codes, list(index)


def _set_matrix(sets: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sp.csr_matrix:
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


def _shared_vocabulary(
    mentee_sets: Sequence[Sequence[str]], mentor_sets: Sequence[Sequence[str]]
) -> dict[str, int]:
    """Items that occur on both sides, in a stable (sorted) order."""
    left = {item for items in mentee_sets for item in items}
    right = {item for items in mentor_sets for item in items}
    return {item: column for column, item in enumerate(sorted(left & right))}


def _rowwise_overlap(
    left: sp.csr_matrix, right: sp.csr_matrix, i: IntArray, j: IntArray
) -> FloatArray:
    """|A_i intersect B_j| for arrays of pairs, exactly."""
    if left.shape[1] == 0 or len(i) == 0:
        return np.zeros(len(i))
    product = left[i].multiply(right[j])
    return np.asarray(product.sum(axis=1), dtype=np.float64).ravel()


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
        return [_table_columns(self.table, self.mentee_codes, self.mentor_codes)], []


def _table_columns(
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
        shared = _rowwise_overlap(self.mentee_sets, self.mentor_sets, i, j)
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
            mentee = _one_hot(mentee_codes, n_categories, coefficients)
            mentor = _one_hot(mentor_codes, n_categories, np.ones(len(mentor_codes)))
            if n_categories <= DENSE_CATEGORY_LIMIT:
                dense.append(
                    DenseColumns(
                        mentee.toarray().astype(np.float32), mentor.toarray().astype(np.float32)
                    )
                )
            else:
                sparse.append(SparseEquality(mentee, mentor))
        return dense, sparse


def _one_hot(codes: IntArray, n_categories: int, values: FloatArray) -> sp.csr_matrix:
    """Rows with a single entry `values[r]` at column `codes[r]`; rows with code -1 stay empty."""
    rows = np.flatnonzero(codes >= 0)
    return sp.csr_matrix(
        (values[rows].astype(np.float32), (rows, codes[rows])), shape=(len(codes), n_categories)
    )


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


@dataclass
class SetConstraint:
    """Both sides must share an item (a language, a must-match answer) when both have any."""

    name: str
    mentee_sets: sp.csr_matrix
    mentor_sets: sp.csr_matrix
    mentee_known: BoolArray
    mentor_known: BoolArray

    def pair_allowed(self, i: IntArray, j: IntArray) -> BoolArray:
        shared = _rowwise_overlap(self.mentee_sets, self.mentor_sets, i, j)
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
        same = (self.mentee_codes[i] == self.mentor_codes[j]) & (self.mentee_codes[i] >= 0)
        if self.rule == "same":
            return same
        if self.rule == "different":
            return ~same
        return np.ones(len(i), dtype=bool)


@dataclass
class FeatureModel:
    """Everything the engine knows about a population, encoded for fast scoring."""

    mentees: Sequence[MenteeRecord]
    mentors: Sequence[MentorRecord]
    weights: Weights
    options: ScoringOptions
    constraints: Constraints
    questions: tuple[Question, ...]
    taxonomy: Taxonomy
    factors: list[Factor]
    set_constraints: list[SetConstraint]
    table_constraints: list[TableConstraint]
    organisation_constraint: OrganisationConstraint
    excluded: dict[tuple[int, int], str]  # (mentee index, mentor index) -> reason
    excluded_keys: IntArray  # sorted mentee * n_mentors + mentor
    pinned: list[tuple[int, int]]
    mentee_skills: list[tuple[str, ...]]
    mentor_skills: list[tuple[str, ...]]
    mentee_years: list[float | None]
    mentor_years: list[float | None]
    overlap_hours: FloatArray  # mentee timezone code x mentor timezone code
    mentee_timezone_codes: IntArray
    mentor_timezone_codes: IntArray
    factor_weights: FloatArray = field(default_factory=lambda: np.zeros(0))

    @property
    def n_mentees(self) -> int:
        return len(self.mentees)

    @property
    def n_mentors(self) -> int:
        return len(self.mentors)

    @property
    def factor_names(self) -> list[str]:
        return [factor.name for factor in self.factors]

    def pair_factor_values(self, i: IntArray, j: IntArray) -> FloatArray:
        """Exact factor values (pairs x factors) in [0, 1]."""
        values = np.empty((len(i), len(self.factors)))
        for column, factor in enumerate(self.factors):
            values[:, column] = np.clip(factor.pair_values(i, j), 0.0, 1.0)
        return values

    def pair_scores(self, i: IntArray, j: IntArray) -> FloatArray:
        """Exact scores on the 0-100 scale: the weighted mean of the factor values."""
        total = float(self.factor_weights.sum())
        if total == 0:
            return np.full(len(i), 100.0 * NEUTRAL)
        scores = np.zeros(len(i))
        for factor, weight in zip(self.factors, self.factor_weights, strict=True):
            if weight > 0:
                scores += weight * np.clip(factor.pair_values(i, j), 0.0, 1.0)
        return 100.0 * scores / total

    def pair_allowed(self, i: IntArray, j: IntArray) -> BoolArray:
        """True where no hard constraint forbids the pair (exclusions included)."""
        allowed = self.organisation_constraint.pair_allowed(i, j)
        for set_constraint in self.set_constraints:
            allowed &= set_constraint.pair_allowed(i, j)
        for table_constraint in self.table_constraints:
            allowed &= table_constraint.pair_allowed(i, j)
        if len(self.excluded_keys) and len(i):
            keys = i.astype(np.int64) * self.n_mentors + j
            allowed &= ~np.isin(keys, self.excluded_keys)
        return allowed


def build_model(
    mentees: Sequence[MenteeRecord],
    mentors: Sequence[MentorRecord],
    *,
    weights: Weights,
    options: ScoringOptions,
    constraints: Constraints,
    questions: Sequence[Question] = (),
    taxonomy: Taxonomy | None = None,
    text_similarity: TextSimilarity | None = None,
    seed: int = 0,
) -> FeatureModel:
    """Validate the records and encode every factor and constraint."""
    taxonomy = taxonomy or Taxonomy()
    text_similarity = text_similarity or TfidfTextSimilarity()
    mentee_index, mentor_index = validate_inputs(
        mentees,
        mentors,
        weights=weights,
        options=options,
        constraints=constraints,
        questions=questions,
    )
    n, m = len(mentees), len(mentors)
    factors: list[Factor] = []

    # Skills: share of the wanted skills the mentor offers, synonyms folded by the taxonomy.
    mentee_skills = [taxonomy.canonical_set(r.skills_wanted) for r in mentees]
    mentor_skills = [taxonomy.canonical_set(r.skills) for r in mentors]
    factors.append(_overlap_factor("skills", mentee_skills, mentor_skills))

    # Goals against experience: text similarity.
    goals = [r.goals for r in mentees]
    bios = [r.bio for r in mentors]
    mentee_vectors, mentor_vectors = text_similarity.embed(goals, bios, seed=seed)
    mentee_text_empty = np.array([not t.strip() for t in goals], dtype=bool)
    mentor_text_empty = np.array([not t.strip() for t in bios], dtype=bool)
    factors.append(
        TextFactor(
            "goals",
            mentee_vectors,
            mentor_vectors,
            mentee_text_empty,
            mentor_text_empty,
            options.full_text_similarity,
            has_data=bool((~mentee_text_empty).any() and (~mentor_text_empty).any()),
        )
    )

    focus_wanted = [tuple(normalise_name(f) for f in r.focus_areas if f.strip()) for r in mentees]
    focus_offered = [tuple(normalise_name(f) for f in r.focus_areas if f.strip()) for r in mentors]
    factors.append(_overlap_factor("focus_areas", focus_wanted, focus_offered))

    factors.append(
        _direction_factor(
            "industry",
            [normalise_name(r.industry) for r in mentees],
            [normalise_name(r.industry) for r in mentors],
            [r.industry_preference or options.industry_preference for r in mentees],
        )
    )
    organisation_factor, organisation_codes = _organisation_factor(mentees, mentors, options)
    factors.append(organisation_factor)
    factors.append(
        _direction_factor(
            "job_function",
            [normalise_name(r.job_function) for r in mentees],
            [normalise_name(r.job_function) for r in mentors],
            [r.job_function_preference or options.job_function_preference for r in mentees],
        )
    )

    # Experience gap, and optionally the rule that a mentor is never less experienced.
    mentee_years = [years_of(r) for r in mentees]
    mentor_years = [years_of(r) for r in mentors]
    table_constraints: list[TableConstraint] = []
    experience_factor, experience_constraint = _experience(
        mentee_years, mentor_years, options, constraints
    )
    factors.append(experience_factor)
    if experience_constraint is not None:
        table_constraints.append(experience_constraint)

    # Working-hour overlap across timezones.
    mentee_tz_codes, mentee_tz_values = _codes([timezone_offsets(r.timezone) for r in mentees])
    mentor_tz_codes, mentor_tz_values = _codes([timezone_offsets(r.timezone) for r in mentors])
    start, end = options.working_hours
    overlap = np.array(
        [
            [working_hours_overlap(a, b, start, end) for b in mentor_tz_values]  # type: ignore[arg-type]
            for a in mentee_tz_values
        ]
    ).reshape(len(mentee_tz_values), len(mentor_tz_values))
    desired = max(options.desired_overlap_hours, 1e-9)
    factors.append(
        TableFactor(
            "timezone", mentee_tz_codes, mentor_tz_codes, np.minimum(overlap / desired, 1.0)
        )
    )
    if constraints.min_overlap_hours > 0:
        table_constraints.append(
            TableConstraint(
                "working_hours",
                mentee_tz_codes,
                mentor_tz_codes,
                overlap < constraints.min_overlap_hours - 1e-9,
            )
        )

    factors.append(_meeting_format_factor(mentees, mentors))
    factors.append(_time_factor(mentees, mentors, options))
    factors.append(_passion_factor(mentors, n))
    factors.append(_feedback_factor(mentors, n))
    questionnaire, question_constraints = _questionnaire(mentees, mentors, questions)
    factors.append(questionnaire)

    set_constraints = list(question_constraints)
    if constraints.require_shared_language:
        mentee_languages = [
            tuple(normalise_name(x) for x in r.languages if x.strip()) for r in mentees
        ]
        mentor_languages = [
            tuple(normalise_name(x) for x in r.languages if x.strip()) for r in mentors
        ]
        set_constraints.insert(0, _set_constraint("language", mentee_languages, mentor_languages))

    excluded = _exclusions(mentees, mentors, mentee_index, mentor_index, constraints)
    pinned = sorted(
        (mentee_index[mentee_id], mentor_index[mentor_id])
        for mentee_id, mentor_id in constraints.pinned_pairs
    )

    weight_by_name = weights.as_dict()
    factor_weights = np.array(
        [weight_by_name[f.name] if f.has_data else 0.0 for f in factors], dtype=np.float64
    )
    assert [f.name for f in factors] == list(weight_by_name), "factor order must follow Weights"
    return FeatureModel(
        mentees=mentees,
        mentors=mentors,
        weights=weights,
        options=options,
        constraints=constraints,
        questions=tuple(questions),
        taxonomy=taxonomy,
        factors=factors,
        set_constraints=set_constraints,
        table_constraints=table_constraints,
        organisation_constraint=OrganisationConstraint(
            constraints.organisation_rule, organisation_codes[0], organisation_codes[1]
        ),
        excluded=excluded,
        excluded_keys=np.array(sorted(a * m + b for a, b in excluded), dtype=np.int64),
        pinned=pinned,
        mentee_skills=mentee_skills,
        mentor_skills=mentor_skills,
        mentee_years=mentee_years,
        mentor_years=mentor_years,
        overlap_hours=overlap,
        mentee_timezone_codes=mentee_tz_codes,
        mentor_timezone_codes=mentor_tz_codes,
        factor_weights=factor_weights,
    )


def _overlap_factor(
    name: str,
    mentee_sets: Sequence[Sequence[str]],
    mentor_sets: Sequence[Sequence[str]],
    *,
    differ: bool = False,
    mentor_missing_neutral: bool = False,
) -> OverlapFactor:
    vocabulary = _shared_vocabulary(mentee_sets, mentor_sets)
    mentee_sizes = np.array([len(set(s)) for s in mentee_sets], dtype=np.float64)
    mentor_empty = np.array([len(s) == 0 for s in mentor_sets], dtype=bool)
    return OverlapFactor(
        name,
        _set_matrix(mentee_sets, vocabulary),
        _set_matrix(mentor_sets, vocabulary),
        mentee_sizes,
        mentor_empty,
        differ=differ,
        mentor_missing_neutral=mentor_missing_neutral,
        has_data=bool((mentee_sizes > 0).any() and (~mentor_empty).any()),
    )


def _set_constraint(
    name: str, mentee_sets: Sequence[Sequence[str]], mentor_sets: Sequence[Sequence[str]]
) -> SetConstraint:
    vocabulary = _shared_vocabulary(mentee_sets, mentor_sets)
    return SetConstraint(
        name,
        _set_matrix(mentee_sets, vocabulary),
        _set_matrix(mentor_sets, vocabulary),
        np.array([len(s) > 0 for s in mentee_sets], dtype=bool),
        np.array([len(s) > 0 for s in mentor_sets], dtype=bool),
    )


def _category_codes(
    mentee_values: Sequence[str], mentor_values: Sequence[str]
) -> tuple[IntArray, IntArray]:
    """Shared integer codes for both sides; empty values get -1."""
    index: dict[str, int] = {}

    def encode(values: Sequence[str]) -> IntArray:
        return np.fromiter(
            (index.setdefault(v, len(index)) if v else -1 for v in values), np.int64, len(values)
        )

    return encode(mentee_values), encode(mentor_values)


# Value of a direction factor for (same category, different category); unknown is neutral.
_DIRECTION_VALUES: dict[str, tuple[float, float]] = {
    "same": (1.0, 0.0),
    "different": (0.0, 1.0),
    "any": (NEUTRAL, NEUTRAL),
}


def _direction_factor(
    name: str,
    mentee_values: Sequence[str],
    mentor_values: Sequence[str],
    preferences: Sequence[str],
) -> EqualityFactor:
    mentee_codes, mentor_codes = _category_codes(mentee_values, mentor_values)
    same_value = np.array([_DIRECTION_VALUES[p][0] for p in preferences])
    different_value = np.array([_DIRECTION_VALUES[p][1] for p in preferences])
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


# Organisation proximity: value for (same department, same organisation, other organisation).
_ORGANISATION_VALUES: dict[str, tuple[float, float, float]] = {
    "same": (1.0, 0.8, 0.0),
    "different": (0.0, 0.3, 1.0),
    "any": (NEUTRAL, NEUTRAL, NEUTRAL),
}


def _organisation_factor(
    mentees: Sequence[MenteeRecord], mentors: Sequence[MentorRecord], options: ScoringOptions
) -> tuple[EqualityFactor, tuple[IntArray, IntArray]]:
    mentee_orgs = [normalise_name(r.organisation) for r in mentees]
    mentor_orgs = [normalise_name(r.organisation) for r in mentors]
    mentee_codes, mentor_codes = _category_codes(mentee_orgs, mentor_orgs)
    mentee_dept = [
        f"{o}\x1f{normalise_name(r.department)}" if o and r.department.strip() else ""
        for o, r in zip(mentee_orgs, mentees, strict=True)
    ]
    mentor_dept = [
        f"{o}\x1f{normalise_name(r.department)}" if o and r.department.strip() else ""
        for o, r in zip(mentor_orgs, mentors, strict=True)
    ]
    mentee_dept_codes, mentor_dept_codes = _category_codes(mentee_dept, mentor_dept)
    preferences = [r.organisation_preference or options.organisation_preference for r in mentees]
    values = np.array([_ORGANISATION_VALUES[p] for p in preferences]).reshape(len(mentees), 3)
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
    return factor, (mentee_codes, mentor_codes)


def _experience(
    mentee_years: Sequence[float | None],
    mentor_years: Sequence[float | None],
    options: ScoringOptions,
    constraints: Constraints,
) -> tuple[TableFactor, TableConstraint | None]:
    def rounded(values: Sequence[float | None]) -> list[float | None]:
        return [None if v is None else round(v, 1) for v in values]

    mentee_codes, mentee_values = _codes(rounded(mentee_years))
    mentor_codes, mentor_values = _codes(rounded(mentor_years))
    table = np.full((len(mentee_values), len(mentor_values)), NEUTRAL)
    forbidden = np.zeros(table.shape, dtype=bool)
    for a, years_a in enumerate(mentee_values):
        for b, years_b in enumerate(mentor_values):
            if isinstance(years_a, float) and isinstance(years_b, float):
                table[a, b] = experience_fit(years_b - years_a, options.ideal_experience_gap)
                forbidden[a, b] = years_b < years_a
    has_data = any(v is not None for v in mentee_values) and any(
        v is not None for v in mentor_values
    )
    factor = TableFactor("experience", mentee_codes, mentor_codes, table, has_data=has_data)
    constraint = (
        TableConstraint("experience", mentee_codes, mentor_codes, forbidden)
        if constraints.exclude_less_experienced
        else None
    )
    return factor, constraint


def _meeting_format_factor(
    mentees: Sequence[MenteeRecord], mentors: Sequence[MentorRecord]
) -> TableFactor:
    def masks(records: Sequence[MentorRecord] | Sequence[MenteeRecord]) -> list[frozenset[str]]:
        return [
            frozenset(normalise_name(f) for f in r.meeting_formats if f.strip()) for r in records
        ]

    mentee_codes, mentee_values = _codes(masks(mentees))
    mentor_codes, mentor_values = _codes(masks(mentors))
    table = np.array(
        [
            [NEUTRAL if not a or not b else float(bool(a & b)) for b in mentor_values]  # type: ignore[operator]
            for a in mentee_values
        ]
    ).reshape(len(mentee_values), len(mentor_values))
    has_data = any(mentee_values) and any(mentor_values)
    return TableFactor("meeting_format", mentee_codes, mentor_codes, table, has_data=has_data)


def mentor_hours_per_mentee(record: MentorRecord) -> float | None:
    """Hours a month the mentor can give each mentee when their capacity is full."""
    if record.hours_per_month is None:
        return None
    return float(record.hours_per_month) / max(record.capacity, 1)


def _time_factor(
    mentees: Sequence[MenteeRecord], mentors: Sequence[MentorRecord], options: ScoringOptions
) -> TableFactor:
    mentee_codes, mentee_values = _codes([r.cadence for r in mentees])
    per_mentee = [mentor_hours_per_mentee(r) for r in mentors]
    mentor_codes, mentor_values = _codes([None if h is None else round(h, 2) for h in per_mentee])
    table = np.full((len(mentee_values), len(mentor_values)), NEUTRAL)
    for a, cadence in enumerate(mentee_values):
        needed = CADENCE_HOURS_PER_MONTH[str(cadence)] * options.session_hours
        for b, hours in enumerate(mentor_values):
            if isinstance(hours, float):
                table[a, b] = min(1.0, hours / needed) if needed > 0 else 1.0
    has_data = any(v is not None for v in mentor_values)
    return TableFactor("time", mentee_codes, mentor_codes, table, has_data=has_data)


def responsiveness(response_hours: float | None) -> float | None:
    """1 for an answer within a day, falling to 0 at two weeks."""
    if response_hours is None:
        return None
    return float(np.clip(1.0 - (response_hours - 24.0) / (14 * 24.0 - 24.0), 0.0, 1.0))


def _passion_factor(mentors: Sequence[MentorRecord], n_mentees: int) -> MentorValueFactor:
    values = []
    for record in mentors:
        known = [
            v for v in (record.passion, responsiveness(record.response_hours)) if v is not None
        ]
        values.append(float(np.clip(np.mean(known), 0.0, 1.0)) if known else NEUTRAL)
    has_data = any(r.passion is not None or r.response_hours is not None for r in mentors)
    return MentorValueFactor(
        "passion", np.array(values, dtype=np.float64), n_mentees, has_data=has_data
    )


def _feedback_factor(mentors: Sequence[MentorRecord], n_mentees: int) -> MentorValueFactor:
    values = [
        NEUTRAL
        if r.feedback_rating is None
        else float(np.clip((r.feedback_rating - 1.0) / 4.0, 0.0, 1.0))
        for r in mentors
    ]
    has_data = any(r.feedback_rating is not None for r in mentors)
    return MentorValueFactor(
        "feedback", np.array(values, dtype=np.float64), n_mentees, has_data=has_data
    )


def _questionnaire(
    mentees: Sequence[MenteeRecord],
    mentors: Sequence[MentorRecord],
    questions: Sequence[Question],
) -> tuple[CombinedFactor, list[SetConstraint]]:
    parts: list[OverlapFactor] = []
    part_weights: list[float] = []
    hard: list[SetConstraint] = []
    for question in questions:
        if question.rule == "ignore":
            continue
        mentee_answers = [
            tuple(normalise_name(a) for a in r.answers.get(question.id, ()) if a.strip())
            for r in mentees
        ]
        mentor_answers = [
            tuple(normalise_name(a) for a in r.answers.get(question.id, ()) if a.strip())
            for r in mentors
        ]
        if question.rule == "must_match":
            hard.append(_set_constraint(f"question:{question.id}", mentee_answers, mentor_answers))
        if question.weight > 0:
            parts.append(
                _overlap_factor(
                    f"question:{question.id}",
                    mentee_answers,
                    mentor_answers,
                    differ=question.rule == "should_differ",
                    mentor_missing_neutral=True,
                )
            )
            part_weights.append(question.weight)
    has_data = any(part.has_data for part in parts)
    factor = CombinedFactor(
        "questionnaire", parts, np.array(part_weights, dtype=np.float64), has_data=has_data
    )
    return factor, hard


def _exclusions(
    mentees: Sequence[MenteeRecord],
    mentors: Sequence[MentorRecord],
    mentee_index: dict[str, int],
    mentor_index: dict[str, int],
    constraints: Constraints,
) -> dict[tuple[int, int], str]:
    """Excluded pairs with the reason: explicit blocks, the reporting line, earlier partners."""
    excluded: dict[tuple[int, int], str] = {}
    for mentee_id, mentor_id in sorted(constraints.excluded_pairs):
        excluded[(mentee_index[mentee_id], mentor_index[mentor_id])] = "blocked for this mentee"
    if constraints.exclude_reporting_line:
        managers: dict[str, str] = {}
        people: list[MentorRecord | MenteeRecord] = [*mentors, *mentees]
        for record in people:
            if record.manager_id:
                managers.setdefault(record.id, record.manager_id)
        for a, mentee in enumerate(mentees):
            seen = {mentee.id}
            manager = mentee.manager_id
            direct = True
            while manager and manager not in seen:
                seen.add(manager)
                b = mentor_index.get(manager)
                if b is not None:
                    reason = "your manager" if direct else "above you in your reporting line"
                    excluded.setdefault((a, b), reason)
                manager = managers.get(manager, "")
                direct = False
    if not constraints.allow_previous_partners:
        for a, mentee in enumerate(mentees):
            for mentor_id in mentee.previous_mentor_ids:
                b = mentor_index.get(mentor_id)
                if b is not None:
                    excluded.setdefault((a, b), "an earlier mentor of yours")
        for b, mentor in enumerate(mentors):
            for mentee_id in mentor.previous_mentee_ids:
                earlier = mentee_index.get(mentee_id)
                if earlier is not None:
                    excluded.setdefault((earlier, b), "an earlier mentor of yours")
    return excluded
