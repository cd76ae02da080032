"""The demo's generated people: planned from the seed without the database, then written."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from allauth.account.models import EmailAddress

from mentora.accounts.models import User
from mentora.profiles.services import demographics_update, profile_update
from mentora.programs.demo.accounts import (
    DEMO_ACCOUNTS,
    Writer,
    demo_log,
)
from mentora.programs.demo.vocabulary import (
    EMPLOYERS,
    ETHNICITIES,
    FEMININE_NAMES,
    GENDER_OF,
    HOBBIES,
    INDUSTRY_PHRASES,
    JOB_FUNCTION_DETAILS,
    LAST_NAMES,
    LINE_MANAGER_LEVELS,
    LOCATIONS,
    MASCULINE_NAMES,
    MENTEE_SENIORITY,
    MENTOR_SENIORITY,
    NEUTRAL_NAMES,
    PRONOUNS,
    SENIORITY_ORDER,
    SENIORITY_YEARS,
    TECH_FUNCTIONS,
    Employer,
    Location,
)

# --- Planning people (pure, no database) ---------------------------------------------------------


@dataclass
class PersonPlan:
    """Everything about one generated person, decided before anything is written."""

    index: int
    role: str
    email: str
    display_name: str
    name_kind: str
    pronouns: str
    employer: Employer
    job_function: str
    seniority: str
    years_experience: int
    job_title: str
    location: Location
    languages: list[str]
    meeting_formats: list[str]
    headline: str
    bio: str
    profile_url: str
    manager_index: int | None = None

    @property
    def industry(self) -> str:
        return _industry_of(self.employer, self.job_function)

    @property
    def department(self) -> str:
        return JOB_FUNCTION_DETAILS[self.job_function].department


def _industry_of(employer: Employer, job_function: str) -> str:
    if employer.tech_functions_industry and job_function in TECH_FUNCTIONS:
        return employer.tech_functions_industry
    return employer.industry


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def in_sentence(skill_name: str) -> str:
    """A skill name as it reads mid-sentence: "machine learning", but "SQL" and "Python"."""
    if skill_name in {"Python", "Java", "Go", "Rust"} or any(c.isupper() for c in skill_name[1:]):
        return skill_name
    return skill_name[0].lower() + skill_name[1:]


def next_title(job_function: str, seniority: str) -> str:
    titles = JOB_FUNCTION_DETAILS[job_function].titles
    position = SENIORITY_ORDER.index(seniority)
    following = SENIORITY_ORDER[min(position + 1, len(SENIORITY_ORDER) - 1)]
    return titles[following][0]


def _plan_names(rng: random.Random, count: int, taken: set[str]) -> list[tuple[str, str, str]]:
    """(first name, last name, name kind) for `count` people with distinct full names."""
    pools = [("feminine", FEMININE_NAMES), ("masculine", MASCULINE_NAMES)]
    names: list[tuple[str, str, str]] = []
    while len(names) < count:
        kind, pool = pools[len(names) % 2] if rng.random() > 0.06 else ("neutral", NEUTRAL_NAMES)
        first, last = rng.choice(pool), rng.choice(LAST_NAMES)
        if f"{first} {last}" in taken:
            continue
        taken.add(f"{first} {last}")
        names.append((first, last, kind))
    rng.shuffle(names)
    return names


def _plan_person(
    rng: random.Random, *, index: int, role: str, name: tuple[str, str, str]
) -> PersonPlan:
    first, last, kind = name
    employer = rng.choices(EMPLOYERS, weights=[e.weight for e in EMPLOYERS])[0]
    job_function = rng.choice(employer.functions)
    seniority = _weighted(rng, MENTOR_SENIORITY if role == "mentor" else MENTEE_SENIORITY)
    if seniority == "student" and job_function not in {"research", "clinical", "teaching"}:
        seniority = "entry"
    low, high = SENIORITY_YEARS[seniority]
    years = rng.randint(low, high)
    title = rng.choice(JOB_FUNCTION_DETAILS[job_function].titles[seniority])
    location = LOCATIONS[rng.choice(employer.cities)]
    languages = list(location.languages)
    if "en" not in languages:
        languages.append("en")
    if rng.random() < 0.15:
        extra_language = rng.choice(["es", "fr", "de", "pt", "it", "ar", "hi", "zh", "pl"])
        if extra_language not in languages:
            languages.append(extra_language)
    formats = ["video"] if rng.random() < 0.95 else []
    if rng.random() < 0.3 or not formats:
        formats.append("phone")
    if rng.random() < 0.35:
        formats.append("in_person")
    industry = INDUSTRY_PHRASES[_industry_of(employer, job_function)]
    experience = (
        f"{years} years in {industry}" if years > 1 else f"Early in my career in {industry}"
    )
    bio = (
        f"{experience}, now {title} at {employer.name} in {location.city.split(',')[0]}. "
        f"Outside work I {rng.choice(HOBBIES)}."
    )
    slug = f"{_ascii(first)}.{_ascii(last)}"
    return PersonPlan(
        index=index,
        role=role,
        email=f"{slug}@{employer.domain}",
        display_name=f"{first} {last}",
        name_kind=kind,
        pronouns=PRONOUNS[kind] if rng.random() < 0.55 else "",
        employer=employer,
        job_function=job_function,
        seniority=seniority,
        years_experience=years,
        job_title=title,
        location=location,
        languages=languages,
        meeting_formats=formats,
        headline=f"{title} at {employer.name}",
        bio=bio,
        profile_url=f"https://{employer.domain}/people/{slug.replace('.', '-')}"
        if rng.random() < 0.3
        else "",
    )


def _plan_reporting_lines(rng: random.Random, people: Sequence[PersonPlan]) -> None:
    """Give some people a manager: a more senior person of the same employer and department."""
    for person in people:
        rank = SENIORITY_ORDER.index(person.seniority)
        candidates = [
            other
            for other in people
            if other.employer == person.employer
            and other.job_function == person.job_function
            and other.seniority in LINE_MANAGER_LEVELS
            and SENIORITY_ORDER.index(other.seniority) > rank
        ]
        if candidates and rng.random() < 0.7:
            person.manager_index = rng.choice(candidates).index


def demo_plan_people(*, rng: random.Random, mentors: int, mentees: int) -> list[PersonPlan]:
    """Decide every generated mentor and mentee, without touching the database."""
    taken = {account.name for account in DEMO_ACCOUNTS}
    names = _plan_names(rng, mentors + mentees, taken)
    roles = ["mentor"] * mentors + ["mentee"] * mentees
    people = [
        _plan_person(rng, index=i, role=role, name=name)
        for i, (role, name) in enumerate(zip(roles, names, strict=True))
    ]
    _plan_reporting_lines(rng, people)
    return people


def sample[T](rng: random.Random, items: Sequence[T], low: int, high: int) -> list[T]:
    return rng.sample(list(items), k=min(len(items), rng.randint(low, high)))


def create_people(*, people: Sequence[PersonPlan], stdout: Writer | None) -> dict[int, User]:
    """Users (who cannot log in) and their profiles; managers are linked once everyone exists.

    Their addresses count as verified, in the organisation's verified domains: they are its
    members, as the people of a real organisation would be."""
    demo_log(stdout, f"Creating {len(people)} people...")
    users = {
        person.index: User.objects.create_user(email=person.email, password=None)
        for person in people
    }
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users.values()
    )
    for person in people:
        profile_update(
            user=users[person.index],
            display_name=person.display_name,
            pronouns=person.pronouns,
            headline=person.headline,
            bio=person.bio,
            organisation=person.employer.name,
            department=person.department,
            job_title=person.job_title,
            job_function=person.job_function,
            industry=person.industry,
            years_experience=person.years_experience,
            seniority=person.seniority,
            location=person.location.city,
            timezone=person.location.timezone,
            languages=person.languages,
            profile_url=person.profile_url,
            meeting_formats=person.meeting_formats,
            manager=users[person.manager_index] if person.manager_index is not None else None,
        )
    return users


def add_demographics(
    rng: random.Random, *, people: Sequence[PersonPlan], users: dict[int, User]
) -> None:
    """Optional self-identification for about half of the people; many prefer not to say."""
    for person in people:
        if rng.random() >= 0.5:
            continue
        gender = "prefer_not_to_say"
        if rng.random() < 0.7:
            gender = GENDER_OF[person.name_kind] if rng.random() < 0.97 else "self_described"
        ethnicity = rng.choice(ETHNICITIES) if rng.random() < 0.45 else "prefer_not_to_say"
        nationality = person.location.nationality if rng.random() < 0.5 else "prefer_not_to_say"
        demographics_update(
            user=users[person.index], gender=gender, ethnicity=ethnicity, nationality=nationality
        )
