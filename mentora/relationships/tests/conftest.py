"""Relationships built from the shared personas: a mentoring pair and a coaching pair."""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.programs.services import enrollment_submit, program_create
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.services import (
    agreement_confirm,
    agreement_save,
    relationship_create,
)
from mentora.testing import make_person


@pytest.fixture
def relationship(program: Program, manager: User, mentor: User, mentee: User) -> Relationship:
    return relationship_create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        created_by=manager,
        origin=Relationship.Origin.MANAGER_PAIR,
    )


def cultivate(relationship: Relationship) -> Relationship:
    """Both confirm an agreement: the pair enters cultivation."""
    agreement_save(relationship=relationship, by=relationship.mentee, goals="Grow as a leader")
    agreement_confirm(relationship=relationship, by=relationship.mentee)
    agreement_confirm(relationship=relationship, by=relationship.mentor)
    relationship.refresh_from_db()
    assert relationship.stage == Stage.CULTIVATION
    return relationship


@pytest.fixture
def cultivating(relationship: Relationship) -> Relationship:
    return cultivate(relationship)


@pytest.fixture
def coaching_program(organisation: Organisation, manager: User) -> Program:
    program = program_create(
        organisation=organisation,
        created_by=manager,
        name="Acme Coaching",
        kind=Program.Kind.COACHING,
    )
    program.state = Program.State.OPEN
    program.save(update_fields=["state"])
    return program


@pytest.fixture
def coach(coaching_program: Program) -> User:
    user = make_person("coach@example.org", "Carla Coach", timezone="America/New_York")
    enrollment_submit(
        program=coaching_program,
        user=user,
        role=Enrollment.Role.MENTOR,
        answers={},
        mentor_offer={"capacity": 3},
    )
    return user


@pytest.fixture
def coachee(coaching_program: Program, mentee: User) -> User:
    """The mentee of the mentoring program is also coached: a coach alongside a mentor."""
    enrollment_submit(
        program=coaching_program, user=mentee, role=Enrollment.Role.MENTEE, answers={}
    )
    return mentee


@pytest.fixture
def coaching(coaching_program: Program, manager: User, coach: User, coachee: User) -> Relationship:
    relationship = relationship_create(
        program=coaching_program,
        mentor=coach,
        mentee=coachee,
        created_by=manager,
        origin=Relationship.Origin.MANAGER_PAIR,
    )
    return cultivate(relationship)


def enroll(program: Program, email: str, name: str, role: str, **side: object) -> User:
    user = make_person(email, name)
    kwargs: dict[str, object] = {}
    if role == Enrollment.Role.MENTOR:
        kwargs["mentor_offer"] = side or {"capacity": 2}
    enrollment_submit(program=program, user=user, role=role, answers={}, **kwargs)  # type: ignore[arg-type]
    return user
