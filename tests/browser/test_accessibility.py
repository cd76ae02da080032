"""An axe scan of the main pages finds no serious or critical violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.programs.services import question_create
from mentora.testing import PASSWORD

from .conftest import log_in, scan_page

pytestmark = pytest.mark.django_db(transaction=True)


def _scan(page: Page, paths: list[str], prefix: str) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for path in paths:
        name = f"a11y-{prefix}-{path.strip('/').replace('/', '-') or 'root'}"
        problems |= scan_page(page, path, name=name)
    return problems


def test_public_pages_pass_an_accessibility_scan(page: Page) -> None:
    problems = _scan(
        page, ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"], "public"
    )
    assert problems == {}


def test_participant_pages_pass_an_accessibility_scan(
    page: Page, program: Program, mentor: User, mentee: User, manager: User
) -> None:
    # A required question the mentee has not answered: home asks for it, the answers page shows it.
    question_create(
        program=program,
        created_by=manager,
        text="Which working style suits you?",
        kind="single_choice",
        choices=["Structured", "Relaxed"],
        required=True,
    )
    log_in(page, mentee.email, PASSWORD)
    paths = [
        "/",
        f"/programs/{program.pk}/answers/mentee/",
        "/programs/",
        f"/programs/{program.pk}/",
        f"/programs/{program.pk}/enroll/",
        f"/programs/{program.pk}/enroll/?role=mentor",
        "/profile/",
        "/profile/self-identification/",
        f"/profile/{mentor.profile.pk}/",
        "/accounts/email/",
    ]
    assert _scan(page, paths, "participant") == {}


def test_manager_pages_pass_an_accessibility_scan(
    page: Page, program: Program, mentor: User, mentee: User, manager: User
) -> None:
    log_in(page, manager.email, PASSWORD)
    paths = [
        "/manage/",
        f"/manage/programs/{program.pk}/",
        f"/manage/programs/{program.pk}/edit/",
        f"/manage/programs/{program.pk}/questions/",
        f"/manage/organisations/{program.organisation_id}/managers/",
        f"/manage/organisations/{program.organisation_id}/skills/",
        f"/manage/programs/{program.pk}/participants/import/",
    ]
    assert _scan(page, paths, "manager") == {}
