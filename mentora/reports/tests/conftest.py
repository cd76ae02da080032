"""A small program whose every figure is known: 6 mentors, 8 mentees, 7 relationships.

Timeline (UTC): everyone enrolls on T0 (5 Jan 2026); six mentees are paired on T1 (15 Jan) and a
seventh is asked for but never accepted; the dashboard is read at NOW (T1 + two months).

    mentee  mentor  stage now       goals (met)  notes
    E1      M1      separation      2 (1)        quiet since T1
    E2      M1      redefinition    1 (1)
    E3      M2      cultivation     1 (0)        a question on T1 + 40 days
    E4      M2      cultivation     1 (1)        proposed separation on T1 + 40, unanswered
    E5      M3      initiation      1 (0)        quiet, in initiation for two months
    E6      M3      ended on T1     -
    E7      M4      pending         -            never accepted
    E8      -       -               -            never paired

Meetings held: 5 in January, 3 in February, 3 in March (before NOW); one cancelled. The program
nudges after 45 quiet days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
import time_machine

from mentora.accounts.models import User
from mentora.profiles.services import demographics_update
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.relationships import services
from mentora.relationships.models import Relationship, Stage
from mentora.surveys.models import Answer, Instrument, Item, Response, Survey
from mentora.testing import make_person
from mentora.testing.relationships import walk_to

UTC = datetime.UTC
T0 = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
T1 = datetime.datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
NOW = T1 + datetime.timedelta(days=365.25 / 6)  # two average months after pairing


@dataclass
class Cohort:
    program: Program
    manager: User
    mentors: list[User]
    mentees: list[User]
    relationships: dict[str, Relationship]


def _at(moment: datetime.datetime) -> time_machine.travel:
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def cohort(program: Program, manager: User) -> Cohort:
    program.inactivity_days = 45
    program.save(update_fields=["inactivity_days"])
    mentors, mentees = [], []
    with _at(T0):
        for number in range(1, 7):
            user = make_person(f"m{number}@example.org", f"Mentor {number}")
            enrollment_submit(
                program=program,
                user=user,
                role=Enrollment.Role.MENTOR,
                answers={},
                mentor_offer={"capacity": 2},
            )
            mentors.append(user)
        for number in range(1, 9):
            user = make_person(f"e{number}@example.org", f"Mentee {number}")
            enrollment_submit(program=program, user=user, role=Enrollment.Role.MENTEE, answers={})
            mentees.append(user)
    pairs: dict[str, Relationship] = {}
    with _at(T1):
        for name, mentee, mentor in (
            ("E1", 0, 0),
            ("E2", 1, 0),
            ("E3", 2, 1),
            ("E4", 3, 1),
            ("E5", 4, 2),
            ("E6", 5, 2),
        ):
            pairs[name] = services.relationship_create(
                program=program,
                mentor=mentors[mentor],
                mentee=mentees[mentee],
                created_by=manager,
                origin=Relationship.Origin.MANAGER_PAIR,
            )
        pairs["E7"] = services.relationship_create(
            program=program,
            mentor=mentors[3],
            mentee=mentees[6],
            created_by=manager,
            origin=Relationship.Origin.MANAGER_PAIR,
            needs_acceptance=True,
        )
        # Meetings: five in January, three in February, three in March, one cancelled.
        january = [("E1", 20), ("E2", 21), ("E3", 22), ("E4", 23), ("E5", 24)]
        february = [("E1", 40), ("E2", 41), ("E3", 42)]
        march = [("E1", 56), ("E3", 57), ("E4", 58)]
        for name, day in [*january, *february, *march]:
            services.meeting_schedule(
                relationship=pairs[name],
                by=pairs[name].mentee,
                starts_at=T0 + datetime.timedelta(days=day),
            )
        cancelled = services.meeting_schedule(
            relationship=pairs["E2"],
            by=pairs["E2"].mentee,
            starts_at=T0 + datetime.timedelta(days=30),
        )
        services.meeting_cancel(meeting=cancelled, by=pairs["E2"].mentor)
        # Goals: six in five relationships, three met.
        for name, titles, met in (
            ("E1", ["Lead a meeting", "Present at the all-hands"], 1),
            ("E2", ["Write a career plan"], 1),
            ("E3", ["Learn SQL"], 0),
            ("E4", ["Run a retrospective"], 1),
            ("E5", ["Find a sponsor"], 0),
        ):
            relationship = pairs[name]
            for index, title in enumerate(titles):
                goal = services.goal_create(
                    relationship=relationship, by=relationship.mentee, title=title
                )
                if index < met:
                    services.goal_update_progress(goal=goal, by=relationship.mentee, progress=100)
        for name, stages in (
            ("E1", [Stage.CULTIVATION, Stage.SEPARATION]),
            ("E2", [Stage.CULTIVATION, Stage.SEPARATION, Stage.REDEFINITION]),
            ("E3", [Stage.CULTIVATION]),
            ("E4", [Stage.CULTIVATION]),
        ):
            for stage in stages:
                # The mutual steps (agreement, separation, new terms) are the two people's own.
                walk_to(pairs[name], stage)
        services.relationship_end(relationship=pairs["E6"], by=manager, reason="Moved abroad.")
    with _at(T1 + datetime.timedelta(days=40)):
        services.question_ask(relationship=pairs["E3"], by=mentees[2], text="How do I start?")
        services.separation_propose(
            relationship=pairs["E4"], by=mentees[3], reflection="I learned what I came for."
        )
    for relationship in pairs.values():
        relationship.refresh_from_db()
    return Cohort(
        program=program, manager=manager, mentors=mentors, mentees=mentees, relationships=pairs
    )


@pytest.fixture
def identified(cohort: Cohort) -> Cohort:
    """Self-identification: five women (mentees E1-E5), six men (E6, E7, M1-M4), one prefers
    not to say (E8); three mentors say their nationality is Portuguese."""
    for mentee in cohort.mentees[:5]:
        demographics_update(user=mentee, gender="woman")
    for person in [*cohort.mentees[5:7], *cohort.mentors[:4]]:
        demographics_update(user=person, gender="man")
    demographics_update(user=cohort.mentees[7], gender="prefer_not_to_say")
    for mentor in cohort.mentors[:3]:
        demographics_update(user=mentor, nationality="Portuguese")
    return cohort


def answer_survey(
    *,
    instrument_key: str = "",
    instrument: Instrument | None = None,
    respondent: User,
    role: str,
    relationship: Relationship,
    occasion: str,
    at: datetime.datetime,
    level: int = 3,
    choices: dict[str, str] | None = None,
    texts: dict[str, str] | None = None,
) -> Response:
    """Store an answered built-in survey in which every numeric item scores `level`."""
    instrument = instrument or Instrument.objects.get(key=instrument_key, program__isnull=True)
    version = instrument.current_version()
    survey = Survey.objects.create(
        program=relationship.program,
        instrument=instrument,
        version=version,
        respondent=respondent,
        role=role,
        relationship=relationship,
        stage=relationship.stage,
        occasion=occasion,
        occasion_key=f"{occasion}:{at.isoformat()}",
        created_at=at,
        due_at=at + datetime.timedelta(days=14),
        completed_at=at,
    )
    response = Response.objects.create(survey=survey, submitted_at=at)
    for item in version.items.all():
        if not item.applies_to(role):
            continue
        if item.is_numeric:
            top = 5 if item.kind == Item.Kind.AGREE_1_5 else 10
            bottom = 1 if item.kind == Item.Kind.AGREE_1_5 else 0
            number = (top + bottom - level) if item.reverse_scored else level
            Answer.objects.create(response=response, item=item, number=number)
        elif item.kind == Item.Kind.CHOICE and choices and item.key in choices:
            Answer.objects.create(response=response, item=item, text=choices[item.key])
        elif item.kind == Item.Kind.TEXT and texts and item.key in texts:
            Answer.objects.create(response=response, item=item, text=texts[item.key])
    return response
