"""The demo's survey answers make a meaningful dashboard: enough pairs, some suppressed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from mentora.programs.demo import DEFAULT_SEED, MENTEE_EMAIL, DemoSummary
from mentora.site.demo import demo_seed
from mentora.surveys.models import Response, Survey
from mentora.surveys.outcomes import benefit_changes, check_in_summary
from mentora.surveys.scheduling import survey_schedule_run
from mentora.surveys.selectors import mentor_feedback_ratings

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    with django_db_blocker.unblock(), transaction.atomic():
        summary = demo_seed(seed=DEFAULT_SEED)
        yield summary
        transaction.set_rollback(True)


def test_mentoring_program_shows_most_benefit_changes(demo: DemoSummary) -> None:
    assert demo.mentoring_program is not None
    changes = benefit_changes(program=demo.mentoring_program)
    shown = [change for change in changes if not change.suppressed]
    assert len(shown) >= len(changes) - 2
    assert sum(1 for change in shown if change.mean_change and change.mean_change > 0) >= 8
    assert not check_in_summary(program=demo.mentoring_program).suppressed


def test_coaching_program_benefit_changes_are_suppressed(demo: DemoSummary) -> None:
    assert demo.coaching_program is not None
    changes = benefit_changes(program=demo.coaching_program)
    assert changes
    assert all(change.suppressed for change in changes)
    assert all(change.mean_change is None for change in changes)


def test_several_mentors_have_a_reputation(demo: DemoSummary) -> None:
    assert demo.mentoring_program is not None
    ratings = mentor_feedback_ratings(program=demo.mentoring_program)
    assert len(ratings) >= 3
    assert all(1 <= rating <= 5 for rating in ratings.values())


def test_demo_mentee_has_a_survey_waiting(demo: DemoSummary) -> None:
    waiting = Survey.objects.filter(respondent__email=MENTEE_EMAIL, completed_at__isnull=True)
    assert waiting.exists()
    assert Response.objects.filter(survey__respondent__email=MENTEE_EMAIL).exists()


def test_the_daily_run_after_the_demo_only_adds_what_the_demo_left_out(
    demo: DemoSummary,
) -> None:

    before = set(Survey.objects.values_list("pk", flat=True))
    survey_schedule_run()
    added = Survey.objects.exclude(pk__in=before)
    # Only relationships the later demo steps made (requests, match runs) get their baseline.
    assert set(added.values_list("occasion", flat=True)) <= {"baseline"}
    assert not added.filter(relationship__surveys__pk__in=before).exists()
    assert survey_schedule_run() == {"surveys_sent": 0, "reminders_sent": 0}
