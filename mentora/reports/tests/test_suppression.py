"""The small-numbers rule, in one helper used by every figure."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.relationships import services
from mentora.reports.selectors import program_dashboard
from mentora.reports.suppression import MIN_PEOPLE, SUPPRESSED_TEXT, figure, ratio
from mentora.reports.tests.conftest import Cohort


def test_a_figure_from_four_people_is_withheld_and_from_five_is_shown() -> None:
    assert figure(3.2, n=4).value is None
    assert figure(3.2, n=4).suppressed
    assert figure(3.2, n=5).value == 3.2
    assert not figure(3.2, n=5).suppressed


def test_a_suppressed_figure_keeps_its_n() -> None:
    assert figure(0.5, n=3).as_dict() == {"value": None, "n": 3, "suppressed": True}


def test_ratio_of_nothing_is_suppressed() -> None:
    assert ratio(0, 0).suppressed


def test_the_notice_names_the_threshold() -> None:
    assert MIN_PEOPLE == 5
    assert SUPPRESSED_TEXT == "fewer than 5 — not shown"


@given(value=st.floats(-1e6, 1e6), n=st.integers(0, 10_000))
def test_a_value_is_shown_exactly_when_five_or_more_are_behind_it(value: float, n: int) -> None:
    shown = figure(value, n=n)

    assert (shown.value is not None) == (n >= MIN_PEOPLE)


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
