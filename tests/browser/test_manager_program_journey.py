"""A program manager creates a program, imports participants from a CSV and sees them enrolled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.testing import PASSWORD
from mentora.testing.programs import verify_domain

from .conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "participants.csv"
BAD_ROWS = (
    "email,display_name,role,years_experience\n"
    "ok@example.org,Olu Kay,mentee,3\n"
    "not-an-email,Someone,mentor,2\n"
    "late@example.org,Lee Late,mentee,many\n"
)


def test_manager_creates_a_program_and_imports_a_csv(
    page: Page,
    live_server: LiveServer,
    organisation: Organisation,
    manager: User,
    tmp_path: Path,
) -> None:
    # The example file's people are at example.org, a verified domain of the organisation: they
    # are its people, so the import enrolls them (anyone else would be invited).
    verify_domain(organisation, "example.org")
    log_in(page, manager.email, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Manage").click()
    page.get_by_role("link", name=re.compile(f"New program.*{organisation.name}")).click()
    page.get_by_label("Name").first.fill("Graduates 2027")
    page.get_by_label("Description").fill("Pairs this year's graduates with experienced staff.")
    page.get_by_role("button", name="Create program").click()
    page.get_by_role("heading", name=re.compile("Graduates 2027")).wait_for()
    program = Program.objects.get(name="Graduates 2027")

    # A file with problems: every problem is shown by row and column, and nothing is saved.
    bad = tmp_path / "participants-with-problems.csv"
    bad.write_text(BAD_ROWS, encoding="utf-8")
    page.get_by_role("link", name="Import participants").click()
    page.get_by_label("Participants file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    problems = page.get_by_role("table", name="Problems by row and column")
    problems.wait_for()
    assert problems.get_by_role("row", name=re.compile(r"^3 email not-an-email")).count() == 1
    assert problems.get_by_role("row", name=re.compile(r"^4 years_experience many")).count() == 1
    assert page.get_by_role("button", name=re.compile("Import all")).is_disabled()
    screenshot(page, "import-problems")
    assert not Enrollment.objects.filter(program=program).exists()

    # The example file is valid: check, then import all of it.
    page.get_by_role("link", name=re.compile("Graduates 2027")).first.click()
    page.get_by_role("link", name="Import participants").click()
    page.get_by_label("Participants file").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Check the import of participants.csv").wait_for()
    found = page.get_by_role("table", name="Problems by row and column")
    assert found.count() == 0, found.inner_text()
    assert page.get_by_text("Every row is valid.").is_visible(), page.locator("main").inner_text()
    rows = len(EXAMPLE.read_text(encoding="utf-8").strip().splitlines()) - 1
    screenshot(page, "import-preview")
    page.get_by_role("button", name=f"Import all {rows} rows").click()
    page.get_by_text(re.compile(f"{rows} of {rows} rows valid. Enrolled {rows} people")).wait_for()
    screenshot(page, "import-done")

    enrolled = Enrollment.objects.filter(program=program, status=Enrollment.Status.ACTIVE)
    assert enrolled.count() == rows
    assert (
        page.get_by_role("table", name=re.compile("Participants of Graduates 2027"))
        .get_by_role("link", name="Amara Okafor")
        .is_visible()
    )
