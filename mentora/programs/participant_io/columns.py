"""The columns of a participants file (see the package's docstring for the table), and the
guard that keeps a spreadsheet from running a cell as a formula."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from mentora.profiles.choices import (
    INDUSTRIES,
    JOB_FUNCTIONS,
    LANGUAGES,
    Cadence,
    FocusArea,
    MeetingFormat,
    Preference,
    Seniority,
)
from mentora.profiles.models import MenteeNeeds, MentorOffer, Profile
from mentora.profiles.services import (
    CAREER_GOAL_MAX,
    CAREER_GOALS_MAX,
    FREE_TAG_MAX,
    FREE_TAGS_MAX,
    PROFILE_LINES,
    field_limit,
)

LIST_SEPARATOR = ";"
MAX_ROWS = 10_000
# A cell beginning with one of these runs as a formula in a spreadsheet; a leading quote is also
# guarded so that removing the guard on import is exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"

Target = Literal["person", "enrollment", "profile", "both", "mentor", "mentee"]
Kind = Literal["text", "choice", "choices", "int", "email", "timezone", "url", "list", "skills"]


@dataclass(frozen=True)
class Column:
    """One column of the participants file: where its value goes and how it is read."""

    name: str
    target: Target
    kind: Kind = "text"
    vocabulary: tuple[tuple[str, str], ...] = ()
    minimum: int = 0
    maximum: int = 0  # the largest number, or the longest text (0: no limit)
    item_max: int = 0  # for free lists: the longest item
    required: bool = False

    @property
    def one_line(self) -> bool:
        """Names and titles: one line of text (free texts such as a bio may have several)."""
        return self.kind == "text" and self.name in PROFILE_LINES

    @property
    def applies_to(self) -> str:
        """Who the column is for, in words."""
        return {
            "person": "everyone",
            "enrollment": "everyone",
            "profile": "everyone (profile)",
            "both": "mentors and mentees",
            "mentor": "mentors (coaches)",
            "mentee": "mentees (coachees)",
        }[self.target]

    @property
    def accepts(self) -> str:
        """What a cell of this column may hold, in words."""
        if self.name == "role":
            return "mentor or mentee (coach or coachee in a coaching program)"
        separated = f", separated by {LIST_SEPARATOR}"
        values = ", ".join(value for value, _ in self.vocabulary)
        return {
            "text": f"text of at most {self.maximum} characters" if self.maximum else "text",
            "choice": f"one of {values}",
            "choices": f"any of {values}{separated}",
            "int": f"a whole number from {self.minimum} to {self.maximum}",
            "email": "an email address",
            "timezone": "an IANA timezone such as Europe/Lisbon",
            "url": "a web address",
            "list": f"up to {self.maximum} items{separated}",
            "skills": f"skill names from the taxonomy{separated}",
        }[self.kind]


def _choices(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in pairs)


def _max_length(name: str) -> int:
    return field_limit(Profile, name)


def _side_max_length(model: type[MentorOffer | MenteeNeeds], name: str) -> int:
    return field_limit(model, name)


COLUMNS: tuple[Column, ...] = (
    Column("email", "person", "email", required=True),
    Column("display_name", "profile", maximum=_max_length("display_name"), required=True),
    Column("role", "enrollment", required=True),
    Column("pronouns", "profile", maximum=_max_length("pronouns")),
    Column("headline", "profile", maximum=_max_length("headline")),
    Column("bio", "profile", maximum=_max_length("bio")),
    Column("organisation", "profile", maximum=_max_length("organisation")),
    Column("department", "profile", maximum=_max_length("department")),
    Column("job_title", "profile", maximum=_max_length("job_title")),
    Column("job_function", "profile", "choice", _choices(JOB_FUNCTIONS)),
    Column("industry", "profile", "choice", _choices(INDUSTRIES)),
    Column("years_experience", "profile", "int", maximum=70),
    Column("seniority", "profile", "choice", _choices(Seniority.choices)),
    Column("location", "profile", maximum=_max_length("location")),
    Column("timezone", "profile", "timezone"),
    Column("languages", "profile", "choices", _choices(LANGUAGES)),
    Column("profile_url", "profile", "url", maximum=_max_length("profile_url")),
    Column("meeting_formats", "profile", "choices", _choices(MeetingFormat.choices)),
    Column("manager_email", "person", "email"),
    Column("skills", "both", "skills"),
    Column("free_tags", "mentor", "list", maximum=FREE_TAGS_MAX, item_max=FREE_TAG_MAX),
    Column("focus_areas", "both", "choices", _choices(FocusArea.choices)),
    Column("motivation", "mentor", maximum=_side_max_length(MentorOffer, "motivation")),
    Column("capacity", "mentor", "int", maximum=50),
    Column("hours_per_month", "mentor", "int", maximum=160),
    Column("career_goals", "mentee", "list", maximum=CAREER_GOALS_MAX, item_max=CAREER_GOAL_MAX),
    Column("why_mentor", "mentee", maximum=_side_max_length(MenteeNeeds, "why_mentor")),
    Column("meeting_cadence", "mentee", "choice", _choices(Cadence.choices)),
    Column("organisation_preference", "mentee", "choice", _choices(Preference.choices)),
    Column("industry_preference", "mentee", "choice", _choices(Preference.choices)),
    Column("job_function_preference", "mentee", "choice", _choices(Preference.choices)),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
PROFILE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.target == "profile")


def unguard(text: str) -> str:
    """Remove the quote that an export put before a cell that would run as a formula."""
    if len(text) > 1 and text[0] == GUARD and text[1] in (*FORMULA_STARTS, GUARD):
        return text[1:]
    return text


def guard(text: str) -> str:
    """Neutralise a cell that a spreadsheet would run as a formula by prefixing a quote."""
    if text and text[0] in (*FORMULA_STARTS, GUARD):
        return GUARD + text
    return text


def normalise_header(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def split_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def join_list(items: Iterable[object]) -> str:
    return f"{LIST_SEPARATOR} ".join(str(item) for item in items)
