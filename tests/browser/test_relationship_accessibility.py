"""An axe scan of the relationship pages finds no serious or critical violation."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.relationships.services import (
    agreement_confirm,
    agreement_save,
    goal_create,
    meeting_schedule,
    question_ask,
    relationship_create,
)
from mentora.testing import PASSWORD

from .conftest import log_in, scan_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_relationship_pages_pass_an_accessibility_scan(
    page: Page, program: Program, manager: User, mentor: User, mentee: User
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
            name = path.strip("/").replace("/", "-") or "home"
            problems |= scan_page(
                page,
                path,
                name=f"a11y-relationships-{person.email.split('@')[0]}-{name}",
                who=person.email,
            )
        page.context.clear_cookies()
    assert problems == {}
