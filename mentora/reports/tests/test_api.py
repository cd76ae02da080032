"""The reports REST API: the same figures and the same rules as the pages."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
import time_machine
from openpyxl import load_workbook
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.lib.group_figures import NOISE_BOUND
from mentora.programs.models import Program
from mentora.testing.reports import NOW, Cohort

pytestmark = pytest.mark.django_db


def api_for(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _streamed(response: Any) -> list[bytes]:
    return list(response.streaming_content)


def urls(program: Program) -> list[str]:
    base = f"/api/programs/{program.pk}"
    return [
        f"{base}/dashboard/",
        f"{base}/dashboard/groups/?dimension=gender",
        f"{base}/exports/participants/",
        f"{base}/exports/meetings/?file_type=xlsx",
    ]


@pytest.mark.parametrize("persona", ["outsider", "mentor", "mentee"])
def test_only_managers_reach_program_reports(
    request: pytest.FixtureRequest, program: Program, persona: str
) -> None:
    client = api_for(request.getfixturevalue(persona))

    for url in urls(program):
        assert client.get(url).status_code == 404, url


def test_anonymous_gets_401(program: Program) -> None:
    assert APIClient().get(f"/api/programs/{program.pk}/dashboard/").status_code == 401
    assert APIClient().get("/api/me/progress/").status_code == 401


def test_dashboard_figures_as_json(cohort: Cohort) -> None:
    with time_machine.travel(NOW, tick=False):
        response = api_for(cohort.manager).get(f"/api/programs/{cohort.program.pk}/dashboard/")

    assert response.status_code == 200
    data = response.json()
    assert data["match_rate"] == {"value": 0.75, "n": 8, "suppressed": False}
    assert [s["count"] for s in data["funnel"]] == [8, 6, 3, 2]
    assert data["goal_completion"]["value"] == 0.5
    assert data["at_risk"]["total"] == 3
    assert data["meetings_by_month"][0] == {
        "month": "2026-01-01",
        "meetings": 5,
        "relationships": 6,
        "per_relationship": {"value": 0.83, "n": 6, "suppressed": False},
    }


def test_dashboard_json_suppresses_small_figures(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    data = api_for(manager).get(f"/api/programs/{program.pk}/dashboard/").json()

    assert data["match_rate"] == {"value": None, "n": 1, "suppressed": True}
    assert data["median_days_to_match"]["suppressed"] is True


def test_group_comparison_as_json(identified: Cohort) -> None:
    response = api_for(identified.manager).get(
        f"/api/programs/{identified.program.pk}/dashboard/groups/", {"dimension": "gender"}
    )

    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()["rows"]}
    assert set(rows) == {"Man", "Woman"}
    # All five women are matched (1.0); the figure carries protective noise and its interval.
    rate = rows["Woman"]["mentee_match_rate"]
    assert set(rate) == {"value", "n", "suppressed", "low", "high"}
    assert rate["suppressed"] is False
    assert rate["low"] <= rate["value"] <= rate["high"] <= 1.0
    assert 5 <= rate["n"] <= 5 + NOISE_BOUND
    assert rows["Man"]["mentee_match_rate"]["value"] is None


def test_group_comparison_refuses_an_unknown_dimension(identified: Cohort) -> None:
    response = api_for(identified.manager).get(
        f"/api/programs/{identified.program.pk}/dashboard/groups/", {"dimension": "religion"}
    )

    assert response.status_code == 400
    assert "religion" in str(response.json()["dimension"])


def test_csv_export_download(cohort: Cohort) -> None:
    response = api_for(cohort.manager).get(
        f"/api/programs/{cohort.program.pk}/exports/relationships/", HTTP_ACCEPT="text/csv"
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(_streamed(response)).decode("utf-8-sig"))))
    assert len(rows) == 7


def test_xlsx_export_download_pseudonymised(cohort: Cohort) -> None:
    response = api_for(cohort.manager).get(
        f"/api/programs/{cohort.program.pk}/exports/participants/",
        {"file_type": "xlsx", "pseudonymise": "true"},
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(_streamed(response)))).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "person"
    assert "person_email" not in header
    assert sheet.max_row == 1 + 14


def test_export_refuses_unknown_dataset_and_file_type(cohort: Cohort) -> None:
    client = api_for(cohort.manager)
    base = f"/api/programs/{cohort.program.pk}/exports"

    bad_dataset = client.get(f"{base}/passwords/")
    bad_type = client.get(f"{base}/meetings/", {"file_type": "pdf"})

    assert bad_dataset.status_code == 400
    assert "passwords" in str(bad_dataset.json())
    assert bad_type.status_code == 400
    assert "pdf" in str(bad_type.json()["file_type"])


def test_my_progress(cohort: Cohort) -> None:
    response = api_for(cohort.mentees[0]).get("/api/me/progress/")

    assert response.status_code == 200
    [entry] = response.json()
    assert entry["program"] == {"id": cohort.program.pk, "name": cohort.program.name}
    assert entry["roles"] == ["Mentee"]
    assert entry["goals_met"] == 1
    assert sorted(goal["title"] for goal in entry["goals"]) == [
        "Lead a meeting",
        "Present at the all-hands",
    ]


def test_my_progress_is_empty_for_an_outsider(outsider: User) -> None:
    assert api_for(outsider).get("/api/me/progress/").json() == []
