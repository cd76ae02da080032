"""The controlled vocabularies of a profile: industries, job functions, focus areas, and so on."""

from __future__ import annotations

from django.db import models


class FocusArea(models.TextChoices):
    SKILL_BUILDING = "skill_building", "Skill-building"
    NETWORKING = "networking", "Networking"
    CAREER_ADVANCEMENT = "career_advancement", "Career advancement"
    EMOTIONAL_SUPPORT = "emotional_support", "Emotional support"
    ENCOURAGEMENT = "encouragement", "Encouragement"


class MeetingFormat(models.TextChoices):
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"


class Seniority(models.TextChoices):
    STUDENT = "student", "Student"
    ENTRY = "entry", "Entry level"
    MID = "mid", "Mid level"
    SENIOR = "senior", "Senior"
    LEAD = "lead", "Lead / principal"
    MANAGER = "manager", "Manager"
    DIRECTOR = "director", "Director"
    EXECUTIVE = "executive", "Executive"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Every three months"


class Preference(models.TextChoices):
    ANY = "any", "No preference"
    SAME = "same", "The same as mine"
    DIFFERENT = "different", "Different from mine"


INDUSTRIES: list[tuple[str, str]] = [
    (slug, slug.replace("_", " ").capitalize())
    for slug in [
        "technology",
        "healthcare",
        "finance",
        "education",
        "manufacturing",
        "retail",
        "energy",
        "government",
        "non_profit",
        "media",
        "consulting",
        "legal",
        "hospitality",
        "transport",
        "research",
        "other",
    ]
]

JOB_FUNCTIONS: list[tuple[str, str]] = [
    (slug, slug.replace("_", " ").capitalize())
    for slug in [
        "engineering",
        "data",
        "product",
        "design",
        "marketing",
        "sales",
        "operations",
        "finance",
        "human_resources",
        "legal",
        "customer_success",
        "research",
        "clinical",
        "teaching",
        "management",
        "other",
    ]
]

LANGUAGES: list[tuple[str, str]] = [
    ("en", "English"),
    ("es", "Spanish"),
    ("fr", "French"),
    ("de", "German"),
    ("pt", "Portuguese"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("ar", "Arabic"),
    ("hi", "Hindi"),
    ("zh", "Chinese"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("sw", "Swahili"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
]

PREFER_NOT_TO_SAY = "prefer_not_to_say"

GENDERS: list[tuple[str, str]] = [
    (PREFER_NOT_TO_SAY, "Prefer not to say"),
    ("woman", "Woman"),
    ("man", "Man"),
    ("non_binary", "Non-binary"),
    ("self_described", "Self-described"),
]
