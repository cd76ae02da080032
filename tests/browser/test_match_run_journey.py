"""A manager's match run in the browser: settings, run, progress, review, pin, re-run, publish;
and an axe scan of the matching pages."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from mentora.accounts.models import User
from mentora.matching.models import MatchRun, Pin
from mentora.matching.services import match_run_start
from mentora.profiles.models import DemographicIdentity
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.testing import PASSWORD
from mentora.testing.matching import populate

from .conftest import log_in, scan_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _identify(program: Program) -> None:
    """Self-identification for the fairness view: one group of 5, the rest too small to show."""
    mentees = User.objects.filter(email__startswith="mentee").order_by("pk")
    for index, user in enumerate(mentees):
        DemographicIdentity.objects.create(
            user=user, gender="woman" if index < 5 else "man", nationality="Portuguese"
        )


def test_a_manager_runs_reviews_pins_reruns_and_publishes(
    page: Page, program: Program, manager: User
) -> None:
    populate(program, mentors=4, mentees=7, capacity=2, skills=())
    _identify(program)
    log_in(page, manager.email, PASSWORD)
    page.goto(f"/manage/programs/{program.pk}/")
    page.get_by_role("link", name="Matching runs and weights").click()
    page.get_by_role("heading", name=f"Matching for {program.name}").wait_for()
    page.get_by_label("Skills").fill("6")
    page.get_by_role("radio", name="Stable (no blocking pairs)").check()
    screenshot(page, "matching-settings")
    page.get_by_role("button", name="Save and start a run").click()

    # The test backend runs the task at once, so the page shows the finished draft.
    page.get_by_role("heading", name="Proposed pairs").wait_for()
    first = MatchRun.objects.get()
    assert first.status == MatchRun.Status.DRAFT
    assert first.mode == "stable"
    assert first.weights["skills"] == 6
    assert page.get_by_text("Match rate").count() > 0
    fairness = page.get_by_role("region", name="Fairness by gender")
    assert "Woman" in fairness.inner_text()
    assert "Man" not in fairness.inner_text().replace("Groups", "")
    screenshot(page, "matching-draft")

    proposal = first.proposals.order_by("-score", "pk").first()
    assert proposal is not None
    pin_button = page.get_by_role(
        "button", name=f"Pin {proposal.mentor.display_name} and {proposal.mentee.display_name}"
    )
    pin_button.click()
    page.get_by_text("are pinned").wait_for()
    assert Pin.objects.filter(mentee=proposal.mentee, mentor=proposal.mentor).exists()

    # Changing a weight previews its effect on the draft, without saving anything.
    page.goto(f"/matching/programs/{program.pk}/")
    page.get_by_label("Goals and experience").fill("9")
    page.get_by_label("Goals and experience").blur()
    page.get_by_text(f"Preview on the draft of run {first.pk}").wait_for()
    assert page.get_by_text("Mean score of its 7 pairs").count() == 1
    screenshot(page, "matching-weights-preview")
    assert MatchRun.objects.count() == 1
    page.goto(f"/matching/runs/{first.pk}/")

    page.get_by_role("button", name="Re-run with pins kept").click()
    page.get_by_text(f"Compared with run {first.pk}").wait_for()
    second = MatchRun.objects.exclude(pk=first.pk).get()
    assert second.proposals.filter(
        mentee=proposal.mentee, mentor=proposal.mentor, pinned=True
    ).exists()
    screenshot(page, "matching-rerun")

    page.get_by_role("link", name="Publish this draft").click()
    pairs = second.proposals.count()
    page.get_by_role("button", name=f"Publish {pairs} pairs").click()
    page.get_by_text("Published:").wait_for()
    assert Relationship.objects.filter(program=program, origin="match_run").count() == pairs
    assert page.get_by_role("button", name="Re-run with pins kept").count() == 0
    screenshot(page, "matching-published")


def test_the_run_page_follows_progress_until_the_draft(
    page: Page, program: Program, manager: User
) -> None:
    populate(program, mentors=2, mentees=2, skills=())
    run = MatchRun.objects.create(
        program=program,
        started_by=manager,
        status=MatchRun.Status.RUNNING,
        stage="Scoring candidate pairs",
        percent=35,
        started_at=timezone.now(),
    )
    log_in(page, manager.email, PASSWORD)
    page.goto(f"/matching/runs/{run.pk}/")
    page.get_by_text("35% done").wait_for()
    screenshot(page, "matching-progress")
    MatchRun.objects.filter(pk=run.pk).update(percent=80, stage="Choosing the pairs")
    page.get_by_text("80% done").wait_for()
    # The worker finishes: the page reloads by itself and shows the result.
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.FAILED, error="No enrolled mentee is waiting for a mentor."
    )
    page.get_by_role("heading", name="The run failed").wait_for()
    assert page.get_by_text("No enrolled mentee is waiting for a mentor.").count() == 1


def test_matching_pages_pass_an_accessibility_scan(
    page: Page, program: Program, manager: User
) -> None:
    populate(program, mentors=7, mentees=6, capacity=1, skills=())
    _identify(program)
    first = match_run_start(program=program, started_by=manager)
    run = match_run_start(program=program, started_by=manager)
    proposal = run.proposals.order_by("pk").first()
    assert proposal is not None
    assert first.pk != run.pk
    running = MatchRun.objects.create(
        program=program, started_by=manager, status=MatchRun.Status.RUNNING, percent=20
    )
    log_in(page, manager.email, PASSWORD)
    problems: dict[str, list[str]] = {}
    for path in [
        f"/matching/programs/{program.pk}/",
        f"/matching/runs/{run.pk}/",
        f"/matching/runs/{run.pk}/publish/",
        f"/matching/proposals/{proposal.pk}/move/",
        f"/matching/runs/{running.pk}/",
        f"/manage/programs/{program.pk}/",
    ]:
        problems |= scan_page(page, path, name="a11y-matching-" + path.strip("/").replace("/", "-"))
    assert problems == {}
