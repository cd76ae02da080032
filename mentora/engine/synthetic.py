"""Seeded synthetic populations of mentors and mentees, for benchmarks, tests and demos."""

from __future__ import annotations

import numpy as np

from mentora.engine.records import FOCUS_AREAS, Cadence, MenteeRecord, MentorRecord

INDUSTRIES = (
    "technology", "healthcare", "finance", "education", "manufacturing", "retail", "energy",
    "government", "non_profit", "media", "consulting", "legal", "hospitality", "transport",
    "research", "other",
)  # fmt: skip
JOB_FUNCTIONS = (
    "engineering", "data", "product", "design", "marketing", "sales", "operations", "finance",
    "human_resources", "legal", "research", "customer_success", "management", "teaching",
)  # fmt: skip
TIMEZONES = (
    ("Europe/London", 12), ("Europe/Berlin", 12), ("Europe/Paris", 8), ("Europe/Lisbon", 4),
    ("America/New_York", 14), ("America/Chicago", 6), ("America/Los_Angeles", 8),
    ("America/Sao_Paulo", 5), ("Africa/Lagos", 4), ("Africa/Nairobi", 3), ("Asia/Kolkata", 8),
    ("Asia/Singapore", 4), ("Asia/Tokyo", 3), ("Australia/Sydney", 3), ("Asia/Dubai", 3),
    ("America/Mexico_City", 3),
)  # fmt: skip
LANGUAGES = (
    ("en", 70), ("es", 8), ("pt", 5), ("fr", 5), ("de", 5), ("hi", 3), ("zh", 2), ("ja", 2),
)  # fmt: skip
MEETING_FORMATS = ("video", "phone", "in_person")
CADENCES: tuple[Cadence, ...] = ("weekly", "fortnightly", "monthly", "quarterly")
TOPICS = (
    "leadership", "analytics", "strategy", "hiring", "startups", "research", "customers",
    "product", "teams", "negotiation", "budgets", "writing", "speaking", "data", "design",
    "marketing", "sales", "operations", "career", "promotion", "management", "engineering",
    "cloud", "security", "compliance", "healthcare", "education", "finance", "policy", "growth",
    "fundraising", "communication", "confidence", "coaching", "networking", "innovation",
    "sustainability", "quality", "logistics", "retail", "energy", "media", "law", "consulting",
)  # fmt: skip
DEMOGRAPHIC_VALUES = {
    "gender": ("female", "male", "non-binary", "prefer not to say"),
    "ethnicity": ("group a", "group b", "group c", "group d", "prefer not to say"),
    "nationality": ("PT", "BR", "DE", "US", "IN", "NG", "JP", "FR"),
}


def _skills(count: int) -> list[str]:
    return [f"skill {n:03d}" for n in range(count)]


def _weighted(
    rng: np.random.Generator, options: tuple[tuple[str, int], ...], size: int
) -> list[str]:
    names = [name for name, _ in options]
    weights = np.array([weight for _, weight in options], dtype=np.float64)
    return [names[i] for i in rng.choice(len(names), size=size, p=weights / weights.sum())]


def _sample_sets(
    rng: np.random.Generator, vocabulary: list[str], size: int, low: int, high: int, skew: float
) -> list[tuple[str, ...]]:
    """Sets of low..high items, popular items more likely (Zipf-like skew)."""
    weights = 1.0 / np.arange(1, len(vocabulary) + 1) ** skew
    weights /= weights.sum()
    counts = rng.integers(low, high + 1, size=size)
    draws = rng.choice(len(vocabulary), size=(size, high), p=weights)
    return [
        tuple(dict.fromkeys(vocabulary[i] for i in draws[row, : counts[row]]))
        for row in range(size)
    ]


def _languages(rng: np.random.Generator, size: int) -> list[tuple[str, ...]]:
    first = _weighted(rng, LANGUAGES, size)
    second = _weighted(rng, LANGUAGES, size)
    has_second = rng.random(size) < 0.35
    english = rng.random(size) < 0.85
    result = []
    for row in range(size):
        items = [first[row]]
        if has_second[row]:
            items.append(second[row])
        if english[row]:
            items.append("en")
        result.append(tuple(dict.fromkeys(items)))
    return result


def _texts(rng: np.random.Generator, size: int, low: int, high: int) -> list[str]:
    counts = rng.integers(low, high + 1, size=size)
    words = rng.choice(len(TOPICS), size=(size, high))
    return [
        "I want to grow in " + " ".join(TOPICS[i] for i in words[row, : counts[row]])
        for row in range(size)
    ]


def synthetic_population(
    n_mentees: int,
    n_mentors: int,
    *,
    seed: int = 0,
    max_mentors_wanted: int = 1,
    n_skills: int = 120,
    n_organisations: int = 40,
) -> tuple[list[MentorRecord], list[MenteeRecord]]:
    """Mentors and mentees with realistic spreads of skills, timezones and languages."""
    rng = np.random.default_rng(seed)
    skills = _skills(n_skills)
    organisations = [f"org {n:02d}" for n in range(n_organisations)]
    departments = ["data", "sales", "operations", "product", "finance", "people"]

    mentor_skills = _sample_sets(rng, skills, n_mentors, 3, 8, 0.6)
    mentor_focus = _sample_sets(rng, list(FOCUS_AREAS), n_mentors, 1, 3, 0.3)
    mentor_languages = _languages(rng, n_mentors)
    mentor_zones = _weighted(rng, TIMEZONES, n_mentors)
    mentor_formats = _sample_sets(rng, list(MEETING_FORMATS), n_mentors, 1, 3, 0.5)
    mentor_bios = _texts(rng, n_mentors, 6, 14)
    mentor_industry = rng.integers(0, len(INDUSTRIES), n_mentors)
    mentor_function = rng.integers(0, len(JOB_FUNCTIONS), n_mentors)
    mentor_org = rng.integers(0, n_organisations, n_mentors)
    mentor_dept = rng.integers(0, len(departments), n_mentors)
    mentor_years = rng.integers(3, 36, n_mentors)
    mentor_capacity = rng.choice(
        [0, 1, 2, 3, 4, 5], size=n_mentors, p=[0.03, 0.17, 0.3, 0.25, 0.15, 0.1]
    )
    mentor_hours = rng.choice([2, 4, 6, 8], size=n_mentors)
    has_rating = rng.random(n_mentors) < 0.4
    ratings = np.round(rng.uniform(2.5, 5.0, n_mentors), 1)
    has_response = rng.random(n_mentors) < 0.5
    response = np.round(rng.exponential(36.0, n_mentors), 1)
    mentors = [
        MentorRecord(
            id=f"M{row:06d}",
            name=f"Mentor {row}",
            capacity=int(mentor_capacity[row]),
            skills=mentor_skills[row],
            focus_areas=mentor_focus[row],
            industry=INDUSTRIES[mentor_industry[row]],
            organisation=organisations[mentor_org[row]],
            department=departments[mentor_dept[row]],
            job_function=JOB_FUNCTIONS[mentor_function[row]],
            years_experience=float(mentor_years[row]),
            languages=mentor_languages[row],
            timezone=mentor_zones[row],
            meeting_formats=mentor_formats[row],
            hours_per_month=float(mentor_hours[row]),
            bio=mentor_bios[row],
            feedback_rating=float(ratings[row]) if has_rating[row] else None,
            response_hours=float(response[row]) if has_response[row] else None,
        )
        for row in range(n_mentors)
    ]

    mentee_skills = _sample_sets(rng, skills, n_mentees, 1, 5, 0.6)
    mentee_focus = _sample_sets(rng, list(FOCUS_AREAS), n_mentees, 1, 2, 0.3)
    mentee_languages = _languages(rng, n_mentees)
    mentee_zones = _weighted(rng, TIMEZONES, n_mentees)
    mentee_formats = _sample_sets(rng, list(MEETING_FORMATS), n_mentees, 1, 2, 0.5)
    mentee_goals = _texts(rng, n_mentees, 4, 10)
    mentee_industry = rng.integers(0, len(INDUSTRIES), n_mentees)
    mentee_function = rng.integers(0, len(JOB_FUNCTIONS), n_mentees)
    mentee_org = rng.integers(0, n_organisations, n_mentees)
    mentee_dept = rng.integers(0, len(departments), n_mentees)
    mentee_years = rng.integers(0, 16, n_mentees)
    wanted = rng.integers(1, max_mentors_wanted + 1, n_mentees)
    cadence = rng.choice(len(CADENCES), size=n_mentees, p=[0.1, 0.35, 0.45, 0.1])
    industry_preference = rng.choice(
        np.array(["", "same", "different", "any"], dtype=object), n_mentees, p=[0.7, 0.1, 0.1, 0.1]
    )
    # A few mentees name their manager, who is sometimes one of the mentors.
    manager = np.where(
        rng.random(n_mentees) < 0.05, rng.integers(0, max(n_mentors, 1), n_mentees), -1
    )
    mentees = [
        MenteeRecord(
            id=f"E{row:06d}",
            name=f"Mentee {row}",
            mentors_wanted=int(wanted[row]),
            skills_wanted=mentee_skills[row],
            goals=mentee_goals[row],
            focus_areas=mentee_focus[row],
            industry=INDUSTRIES[mentee_industry[row]],
            organisation=organisations[mentee_org[row]],
            department=departments[mentee_dept[row]],
            job_function=JOB_FUNCTIONS[mentee_function[row]],
            years_experience=float(mentee_years[row]),
            languages=mentee_languages[row],
            timezone=mentee_zones[row],
            meeting_formats=mentee_formats[row],
            cadence=CADENCES[cadence[row]],
            industry_preference=industry_preference[row] or None,
            manager_id=f"M{manager[row]:06d}" if manager[row] >= 0 and n_mentors else "",
        )
        for row in range(n_mentees)
    ]
    return mentors, mentees
