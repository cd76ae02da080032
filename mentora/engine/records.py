"""The engine's inputs: plain, typed, immutable records with sensible defaults.

Demographic attributes (gender, ethnicity, nationality, age...) are deliberately absent: the
engine cannot score what it is never given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Literal

Direction = Literal["same", "different", "any"]
QuestionRule = Literal["must_match", "should_match", "should_differ", "ignore"]
Cadence = Literal["weekly", "fortnightly", "monthly", "quarterly"]

DIRECTIONS: tuple[Direction, ...] = ("same", "different", "any")
QUESTION_RULES: tuple[str, ...] = ("must_match", "should_match", "should_differ", "ignore")
CADENCES: tuple[Cadence, ...] = ("weekly", "fortnightly", "monthly", "quarterly")
MEETING_FORMATS: tuple[str, ...] = ("video", "phone", "in_person")
FOCUS_AREAS: tuple[str, ...] = (
    "skill_building", "networking", "career_advancement", "emotional_support", "encouragement",
)  # fmt: skip

# A seniority stands in for years of experience when the years are unknown.
SENIORITY_YEARS: dict[str, float] = {
    "student": 0.0,
    "entry": 1.0,
    "mid": 4.0,
    "senior": 8.0,
    "lead": 12.0,
    "manager": 12.0,
    "director": 16.0,
    "executive": 22.0,
}


class EngineInputError(ValueError):
    """The caller's records, weights or constraints are inconsistent; the message says how."""


@dataclass(frozen=True, slots=True)
class Question:
    """A questionnaire question and how matching uses its answers."""

    id: str
    rule: QuestionRule = "should_match"
    weight: float = 1.0
    text: str = ""


@dataclass(frozen=True, slots=True)
class MentorRecord:
    """What a mentor offers. Only `id` is required; unknown values score neutrally (0.5)."""

    id: str
    capacity: int = 1
    name: str = ""
    skills: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    industry: str = ""
    organisation: str = ""
    department: str = ""
    job_function: str = ""
    years_experience: float | None = None
    seniority: str = ""
    languages: tuple[str, ...] = ()
    timezone: str = "UTC"
    meeting_formats: tuple[str, ...] = ()
    hours_per_month: float | None = None
    bio: str = ""  # experience and motivation, free text
    manager_id: str = ""
    # The mentor-choice questions, as optional numbers: stated passion for helping in [0, 1],
    # typical hours to answer a request, and past mentees' feedback ratings on a 1-5 scale.
    passion: float | None = None
    response_hours: float | None = None
    feedback_rating: float | None = None
    previous_mentee_ids: tuple[str, ...] = ()
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MenteeRecord:
    """What a mentee wants. Preferences left as None follow the program's defaults."""

    id: str
    mentors_wanted: int = 1
    name: str = ""
    skills_wanted: tuple[str, ...] = ()
    goals: str = ""
    focus_areas: tuple[str, ...] = ()
    industry: str = ""
    organisation: str = ""
    department: str = ""
    job_function: str = ""
    years_experience: float | None = None
    seniority: str = ""
    languages: tuple[str, ...] = ()
    timezone: str = "UTC"
    meeting_formats: tuple[str, ...] = ()
    cadence: Cadence = "monthly"
    industry_preference: Direction | None = None
    organisation_preference: Direction | None = None
    job_function_preference: Direction | None = None
    manager_id: str = ""
    previous_mentor_ids: tuple[str, ...] = ()
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each factor counts in the weighted mean (any non-negative numbers)."""

    skills: float = 3.0
    goals: float = 2.0
    focus_areas: float = 1.5
    industry: float = 1.0
    organisation: float = 0.5
    job_function: float = 1.0
    experience: float = 1.5
    timezone: float = 1.0
    meeting_format: float = 0.5
    time: float = 1.0
    passion: float = 0.5
    feedback: float = 0.5
    questionnaire: float = 1.0

    def as_dict(self) -> dict[str, float]:
        """The weights by factor name, in the fixed factor order."""
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}


FACTOR_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Weights))


@dataclass(frozen=True, slots=True)
class ScoringOptions:
    """Parameters of the factors: ideal experience gap, working hours, default directions."""

    ideal_experience_gap: float = 8.0
    working_hours: tuple[float, float] = (9.0, 17.0)
    desired_overlap_hours: float = 4.0
    # Text cosine similarity at which the goals factor reaches 1. Below 1, the factor saturates
    # early (short texts on the same topic have TF-IDF cosines around 0.3-0.5), but candidate
    # selection, which cannot clip, then over-ranks pairs above it; 1 keeps selection exact.
    full_text_similarity: float = 1.0
    industry_preference: Direction = "same"
    organisation_preference: Direction = "any"
    job_function_preference: Direction = "same"
    session_hours: float = 1.0


@dataclass(frozen=True, slots=True)
class Constraints:
    """Hard rules: a pair that breaks one is never a candidate (pinned pairs excepted)."""

    excluded_pairs: frozenset[tuple[str, str]] = frozenset()  # (mentee_id, mentor_id)
    pinned_pairs: frozenset[tuple[str, str]] = frozenset()  # (mentee_id, mentor_id)
    organisation_rule: Direction = "any"  # "same": same-organisation only; "different": cross only
    require_shared_language: bool = True
    min_overlap_hours: float = 1.0
    exclude_less_experienced: bool = False
    exclude_reporting_line: bool = True
    allow_previous_partners: bool = False
