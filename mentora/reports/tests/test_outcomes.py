"""Benefit changes with their confidence intervals and check-ins on the dashboard, suppressed
below five respondents; the group comparison's satisfaction; a participant's own history."""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from scipy import stats

from mentora.lib.group_figures import NOISE_BOUND
from mentora.reports.groups import group_comparison
from mentora.reports.selectors import participant_progress, program_dashboard
from mentora.surveys.instruments import CHECK_IN, MENTEE_BENEFITS, MENTOR_BENEFITS
from mentora.testing import PASSWORD
from mentora.testing.reports import NOW, T1, Cohort, answer_survey

pytestmark = pytest.mark.django_db

BASELINE = [2, 2, 3, 3, 2]
END = [4, 3, 4, 5, 3]
QUALITY = [4, 5, 3, 4, 4]
RHYTHM = ["about_right", "about_right", "too_often", "about_right", "about_right"]
PAIRS = ["E1", "E2", "E3", "E4", "E5"]


@pytest.fixture
def surveyed(identified: Cohort) -> Cohort:
    """Five mentees answer the benefits survey at the start and at the end, and a check-in;
    three mentors answer theirs (too few to show)."""
    start, end = T1 + datetime.timedelta(days=1), T1 + datetime.timedelta(days=50)
    for name, before, after, quality, rhythm in zip(
        PAIRS, BASELINE, END, QUALITY, RHYTHM, strict=True
    ):
        relationship = identified.relationships[name]
        common: dict[str, Any] = {
            "respondent": relationship.mentee,
            "role": "mentee",
            "relationship": relationship,
        }
        answer_survey(
            instrument_key=MENTEE_BENEFITS, occasion="baseline", at=start, level=before, **common
        )
        answer_survey(
            instrument_key=MENTEE_BENEFITS, occasion="closing", at=end, level=after, **common
        )
        answer_survey(
            instrument_key=CHECK_IN,
            occasion="check_in",
            at=start + datetime.timedelta(days=20),
            level=quality,
            choices={"rhythm": rhythm},
            **common,
        )
    for name in PAIRS[:3]:
        relationship = identified.relationships[name]
        common = {
            "respondent": relationship.mentor,
            "role": "mentor",
            "relationship": relationship,
        }
        answer_survey(
            instrument_key=MENTOR_BENEFITS, occasion="baseline", at=start, level=3, **common
        )
        answer_survey(instrument_key=MENTOR_BENEFITS, occasion="closing", at=end, level=4, **common)
    return identified


def expected_interval() -> tuple[float, float, float]:
    changes = [after - before for before, after in zip(BASELINE, END, strict=True)]
    n = len(changes)
    mean = sum(changes) / n
    sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / (n - 1))
    low, high = stats.t.interval(0.95, n - 1, loc=mean, scale=sd / math.sqrt(n))
    return round(mean, 2), round(float(low), 2), round(float(high), 2)


def test_every_mentee_benefit_shows_its_change_and_confidence_interval(surveyed: Cohort) -> None:
    with time_machine.travel(NOW, tick=False):
        dashboard = program_dashboard(program=surveyed.program)
    change, low, high = expected_interval()

    mentee_rows = [row for row in dashboard.benefits if row.side == "Mentee"]
    assert len(mentee_rows) == 8
    for row in mentee_rows:
        assert row.n == 5
        assert row.baseline.value == 2.4
        assert row.end.value == 3.8
        assert row.change.value == change
        assert (row.ci_low, row.ci_high) == (low, high)


def test_a_benefit_with_fewer_than_five_respondents_is_suppressed(surveyed: Cohort) -> None:
    dashboard = program_dashboard(program=surveyed.program)

    mentor_rows = [row for row in dashboard.benefits if row.side == "Mentor"]
    assert mentor_rows
    for row in mentor_rows:
        assert row.n == 3
        assert row.suppressed
        assert (row.baseline.value, row.end.value, row.change.value) == (None, None, None)
        assert (row.ci_low, row.ci_high) == (None, None)


def test_dashboard_page_shows_the_interval_and_the_suppression(surveyed: Cohort) -> None:
    client = Client()
    client.login(email=surveyed.manager.email, password=PASSWORD)
    change, low, high = expected_interval()

    html = client.get(reverse("reports:dashboard", args=[surveyed.program.pk])).content.decode()

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert f"Industry knowledge Mentee 2.40 3.80 +{change:.2f} +{low:.2f} to +{high:.2f} 5" in text
    assert "Leadership skills Mentor fewer than 5 — not shown" in text
    assert 'class="chart-whisker"' in html
    assert "4.00 mean relationship quality, 1 to 5 (n = 5 respondents)" in text
    assert "80% find the meeting rhythm right" in text


def test_check_ins_on_the_dashboard(surveyed: Cohort) -> None:
    check_ins = program_dashboard(program=surveyed.program).check_ins

    assert check_ins.responses == 5
    assert (check_ins.quality.value, check_ins.quality.n) == (4.0, 5)
    assert check_ins.rhythm_right.value == 0.8


def test_check_ins_from_four_people_are_suppressed(identified: Cohort) -> None:
    for name in PAIRS[:4]:
        relationship = identified.relationships[name]
        answer_survey(
            instrument_key=CHECK_IN,
            respondent=relationship.mentee,
            role="mentee",
            relationship=relationship,
            occasion="check_in",
            at=T1 + datetime.timedelta(days=20),
            level=5,
            choices={"rhythm": "about_right"},
        )

    check_ins = program_dashboard(program=identified.program).check_ins

    assert check_ins.quality.suppressed
    assert check_ins.quality.n == 4
    assert check_ins.rhythm_right.suppressed


def test_group_satisfaction_needs_five_respondents(surveyed: Cohort) -> None:
    rows = {
        row.label: row
        for row in group_comparison(program=surveyed.program, dimension="gender").rows
    }

    # Five women rated 4; the figure carries protective noise, within its bound of the truth.
    satisfaction = rows["Woman"].satisfaction
    assert satisfaction.value is not None
    assert satisfaction.value == pytest.approx(4.0, abs=NOISE_BOUND * 4 / 5)
    assert satisfaction.low is not None
    assert satisfaction.high is not None
    assert satisfaction.low <= satisfaction.value <= satisfaction.high
    assert satisfaction.n >= 5
    assert rows["Man"].satisfaction.suppressed


def test_my_progress_lists_my_scores_over_time(surveyed: Cohort) -> None:
    [progress] = participant_progress(user=surveyed.mentees[0])

    industry = next(h for h in progress.benefits if h.scale == "industry_knowledge")
    assert [(p.label, p.score) for p in industry.points] == [("Baseline", 2.0), ("Closing", 4.0)]
    assert industry.side == "Mentee"


def test_my_progress_page_draws_my_change(surveyed: Cohort) -> None:
    client = Client()
    client.login(email=surveyed.mentees[0].email, password=PASSWORD)

    html = client.get(reverse("reports:progress")).content.decode()

    assert f'id="chart-progress-{surveyed.program.pk}-title"' in html
    assert "2 → 4" in html
    assert "Lead a meeting" in html
