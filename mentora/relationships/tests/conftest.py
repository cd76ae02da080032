"""Relationships built from the shared personas: a mentoring pair and a coaching pair.

The builders live in `mentora.testing.relationships`; this file only turns them into fixtures.
"""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Organisation, Program
from mentora.relationships.models import Relationship
from mentora.testing.relationships import (
    coach_enrolled,
    coachee_enrolled,
    coaching_program_create,
    cultivate,
    pair,
)


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
    return coach_enrolled(coaching_program)


@pytest.fixture
def coachee(coaching_program: Program, mentee: User) -> User:
    """The mentee of the mentoring program is also coached: a coach alongside a mentor."""
    return coachee_enrolled(coaching_program, mentee)


@pytest.fixture
def coaching(coaching_program: Program, manager: User, coach: User, coachee: User) -> Relationship:
    return cultivate(pair(coaching_program, mentor=coach, mentee=coachee, by=manager))
