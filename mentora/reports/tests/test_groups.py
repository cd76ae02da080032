"""The optional comparison by self-identified group: groups of five or more, opt-in data only."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from mentora.reports.selectors import group_comparison
from mentora.reports.tests.conftest import Cohort
from mentora.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_gender_groups_of_five_or_more(identified: Cohort) -> None:
    comparison = group_comparison(program=identified.program, dimension="gender")

    rows = {row.label: row for row in comparison.rows}
    assert set(rows) == {"Man", "Woman"}
    # Five women, all mentees, all matched; no woman mentor, so that rate has n = 0.
    assert (rows["Woman"].people, rows["Woman"].mentee_match_rate.value) == (5, 1.0)
    assert rows["Woman"].mentor_match_rate.suppressed
    # Six men: two mentees (too few for a rate) and four mentors (too few as well).
    assert rows["Man"].people == 6
    assert rows["Man"].mentee_match_rate.suppressed and rows["Man"].mentee_match_rate.n == 2
    assert rows["Man"].mentor_match_rate.suppressed and rows["Man"].mentor_match_rate.n == 4
    assert comparison.self_identified == 11  # "prefer not to say" is not counted


def test_a_group_under_five_is_not_shown_at_all(identified: Cohort) -> None:
    comparison = group_comparison(program=identified.program, dimension="nationality")

    assert comparison.rows == []
    assert comparison.hidden_groups == 1


def test_free_text_groups_match_whatever_the_case(identified: Cohort) -> None:
    from mentora.profiles.services import demographics_update

    for person, spelling in zip(
        identified.mentors[3:6], ["portuguese", "Portuguese ", "PORTUGUESE"], strict=True
    ):
        demographics_update(user=person, nationality=spelling)

    [row] = group_comparison(program=identified.program, dimension="nationality").rows

    assert row.people == 6
    assert row.label == "Portuguese"
    # Three of the six mentors have had a relationship (M1, M2, M3); M4's was never accepted.
    assert row.mentor_match_rate.value == 0.5


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
    assert "Woman 5 100% (n = 5) fewer than 5 — not shown" in text
