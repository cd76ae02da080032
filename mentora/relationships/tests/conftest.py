"""Relationships built from the shared personas: a mentoring pair and a coaching pair.

The builders live in `mentora.testing.relationships`; this file only turns them into fixtures.
"""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.programs.services import enrollment_submit
from mentora.relationships.models import Relationship
from mentora.testing import make_person
from mentora.testing.relationships import coaching_program_create, cultivate, pair


@pytest.fixture
def relationship(program: Program, manager: User, mentor: User, mentee: User) -> Relationship:
    return pair(program, mentor=mentor, mentee=mentee, by=manager)


@pytest.fixture
def cultivating(relationship: Relationship) -> Relationship:
    return cultivate(relationship)


@pytest.fixture
def coaching_program(organisation: Organisation, manager: User) -> Program:
    return coaching_program_create(organisation, manager)


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
    return cultivate(pair(coaching_program, mentor=coach, mentee=coachee, by=manager))
