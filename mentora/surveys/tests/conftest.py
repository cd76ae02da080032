"""Survey fixtures: a relationship between the shared personas (builders: testing.surveys)."""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.programs.services import program_create
from mentora.relationships.models import Relationship
from mentora.relationships.services import relationship_create
from mentora.testing import enroll, make_person


@pytest.fixture
def relationship(program: Program, manager: User, mentor: User, mentee: User) -> Relationship:
    return relationship_create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        created_by=manager,
        origin=Relationship.Origin.MANAGER_PAIR,
    )


@pytest.fixture
def coaching(organisation: Organisation, manager: User, mentee: User) -> Relationship:
    """A coach of a coaching program for the mentee persona (a coach alongside a mentor)."""
    program = program_create(
        organisation=organisation,
        created_by=manager,
        name="Acme Coaching",
        kind=Program.Kind.COACHING,
    )
    program.state = Program.State.OPEN
    program.save(update_fields=["state"])
    coach = make_person("coach@example.org", "Carla Coach", timezone="America/New_York")
    enroll(program, coach, Enrollment.Role.MENTOR, capacity=3)
    enroll(program, mentee, Enrollment.Role.MENTEE)
    return relationship_create(
        program=program,
        mentor=coach,
        mentee=mentee,
        created_by=manager,
        origin=Relationship.Origin.MANAGER_PAIR,
    )
