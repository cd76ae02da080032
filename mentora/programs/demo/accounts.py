"""The demo's fixed accounts (the ones people log in with), its names and its summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from allauth.account.models import EmailAddress

from mentora.accounts.models import User
from mentora.profiles.services import profile_update
from mentora.programs.demo.vocabulary import (
    DEMO_ORGANISATION_NAME,
)
from mentora.programs.models import Organisation, Program

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


def demo_log(stdout: Writer | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _verified_account(*, email: str, password: str, **extra: Any) -> User:
    user = User.objects.create_user(email=email, password=password, **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def create_demo_accounts() -> dict[str, User]:
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
