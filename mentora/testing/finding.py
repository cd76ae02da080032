"""Builders for the finding tests: mentors and mentees of a self-service-capable program."""

from __future__ import annotations

from typing import Any

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.testing import make_person


def add_mentor(
    program: Program, email: str, name: str, *, capacity: int = 2, **profile: Any
) -> User:
    """A mentor of the program with a stated motivation and `capacity` places."""
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
    """A mentee of the program who wants to grow into a leadership role."""
    user = make_person(email, name, **profile)
    enrollment_submit(
        program=program,
        user=user,
        role=Enrollment.Role.MENTEE,
        answers={},
        mentee_needs={"career_goals": ["Grow into a leadership role"]},
    )
    return user
