"""The daily survey run sends what each stage calls for, once, and reminds once."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
import time_machine
from django.core.management import call_command

from mentora.accounts.models import User
from mentora.notifications.models import Notification
from mentora.programs.models import Program
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.services import relationship_advance, relationship_create
from mentora.surveys.models import ProgramSurveySchedule, Survey
from mentora.surveys.scheduling import survey_schedule_run
from mentora.surveys.services import schedule_update
from mentora.surveys.tasks import survey_schedule
from mentora.testing.relationships import walk_to

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def at(days: float) -> datetime.datetime:
    return START + datetime.timedelta(days=days)


def sent() -> Counter[tuple[str, str, str]]:
    return Counter(Survey.objects.values_list("occasion", "role", "instrument__key"))


@pytest.fixture
def pair(program: Program, manager: User, mentor: User, mentee: User) -> Relationship:
    with time_machine.travel(START, tick=False):
        return relationship_create(
            program=program,
            mentor=mentor,
            mentee=mentee,
            created_by=manager,
            origin=Relationship.Origin.MANAGER_PAIR,
        )


def move(relationship: Relationship, stage: str, days: float, manager: User) -> None:
    with time_machine.travel(at(days), tick=False):
        # The mutual steps (agreement, separation, new terms) are the two people's own.
        walk_to(relationship, stage)


def run(days: float) -> dict[str, int]:
    with time_machine.travel(at(days), tick=False):
        return survey_schedule_run()


def test_the_whole_lifecycle_once(pair: Relationship, manager: User) -> None:
    assert run(0.5) == {"surveys_sent": 2, "reminders_sent": 0}
    assert sent() == {
        ("baseline", "mentor", "mentor_benefits"): 1,
        ("baseline", "mentee", "mentee_benefits"): 1,
    }
    assert run(0.6)["surveys_sent"] == 0  # idempotent

    move(pair, Stage.CULTIVATION, 5, manager)
    assert run(20)["surveys_sent"] == 0  # baseline exists, no check-in before 42 days
    assert run(5 + 42)["surveys_sent"] == 2  # the first check-in, for both
    assert run(5 + 43)["surveys_sent"] == 0
    assert run(5 + 84)["surveys_sent"] == 2  # the second one
    assert sent()[("check_in", "mentee", "check_in")] == 2

    move(pair, Stage.SEPARATION, 100, manager)
    assert run(101)["surveys_sent"] == 5
    assert sent()[("closing", "mentee", "mentoring_received")] == 1
    assert sent()[("closing", "mentor", "mentor_benefits")] == 1

    move(pair, Stage.REDEFINITION, 110, manager)
    assert run(111)["surveys_sent"] == 0  # the closing survey was already sent
    assert run(110 + 90)["surveys_sent"] == 0
    assert run(110 + 91)["surveys_sent"] == 2  # the follow-up, 3 months into redefinition
    assert run(110 + 200)["surveys_sent"] == 0
    assert sent()[("follow_up", "mentee", "mentee_benefits")] == 1


def test_surveys_remember_the_stage_and_role(pair: Relationship) -> None:
    run(1)
    survey = Survey.objects.get(role="mentee")
    assert (survey.stage, survey.relationship, survey.respondent) == (
        Stage.INITIATION,
        pair,
        pair.mentee,
    )
    assert survey.due_at == at(1) + datetime.timedelta(days=14)


def test_people_are_told_once_per_occasion(pair: Relationship, manager: User) -> None:
    move(pair, Stage.CULTIVATION, 1, manager)
    move(pair, Stage.SEPARATION, 2, manager)
    run(3)
    run(3.5)
    told = Notification.objects.filter(kind="survey.due", recipient=pair.mentee)
    # The closing occasion sends three instruments to the mentee, in one notification.
    assert told.count() == 1
    assert Survey.objects.filter(respondent=pair.mentee).count() == 3


def test_overdue_surveys_get_one_reminder(pair: Relationship) -> None:
    run(0)
    assert run(10)["reminders_sent"] == 0
    assert run(15)["reminders_sent"] == 2
    assert run(16)["reminders_sent"] == 0
    assert Notification.objects.filter(kind="survey.reminder").count() == 2
    assert Survey.objects.filter(reminded_at=at(15)).count() == 2


def test_answered_surveys_get_no_reminder(pair: Relationship) -> None:
    from mentora.surveys.tests.conftest import answer

    run(0)
    survey = Survey.objects.get(role="mentor")
    with time_machine.travel(at(1), tick=False):
        answer(
            survey,
            {
                f"{s}_{n}": 4
                for s in ("career_view", "leadership", "network", "fulfilment")
                for n in (1, 2)
            },
        )
    assert run(20)["reminders_sent"] == 1


def test_a_disabled_schedule_sends_nothing(
    pair: Relationship, program: Program, manager: User
) -> None:
    schedule_update(program=program, by=manager, enabled=False)
    assert run(1)["surveys_sent"] == 0


def test_check_in_period_follows_the_programs_schedule(
    pair: Relationship, program: Program, manager: User
) -> None:
    schedule_update(program=program, by=manager, check_in_days=14, baseline=False)
    move(pair, Stage.CULTIVATION, 0, manager)
    assert run(13)["surveys_sent"] == 0
    assert run(14)["surveys_sent"] == 2
    assert run(28)["surveys_sent"] == 2


def test_pending_and_ended_relationships_get_nothing(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    with time_machine.travel(START, tick=False):
        relationship = relationship_create(
            program=program,
            mentor=mentor,
            mentee=mentee,
            created_by=manager,
            origin=Relationship.Origin.MANAGER_PAIR,
            needs_acceptance=True,
        )
    assert run(1)["surveys_sent"] == 0
    with time_machine.travel(at(2), tick=False):
        relationship_advance(relationship=relationship, to_stage=Stage.ENDED, by=manager, note="No")
    assert run(3)["surveys_sent"] == 0


def test_the_command_and_the_task_run_it(pair: Relationship) -> None:
    from io import StringIO

    out = StringIO()
    with time_machine.travel(at(1), tick=False):
        call_command("survey_schedule_run", stdout=out)
        assert "Surveys sent: 2" in out.getvalue()
        assert survey_schedule.call() == {"surveys_sent": 0, "reminders_sent": 0}


def test_schedule_defaults(program: Program) -> None:
    schedule = ProgramSurveySchedule(program=program)
    assert (schedule.check_in_days, schedule.follow_up_days, schedule.due_days) == (42, 91, 14)
