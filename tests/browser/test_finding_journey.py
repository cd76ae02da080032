"""A mentee finds a mentor (filters, the mentor's page, the private checklist) and asks them; the
mentor accepts; the mentee sees the new relationship. And an axe scan of the finding pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from mentora.accounts.models import User
from mentora.finding.models import MentorConsideration, MentorRequest, RequestStatus
from mentora.finding.services import request_create, request_message_add
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.testing import PASSWORD
from mentora.testing.finding import add_mentor

from .conftest import log_in, scan_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _page_for(browser: Browser, live_server: LiveServer, user: User) -> Page:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, user.email, PASSWORD)
    return page


def test_a_mentee_finds_and_asks_a_mentor_who_accepts(
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    program: Program,
    mentor: User,
    mentee: User,
) -> None:
    add_mentor(program, "tech@example.org", "Tara Tech", industry="technology")
    log_in(page, mentee.email, PASSWORD)

    # Find a mentor: the nav link leads to the recommendations; a filter narrows them (htmx).
    page.get_by_role("link", name="Find a mentor").click()
    page.wait_for_url(f"**/find/{program.pk}/")
    assert page.locator(".mentor-card").count() == 2
    screenshot(page, "finding-recommendations")
    page.get_by_label("Industry").select_option("healthcare")
    page.wait_for_url(re.compile(r"industry=healthcare"))
    cards = page.locator(".mentor-card")
    cards.first.wait_for()
    expect(cards).to_have_count(1, timeout=30_000)
    assert "Otto Mentor" in cards.first.inner_text()
    screenshot(page, "finding-recommendations-filtered")

    # The mentor's page: the five questions, a private checklist, a bookmark, the request.
    page.get_by_role("link", name="Otto Mentor", exact=True).click()
    page.get_by_role("heading", name="Otto Mentor", exact=True).wait_for()
    assert "Are they passionate about helping others succeed?" in page.content()
    page.get_by_role("button", name=re.compile("Bookmark")).first.click()
    page.get_by_role("button", name=re.compile("Bookmarked")).first.wait_for()
    page.get_by_role("radiogroup", name="My answer to question 1").get_by_label("Yes").check()
    page.get_by_role("radiogroup", name="My answer to question 4").get_by_label("Not sure").check()
    page.get_by_label("My private note").fill("Ask about time in the spring")
    page.get_by_role("button", name="Save my private checklist").click()
    page.get_by_text("Your private checklist is saved.").wait_for()
    screenshot(page, "finding-mentor-page")
    consideration = MentorConsideration.objects.get(mentee=mentee, mentor=mentor)
    assert (consideration.passion, consideration.time) == ("yes", "not_sure")

    page.get_by_label("Your message").fill("I want to lead a clinical data team next year.")
    page.get_by_role("button", name="Send my request").click()
    page.get_by_text("Your request is on its way to Otto Mentor").wait_for()
    request = MentorRequest.objects.get(mentee=mentee, mentor=mentor)
    screenshot(page, "finding-request-sent")

    # The mentor sees the request and the mentee's goals, and accepts.
    mentor_page = _page_for(browser, live_server, mentor)
    assert "1 waiting for my answer" in mentor_page.content()
    screenshot(mentor_page, "finding-mentor-home")
    mentor_page.get_by_role("link", name="Mina Mentee").first.click()
    mentor_page.get_by_text("Lead a team within two years").wait_for()
    assert "Ask about time in the spring" not in mentor_page.content()
    screenshot(mentor_page, "finding-request-for-mentor")
    mentor_page.get_by_role("button", name="Accept Mina Mentee").click()
    mentor_page.wait_for_url("**/relationships/*/")
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED

    # The mentee sees the new relationship.
    page.goto("/")
    relationship = Relationship.objects.get(mentor=mentor, mentee=mentee)
    assert relationship.origin == Relationship.Origin.REQUEST
    page.get_by_role("link", name="Otto Mentor").first.click()
    page.wait_for_url(f"**/relationships/{relationship.pk}/")
    screenshot(page, "finding-relationship-started")


def test_finding_pages_pass_an_accessibility_scan(
    page: Page, program: Program, mentor: User, mentee: User
) -> None:
    add_mentor(program, "tech@example.org", "Tara Tech", industry="technology")
    request = request_create(
        program=program, mentee=mentee, mentor=mentor, message="I want to lead a team."
    )
    request_message_add(request=request, by=mentor, text="Which team?")
    problems: dict[str, list[str]] = {}
    for person, paths in [
        (
            mentee,
            [
                f"/find/{program.pk}/",
                f"/find/{program.pk}/mentors/{mentor.pk}/",
                "/find/requests/",
                f"/find/requests/{request.pk}/",
                "/",
            ],
        ),
        (mentor, [f"/find/requests/{request.pk}/", "/find/availability/", "/"]),
    ]:
        log_in(page, person.email, PASSWORD)
        for path in paths:
            name = path.strip("/").replace("/", "-") or "home"
            problems |= scan_page(
                page,
                path,
                name=f"a11y-finding-{person.email.split('@')[0]}-{name}",
                who=person.email,
            )
        page.context.clear_cookies()
    assert problems == {}
