"""Builders for relationship tests: enrolled people, pairs, a coaching program, and a pair walked
to any stage through the same services the two people use (never around the lifecycle's gates).
"""

from __future__ import annotations

from typing import Any

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.programs.services import enrollment_submit, program_create
from mentora.relationships.demo import relationship_walk_to
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.services import relationship_create
from mentora.testing import make_person

__all__ = [
    "coach_enrolled",
    "coachee_enrolled",
    "coaching_pair",
    "coaching_program_create",
    "coaching_relationship",
    "cultivate",
    "enrolled_person",
    "pair",
    "walk_to",
]


def enrolled_person(program: Program, email: str, name: str, role: str, **side: Any) -> User:
    """A new person enrolled in the program in one role (a mentor offers two places unless told)."""
    user = make_person(email, name)
    if role == Enrollment.Role.MENTOR:
        enrollment_submit(
            program=program, user=user, role=role, answers={}, mentor_offer=side or {"capacity": 2}
        )
    else:
        enrollment_submit(program=program, user=user, role=role, answers={})
    return user


def pair(
    program: Program, *, mentor: User, mentee: User, by: User, needs_acceptance: bool = False
) -> Relationship:
    """A manager pairs a mentor and a mentee of the program."""
    return relationship_create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        created_by=by,
        origin=Relationship.Origin.MANAGER_PAIR,
        needs_acceptance=needs_acceptance,
    )


def walk_to(relationship: Relationship, stage: str) -> Relationship:
    """Walk the pair forward to `stage` as both people would (agreement, separation, new terms)."""
    return relationship_walk_to(relationship=relationship, stage=stage)


def cultivate(relationship: Relationship) -> Relationship:
    """Both confirm an agreement: the pair enters cultivation."""
    walk_to(relationship, Stage.CULTIVATION)
    assert relationship.stage == Stage.CULTIVATION
    return relationship


def coaching_program_create(organisation: Organisation, manager: User) -> Program:
    """An open coaching program of the organisation."""
    program = program_create(
        organisation=organisation,
        created_by=manager,
        name="Acme Coaching",
        kind=Program.Kind.COACHING,
    )
    program.state = Program.State.OPEN
    program.save(update_fields=["state"])
    return program


def coach_enrolled(program: Program) -> User:
    """Carla, a coach in New York with three places."""
    user = make_person("coach@example.org", "Carla Coach", timezone="America/New_York")
    enrollment_submit(
        program=program,
        user=user,
        role=Enrollment.Role.MENTOR,
        answers={},
        mentor_offer={"capacity": 3},
    )
    return user


def coachee_enrolled(program: Program, person: User) -> User:
    """A person (often the mentoring program's mentee) enrolled to be coached too."""
    enrollment_submit(program=program, user=person, role=Enrollment.Role.MENTEE, answers={})
    return person


def coaching_pair(organisation: Organisation, manager: User, mentee: User) -> Relationship:
    """A new coaching pair (in initiation): Carla coaches the mentee, alongside their mentor."""
    program = coaching_program_create(organisation, manager)
    coach = coach_enrolled(program)
    coachee = coachee_enrolled(program, mentee)
    return pair(program, mentor=coach, mentee=coachee, by=manager)


def coaching_relationship(organisation: Organisation, manager: User, mentee: User) -> Relationship:
    """A coaching pair in cultivation: Carla coaches the mentee, alongside their mentor."""
    return cultivate(coaching_pair(organisation, manager, mentee))
