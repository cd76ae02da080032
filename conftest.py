"""Shared personas for every test: a manager, a mentor, a mentee, and an outsider."""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.profiles.services import profile_update
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.programs.services import enrollment_submit, organisation_create, program_create

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test persona's password


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests (browser, concurrency) empty every table when they end, including
    what data migrations loaded (the skills taxonomy, the built-in surveys). Restore it for the
    tests that follow them by asking for Django's serialized rollback."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if marker.kwargs.get("serialized_rollback"):
            continue
        kwargs = {**marker.kwargs, "serialized_rollback": True}
        item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


def make_person(email: str, name: str, **profile: object) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    profile.setdefault("timezone", "Europe/London")
    profile.setdefault("languages", ["en"])
    profile_update(user=user, display_name=name, **profile)  # type: ignore[arg-type]
    return user


@pytest.fixture
def manager(db: None) -> User:
    return make_person("manager@example.org", "Maria Manager", job_title="HR lead")


@pytest.fixture
def organisation(manager: User) -> Organisation:
    return organisation_create(name="Acme Health", created_by=manager)


@pytest.fixture
def program(organisation: Organisation, manager: User) -> Program:
    program = program_create(
        organisation=organisation, created_by=manager, name="Acme Mentoring 2026"
    )
    program.state = Program.State.OPEN
    program.save(update_fields=["state"])
    return program


@pytest.fixture
def mentor(program: Program) -> User:
    user = make_person(
        "mentor@example.org", "Otto Mentor", industry="healthcare", years_experience=15
    )
    enrollment_submit(
        program=program,
        user=user,
        role=Enrollment.Role.MENTOR,
        answers={},
        mentor_offer={"capacity": 2, "motivation": "I like helping people grow."},
    )
    return user


@pytest.fixture
def mentee(program: Program) -> User:
    user = make_person(
        "mentee@example.org", "Mina Mentee", industry="healthcare", years_experience=2
    )
    enrollment_submit(
        program=program,
        user=user,
        role=Enrollment.Role.MENTEE,
        answers={},
        mentee_needs={"career_goals": ["Lead a team within two years"]},
    )
    return user


@pytest.fixture
def outsider(db: None) -> User:
    """Someone with an account who belongs to nothing above and must see none of it."""
    return make_person("outsider@example.org", "Olga Outsider")


@pytest.fixture
def other_organisation_program(db: None) -> Program:
    """A program of another organisation with its own manager."""
    other_manager = make_person("other-manager@example.org", "Oscar Other")
    organisation = organisation_create(name="Globex Learning", created_by=other_manager)
    return program_create(
        organisation=organisation, created_by=other_manager, name="Globex Coaching"
    )
