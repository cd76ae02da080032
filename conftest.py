"""Shared personas for every test: a manager, a mentor, a mentee, and an outsider."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection
from pytest_django.fixtures import Settings
from pytest_django.plugin import blocking_manager_key
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.programs.services import enrollment_submit, program_create
from mentora.testing import make_person, restore_data_migrations
from mentora.testing.programs import make_organisation
from mentora.testing.world import World, build_world

TEST_DATABASE = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, request: pytest.FixtureRequest) -> Iterator[None]:
    """pytest-django's test databases, remembering the test database's name while it exists."""
    request.config.stash[TEST_DATABASE] = str(connection.settings_dict["NAME"])
    yield
    del request.config.stash[TEST_DATABASE]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """A transactional test (browser, concurrency) empties every table when it ends, including
    the skills taxonomy and the built-in surveys: put them back for the tests that follow."""
    result = yield
    marker = item.get_closest_marker("django_db")
    # After the last test the test databases are already gone: never write anywhere then.
    if nextitem is not None and marker is not None and marker.kwargs.get("transaction"):
        test_database = item.config.stash.get(TEST_DATABASE, None)
        if test_database is not None and connection.settings_dict["NAME"] == test_database:
            with item.config.stash[blocking_manager_key].unblock():
                restore_data_migrations()
    return result


@pytest.fixture(autouse=True)
def postgres_only(request: pytest.FixtureRequest) -> None:
    """Skip a test marked `postgres` on SQLite, which serialises every write (CI runs them with
    DATABASE_URL pointing at PostgreSQL)."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture
def world(settings: Settings, tmp_path: Path, db: None) -> World:
    """A world with a row in every table and its files in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return build_world()


@pytest.fixture
def manager(db: None) -> User:
    return make_person("manager@example.org", "Maria Manager", job_title="HR lead")


@pytest.fixture
def organisation(manager: User) -> Organisation:
    """Acme Health, created by site staff with the manager as its first program manager."""
    return make_organisation("Acme Health", manager=manager)


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
    organisation = make_organisation("Globex Learning", manager=other_manager)
    return program_create(
        organisation=organisation, created_by=other_manager, name="Globex Coaching"
    )


@pytest.fixture
def anonymous() -> APIClient:
    """An API client nobody has signed in with."""
    return APIClient()


@pytest.fixture
def api_as() -> Callable[[User], APIClient]:
    """An API client signed in (by session) as the given person."""

    def client_for(user: User) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    return client_for
