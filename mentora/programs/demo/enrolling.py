"""Enrolling the demo's people in its two programs, each with believable answers and sides."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from mentora.accounts.models import User
from mentora.profiles.choices import Cadence, FocusArea, Preference
from mentora.profiles.models import Skill
from mentora.profiles.services import profile_update
from mentora.programs.demo.accounts import (
    COACH_COUNT,
    COACHEE_COUNT,
    Writer,
    demo_log,
)
from mentora.programs.demo.people import (
    PersonPlan,
    in_sentence,
    next_title,
    sample,
)
from mentora.programs.demo.vocabulary import (
    COACH_MOTIVATIONS,
    COACHEE_GOALS,
    COACHEE_REASONS,
    COACHING_CHALLENGES,
    COACHING_STYLES,
    DEMO_ORGANISATION_NAME,
    FOCUS_AREAS,
    FREE_TAGS,
    GENERAL_GOALS,
    GROWTH_SKILLS,
    INDUSTRY_PHRASES,
    JOB_FUNCTION_DETAILS,
    LEADERSHIP_SKILLS,
    LINE_MANAGER_LEVELS,
    LOCATIONS,
    MATCHING_NOTES,
    MOTIVATION_ADDITIONS,
    MOTIVATIONS,
    ORGANISATION_SKILL,
    TIME_OF_DAY,
    TOPICS,
    WHY_MENTOR,
)
from mentora.programs.models import (
    Enrollment,
    Organisation,
    OrganisationMembership,
    Program,
    Question,
)
from mentora.programs.services import (
    enrollment_submit,
    organisation_member_add,
)


def _mentoring_answers(
    rng: random.Random,
    *,
    questions: dict[str, Question],
    job_function: str,
    city: str,
    languages: Sequence[str],
) -> dict[int, Any]:
    topics = sample(rng, TOPICS, 2, 3)
    answers: dict[int, Any] = {
        questions["time"].pk: rng.choice(TIME_OF_DAY),
        questions["topics"].pk: topics,
        questions["area"].pk: JOB_FUNCTION_DETAILS[job_function].business_area,
    }
    if rng.random() < 0.9:
        answers[questions["structure"].pk] = rng.randint(1, 5)
    if rng.random() < 0.3:
        names = {"es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese"}
        second = next((names[code] for code in languages if code in names), "")
        notes = [note for note in MATCHING_NOTES if second or "{language}" not in note]
        note = rng.choice(notes).format(city=city.split(",")[0], language=second)
        answers[questions["notes"].pk] = note
    return answers


def _mentor_offer(
    rng: random.Random, *, person: PersonPlan, skills: dict[str, Skill]
) -> dict[str, Any]:
    own = sample(rng, JOB_FUNCTION_DETAILS[person.job_function].skills, 2, 4)
    if person.seniority in LINE_MANAGER_LEVELS:
        cross = sample(rng, LEADERSHIP_SKILLS, 1, 3)
    else:
        cross = sample(rng, GROWTH_SKILLS, 1, 2)
    chosen = [skills[name] for name in own + cross]
    if (
        person.employer.name == DEMO_ORGANISATION_NAME
        and person.job_function in {"clinical", "operations"}
        and rng.random() < 0.5
    ):
        chosen.append(skills[ORGANISATION_SKILL[0]])
    motivation = rng.choice(MOTIVATIONS).format(
        industry=INDUSTRY_PHRASES[person.industry], skill=in_sentence(own[0])
    )
    addition = rng.choice(MOTIVATION_ADDITIONS)
    capacity = rng.choices([1, 2, 3], weights=[25, 50, 25])[0]
    return {
        "skills": chosen,
        "free_tags": sample(rng, FREE_TAGS, 0, 2),
        "focus_areas": sample(rng, FOCUS_AREAS, 2, 4),
        "motivation": f"{motivation} {addition}".strip(),
        "capacity": capacity,
        "hours_per_month": capacity * 2 + rng.randint(0, 2),
    }


def _mentee_needs(
    rng: random.Random, *, person: PersonPlan, skills: dict[str, Skill], users: dict[int, User]
) -> dict[str, Any]:
    details = JOB_FUNCTION_DETAILS[person.job_function]
    own = sample(rng, details.skills, 1, 2)
    growth = sample(rng, GROWTH_SKILLS, 1, 3)
    if person.seniority in {"senior", "manager"}:
        growth.append(rng.choice(LEADERSHIP_SKILLS))
    templates = [rng.choice(details.goals), *sample(rng, GENERAL_GOALS, 0, 2)]
    goals = [
        t.format(
            skill=in_sentence(own[0]),
            next_title=next_title(person.job_function, person.seniority),
        )
        for t in templates[: rng.randint(1, 3)]
    ]
    why = rng.choice(WHY_MENTOR).format(
        years=max(person.years_experience, 2),
        skill=in_sentence(growth[0]),
        city=person.location.city.split(",")[0],
    )
    preferences = list(Preference.values)
    avoid: list[User] = []
    if rng.random() < 0.03:
        colleagues = [
            users[i]
            for i in sorted(users)
            if i != person.index and users[i].email.endswith("@" + person.employer.domain)
        ]
        if colleagues:
            avoid.append(rng.choice(colleagues))
    return {
        "skills": [skills[name] for name in own + growth],
        "career_goals": goals,
        "why_mentor": why,
        "focus_areas": sample(rng, FOCUS_AREAS, 1, 3),
        "meeting_cadence": rng.choices(
            [Cadence.MONTHLY, Cadence.FORTNIGHTLY, Cadence.WEEKLY, Cadence.QUARTERLY],
            weights=[45, 40, 10, 5],
        )[0],
        "organisation_preference": rng.choices(preferences, weights=[70, 10, 20])[0],
        "industry_preference": rng.choices(preferences, weights=[75, 15, 10])[0],
        "job_function_preference": rng.choices(preferences, weights=[70, 20, 10])[0],
        "people_to_avoid": avoid,
    }


def enroll_demo_accounts(
    *,
    program: Program,
    questions: dict[str, Question],
    accounts: dict[str, User],
    skills: dict[str, Skill],
) -> None:
    """The demo mentor and mentee, with hand-written answers so the pages read well."""
    enrollment_submit(
        program=program,
        user=accounts["mentor"],
        role=Enrollment.Role.MENTOR,
        answers={
            questions["time"].pk: "Around lunchtime",
            questions["topics"].pk: ["Leadership", "Career progression", "Technical depth"],
            questions["structure"].pk: 3,
            questions["area"].pk: "Technology and data",
        },
        mentor_offer={
            "skills": [
                skills[name]
                for name in (
                    "Software architecture",
                    "People management",
                    "Hiring and interviewing",
                    "Career planning",
                    "Public speaking",
                )
            ],
            "free_tags": ["career changer", "working parent"],
            "focus_areas": [FocusArea.CAREER_ADVANCEMENT, FocusArea.SKILL_BUILDING],
            "motivation": (
                "I started as a manual tester with no degree in computing. Two mentors changed "
                "the course of my career, and I'd like to do the same for someone else."
            ),
            "capacity": 2,
            "hours_per_month": 4,
        },
    )
    enrollment_submit(
        program=program,
        user=accounts["mentee"],
        role=Enrollment.Role.MENTEE,
        answers={
            questions["time"].pk: "Around lunchtime",
            questions["topics"].pk: ["Leadership", "Confidence and visibility"],
            questions["structure"].pk: 4,
            questions["area"].pk: "Patient care",
            questions["notes"].pk: "I'm in Berlin, so mornings UK time work best for calls.",
        },
        mentee_needs={
            "skills": [
                skills[name]
                for name in ("Machine learning", "Storytelling", "Public speaking", "Delegation")
            ],
            "career_goals": [
                "Step into my first team-lead role within a year.",
                "Present our patient-flow work to the executive board.",
                "Learn enough machine learning to judge when it is worth using.",
            ],
            "why_mentor": (
                "I've been the only analyst on my ward projects for three years. I'd like "
                "someone who has led a team to help me prepare for doing it myself."
            ),
            "focus_areas": [FocusArea.CAREER_ADVANCEMENT, FocusArea.ENCOURAGEMENT],
            "meeting_cadence": Cadence.FORTNIGHTLY,
            "job_function_preference": Preference.DIFFERENT,
        },
    )


def enroll_mentoring(
    rng: random.Random,
    *,
    program: Program,
    questions: dict[str, Question],
    people: Sequence[PersonPlan],
    users: dict[int, User],
    skills: dict[str, Skill],
    stdout: Writer | None,
) -> None:
    demo_log(stdout, f"Enrolling them in {program.name}...")
    for person in people:
        answers = _mentoring_answers(
            rng,
            questions=questions,
            job_function=person.job_function,
            city=person.location.city,
            languages=person.languages,
        )
        if person.role == "mentor":
            enrollment_submit(
                program=program,
                user=users[person.index],
                role=Enrollment.Role.MENTOR,
                answers=answers,
                mentor_offer=_mentor_offer(rng, person=person, skills=skills),
            )
        else:
            enrollment_submit(
                program=program,
                user=users[person.index],
                role=Enrollment.Role.MENTEE,
                answers=answers,
                mentee_needs=_mentee_needs(rng, person=person, skills=skills, users=users),
            )


def _create_external_coaches(
    rng: random.Random, *, organisation: Organisation, admin: User
) -> list[User]:
    """Two accredited coaches from outside the organisation's network, whom the site admin made
    members (a real organisation would invite them)."""
    coaches = []
    for email, name, city, bio in (
        (
            "ruth.adeyemi@coaching.example",
            "Ruth Adeyemi",
            "London, United Kingdom",
            "Executive coach for twelve years, formerly a hospital operations director.",
        ),
        (
            "mathieu.laurent@coaching.example",
            "Mathieu Laurent",
            "Paris, France",
            "Leadership coach working with first-time managers in technology and healthcare.",
        ),
    ):
        location = LOCATIONS[city]
        user = User.objects.create_user(email=email, password=None)
        profile_update(
            user=user,
            display_name=name,
            headline="Accredited executive coach",
            bio=bio,
            organisation="Independent",
            job_title="Executive Coach",
            job_function="human_resources",
            industry="consulting",
            years_experience=rng.randint(10, 20),
            seniority="executive",
            location=city,
            timezone=location.timezone,
            languages=list(dict.fromkeys(["en", *location.languages])),
            meeting_formats=["video", "phone"],
        )
        organisation_member_add(
            organisation=organisation,
            user=user,
            source=OrganisationMembership.Source.STAFF,
            added_by=admin,
        )
        coaches.append(user)
    return coaches


def enroll_coaching(
    rng: random.Random,
    *,
    program: Program,
    questions: dict[str, Question],
    people: Sequence[PersonPlan],
    users: dict[int, User],
    accounts: dict[str, User],
    skills: dict[str, Skill],
    stdout: Writer | None,
) -> None:
    """Senior leaders and external coaches as coaches; new managers as coachees."""
    demo_log(stdout, f"Enrolling coaches and coachees in {program.name}...")
    leaders = [p for p in people if p.role == "mentor" and p.seniority in {"director", "executive"}]
    internal = rng.sample(leaders, k=COACH_COUNT - 2)
    coaches = [users[p.index] for p in internal] + _create_external_coaches(
        rng, organisation=program.organisation, admin=accounts["admin"]
    )
    coach_ids = {user.pk for user in coaches}
    candidates = [
        p
        for p in people
        if p.seniority in {"senior", "lead", "manager"} and users[p.index].pk not in coach_ids
    ]
    coachees = [users[p.index] for p in rng.sample(candidates, k=COACHEE_COUNT - 1)]
    coachees.append(accounts["mentee"])

    def answers(*, coachee: bool) -> dict[int, Any]:
        given: dict[int, Any] = {
            questions["style"].pk: rng.choice(COACHING_STYLES),
            questions["experience"].pk: rng.randint(1, 3) if coachee else rng.randint(4, 5),
        }
        if coachee and rng.random() < 0.8:
            given[questions["challenge"].pk] = rng.choice(COACHING_CHALLENGES)
        return given

    for coach in coaches:
        capacity = rng.randint(2, 3)
        enrollment_submit(
            program=program,
            user=coach,
            role=Enrollment.Role.MENTOR,
            answers=answers(coachee=False),
            mentor_offer={
                "skills": [skills[n] for n in sample(rng, LEADERSHIP_SKILLS, 3, 5)],
                "focus_areas": sample(rng, FOCUS_AREAS, 2, 3),
                "motivation": rng.choice(COACH_MOTIVATIONS),
                "capacity": capacity,
                "hours_per_month": capacity * 2,
            },
        )
    for coachee in coachees:
        enrollment_submit(
            program=program,
            user=coachee,
            role=Enrollment.Role.MENTEE,
            answers=answers(coachee=True),
            mentee_needs={
                "skills": [skills[n] for n in sample(rng, LEADERSHIP_SKILLS, 2, 3)],
                "career_goals": sample(rng, COACHEE_GOALS, 1, 2),
                "why_mentor": rng.choice(COACHEE_REASONS),
                "focus_areas": [FocusArea.SKILL_BUILDING, FocusArea.ENCOURAGEMENT],
                "meeting_cadence": Cadence.FORTNIGHTLY,
            },
        )
