"""Participants for the matching tests: mentors and mentees enrolled through the services."""

from __future__ import annotations

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.testing import make_person


def add_mentor(program: Program, email: str, **offer: object) -> User:
    user = make_person(email, email.split("@")[0].title(), industry="healthcare")
    offer.setdefault("capacity", 2)
    offer.setdefault("motivation", "I enjoy helping people grow.")
    enrollment_submit(
        program=program, user=user, role=Enrollment.Role.MENTOR, answers={}, mentor_offer=offer
    )
    return user


def add_mentee(program: Program, email: str, **needs: object) -> User:
    user = make_person(email, email.split("@")[0].title(), industry="healthcare")
    needs.setdefault("career_goals", ["Grow into a team lead"])
    enrollment_submit(
        program=program, user=user, role=Enrollment.Role.MENTEE, answers={}, mentee_needs=needs
    )
    return user


def populate(
    program: Program,
    *,
    mentors: int,
    mentees: int,
    capacity: int = 2,
    skills: tuple[str, ...] = ("Python",),
) -> None:
    """Enroll numbered mentors and mentees (mentor0@..., mentee0@...).

    Browser tests pass `skills=()`: their transactional database has no seeded taxonomy.
    """
    for i in range(mentors):
        add_mentor(program, f"mentor{i}@example.org", capacity=capacity, skills=list(skills))
    for i in range(mentees):
        add_mentee(program, f"mentee{i}@example.org", skills=list(skills))
