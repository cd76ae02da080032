"""On PostgreSQL: schedule runs and answers at the same moment create and send nothing twice.

Run with DATABASE_URL=postgres://... (CI does); SQLite serialises writes, so it is skipped there.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from mentora.notifications.models import Notification
from mentora.relationships.models import Relationship
from mentora.surveys.instruments import builtin_instruments_install
from mentora.surveys.models import Instrument, InstrumentVersion, Item, Response, Survey
from mentora.surveys.scheduling import survey_schedule_run
from mentora.surveys.services import response_submit
from mentora.testing.surveys import CHECK_IN_ANSWERS, send

THREADS = 4


def at_once(job: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(THREADS)
    outcomes: list[Any] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait()
            outcome = job()
        except ValidationError as error:
            outcome = error.messages[0]
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (CI runs this with DATABASE_URL)")
    # A transactional test starts from an empty database: put the built-in instruments back.
    builtin_instruments_install(
        instrument_model=Instrument, version_model=InstrumentVersion, item_model=Item
    )


@pytest.mark.django_db(transaction=True)
def test_schedule_runs_at_once_send_each_survey_and_reminder_once(
    postgres: None, relationship: Relationship
) -> None:
    outcomes = at_once(survey_schedule_run)
    assert len(outcomes) == THREADS
    assert Survey.objects.count() == 2  # the baseline, for each of the two
    later = timezone.now() + datetime.timedelta(days=20)
    reminders = at_once(lambda: survey_schedule_run(now=later))
    assert sum(outcome["reminders_sent"] for outcome in reminders) == 2
    assert Notification.objects.filter(kind="survey.reminder").count() == 2


@pytest.mark.django_db(transaction=True)
def test_answers_sent_at_once_are_stored_once(postgres: None, relationship: Relationship) -> None:
    survey = send(relationship=relationship, person=relationship.mentee, key="check_in")
    outcomes = at_once(
        lambda: response_submit(survey=survey, by=survey.respondent, answers=CHECK_IN_ANSWERS)
    )
    assert sum(isinstance(outcome, Response) for outcome in outcomes) == 1
    assert (
        outcomes.count("You have already answered this survey; answers cannot be changed.")
        == THREADS - 1
    )
    assert Response.objects.count() == 1
