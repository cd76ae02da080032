"""The programs app's part of the demo: accounts, organisation, programs and enrolled people."""

from __future__ import annotations

import random

from mentora.accounts.models import User
from mentora.profiles.models import Skill
from mentora.programs.demo.accounts import (
    COACHING_PROGRAM_SLUG,
    MENTEE_COUNT,
    MENTOR_COUNT,
    MENTORING_PROGRAM_SLUG,
    DemoSummary,
    Writer,
    create_demo_accounts,
)
from mentora.programs.demo.enrolling import (
    enroll_coaching,
    enroll_demo_accounts,
    enroll_mentoring,
)
from mentora.programs.demo.people import (
    add_demographics,
    create_people,
    demo_plan_people,
)
from mentora.programs.demo.programs import (
    create_coaching_program,
    create_mentoring_program,
    create_organisation,
)
from mentora.programs.models import Enrollment, Organisation, Program

# --- Entry point ---------------------------------------------------------------------------------


def demo_summary(*, organisation: Organisation, created: bool) -> DemoSummary:
    """What the demo holds: its organisation, programs and how many people in each role."""
    # Looked up by slug, which renaming a program keeps; a deleted program counts as empty.
    programs = organisation.programs.all()
    mentoring = programs.filter(slug=MENTORING_PROGRAM_SLUG).first()
    coaching = programs.filter(slug=COACHING_PROGRAM_SLUG).first()

    def count(program: Program | None, role: str) -> int:
        if program is None:
            return 0
        return program.enrollments.filter(role=role, status=Enrollment.Status.ACTIVE).count()

    return DemoSummary(
        created=created,
        organisation=organisation,
        mentoring_program=mentoring,
        coaching_program=coaching,
        people=User.objects.filter(enrollments__program__organisation=organisation)
        .distinct()
        .count(),
        mentors=count(mentoring, Enrollment.Role.MENTOR),
        mentees=count(mentoring, Enrollment.Role.MENTEE),
        coaches=count(coaching, Enrollment.Role.MENTOR),
        coachees=count(coaching, Enrollment.Role.MENTEE),
    )


def programs_demo_seed(*, rng: random.Random, stdout: Writer | None = None) -> list[Program]:
    """Create the demo accounts, organisation, programs and enrolled people (inside the site's
    transaction); returns the programs for the other apps' demo parts."""
    accounts = create_demo_accounts()
    organisation = create_organisation(manager=accounts["manager"], admin=accounts["admin"])
    skills = {s.name: s for s in Skill.objects.filter(organisation__isnull=True)}
    skills.update({s.name: s for s in organisation.skills.all()})
    mentoring, mentoring_questions = create_mentoring_program(
        organisation=organisation, manager=accounts["manager"]
    )
    coaching, coaching_questions = create_coaching_program(
        organisation=organisation, manager=accounts["manager"]
    )
    people = demo_plan_people(rng=rng, mentors=MENTOR_COUNT - 1, mentees=MENTEE_COUNT - 1)
    users = create_people(people=people, stdout=stdout)
    enroll_demo_accounts(
        program=mentoring, questions=mentoring_questions, accounts=accounts, skills=skills
    )
    enroll_mentoring(
        rng,
        program=mentoring,
        questions=mentoring_questions,
        people=people,
        users=users,
        skills=skills,
        stdout=stdout,
    )
    enroll_coaching(
        rng,
        program=coaching,
        questions=coaching_questions,
        people=people,
        users=users,
        accounts=accounts,
        skills=skills,
        stdout=stdout,
    )
    add_demographics(rng, people=people, users=users)
    return [mentoring, coaching]
