"""The small-numbers rule on the dashboard: tiny programs and thin months show no values."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.relationships import services
from mentora.reports.selectors import program_dashboard
from mentora.testing.reports import Cohort


@pytest.mark.django_db
def test_a_tiny_program_shows_only_counts(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    dashboard = program_dashboard(program=program)

    assert dashboard.match_rate.suppressed
    assert dashboard.median_days_to_match.suppressed
    assert dashboard.meetings_per_relationship_month.suppressed
    assert dashboard.goal_completion.suppressed
    assert [step.count for step in dashboard.funnel] == [1, 0, 0, 0]


@pytest.mark.django_db
def test_a_month_with_fewer_than_five_live_relationships_is_not_shown(cohort: Cohort) -> None:
    # End two more relationships in January: February and March keep three live ones.
    with time_machine.travel(datetime.datetime(2026, 1, 31, tzinfo=datetime.UTC), tick=False):
        for name in ("E3", "E4"):
            services.relationship_end(
                relationship=cohort.relationships[name], by=cohort.manager, reason="Changed jobs."
            )
    with time_machine.travel(datetime.datetime(2026, 3, 16, tzinfo=datetime.UTC), tick=False):
        points = program_dashboard(program=cohort.program).meetings_by_month

    assert [(p.relationships, p.per_relationship.suppressed) for p in points] == [
        (6, False),
        (3, True),
        (3, True),
    ]
