"""Bad input to the surveys (issue 10, finding 7): a 400 naming the question or field, never a
500 (a NUL character cannot be stored by PostgreSQL), and every free text within its limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.surveys.models import Answer, Instrument, Survey
from mentora.surveys.scoring import TEXT_MAX
from mentora.surveys.services import DESCRIPTION_MAX, instrument_create
from mentora.testing import PASSWORD
from mentora.testing.surveys import CHECK_IN_ANSWERS, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def check_in(relationship: Relationship) -> Survey:
    return send(relationship=relationship, person=relationship.mentee, key="check_in")


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _answer(survey: Survey, answers: dict[str, Any]) -> Any:
    return _api(survey.respondent).post(
        f"/api/my-surveys/{survey.pk}/response/", {"answers": answers}, format="json"
    )


def _nothing_stored(survey: Survey) -> None:
    survey.refresh_from_db()
    assert survey.completed_at is None
    assert not Answer.objects.filter(response__survey=survey).exists()


@pytest.mark.parametrize(
    ("key", "value"),
    [("comment", "Going\x00 well."), ("rhythm", "about_right\x00"), ("quality", "4\x00")],
)
def test_a_nul_character_in_an_answer_is_a_400_naming_the_question(
    check_in: Survey, key: str, value: str
) -> None:
    response = _answer(check_in, {**CHECK_IN_ANSWERS, key: value})

    assert response.status_code == 400, response.content
    assert list(response.json()) == [key]
    assert "NUL" in str(response.json()[key]) or "not an answer" in str(response.json()[key])
    _nothing_stored(check_in)


@pytest.mark.parametrize("value", [True, False])
def test_a_scale_answer_given_as_true_or_false_is_refused(check_in: Survey, value: bool) -> None:
    response = _answer(check_in, {**CHECK_IN_ANSWERS, "quality": value})

    assert response.status_code == 400, response.content
    assert "quality" in response.json()
    assert "whole number from 1 to 5" in str(response.json()["quality"])
    _nothing_stored(check_in)


def test_a_nul_in_a_question_key_is_a_400_not_a_500(check_in: Survey) -> None:
    response = _answer(check_in, {**CHECK_IN_ANSWERS, "comm\x00ent": "Hello"})

    assert response.status_code == 400, response.content
    _nothing_stored(check_in)


def test_a_text_answer_longer_than_its_limit_is_refused(check_in: Survey) -> None:
    response = _answer(check_in, {**CHECK_IN_ANSWERS, "comment": "x" * (TEXT_MAX + 1)})

    assert response.status_code == 400
    assert f"at most {TEXT_MAX}" in str(response.json()["comment"])
    _nothing_stored(check_in)


def test_the_answer_page_refuses_a_nul_character(check_in: Survey) -> None:
    client = Client()
    client.login(email=check_in.respondent.email, password=PASSWORD)

    page = client.post(
        f"/surveys/{check_in.pk}/",
        {"quality": "4", "rhythm": "about_right", "honest_feedback": "5", "makes_time": "4",
         "comment": "Going\x00 well."},
    )  # fmt: skip

    assert page.status_code == 400
    assert "Null characters are not allowed." in page.content.decode()
    _nothing_stored(check_in)


def _write(manager: User, program: Program, **changes: Any) -> Any:
    body = {
        "title": "Pulse",
        "description": "",
        "anonymity": "confidential",
        "items": [{"text": "All good?", "kind": "agree_1_5"}],
    } | changes
    return _api(manager).post(f"/api/programs/{program.pk}/custom-surveys/", body, format="json")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": "Pulse\nof March"}, "title", "one line"),
        ({"description": "x" * (DESCRIPTION_MAX + 1)}, "description", str(DESCRIPTION_MAX)),
        ({"items": [{"text": "All\ngood?", "kind": "agree_1_5"}]}, "items", "one line"),
        (
            {"items": [{"text": "Which?", "kind": "choice", "choices": ["A\nB", "C"]}]},
            "items",
            "one line",
        ),
    ],
)
def test_a_managers_survey_with_bad_text_is_a_400_naming_the_field(
    program: Program, manager: User, changes: dict[str, Any], field: str, words: str
) -> None:
    response = _write(manager, program, **changes)

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert words in str(response.json()[field])
    assert not Instrument.objects.filter(program=program).exists()


@pytest.mark.parametrize(
    ("choices", "words"),
    [([["a\x00", "A"], "C"], "NUL"), ([["a", "A\nB"], "C"], "one line"), ("A, B", "a list")],
)
def test_the_service_refuses_bad_choices_whatever_the_door(
    program: Program, manager: User, choices: object, words: str
) -> None:
    """The API only sends texts; the service also takes [value, label] pairs (the import)."""
    with pytest.raises(ValidationError) as error:
        instrument_create(
            program=program,
            by=manager,
            title="Pulse",
            items=[{"text": "Which?", "kind": "choice", "choices": choices}],
        )

    assert words in str(error.value.message_dict["items"])


def test_the_survey_form_page_refuses_a_description_over_its_limit(
    program: Program, manager: User
) -> None:
    client = Client()
    client.login(email=manager.email, password=PASSWORD)
    data = {
        "title": "Pulse",
        "description": "x" * (DESCRIPTION_MAX + 1),
        "audience": "both",
        "anonymity": "confidential",
        "q-TOTAL_FORMS": "1",
        "q-INITIAL_FORMS": "0",
        "q-0-text": "All good?",
        "q-0-kind": "agree_1_5",
    }

    page = client.post(f"/surveys/programs/{program.pk}/custom/new/", data)

    assert page.status_code == 400
    assert f"at most {DESCRIPTION_MAX}" in page.content.decode()
    assert not Instrument.objects.filter(program=program).exists()
