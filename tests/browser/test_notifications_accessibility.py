"""The notifications pages pass an axe scan; marking one read updates the page without reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mentora.accounts.models import User
from mentora.notifications.services import notify
from mentora.testing import PASSWORD

from .conftest import log_in, scan_page

pytestmark = pytest.mark.django_db(transaction=True)

MARK_READ_ENROLLMENT = re.compile(r"^Mark read\s*: Enrollment closes on Friday$")


def _some_notifications(person: User) -> None:
    notify(
        recipient=person,
        kind="matching.proposal",
        title="A mentor is proposed for you",
        body="Otto Mentor could be a good match.",
        url="/programs/",
        important=True,
    )
    notify(recipient=person, kind="program.update", title="Enrollment closes on Friday")


def test_notification_pages_pass_an_accessibility_scan(page: Page, mentee: User) -> None:
    _some_notifications(mentee)
    log_in(page, mentee.email, PASSWORD)
    problems: dict[str, list[str]] = {}
    for path in ("/notifications/", "/notifications/?unread=1", "/notifications/preferences/"):
        name = f"a11y-notifications-{path.strip('/').replace('/', '-')}"
        problems |= scan_page(page, path, name=name)
    assert problems == {}


def test_marking_a_notification_read_updates_the_item_and_the_count(
    page: Page, mentee: User
) -> None:
    _some_notifications(mentee)
    log_in(page, mentee.email, PASSWORD)
    page.goto("/notifications/")
    nav = page.locator("#nav-notifications")
    assert nav.inner_text().startswith("Notifications 2")
    page.get_by_role("button", name=MARK_READ_ENROLLMENT).click()
    expect(nav).to_have_text(re.compile(r"^Notifications 1"), timeout=30_000)
    assert page.get_by_role("button", name=MARK_READ_ENROLLMENT).count() == 0
    page.get_by_role("link", name="A mentor is proposed for you").click()
    page.wait_for_url("**/programs/")
    assert page.locator("#nav-notifications").inner_text() == "Notifications"
