"""A newcomer signs up, verifies their email, and enrolls as a mentee with the questionnaire."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program, Question
from mentora.programs.services import question_create

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_verify_and_enroll_as_a_mentee(
    page: Page, live_server: LiveServer, program: Program, manager: User
) -> None:
    question_create(
        program=program,
        created_by=manager,
        text="Which working style suits you?",
        kind=Question.Kind.SINGLE_CHOICE,
        choices=["Structured", "Relaxed"],
        required=True,
    )
    question_create(
        program=program,
        created_by=manager,
        text="How confident are you presenting?",
        kind=Question.Kind.SCALE,
        audience=Question.Audience.BOTH,
    )
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email").fill("nia@example.org")
    page.locator("#id_password1").fill("a long pass phrase 42")
    page.locator("#id_password2").fill("a long pass phrase 42")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()

    link = re.search(r"http://[^/\s]+(/accounts/confirm-email/\S+)", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Find a program").click()
    page.get_by_role("link", name=re.compile("Enroll in Acme Mentoring")).click()
    page.get_by_role("radio", name=re.compile("Mentee")).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Display name").fill("Nia Newcomer")
    page.get_by_label("Timezone").fill("Europe/Berlin")
    page.get_by_label("English").check()
    page.get_by_label("Your career goals").fill("Lead a small team\nGet better at SQL")
    page.get_by_label("Structured").check()
    page.get_by_role("group", name="How confident are you presenting?").get_by_label("4").check()
    screenshot(page, "enroll-mentee")
    page.get_by_role("button", name="Enroll").click()
    page.get_by_text("You are enrolled in Acme Mentoring 2026 as mentee.").wait_for()
    screenshot(page, "home-mentee")

    enrollment = Enrollment.objects.get(user__email="nia@example.org")
    assert enrollment.role == "mentee"
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert {a.question.text: a.value for a in enrollment.answers.all()} == {
        "Which working style suits you?": "Structured",
        "How confident are you presenting?": 4,
    }
