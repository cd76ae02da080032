"""A believable demo: an organisation with a mentoring program and a small coaching program.

Everything comes from one `random.Random(seed)`, so the same seed gives the same people, profiles,
enrollments and answers on any database. No network and no fake-data library: the word lists
(`demo_vocabulary`) are small and hand-written. Writes go through the services (profile_update,
enrollment_submit, ...), so the demo obeys the same rules as real data.

The generator is split into small steps (`_create_*`, `_enroll_*`) so that later parts of the demo
(match runs, relationships) can be added as further steps of `demo_seed`.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from allauth.account.models import EmailAddress

from mentora.accounts.models import User
from mentora.profiles.choices import Cadence, FocusArea, Preference
from mentora.profiles.models import Skill, SkillCategory
from mentora.profiles.services import demographics_update, profile_update, skill_create
from mentora.programs.demo_vocabulary import (
    BUSINESS_AREAS,
    COACH_MOTIVATIONS,
    COACHEE_GOALS,
    COACHEE_REASONS,
    COACHING_CHALLENGES,
    COACHING_STYLES,
    DEMO_ORGANISATION_NAME,
    EMPLOYERS,
    ETHNICITIES,
    FEMININE_NAMES,
    FOCUS_AREAS,
    FREE_TAGS,
    GENDER_OF,
    GENERAL_GOALS,
    GROWTH_SKILLS,
    HOBBIES,
    INDUSTRY_PHRASES,
    JOB_FUNCTION_DETAILS,
    LAST_NAMES,
    LEADERSHIP_SKILLS,
    LINE_MANAGER_LEVELS,
    LOCATIONS,
    MASCULINE_NAMES,
    MATCHING_NOTES,
    MENTEE_SENIORITY,
    MENTOR_SENIORITY,
    MOTIVATION_ADDITIONS,
    MOTIVATIONS,
    NEUTRAL_NAMES,
    ORGANISATION_SKILL,
    PRONOUNS,
    SENIORITY_ORDER,
    SENIORITY_YEARS,
    TECH_FUNCTIONS,
    TIME_OF_DAY,
    TOPICS,
    WHY_MENTOR,
    Employer,
    Location,
)
from mentora.programs.models import Enrollment, Organisation, Program, Question
from mentora.programs.services import (
    enrollment_submit,
    organisation_create,
    program_create,
    program_transition,
    question_create,
)

DEMO_PASSWORD = "mentora-demo"  # noqa: S105 - the published password of the demo accounts
DEMO_URL = "http://127.0.0.1:8000"
DEMO_ORGANISATION_SLUG = "northwind-health-tech"
MENTORING_PROGRAM_NAME = "Northwind Mentoring 2026"
COACHING_PROGRAM_NAME = "Leadership Coaching Pilot"
MENTORING_PROGRAM_SLUG = "northwind-mentoring-2026"
COACHING_PROGRAM_SLUG = "leadership-coaching-pilot"
DEFAULT_SEED = 2026

MANAGER_EMAIL = "manager@demo.mentora.test"
MENTOR_EMAIL = "mentor@demo.mentora.test"
MENTEE_EMAIL = "mentee@demo.mentora.test"
ADMIN_EMAIL = "admin@demo.mentora.test"

# Totals per program, the demo accounts included.
MENTOR_COUNT = 60
MENTEE_COUNT = 150
COACH_COUNT = 6
COACHEE_COUNT = 15


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    name: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("program manager", MANAGER_EMAIL, "Dana Whitfield"),
    DemoAccount("mentor", MENTOR_EMAIL, "Samuel Okafor"),
    DemoAccount("mentee", MENTEE_EMAIL, "Lena Fischer"),
    DemoAccount("site admin", ADMIN_EMAIL, "Site Administrator"),
)


@dataclass
class DemoSummary:
    """What `demo_seed` built, or found already built."""

    created: bool
    organisation: Organisation
    mentoring_program: Program | None
    coaching_program: Program | None
    people: int
    mentors: int
    mentees: int
    coaches: int
    coachees: int
    accounts: tuple[DemoAccount, ...] = DEMO_ACCOUNTS


class Writer(Protocol):
    """Where progress messages go: a command's stdout, sys.stdout, a StringIO."""

    def write(self, text: str, /) -> object: ...


class DemoError(Exception):
    """The demo cannot be built on this database (say why)."""


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


def _in_sentence(skill_name: str) -> str:
    """A skill name as it reads mid-sentence: "machine learning", but "SQL" and "Python"."""
    if skill_name in {"Python", "Java", "Go", "Rust"} or any(c.isupper() for c in skill_name[1:]):
        return skill_name
    return skill_name[0].lower() + skill_name[1:]


def _next_title(job_function: str, seniority: str) -> str:
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


# --- Writing -------------------------------------------------------------------------------------


def demo_log(stdout: Writer | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _sample[T](rng: random.Random, items: Sequence[T], low: int, high: int) -> list[T]:
    return rng.sample(list(items), k=min(len(items), rng.randint(low, high)))


def _verified_account(*, email: str, password: str, **extra: Any) -> User:
    user = User.objects.create_user(email=email, password=password, **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _create_demo_accounts() -> dict[str, User]:
    """The four accounts people log in with, with fixed, hand-written profiles."""
    names = {account.email: account.name for account in DEMO_ACCOUNTS}
    manager = _verified_account(email=MANAGER_EMAIL, password=DEMO_PASSWORD)
    profile_update(
        user=manager,
        display_name=names[MANAGER_EMAIL],
        pronouns="she/her",
        headline="Head of Learning & Development at Northwind Health & Tech",
        bio="I run Northwind's mentoring and coaching programs. Ask me anything about them.",
        organisation=DEMO_ORGANISATION_NAME,
        department="People & Culture",
        job_title="Head of Learning & Development",
        job_function="human_resources",
        industry="healthcare",
        years_experience=16,
        seniority="director",
        location="London, United Kingdom",
        timezone="Europe/London",
        languages=["en", "fr"],
        meeting_formats=["video", "in_person"],
    )
    mentor = _verified_account(email=MENTOR_EMAIL, password=DEMO_PASSWORD)
    profile_update(
        user=mentor,
        display_name=names[MENTOR_EMAIL],
        pronouns="he/him",
        headline="Director of Engineering at Northwind Health & Tech",
        bio=(
            "17 years in software, the last eight in health technology. I started as a tester, "
            "became an engineer, and now lead four teams building our clinical platform. "
            "Outside work I coach a junior football team."
        ),
        organisation=DEMO_ORGANISATION_NAME,
        department="Engineering",
        job_title="Director of Engineering",
        job_function="engineering",
        industry="technology",
        years_experience=17,
        seniority="director",
        location="Manchester, United Kingdom",
        timezone="Europe/London",
        languages=["en", "fr"],
        meeting_formats=["video", "phone", "in_person"],
    )
    mentee = _verified_account(email=MENTEE_EMAIL, password=DEMO_PASSWORD)
    profile_update(
        user=mentee,
        display_name=names[MENTEE_EMAIL],
        pronouns="she/her",
        headline="Senior Data Analyst at Northwind Health & Tech",
        bio=(
            "Six years in analytics, the last three on hospital flow data. I like turning messy "
            "data into something a ward manager can use on a Monday morning."
        ),
        organisation=DEMO_ORGANISATION_NAME,
        department="Data & Insights",
        job_title="Senior Data Analyst",
        job_function="data",
        industry="healthcare",
        years_experience=6,
        seniority="senior",
        location="Berlin, Germany",
        timezone="Europe/Berlin",
        languages=["de", "en"],
        meeting_formats=["video"],
    )
    admin = _verified_account(
        email=ADMIN_EMAIL, password=DEMO_PASSWORD, is_staff=True, is_superuser=True
    )
    profile_update(
        user=admin,
        display_name=names[ADMIN_EMAIL],
        headline="Looks after this Mentora site",
        timezone="Europe/London",
        languages=["en"],
    )
    return {"manager": manager, "mentor": mentor, "mentee": mentee, "admin": admin}


def _create_organisation(*, manager: User) -> Organisation:
    organisation = organisation_create(
        name=DEMO_ORGANISATION_NAME,
        created_by=manager,
        description=(
            "A group of hospitals, clinics and the technology teams that build their software, "
            "running mentoring across its partner network."
        ),
    )
    if organisation.slug != DEMO_ORGANISATION_SLUG:  # pragma: no cover - a naming mistake
        raise DemoError(f"The demo organisation got the slug {organisation.slug!r}.")
    name, category, synonyms = ORGANISATION_SKILL
    skill_create(
        organisation=organisation,
        created_by=manager,
        name=name,
        category=SkillCategory.objects.get(name=category),
        synonyms=synonyms,
    )
    return organisation


def _create_mentoring_program(
    *, organisation: Organisation, manager: User
) -> tuple[Program, dict[str, Question]]:
    program = program_create(
        organisation=organisation,
        created_by=manager,
        name=MENTORING_PROGRAM_NAME,
        description=(
            "Six months of one-to-one mentoring across Northwind and its partners. Mentees bring "
            "a goal; mentors bring time, questions and their own experience. Expect to meet "
            "every two weeks for about an hour."
        ),
        kind=Program.Kind.MENTORING,
        matching_mode=Program.MatchingMode.BOTH,
        expected_duration_weeks=26,
        meeting_cadence=Cadence.FORTNIGHTLY,
        default_mentor_capacity=2,
        max_mentors_per_mentee=2,
    )
    rule = Question.MatchingRule
    both = Question.Audience.BOTH
    questions = {
        "time": question_create(
            program=program,
            created_by=manager,
            text="When do you prefer to meet?",
            kind=Question.Kind.SINGLE_CHOICE,
            choices=TIME_OF_DAY,
            required=True,
            audience=both,
            matching_rule=rule.SHOULD_MATCH,
            weight=2.0,
        ),
        "topics": question_create(
            program=program,
            created_by=manager,
            text="Which topics would you most like to talk about?",
            help_text="Choose up to three.",
            kind=Question.Kind.MULTIPLE_CHOICE,
            choices=TOPICS,
            required=True,
            audience=both,
            matching_rule=rule.SHOULD_MATCH,
            weight=3.0,
        ),
        "structure": question_create(
            program=program,
            created_by=manager,
            text="How structured do you like your conversations to be?",
            help_text="1 = free-flowing, 5 = a clear agenda every time.",
            kind=Question.Kind.SCALE,
            audience=both,
            matching_rule=rule.SHOULD_MATCH,
            weight=1.0,
        ),
        "area": question_create(
            program=program,
            created_by=manager,
            text="Which part of the organisation do you work closest to?",
            help_text="We like pairs to see another part of the business.",
            kind=Question.Kind.SINGLE_CHOICE,
            choices=BUSINESS_AREAS,
            required=True,
            audience=both,
            matching_rule=rule.SHOULD_DIFFER,
            weight=1.5,
        ),
        "notes": question_create(
            program=program,
            created_by=manager,
            text="Is there anything else we should know when matching you?",
            kind=Question.Kind.LONG_TEXT,
            audience=both,
        ),
    }
    program_transition(program=program, to_state=Program.State.OPEN, changed_by=manager)
    return program, questions


def _create_coaching_program(
    *, organisation: Organisation, manager: User
) -> tuple[Program, dict[str, Question]]:
    program = program_create(
        organisation=organisation,
        created_by=manager,
        name=COACHING_PROGRAM_NAME,
        description=(
            "A four-month pilot of leadership coaching for new and recently promoted managers, "
            "with experienced leaders and two accredited external coaches."
        ),
        kind=Program.Kind.COACHING,
        matching_mode=Program.MatchingMode.MANAGER,
        listed=False,
        expected_duration_weeks=16,
        meeting_cadence=Cadence.FORTNIGHTLY,
        default_mentor_capacity=3,
    )
    questions = {
        "style": question_create(
            program=program,
            created_by=manager,
            text="Which coaching style helps you most?",
            kind=Question.Kind.SINGLE_CHOICE,
            choices=COACHING_STYLES,
            required=True,
            matching_rule=Question.MatchingRule.SHOULD_MATCH,
            weight=2.0,
        ),
        "experience": question_create(
            program=program,
            created_by=manager,
            text="How much coaching have you had or given before?",
            help_text="1 = none at all, 5 = a great deal.",
            kind=Question.Kind.SCALE,
            required=True,
        ),
        "challenge": question_create(
            program=program,
            created_by=manager,
            text="Which leadership challenge do you want to bring to the first session?",
            kind=Question.Kind.SHORT_TEXT,
            audience=Question.Audience.MENTEES,
        ),
    }
    program_transition(program=program, to_state=Program.State.OPEN, changed_by=manager)
    return program, questions


def _create_people(*, people: Sequence[PersonPlan], stdout: Writer | None) -> dict[int, User]:
    """Users (who cannot log in) and their profiles; managers are linked once everyone exists."""
    demo_log(stdout, f"Creating {len(people)} people...")
    users = {
        person.index: User.objects.create_user(email=person.email, password=None)
        for person in people
    }
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


def _mentoring_answers(
    rng: random.Random,
    *,
    questions: dict[str, Question],
    job_function: str,
    city: str,
    languages: Sequence[str],
) -> dict[int, Any]:
    topics = _sample(rng, TOPICS, 2, 3)
    answers: dict[int, Any] = {
        questions["time"].pk: rng.choice(TIME_OF_DAY),
        questions["topics"].pk: topics,
        questions["area"].pk: JOB_FUNCTION_DETAILS[job_function].business_area,
    }
    if rng.random() < 0.9:
        answers[questions["structure"].pk] = rng.randint(1, 5)
    if rng.random() < 0.3:
        names = {"es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese"}
        second = next((names[code] for code in languages if code in names), "")
        notes = [note for note in MATCHING_NOTES if second or "{language}" not in note]
        note = rng.choice(notes).format(city=city.split(",")[0], language=second)
        answers[questions["notes"].pk] = note
    return answers


def _mentor_offer(
    rng: random.Random, *, person: PersonPlan, skills: dict[str, Skill]
) -> dict[str, Any]:
    own = _sample(rng, JOB_FUNCTION_DETAILS[person.job_function].skills, 2, 4)
    if person.seniority in LINE_MANAGER_LEVELS:
        cross = _sample(rng, LEADERSHIP_SKILLS, 1, 3)
    else:
        cross = _sample(rng, GROWTH_SKILLS, 1, 2)
    chosen = [skills[name] for name in own + cross]
    if (
        person.employer.name == DEMO_ORGANISATION_NAME
        and person.job_function in {"clinical", "operations"}
        and rng.random() < 0.5
    ):
        chosen.append(skills[ORGANISATION_SKILL[0]])
    motivation = rng.choice(MOTIVATIONS).format(
        industry=INDUSTRY_PHRASES[person.industry], skill=_in_sentence(own[0])
    )
    addition = rng.choice(MOTIVATION_ADDITIONS)
    capacity = rng.choices([1, 2, 3], weights=[25, 50, 25])[0]
    return {
        "skills": chosen,
        "free_tags": _sample(rng, FREE_TAGS, 0, 2),
        "focus_areas": _sample(rng, FOCUS_AREAS, 2, 4),
        "motivation": f"{motivation} {addition}".strip(),
        "capacity": capacity,
        "hours_per_month": capacity * 2 + rng.randint(0, 2),
    }


def _mentee_needs(
    rng: random.Random, *, person: PersonPlan, skills: dict[str, Skill], users: dict[int, User]
) -> dict[str, Any]:
    details = JOB_FUNCTION_DETAILS[person.job_function]
    own = _sample(rng, details.skills, 1, 2)
    growth = _sample(rng, GROWTH_SKILLS, 1, 3)
    if person.seniority in {"senior", "manager"}:
        growth.append(rng.choice(LEADERSHIP_SKILLS))
    templates = [rng.choice(details.goals), *_sample(rng, GENERAL_GOALS, 0, 2)]
    goals = [
        t.format(
            skill=_in_sentence(own[0]),
            next_title=_next_title(person.job_function, person.seniority),
        )
        for t in templates[: rng.randint(1, 3)]
    ]
    why = rng.choice(WHY_MENTOR).format(
        years=max(person.years_experience, 2),
        skill=_in_sentence(growth[0]),
        city=person.location.city.split(",")[0],
    )
    preferences = list(Preference.values)
    avoid: list[User] = []
    if rng.random() < 0.03:
        colleagues = [
            users[i]
            for i in sorted(users)
            if i != person.index and users[i].email.endswith("@" + person.employer.domain)
        ]
        if colleagues:
            avoid.append(rng.choice(colleagues))
    return {
        "skills": [skills[name] for name in own + growth],
        "career_goals": goals,
        "why_mentor": why,
        "focus_areas": _sample(rng, FOCUS_AREAS, 1, 3),
        "meeting_cadence": rng.choices(
            [Cadence.MONTHLY, Cadence.FORTNIGHTLY, Cadence.WEEKLY, Cadence.QUARTERLY],
            weights=[45, 40, 10, 5],
        )[0],
        "organisation_preference": rng.choices(preferences, weights=[70, 10, 20])[0],
        "industry_preference": rng.choices(preferences, weights=[75, 15, 10])[0],
        "job_function_preference": rng.choices(preferences, weights=[70, 20, 10])[0],
        "people_to_avoid": avoid,
    }


def _enroll_demo_accounts(
    *,
    program: Program,
    questions: dict[str, Question],
    accounts: dict[str, User],
    skills: dict[str, Skill],
) -> None:
    """The demo mentor and mentee, with hand-written answers so the pages read well."""
    enrollment_submit(
        program=program,
        user=accounts["mentor"],
        role=Enrollment.Role.MENTOR,
        answers={
            questions["time"].pk: "Around lunchtime",
            questions["topics"].pk: ["Leadership", "Career progression", "Technical depth"],
            questions["structure"].pk: 3,
            questions["area"].pk: "Technology and data",
        },
        mentor_offer={
            "skills": [
                skills[name]
                for name in (
                    "Software architecture",
                    "People management",
                    "Hiring and interviewing",
                    "Career planning",
                    "Public speaking",
                )
            ],
            "free_tags": ["career changer", "working parent"],
            "focus_areas": [FocusArea.CAREER_ADVANCEMENT, FocusArea.SKILL_BUILDING],
            "motivation": (
                "I started as a manual tester with no degree in computing. Two mentors changed "
                "the course of my career, and I'd like to do the same for someone else."
            ),
            "capacity": 2,
            "hours_per_month": 4,
        },
        bypass_window=True,
    )
    enrollment_submit(
        program=program,
        user=accounts["mentee"],
        role=Enrollment.Role.MENTEE,
        answers={
            questions["time"].pk: "Around lunchtime",
            questions["topics"].pk: ["Leadership", "Confidence and visibility"],
            questions["structure"].pk: 4,
            questions["area"].pk: "Patient care",
            questions["notes"].pk: "I'm in Berlin, so mornings UK time work best for calls.",
        },
        mentee_needs={
            "skills": [
                skills[name]
                for name in ("Machine learning", "Storytelling", "Public speaking", "Delegation")
            ],
            "career_goals": [
                "Step into my first team-lead role within a year.",
                "Present our patient-flow work to the executive board.",
                "Learn enough machine learning to judge when it is worth using.",
            ],
            "why_mentor": (
                "I've been the only analyst on my ward projects for three years. I'd like "
                "someone who has led a team to help me prepare for doing it myself."
            ),
            "focus_areas": [FocusArea.CAREER_ADVANCEMENT, FocusArea.ENCOURAGEMENT],
            "meeting_cadence": Cadence.FORTNIGHTLY,
            "job_function_preference": Preference.DIFFERENT,
        },
        bypass_window=True,
    )


def _enroll_mentoring(
    rng: random.Random,
    *,
    program: Program,
    questions: dict[str, Question],
    people: Sequence[PersonPlan],
    users: dict[int, User],
    skills: dict[str, Skill],
    stdout: Writer | None,
) -> None:
    demo_log(stdout, f"Enrolling them in {program.name}...")
    for person in people:
        answers = _mentoring_answers(
            rng,
            questions=questions,
            job_function=person.job_function,
            city=person.location.city,
            languages=person.languages,
        )
        if person.role == "mentor":
            enrollment_submit(
                program=program,
                user=users[person.index],
                role=Enrollment.Role.MENTOR,
                answers=answers,
                mentor_offer=_mentor_offer(rng, person=person, skills=skills),
                bypass_window=True,
            )
        else:
            enrollment_submit(
                program=program,
                user=users[person.index],
                role=Enrollment.Role.MENTEE,
                answers=answers,
                mentee_needs=_mentee_needs(rng, person=person, skills=skills, users=users),
                bypass_window=True,
            )


def _create_external_coaches(rng: random.Random) -> list[User]:
    """Two accredited coaches from outside the organisation's network."""
    coaches = []
    for email, name, city, bio in (
        (
            "ruth.adeyemi@coaching.example",
            "Ruth Adeyemi",
            "London, United Kingdom",
            "Executive coach for twelve years, formerly a hospital operations director.",
        ),
        (
            "mathieu.laurent@coaching.example",
            "Mathieu Laurent",
            "Paris, France",
            "Leadership coach working with first-time managers in technology and healthcare.",
        ),
    ):
        location = LOCATIONS[city]
        user = User.objects.create_user(email=email, password=None)
        profile_update(
            user=user,
            display_name=name,
            headline="Accredited executive coach",
            bio=bio,
            organisation="Independent",
            job_title="Executive Coach",
            job_function="human_resources",
            industry="consulting",
            years_experience=rng.randint(10, 20),
            seniority="executive",
            location=city,
            timezone=location.timezone,
            languages=list(dict.fromkeys(["en", *location.languages])),
            meeting_formats=["video", "phone"],
        )
        coaches.append(user)
    return coaches


def _enroll_coaching(
    rng: random.Random,
    *,
    program: Program,
    questions: dict[str, Question],
    people: Sequence[PersonPlan],
    users: dict[int, User],
    accounts: dict[str, User],
    skills: dict[str, Skill],
    stdout: Writer | None,
) -> None:
    """Senior leaders and external coaches as coaches; new managers as coachees."""
    demo_log(stdout, f"Enrolling coaches and coachees in {program.name}...")
    leaders = [p for p in people if p.role == "mentor" and p.seniority in {"director", "executive"}]
    internal = rng.sample(leaders, k=COACH_COUNT - 2)
    coaches = [users[p.index] for p in internal] + _create_external_coaches(rng)
    coach_ids = {user.pk for user in coaches}
    candidates = [
        p
        for p in people
        if p.seniority in {"senior", "lead", "manager"} and users[p.index].pk not in coach_ids
    ]
    coachees = [users[p.index] for p in rng.sample(candidates, k=COACHEE_COUNT - 1)]
    coachees.append(accounts["mentee"])

    def answers(*, coachee: bool) -> dict[int, Any]:
        given: dict[int, Any] = {
            questions["style"].pk: rng.choice(COACHING_STYLES),
            questions["experience"].pk: rng.randint(1, 3) if coachee else rng.randint(4, 5),
        }
        if coachee and rng.random() < 0.8:
            given[questions["challenge"].pk] = rng.choice(COACHING_CHALLENGES)
        return given

    for coach in coaches:
        capacity = rng.randint(2, 3)
        enrollment_submit(
            program=program,
            user=coach,
            role=Enrollment.Role.MENTOR,
            answers=answers(coachee=False),
            mentor_offer={
                "skills": [skills[n] for n in _sample(rng, LEADERSHIP_SKILLS, 3, 5)],
                "focus_areas": _sample(rng, FOCUS_AREAS, 2, 3),
                "motivation": rng.choice(COACH_MOTIVATIONS),
                "capacity": capacity,
                "hours_per_month": capacity * 2,
            },
            bypass_window=True,
        )
    for coachee in coachees:
        enrollment_submit(
            program=program,
            user=coachee,
            role=Enrollment.Role.MENTEE,
            answers=answers(coachee=True),
            mentee_needs={
                "skills": [skills[n] for n in _sample(rng, LEADERSHIP_SKILLS, 2, 3)],
                "career_goals": _sample(rng, COACHEE_GOALS, 1, 2),
                "why_mentor": rng.choice(COACHEE_REASONS),
                "focus_areas": [FocusArea.SKILL_BUILDING, FocusArea.ENCOURAGEMENT],
                "meeting_cadence": Cadence.FORTNIGHTLY,
            },
            bypass_window=True,
        )


def _add_demographics(
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


# --- Entry point ---------------------------------------------------------------------------------


def demo_summary(*, organisation: Organisation, created: bool) -> DemoSummary:
    """What the demo holds: its organisation, programs and how many people in each role."""
    # Looked up by slug, which renaming a program keeps; a deleted program counts as empty.
    programs = organisation.programs.all()
    mentoring = programs.filter(slug=MENTORING_PROGRAM_SLUG).first()
    coaching = programs.filter(slug=COACHING_PROGRAM_SLUG).first()

    def count(program: Program | None, role: str) -> int:
        if program is None:
            return 0
        return program.enrollments.filter(role=role, status=Enrollment.Status.ACTIVE).count()

    return DemoSummary(
        created=created,
        organisation=organisation,
        mentoring_program=mentoring,
        coaching_program=coaching,
        people=User.objects.filter(enrollments__program__organisation=organisation)
        .distinct()
        .count(),
        mentors=count(mentoring, Enrollment.Role.MENTOR),
        mentees=count(mentoring, Enrollment.Role.MENTEE),
        coaches=count(coaching, Enrollment.Role.MENTOR),
        coachees=count(coaching, Enrollment.Role.MENTEE),
    )


def programs_demo_seed(*, rng: random.Random, stdout: Writer | None = None) -> list[Program]:
    """Create the demo accounts, organisation, programs and enrolled people (inside the site's
    transaction); returns the programs for the other apps' demo parts."""
    accounts = _create_demo_accounts()
    organisation = _create_organisation(manager=accounts["manager"])
    skills = {s.name: s for s in Skill.objects.filter(organisation__isnull=True)}
    skills.update({s.name: s for s in organisation.skills.all()})
    mentoring, mentoring_questions = _create_mentoring_program(
        organisation=organisation, manager=accounts["manager"]
    )
    coaching, coaching_questions = _create_coaching_program(
        organisation=organisation, manager=accounts["manager"]
    )
    people = demo_plan_people(rng=rng, mentors=MENTOR_COUNT - 1, mentees=MENTEE_COUNT - 1)
    users = _create_people(people=people, stdout=stdout)
    _enroll_demo_accounts(
        program=mentoring, questions=mentoring_questions, accounts=accounts, skills=skills
    )
    _enroll_mentoring(
        rng,
        program=mentoring,
        questions=mentoring_questions,
        people=people,
        users=users,
        skills=skills,
        stdout=stdout,
    )
    _enroll_coaching(
        rng,
        program=coaching,
        questions=coaching_questions,
        people=people,
        users=users,
        accounts=accounts,
        skills=skills,
        stdout=stdout,
    )
    _add_demographics(rng, people=people, users=users)
    return [mentoring, coaching]
