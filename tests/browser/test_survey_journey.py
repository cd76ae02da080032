"""A mentee answers a due check-in survey in the browser; the survey pages pass an axe scan."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.services import relationship_create
from mentora.surveys.instruments import BUILTIN_INSTRUMENTS, builtin_instruments_install
from mentora.surveys.models import Instrument, InstrumentVersion, Item, Occasion, Survey
from mentora.surveys.scheduling import survey_schedule_run
from mentora.surveys.services import instrument_create
from mentora.testing import PASSWORD
from mentora.testing.relationships import walk_to
from mentora.testing.surveys import answer, send

from .conftest import log_in, scan_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cultivating(program: Program, manager: User, mentor: User, mentee: User) -> Relationship:
    # A transactional test flushes the data migration's rows: put the built-ins back.
    builtin_instruments_install(
        instrument_model=Instrument, version_model=InstrumentVersion, item_model=Item
    )
    relationship = relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    walk_to(relationship, Stage.CULTIVATION)  # both confirm the agreement
    return relationship


def _benefit_history(relationship: Relationship) -> None:
    """A baseline and a closing benefits survey, so the progress page has a line to draw."""
    items = next(s for s in BUILTIN_INSTRUMENTS if s.key == "mentee_benefits").items
    for days, level, occasion in ((120, 2, Occasion.BASELINE), (5, 4, Occasion.CLOSING)):
        at = timezone.now() - datetime.timedelta(days=days)
        survey = send(
            relationship=relationship,
            person=relationship.mentee,
            key="mentee_benefits",
            occasion=occasion,
            at=at,
        )
        values = {i.key: (6 - level if i.reverse_scored else level) for i in items}
        values["confidence_1"] = min(5, level + 1)
        response = answer(survey, values)
        response.submitted_at = at
        response.save()


def test_a_mentee_answers_a_due_check_in(
    page: Page, cultivating: Relationship, mentee: User
) -> None:
    # Six weeks into cultivation the daily run sends the first check-in.
    survey_schedule_run(now=timezone.now() + datetime.timedelta(days=42, hours=1))
    survey = Survey.objects.get(respondent=mentee, occasion=Occasion.CHECK_IN)

    log_in(page, mentee.email, PASSWORD)
    page.goto("/")
    surveys = page.get_by_role("region", name="Surveys")
    surveys.get_by_role("link", name="Relationship check-in").click()
    page.wait_for_url(f"**/surveys/{survey.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Relationship check-in"

    # Forgetting a question is explained, and nothing is saved.
    page.get_by_role("group", name="How is the rhythm of your meetings?").get_by_label(
        "About right"
    ).check()
    page.get_by_role("button", name="Send my answers").click()
    assert page.get_by_text("This field is required.").first.is_visible()
    screenshot(page, "surveys-check-in-error")
    survey.refresh_from_db()
    assert survey.completed_at is None

    page.get_by_role("group", name="Our mentoring relationship is going well.").get_by_label(
        "4 Agree"
    ).check()
    page.get_by_role("group", name="How is the rhythm of your meetings?").get_by_label(
        "About right"
    ).check()
    page.get_by_role("group", name="tells me honestly").get_by_label("5 Strongly agree").check()
    page.get_by_role("group", name="makes time for me").get_by_label("4 Agree").check()
    page.get_by_label("Anything you would like to add?").fill("Our talks on feedback help.")
    screenshot(page, "surveys-check-in-filled")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/surveys/")
    assert page.get_by_text("Thank you: your answers").is_visible()
    screenshot(page, "surveys-my-surveys")

    survey.refresh_from_db()
    assert survey.completed_at is not None
    stored = {a.item.key: a.value for a in survey.response.answers.select_related("item")}
    assert stored == {
        "quality": 4,
        "rhythm": "about_right",
        "honest_feedback": 5,
        "makes_time": 4,
        "comment": "Our talks on feedback help.",
    }


def test_survey_pages_pass_an_accessibility_scan(
    page: Page, program: Program, manager: User, cultivating: Relationship, mentee: User
) -> None:
    survey_schedule_run(now=timezone.now() + datetime.timedelta(days=42, hours=1))
    check_in = Survey.objects.get(respondent=mentee, occasion=Occasion.CHECK_IN)
    _benefit_history(cultivating)
    custom = instrument_create(
        program=program,
        by=manager,
        title="Kick-off feedback",
        anonymity="named",
        items=[
            {"text": "The kick-off was useful.", "kind": "agree_1_5"},
            {"text": "How likely are you to recommend the program?", "kind": "scale_0_10"},
        ],
    )
    problems: dict[str, list[str]] = {}
    for person, paths in [
        (
            mentee,
            [
                "/",
                "/surveys/",
                f"/surveys/{check_in.pk}/",
                f"/surveys/progress/{program.pk}/",
            ],
        ),
        (
            manager,
            [
                f"/surveys/programs/{program.pk}/",
                f"/surveys/programs/{program.pk}/custom/new/",
                f"/surveys/custom/{custom.pk}/",
                f"/surveys/custom/{custom.pk}/edit/",
            ],
        ),
    ]:
        log_in(page, person.email, PASSWORD)
        for path in paths:
            name = path.strip("/").replace("/", "-") or "home"
            problems |= scan_page(
                page,
                path,
                name=f"a11y-surveys-{person.email.split('@')[0]}-{name}",
                who=person.email,
            )
        page.context.clear_cookies()
    assert problems == {}
