"""The reports pages: who may open them, and what they show."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.testing import PASSWORD
from mentora.testing.reports import NOW, Cohort

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def manager_urls(program: Program) -> list[str]:
    return [
        reverse("reports:dashboard", args=[program.pk]),
        reverse("reports:report", args=[program.pk]),
        reverse("reports:exports", args=[program.pk]),
        reverse("reports:export", args=[program.pk, "participants", "csv"]),
        reverse("reports:export", args=[program.pk, "meetings", "xlsx"]),
    ]


@pytest.mark.parametrize("persona", ["outsider", "mentor", "mentee"])
def test_only_the_program_managers_open_reports(
    request: pytest.FixtureRequest, program: Program, persona: str
) -> None:
    client = client_for(request.getfixturevalue(persona))

    for url in manager_urls(program):
        assert client.get(url).status_code == 404, url


def test_a_manager_of_another_organisation_gets_404(
    program: Program, other_organisation_program: Program
) -> None:
    other = other_organisation_program.organisation.managers.get().user

    for url in manager_urls(program):
        assert client_for(other).get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_log_in(program: Program) -> None:
    response = Client().get(reverse("reports:dashboard", args=[program.pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_unknown_export_or_format_is_404(program: Program, manager: User) -> None:
    client = client_for(manager)

    assert (
        client.get(reverse("reports:export", args=[program.pk, "secrets", "csv"])).status_code
        == 404
    )
    assert (
        client.get(reverse("reports:export", args=[program.pk, "meetings", "pdf"])).status_code
        == 404
    )


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dashboard_shows_the_figures_charts_and_their_tables(cohort: Cohort) -> None:
    with time_machine.travel(NOW, tick=False):
        response = client_for(cohort.manager).get(
            reverse("reports:dashboard", args=[cohort.program.pk])
        )

    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "75% match rate" in text
    assert "10.0 days" in text
    assert "50% goals met (3 of 6, in 5 relationships)" in text
    assert "1.00 meetings per relationship per month" in text
    assert html.count('role="img"') == 4
    for chart in ("chart-funnel", "chart-stages", "chart-meetings", "chart-benefits"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
        assert f'<title id="{chart}-title">' in html
    assert html.count("<details") == 4
    assert "<script" not in html.split("<main", 1)[1]
    assert "Mentee 5" in text
    assert "in initiation for 60 days" in text


def test_printable_report_has_tables_open_and_no_links_to_pairs(cohort: Cohort) -> None:
    with time_machine.travel(NOW, tick=False):
        response = client_for(cohort.manager).get(
            reverse("reports:report", args=[cohort.program.pk])
        )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<details" not in html
    assert html.count('role="img"') == 4
    assert 'class="report-print"' in html


def test_manager_program_page_has_the_reports_card(cohort: Cohort) -> None:
    response = client_for(cohort.manager).get(
        reverse("programs:manage_program", args=[cohort.program.pk])
    )

    html = response.content.decode()
    assert "Outcomes and health" in html
    assert reverse("reports:dashboard", args=[cohort.program.pk]) in html
    assert reverse("reports:exports", args=[cohort.program.pk]) in html
    assert reverse("reports:report", args=[cohort.program.pk]) in html
    assert "75%" in _text(html)


def test_exports_page_lists_every_dataset_in_both_formats(cohort: Cohort) -> None:
    response = client_for(cohort.manager).get(reverse("reports:exports", args=[cohort.program.pk]))

    html = response.content.decode()
    for dataset in ("participants", "relationships", "meetings", "responses"):
        for fmt in ("csv", "xlsx"):
            url = reverse("reports:export", args=[cohort.program.pk, dataset, fmt])
            assert f'href="{url}"' in html
            assert f'href="{url}?pseudonymise=1"' in html


def test_progress_page_shows_my_goals(cohort: Cohort) -> None:
    response = client_for(cohort.mentees[0]).get(reverse("reports:progress"))

    text = _text(response.content.decode())
    assert response.status_code == 200
    assert "1 of 2 goals reached." in text
    assert "Lead a meeting" in text
    assert "Present at the all-hands" in text


def test_progress_page_shows_nothing_of_other_people(cohort: Cohort, outsider: User) -> None:
    text = _text(client_for(outsider).get(reverse("reports:progress")).content.decode())

    assert "not taking part in a program yet" in text
    assert "Lead a meeting" not in text
