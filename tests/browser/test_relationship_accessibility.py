"""An axe scan of the relationship pages finds no serious or critical violation."""

from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from conftest import PASSWORD
from mentora.relationships.services import (
    agreement_confirm,
    agreement_save,
    goal_create,
    meeting_schedule,
    question_ask,
    relationship_create,
)

from .conftest import log_in, screenshot, sideways_scroll

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()


def _serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    results = AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_relationship_pages_pass_an_accessibility_scan(
    page, program, manager, mentor, mentee
) -> None:
    relationship = relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    agreement_save(relationship=relationship, by=mentee, goals="Lead a team")
    agreement_confirm(relationship=relationship, by=mentee)
    agreement_confirm(relationship=relationship, by=mentor)
    meeting = meeting_schedule(
        relationship=relationship,
        by=mentee,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        agenda="Plan",
    )
    question = question_ask(relationship=relationship, by=mentee, text="How?")
    goal_create(relationship=relationship, by=mentee, title="Speak", milestones=["One talk"])
    r = f"/relationships/{relationship.pk}/"
    problems: dict[str, list[str]] = {}
    for person, paths in [
        (
            mentee,
            [
                "/relationships/",
                r,
                r + "acquaintance/",
                r + "agreement/",
                f"{r}meetings/{meeting.pk}/",
                r + "meetings/new/",
                f"{r}questions/{question.pk}/",
                r + "goals/new/",
                r + "separation/",
                r + "redefinition/",
                "/",
            ],
        ),
        (manager, ["/relationships/", r, f"/relationships/new/{program.pk}/"]),
    ]:
        log_in(page, person.email, PASSWORD)
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            for width in (1280, 375):
                page.set_viewport_size({"width": width, "height": 900})
                found = _serious(page) + sideways_scroll(page)
                if found:
                    problems[f"{path} as {person.email} at {width}px"] = found
            page.set_viewport_size({"width": 1280, "height": 900})
            name = path.strip("/").replace("/", "-") or "home"
            screenshot(page, f"a11y-relationships-{person.email.split('@')[0]}-{name}")
        page.context.clear_cookies()
    assert problems == {}
