"""The optional comparison by self-identified group: groups of five or more, opt-in data only.

Every count and rate of the comparison carries protective noise (mentora.lib.group_figures), so
these tests check what is shown and what is withheld, and that each shown value is within the
noise's bound of the true one (a count within NOISE_BOUND people).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from mentora.lib.group_figures import NOISE_BOUND
from mentora.lib.suppression import MIN_PEOPLE
from mentora.profiles.services import demographics_update
from mentora.reports.groups import group_comparison
from mentora.testing import PASSWORD
from mentora.testing.reports import Cohort

pytestmark = pytest.mark.django_db


def test_gender_groups_of_five_or_more(identified: Cohort) -> None:
    comparison = group_comparison(program=identified.program, dimension="gender")

    rows = {row.label: row for row in comparison.rows}
    assert set(rows) == {"Man", "Woman"}
    # Five women, all mentees, all matched; no woman mentor, so that rate is withheld.
    woman = rows["Woman"]
    assert woman.people == pytest.approx(5, abs=NOISE_BOUND)
    assert woman.people >= MIN_PEOPLE
    assert not woman.mentee_match_rate.suppressed
    rate = woman.mentee_match_rate
    assert rate.value is not None
    assert rate.low is not None
    assert rate.low <= rate.value <= 1.0
    assert woman.mentor_match_rate.suppressed
    # Six men: two mentees (too few for a rate) and four mentors (too few as well).
    assert rows["Man"].people == pytest.approx(6, abs=NOISE_BOUND)
    assert rows["Man"].mentee_match_rate.suppressed
    assert rows["Man"].mentee_match_rate.n < MIN_PEOPLE
    assert rows["Man"].mentor_match_rate.suppressed
    assert rows["Man"].mentor_match_rate.n < MIN_PEOPLE
    # "prefer not to say" is not counted: 11 people self-identified.
    assert comparison.self_identified == pytest.approx(11, abs=NOISE_BOUND)


def test_a_group_under_five_is_not_shown_at_all(identified: Cohort) -> None:
    comparison = group_comparison(program=identified.program, dimension="nationality")

    assert comparison.rows == []
    assert comparison.hidden_groups == 1


def test_free_text_groups_match_whatever_the_case(identified: Cohort) -> None:
    for person, spelling in zip(
        identified.mentors[3:6], ["portuguese", "Portuguese ", "PORTUGUESE"], strict=True
    ):
        demographics_update(user=person, nationality=spelling)

    [row] = group_comparison(program=identified.program, dimension="nationality").rows

    assert row.people == pytest.approx(6, abs=NOISE_BOUND)
    assert row.label == "Portuguese"
    # Three of the six mentors have had a relationship (M1, M2, M3); M4's was never accepted:
    # 0.5 before the noise.
    rate = row.mentor_match_rate
    assert not rate.suppressed
    assert rate.value is not None
    assert rate.low is not None
    assert rate.high is not None
    assert rate.low <= rate.value <= rate.high


def test_an_unknown_dimension_is_refused(identified: Cohort) -> None:
    with pytest.raises(ValueError, match="religion"):
        group_comparison(program=identified.program, dimension="religion")


def test_dashboard_shows_the_comparison_only_when_asked(identified: Cohort) -> None:
    client = Client()
    client.login(email=identified.manager.email, password=PASSWORD)
    url = reverse("reports:dashboard", args=[identified.program.pk])

    plain = client.get(url).content.decode()
    compared = client.get(url, {"group": "gender"}).content.decode()

    assert "Match rate and satisfaction by gender" not in plain
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", compared))
    assert "Match rate and satisfaction by gender" in text
    row = group_comparison(program=identified.program, dimension="gender").rows
    woman = next(r for r in row if r.label == "Woman")
    assert woman.mentee_match_rate.value is not None
    rate = woman.mentee_match_rate
    assert rate.value is not None
    assert rate.low is not None
    assert rate.high is not None
    shown = (
        f"Woman {woman.people} {rate.value * 100:.0f}% "
        f"({rate.low * 100:.0f} to {rate.high * 100:.0f}%, n ≈ {rate.n})"
    )
    assert shown in text, text
    assert "fewer than 5 — not shown" in text
