"""The demo organisation (created by the site admin for the demo manager, with verified email
domains so its people are members) and its two programs with their questionnaires."""

from __future__ import annotations

from mentora.accounts.models import User
from mentora.profiles.choices import Cadence
from mentora.profiles.models import SkillCategory
from mentora.programs.demo.accounts import (
    ADMIN_EMAIL,
    COACHING_PROGRAM_NAME,
    DEMO_ORGANISATION_SLUG,
    MENTORING_PROGRAM_NAME,
    DemoError,
)
from mentora.programs.demo.vocabulary import (
    BUSINESS_AREAS,
    COACHING_STYLES,
    DEMO_ORGANISATION_NAME,
    EMPLOYERS,
    ORGANISATION_SKILL,
    TIME_OF_DAY,
    TOPICS,
)
from mentora.programs.models import Organisation, Program, Question
from mentora.programs.services import (
    organisation_create,
    organisation_domain_add,
    organisation_domain_verify,
    organisation_skill_create,
    program_create,
    program_transition,
    question_create,
)

# The demo's own accounts, Northwind's and its partner network's domains: their people belong.
DEMO_DOMAINS = (ADMIN_EMAIL.rsplit("@", 1)[1], *(employer.domain for employer in EMPLOYERS))


def create_organisation(*, manager: User, admin: User) -> Organisation:
    """The site admin creates the organisation for its manager (only site staff may, by default)
    and verifies the email domains of Northwind and its partners, so that everyone with a
    verified address there is a member."""
    organisation = organisation_create(
        name=DEMO_ORGANISATION_NAME,
        created_by=admin,
        first_manager=manager,
        description=(
            "A group of hospitals, clinics and the technology teams that build their software, "
            "running mentoring across its partner network."
        ),
    )
    if organisation.slug != DEMO_ORGANISATION_SLUG:  # pragma: no cover - a naming mistake
        raise DemoError(f"The demo organisation got the slug {organisation.slug!r}.")
    for domain in DEMO_DOMAINS:
        organisation_domain_verify(
            domain=organisation_domain_add(
                organisation=organisation, domain=domain, added_by=admin
            ),
            verified_by=admin,
        )
    name, category, synonyms = ORGANISATION_SKILL
    organisation_skill_create(
        organisation=organisation,
        created_by=manager,
        name=name,
        category=SkillCategory.objects.get(name=category),
        synonyms=synonyms,
    )
    return organisation


def create_mentoring_program(
    *, organisation: Organisation, manager: User
) -> tuple[Program, dict[str, Question]]:
    program = program_create(
        organisation=organisation,
        created_by=manager,
        name=MENTORING_PROGRAM_NAME,
        description=(
            "Six months of one-to-one mentoring across Northwind and its partners. Mentees bring "
            "a goal; mentors bring time, questions and their own experience. Expect to meet "
            "every two weeks for about an hour."
        ),
        kind=Program.Kind.MENTORING,
        matching_mode=Program.MatchingMode.BOTH,
        expected_duration_weeks=26,
        meeting_cadence=Cadence.FORTNIGHTLY,
        default_mentor_capacity=2,
        max_mentors_per_mentee=2,
    )
    rule = Question.MatchingRule
    both = Question.Audience.BOTH
    questions = {
        "time": question_create(
            program=program,
            created_by=manager,
            text="When do you prefer to meet?",
            kind=Question.Kind.SINGLE_CHOICE,
            choices=TIME_OF_DAY,
            required=True,
            audience=both,
            matching_rule=rule.SHOULD_MATCH,
            weight=2.0,
        ),
        "topics": question_create(
            program=program,
            created_by=manager,
            text="Which topics would you most like to talk about?",
            help_text="Choose up to three.",
            kind=Question.Kind.MULTIPLE_CHOICE,
            choices=TOPICS,
            required=True,
            audience=both,
            matching_rule=rule.SHOULD_MATCH,
            weight=3.0,
        ),
        "structure": question_create(
            program=program,
            created_by=manager,
            text="How structured do you like your conversations to be?",
            help_text="1 = free-flowing, 5 = a clear agenda every time.",
            kind=Question.Kind.SCALE,
            audience=both,
            matching_rule=rule.SHOULD_MATCH,
            weight=1.0,
        ),
        "area": question_create(
            program=program,
            created_by=manager,
            text="Which part of the organisation do you work closest to?",
            help_text="We like pairs to see another part of the business.",
            kind=Question.Kind.SINGLE_CHOICE,
            choices=BUSINESS_AREAS,
            required=True,
            audience=both,
            matching_rule=rule.SHOULD_DIFFER,
            weight=1.5,
        ),
        "notes": question_create(
            program=program,
            created_by=manager,
            text="Is there anything else we should know when matching you?",
            kind=Question.Kind.LONG_TEXT,
            audience=both,
        ),
    }
    program_transition(program=program, to_state=Program.State.OPEN, changed_by=manager)
    return program, questions


def create_coaching_program(
    *, organisation: Organisation, manager: User
) -> tuple[Program, dict[str, Question]]:
    program = program_create(
        organisation=organisation,
        created_by=manager,
        name=COACHING_PROGRAM_NAME,
        description=(
            "A four-month pilot of leadership coaching for new and recently promoted managers, "
            "with experienced leaders and two accredited external coaches."
        ),
        kind=Program.Kind.COACHING,
        matching_mode=Program.MatchingMode.MANAGER,
        listed=False,
        expected_duration_weeks=16,
        meeting_cadence=Cadence.FORTNIGHTLY,
        default_mentor_capacity=3,
    )
    questions = {
        "style": question_create(
            program=program,
            created_by=manager,
            text="Which coaching style helps you most?",
            kind=Question.Kind.SINGLE_CHOICE,
            choices=COACHING_STYLES,
            required=True,
            matching_rule=Question.MatchingRule.SHOULD_MATCH,
            weight=2.0,
        ),
        "experience": question_create(
            program=program,
            created_by=manager,
            text="How much coaching have you had or given before?",
            help_text="1 = none at all, 5 = a great deal.",
            kind=Question.Kind.SCALE,
            required=True,
        ),
        "challenge": question_create(
            program=program,
            created_by=manager,
            text="Which leadership challenge do you want to bring to the first session?",
            kind=Question.Kind.SHORT_TEXT,
            audience=Question.Audience.MENTEES,
        ),
    }
    program_transition(program=program, to_state=Program.State.OPEN, changed_by=manager)
    return program, questions
