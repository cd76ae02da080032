"""A participant reviews and changes their questionnaire answers; nobody else can."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.programs.models import Answer, Enrollment, Program, Question
from mentora.programs.selectors import enrollments_missing_answers
from mentora.programs.services import (
    enrollment_answers_update,
    enrollment_withdraw,
    question_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def style(program: Program, manager: User) -> Question:
    """A required question added after people enrolled."""
    return question_create(
        program=program,
        created_by=manager,
        text="Working style",
        required=True,
        kind=Question.Kind.SINGLE_CHOICE,
        choices=["Structured", "Relaxed"],
        audience=Question.Audience.MENTEES,
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(program: Program, role: str = "mentee") -> str:
    return reverse("programs:answers", args=[program.pk, role])


def test_home_asks_for_a_required_answer_until_it_is_given(
    program: Program, mentee: User, style: Question
) -> None:
    client = client_for(mentee)
    assert "Answer the questionnaire of Acme Mentoring 2026" in client.get("/").content.decode()

    response = client.post(url(program), {f"q-question_{style.pk}": "Relaxed"})

    assert response.status_code == 302
    assert Answer.objects.get(question=style).value == "Relaxed"
    assert "Answer the questionnaire" not in client.get("/").content.decode()
    assert enrollments_missing_answers(user=mentee) == []


def test_the_page_shows_current_answers_and_refuses_a_missing_required_one(
    program: Program, mentee: User, style: Question
) -> None:
    enrollment = Enrollment.objects.get(user=mentee, program=program)
    enrollment_answers_update(enrollment=enrollment, by=mentee, answers={style.pk: "Structured"})
    client = client_for(mentee)
    html = client.get(url(program)).content.decode()
    assert 'value="Structured" ' in html
    assert "checked" in html

    response = client.post(url(program), {})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Answer.objects.get(question=style).value == "Structured"


def test_an_answer_outside_the_choices_is_refused_by_the_service(
    program: Program, mentee: User, style: Question
) -> None:
    enrollment = Enrollment.objects.get(user=mentee, program=program)
    with pytest.raises(ValidationError, match="Sometimes"):
        enrollment_answers_update(enrollment=enrollment, by=mentee, answers={style.pk: "Sometimes"})


def test_nobody_else_can_change_or_see_the_answers(
    program: Program, mentee: User, mentor: User, manager: User, outsider: User, style: Question
) -> None:
    enrollment = Enrollment.objects.get(user=mentee, program=program)
    with pytest.raises(PermissionDenied):
        enrollment_answers_update(enrollment=enrollment, by=manager, answers={style.pk: "Relaxed"})
    for person in (outsider, manager):
        assert client_for(person).get(url(program)).status_code == 404
    # The mentor has no mentee enrollment: their own page for that role does not exist.
    assert client_for(mentor).get(url(program, "mentee")).status_code == 404
    assert client_for(mentor).get(url(program, "nonsense")).status_code == 404


def test_a_withdrawn_enrollment_has_no_answers_page(
    program: Program, mentee: User, manager: User
) -> None:
    enrollment = Enrollment.objects.get(user=mentee, program=program)
    enrollment_withdraw(enrollment=enrollment, withdrawn_by=mentee)
    assert client_for(mentee).get(url(program)).status_code == 404
