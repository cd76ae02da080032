"""People for the finding tests, built on the shared personas (a self-service-capable program)."""

from __future__ import annotations

from typing import Any

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.testing import make_person


def add_mentor(
    program: Program, email: str, name: str, *, capacity: int = 2, **profile: Any
) -> User:
    user = make_person(email, name, **profile)
    enrollment_submit(
        program=program,
        user=user,
        role=Enrollment.Role.MENTOR,
        answers={},
        mentor_offer={"capacity": capacity, "motivation": "I enjoy helping people grow."},
    )
    return user


def add_mentee(program: Program, email: str, name: str, **profile: Any) -> User:
    user = make_person(email, name, **profile)
    enrollment_submit(
        program=program,
        user=user,
        role=Enrollment.Role.MENTEE,
        answers={},
        mentee_needs={"career_goals": ["Grow into a leadership role"]},
    )
    return user


@pytest.fixture
def other_mentee(program: Program) -> User:
    return add_mentee(program, "mentee2@example.org", "Nina Second")


@pytest.fixture
def second_mentor(program: Program) -> User:
    return add_mentor(program, "mentor2@example.org", "Pia Second", industry="technology")
