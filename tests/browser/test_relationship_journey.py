"""A pair's journey through the browser: agreement, meeting and .ics, a question, separation,
redefinition; and a coaching pair that meets its measurable goals."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from mentora.accounts.models import User
from mentora.programs.models import Organisation, Program
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.services import goal_create, relationship_create
from mentora.testing import PASSWORD
from mentora.testing.relationships import coaching_relationship

from .conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def coaching(organisation: Organisation, manager: User, mentee: User) -> Relationship:
    return coaching_relationship(organisation, manager, mentee)


@pytest.fixture
def coach(coaching: Relationship) -> User:
    return coaching.mentor


@pytest.fixture
def coachee(coaching: Relationship) -> User:
    return coaching.mentee


def _page_for(browser: Browser, live_server: LiveServer, user: User) -> Page:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, user.email, PASSWORD)
    return page


def _stage(relationship: Relationship) -> str:
    relationship.refresh_from_db()
    return relationship.stage


def test_a_mentoring_pair_goes_from_agreement_to_redefinition(
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    program: Program,
    manager: User,
    mentor: User,
    mentee: User,
    tmp_path: Path,
) -> None:
    relationship = relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    r = f"/relationships/{relationship.pk}/"
    log_in(page, mentee.email, PASSWORD)
    mentor_page = _page_for(browser, live_server, mentor)

    # Both sign the agreement: the pair is in cultivation.
    page.goto(r + "agreement/")
    page.get_by_label("Our goals").fill("Lead a team within two years")
    page.get_by_label("Where we meet (channel)").fill("Video call")
    page.get_by_role("button", name="Save the agreement").click()
    page.get_by_role("button", name="I confirm this agreement").click()
    screenshot(page, "relationship-agreement-confirmed-by-mentee")
    mentor_page.goto(r + "agreement/")
    mentor_page.get_by_role("button", name="I confirm this agreement").click()
    mentor_page.wait_for_url(f"**{r}")
    assert _stage(relationship) == Stage.CULTIVATION
    assert "Cultivation" in mentor_page.locator("h1 + p").inner_text()

    # A meeting is scheduled and its .ics downloaded.
    page.goto(r)
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Starts at").fill("2030-05-01T10:00")
    page.get_by_label("Agenda").fill("Career plan")
    page.get_by_role("button", name="Schedule and send the invitation").click()
    page.get_by_role("heading", name="Meeting: ").wait_for()
    screenshot(page, "relationship-meeting")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    path = tmp_path / "meeting.ics"
    download_info.value.save_as(path)
    text = path.read_text()
    assert text.startswith("BEGIN:VCALENDAR")
    assert "DTSTART:20300501T090000Z" in text

    # The mentee asks and the mentor answers.
    page.goto(r)
    page.get_by_label("Your question").fill("How do I prepare for my first review as a lead?")
    page.get_by_role("button", name="Ask").click()
    question_url = page.url
    mentor_page.goto(question_url)
    mentor_page.get_by_label("Answer").fill("Write down three wins and one thing to improve.")
    mentor_page.get_by_role("button", name="Answer").click()
    page.reload()
    assert "Write down three wins" in page.content()
    screenshot(page, "relationship-question-thread")

    # Separation is proposed and confirmed.
    page.goto(r + "separation/")
    page.get_by_label("Your reflection").fill("I have what I came for.")
    page.get_by_role("button", name="Propose separation").click()
    mentor_page.goto(r + "separation/")
    mentor_page.get_by_role("button", name="Confirm separation").click()
    mentor_page.get_by_text("You are now in separation").wait_for()
    assert _stage(relationship) == Stage.SEPARATION
    screenshot(mentor_page, "relationship-separation")

    # Redefinition terms are set.
    mentor_page.goto(r + "redefinition/")
    mentor_page.get_by_label("Peers").check()
    mentor_page.get_by_label("How often we check in").select_option("quarterly")
    mentor_page.get_by_label("Expectations").fill("Coffee now and then")
    mentor_page.get_by_role("button", name="Set our new terms").click()
    mentor_page.get_by_text("Your new terms are set").wait_for()
    assert _stage(relationship) == Stage.REDEFINITION
    screenshot(mentor_page, "relationship-redefinition")
    page.goto(r)
    screenshot(page, "relationship-overview-mentee")
    page.goto("/")
    assert "My mentoring relationships" in page.content()
    screenshot(page, "relationship-home")
    mentor_page.context.close()


def test_a_coaching_pair_meets_its_goals_and_is_offered_separation(
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    coaching: Relationship,
    coach: User,
    coachee: User,
) -> None:
    r = f"/relationships/{coaching.pk}/"
    coach_page = _page_for(browser, live_server, coach)
    coach_page.goto(r + "goals/new/")
    coach_page.get_by_label("Title").fill("Give internal talks")
    coach_page.get_by_label("Target value").fill("2")
    coach_page.get_by_label("Unit").fill("talks")
    coach_page.get_by_label("Deadline").fill("2030-06-30")
    coach_page.get_by_role("button", name="Add the goal").click()
    coach_page.get_by_text("Goal added.").wait_for()
    goal_create(
        relationship=coaching,
        by=coach,
        title="Raise the team's score",
        target_value=40,
        unit="points",
        due_on=datetime.date(2030, 6, 30),
    )
    log_in(page, coachee.email, PASSWORD)
    page.goto(r)
    for goal in coaching.goals.all():
        form = page.locator(f"form[action$='/goals/{goal.pk}/progress/']")
        form.get_by_label("Measured value").fill(str(goal.target_value))
        form.get_by_role("button", name="Update progress").click()
        page.get_by_text("Goal met!").wait_for()
    suggestion = page.locator("#separation-suggestion")
    assert "Every goal is met" in suggestion.inner_text()
    screenshot(page, "relationship-coaching-goals-met")
    suggestion.get_by_role("link", name="Propose separation").click()
    page.get_by_label("Your reflection").wait_for()
    assert "Every goal is met" in page.content()
    coach_page.context.close()
