"""Every dashboard figure on the small known cohort of conftest.py."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine

from mentora.reports.selectors import Dashboard, program_dashboard, program_headlines
from mentora.testing.reports import NOW, Cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard(cohort: Cohort) -> Dashboard:
    with time_machine.travel(NOW, tick=False):
        return program_dashboard(program=cohort.program)


def test_participants_by_role(dashboard: Dashboard) -> None:
    counts = {row.role: (row.label, row.active, row.pending) for row in dashboard.participants}

    assert counts == {"mentor": ("Mentor", 6, 0), "mentee": ("Mentee", 8, 0)}


def test_funnel_counts_mentees_by_step(dashboard: Dashboard) -> None:
    assert [(step.key, step.count) for step in dashboard.funnel] == [
        ("enrolled", 8),
        ("matched", 6),
        ("active", 3),
        ("completed", 2),
    ]
    assert "never accepted does not count" in dashboard.funnel[1].definition


def test_match_rate_and_median_time_to_match(dashboard: Dashboard) -> None:
    assert dashboard.match_rate.value == 0.75
    assert dashboard.match_rate.n == 8
    assert dashboard.median_days_to_match.value == 10.0
    assert dashboard.median_days_to_match.n == 6


def test_relationships_per_stage(dashboard: Dashboard) -> None:
    assert {s.stage: s.count for s in dashboard.stages} == {
        "pending_acceptance": 1,
        "initiation": 1,
        "cultivation": 2,
        "separation": 1,
        "redefinition": 1,
        "ended": 1,
    }
    assert dashboard.relationships == 7


def test_meetings_per_relationship_per_month(dashboard: Dashboard) -> None:
    # 11 meetings held (the cancelled one does not count) over 5 relationships live for two
    # months and one ended at once (counted as one month).
    assert dashboard.meetings_held == 11
    assert dashboard.meetings_per_relationship_month.value == 1.0
    assert dashboard.meetings_per_relationship_month.n == 6


def test_meetings_by_month(dashboard: Dashboard) -> None:
    points = [
        (p.month, p.meetings, p.relationships, p.per_relationship.value)
        for p in dashboard.meetings_by_month
    ]

    assert points == [
        (datetime.date(2026, 1, 1), 5, 6, 0.83),
        (datetime.date(2026, 2, 1), 3, 5, 0.6),
        (datetime.date(2026, 3, 1), 3, 5, 0.6),
    ]


def test_goal_completion(dashboard: Dashboard) -> None:
    assert (dashboard.goals, dashboard.goals_met) == (6, 3)
    assert dashboard.goal_completion.value == 0.5
    assert dashboard.goal_completion.n == 5


def test_relationships_at_risk(dashboard: Dashboard) -> None:
    risk = dashboard.at_risk
    by_pair = {pair.mentee: pair.reasons for pair in risk.pairs}

    assert risk.total == 3
    assert risk.by_reason == {"quiet": 2, "initiation_overdue": 1, "separation_unanswered": 1}
    assert by_pair == {
        "Mentee 1": ("no activity for 60 days",),
        "Mentee 4": ("separation proposal unanswered",),
        "Mentee 5": ("no activity for 60 days", "in initiation for 60 days"),
    }


def test_nothing_is_at_risk_before_the_quiet_period(cohort: Cohort) -> None:
    with time_machine.travel(cohort.relationships["E1"].created_at + datetime.timedelta(days=5)):
        dashboard = program_dashboard(program=cohort.program)

    assert dashboard.at_risk.total == 0


def test_the_dashboard_takes_a_fixed_handful_of_queries(
    cohort: Cohort, django_assert_max_num_queries: Any
) -> None:
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(12):
        program_dashboard(program=cohort.program)


def test_headlines_for_the_program_page(cohort: Cohort) -> None:
    with time_machine.travel(NOW, tick=False):
        headlines = program_headlines(program=cohort.program)

    assert (headlines.mentees, headlines.live_relationships, headlines.at_risk) == (8, 6, 3)
    assert headlines.match_rate.value == 0.75
