"""Checks on the caller's records and settings, with messages that name the record and field."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from mentora.engine.records import (
    CADENCES,
    DIRECTIONS,
    QUESTION_RULES,
    Constraints,
    EngineInputError,
    MenteeRecord,
    MentorRecord,
    Question,
    ScoringOptions,
    Weights,
)
from mentora.engine.timezones import known_timezones

# Far above any real setting (the platform allows weights up to 100), and low enough that a sum
# of every weight stays finite: larger numbers only ever came from typing errors.
MAX_WEIGHT = 1_000_000.0
# Seeds reach scikit-learn's random_state (the text model's LSA), which takes 0 to 2**32 - 1.
MAX_SEED = 2**32 - 1
MAX_YEARS = 80.0
HOURS_A_DAY = 24.0


def _bound(number: float) -> str:
    return f"{number:,.0f}" if number.is_integer() and abs(number) >= 1e6 else f"{number:g}"


def _check_number(value: float | None, what: str, *, low: float, high: float = math.inf) -> None:
    if value is None:
        return
    if not isinstance(value, int | float) or not math.isfinite(value) or not low <= value <= high:
        bound = (
            f"between {_bound(low)} and {_bound(high)}"
            if math.isfinite(high)
            else f"at least {_bound(low)}"
        )
        raise EngineInputError(f"{what} must be a number {bound}, not {value!r}")


def validate_inputs(
    mentees: Sequence[MenteeRecord],
    mentors: Sequence[MentorRecord],
    *,
    weights: Weights,
    options: ScoringOptions,
    constraints: Constraints,
    questions: Sequence[Question],
) -> tuple[dict[str, int], dict[str, int]]:
    """Raise EngineInputError on the first inconsistency; return id -> index for both sides."""
    zones = known_timezones()
    for label, records in (("mentee", mentees), ("mentor", mentors)):
        duplicates = [i for i, c in Counter(r.id for r in records).items() if c > 1]
        if duplicates:
            raise EngineInputError(f"duplicate {label} id {duplicates[0]!r}")
        for record in records:
            if not record.id:
                raise EngineInputError(f"a {label} has an empty id")
            if record.timezone not in zones:
                raise EngineInputError(
                    f"{label} {record.id!r}: unknown timezone {record.timezone!r} "
                    "(use an IANA name such as Europe/Lisbon)"
                )
            _check_number(
                record.years_experience, f"{label} {record.id!r}: years_experience", low=0
            )
    for mentor in mentors:
        if not isinstance(mentor.capacity, int) or mentor.capacity < 0:
            raise EngineInputError(
                f"mentor {mentor.id!r}: capacity must be a whole number, 0 or more, "
                f"not {mentor.capacity!r}"
            )
        _check_number(mentor.hours_per_month, f"mentor {mentor.id!r}: hours_per_month", low=0)
        _check_number(mentor.passion, f"mentor {mentor.id!r}: passion", low=0, high=1)
        _check_number(mentor.response_hours, f"mentor {mentor.id!r}: response_hours", low=0)
        _check_number(
            mentor.feedback_rating, f"mentor {mentor.id!r}: feedback_rating", low=1, high=5
        )
    for mentee in mentees:
        if not isinstance(mentee.mentors_wanted, int) or mentee.mentors_wanted < 1:
            raise EngineInputError(
                f"mentee {mentee.id!r}: mentors_wanted must be a whole number, 1 or more, "
                f"not {mentee.mentors_wanted!r}"
            )
        if mentee.cadence not in CADENCES:
            raise EngineInputError(
                f"mentee {mentee.id!r}: cadence must be one of {', '.join(CADENCES)}, "
                f"not {mentee.cadence!r}"
            )
        for field_name in (
            "industry_preference",
            "organisation_preference",
            "job_function_preference",
        ):
            value = getattr(mentee, field_name)
            if value is not None and value not in DIRECTIONS:
                raise EngineInputError(
                    f"mentee {mentee.id!r}: {field_name} must be one of "
                    f"{', '.join(DIRECTIONS)}, not {value!r}"
                )

    validate_settings(
        weights=weights, options=options, constraints=constraints, questions=questions
    )

    mentee_index = {r.id: i for i, r in enumerate(mentees)}
    mentor_index = {r.id: i for i, r in enumerate(mentors)}
    for kind, pairs in (
        ("excluded", constraints.excluded_pairs),
        ("pinned", constraints.pinned_pairs),
    ):
        for mentee_id, mentor_id in sorted(pairs):
            if mentee_id not in mentee_index:
                raise EngineInputError(f"{kind} pair names unknown mentee {mentee_id!r}")
            if mentor_id not in mentor_index:
                raise EngineInputError(f"{kind} pair names unknown mentor {mentor_id!r}")
    both = sorted(constraints.pinned_pairs & constraints.excluded_pairs)
    if both:
        raise EngineInputError(f"pair {both[0]!r} is both pinned and excluded")
    pins_per_mentor = Counter(mentor_id for _, mentor_id in constraints.pinned_pairs)
    for mentor_id, count in sorted(pins_per_mentor.items()):
        capacity = mentors[mentor_index[mentor_id]].capacity
        if count > capacity:
            raise EngineInputError(
                f"mentor {mentor_id!r} has {count} pinned mentees but capacity {capacity}"
            )
    pins_per_mentee = Counter(mentee_id for mentee_id, _ in constraints.pinned_pairs)
    for mentee_id, count in sorted(pins_per_mentee.items()):
        wanted = mentees[mentee_index[mentee_id]].mentors_wanted
        if count > wanted:
            raise EngineInputError(
                f"mentee {mentee_id!r} has {count} pinned mentors but wants {wanted}"
            )
    return mentee_index, mentor_index


def validate_settings(
    *,
    weights: Weights,
    options: ScoringOptions,
    constraints: Constraints,
    questions: Sequence[Question],
) -> None:
    """Raise EngineInputError on the first setting out of its range (records aside)."""
    for name, value in weights.as_dict().items():
        _check_number(value, f"weight {name!r}", low=0, high=MAX_WEIGHT)
    for field_name in ("industry_preference", "organisation_preference", "job_function_preference"):
        if getattr(options, field_name) not in DIRECTIONS:
            raise EngineInputError(
                f"{field_name} must be one of {', '.join(DIRECTIONS)}, "
                f"not {getattr(options, field_name)!r}"
            )
    start, end = options.working_hours
    if not 0 <= start < end <= HOURS_A_DAY:
        raise EngineInputError(
            f"working_hours must satisfy 0 <= start < end <= 24, not {start}-{end}"
        )
    _check_number(options.ideal_experience_gap, "ideal_experience_gap", low=0, high=MAX_YEARS)
    _check_number(options.desired_overlap_hours, "desired_overlap_hours", low=0, high=HOURS_A_DAY)
    _check_number(options.session_hours, "session_hours", low=0, high=HOURS_A_DAY)
    _check_number(options.full_text_similarity, "full_text_similarity", low=1e-6, high=1)
    if constraints.organisation_rule not in DIRECTIONS:
        raise EngineInputError(
            f"organisation_rule must be one of {', '.join(DIRECTIONS)}, "
            f"not {constraints.organisation_rule!r}"
        )
    _check_number(constraints.min_overlap_hours, "min_overlap_hours", low=0, high=HOURS_A_DAY)

    seen_questions: set[str] = set()
    for question in questions:
        if question.id in seen_questions:
            raise EngineInputError(f"duplicate question id {question.id!r}")
        seen_questions.add(question.id)
        if question.rule not in QUESTION_RULES:
            raise EngineInputError(
                f"question {question.id!r}: rule must be one of {', '.join(QUESTION_RULES)}, "
                f"not {question.rule!r}"
            )
        _check_number(question.weight, f"question {question.id!r}: weight", low=0, high=MAX_WEIGHT)


def validate_seed(seed: int) -> None:
    """Raise EngineInputError unless the seed is one the text model can take."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise EngineInputError(f"seed must be a whole number from 0 to {MAX_SEED}, not {seed!r}")
