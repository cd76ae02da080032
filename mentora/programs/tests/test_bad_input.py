"""Bad input is a 400 naming the field and the value, never a 500 or something stored wrongly
(issue 10, findings 7, 9 and 11), through the service, the page, the REST API and the import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.profiles.models import Profile
from mentora.profiles.services import profile_update
from mentora.programs.models import Answer, Enrollment, Invitation, Organisation, Program, Question
from mentora.programs.participant_io import participants_import_preview
from mentora.programs.services import (
    invitation_create,
    organisation_create,
    program_create,
    program_update,
    question_create,
)
from mentora.programs.tests.participant_files import MENTEE, csv_bytes
from mentora.testing import PASSWORD, make_person

pytestmark = pytest.mark.django_db

ApiAs = Callable[[User], APIClient]
NUL = "\x00"


@pytest.fixture
def questions(program: Program, manager: User) -> dict[str, Question]:
    return {
        "scale": question_create(
            program=program, created_by=manager, text="How confident?", kind="scale"
        ),
        "text": question_create(
            program=program, created_by=manager, text="Anything else?", kind="long_text"
        ),
    }


@pytest.fixture
def newcomer(program: Program) -> User:
    return make_person("newcomer@example.org", "Nadia Newcomer")


def _enroll(client: APIClient, program: Program, answers: dict[str, object]) -> Any:
    return client.post(
        f"/api/programs/{program.pk}/enroll/",
        {"role": "mentee", "answers": answers},
        format="json",
    )


# --- Questionnaire answers (finding 7) ------------------------------------------------------------


def test_a_nul_character_in_an_answer_is_a_400_on_its_question(
    api_as: ApiAs, program: Program, newcomer: User, questions: dict[str, Question]
) -> None:
    text = questions["text"]
    response = _enroll(api_as(newcomer), program, {str(text.pk): f"hello{NUL}world"})

    assert response.status_code == 400
    assert "NUL" in response.json()[f"question_{text.pk}"][0]
    assert not Enrollment.objects.filter(user=newcomer).exists()


def test_a_nul_character_in_a_question_number_is_a_400(
    api_as: ApiAs, program: Program, newcomer: User, questions: dict[str, Question]
) -> None:
    response = _enroll(api_as(newcomer), program, {f"1{NUL}": "x"})

    assert response.status_code == 400
    assert "NUL" in response.json()["answers"][0]


def test_a_nul_character_in_changed_answers_is_a_400(
    api_as: ApiAs, program: Program, mentee: User, questions: dict[str, Question]
) -> None:
    enrollment = Enrollment.objects.get(user=mentee, program=program)
    response = api_as(mentee).put(
        f"/api/enrollments/{enrollment.pk}/answers/",
        {"answers": {str(questions["text"].pk): NUL}},
        format="json",
    )

    assert response.status_code == 400
    assert not Answer.objects.filter(enrollment=enrollment).exists()


@pytest.mark.parametrize("value", [True, False, "true", [3], {"value": 3}, "1e400", 99**99])
def test_a_scale_answer_must_be_a_number_from_1_to_5(
    api_as: ApiAs, program: Program, newcomer: User, questions: dict[str, Question], value: Any
) -> None:
    scale = questions["scale"]
    response = _enroll(api_as(newcomer), program, {str(scale.pk): value})

    assert response.status_code == 400, response.content
    assert f"question_{scale.pk}" in response.json()
    assert not Answer.objects.exists()


def test_an_infinite_number_is_a_400_not_a_500(
    api_as: ApiAs, program: Program, newcomer: User, questions: dict[str, Question]
) -> None:
    scale = questions["scale"]
    response = api_as(newcomer).generic(
        "POST",
        f"/api/programs/{program.pk}/enroll/",
        f'{{"role": "mentee", "answers": {{"{scale.pk}": 1e400}}}}',
        content_type="application/json",
    )

    assert response.status_code == 400


def test_a_scale_answer_of_3_is_stored_as_3(
    api_as: ApiAs, program: Program, newcomer: User, questions: dict[str, Question]
) -> None:
    scale = questions["scale"]
    response = _enroll(api_as(newcomer), program, {str(scale.pk): 3})

    assert response.status_code == 201
    assert Answer.objects.get(question=scale).value == 3


# --- Length limits (finding 9) --------------------------------------------------------------------


def test_a_huge_bio_is_refused_by_the_service_the_api_and_the_page(
    api_as: ApiAs, client: Client, mentee: User
) -> None:
    huge = "x" * 9_000_000
    with pytest.raises(ValidationError, match="at most 2,000"):
        profile_update(user=mentee, editor=mentee, bio="x" * 2001)

    response = api_as(mentee).patch("/api/profiles/me/", {"bio": huge}, format="json")
    client.force_login(mentee)
    page = client.post(
        reverse("profiles:edit"),
        {"display_name": "Mina", "timezone": "Europe/London", "bio": "x" * 2001},
    )

    assert response.status_code == 400
    assert "bio" in response.json()
    assert page.status_code == 200
    assert Profile.objects.get(user=mentee).bio == ""


def test_every_free_text_of_a_program_has_a_limit(
    organisation: Organisation, manager: User, program: Program
) -> None:
    with pytest.raises(ValidationError, match="at most 5,000"):
        program_update(program=program, updated_by=manager, description="x" * 5001)
    with pytest.raises(ValidationError, match="NUL"):
        program_update(program=program, updated_by=manager, description=f"a{NUL}b")
    with pytest.raises(ValidationError, match="at most 200"):
        question_create(
            program=program,
            created_by=manager,
            text="Why?",
            kind="single_choice",
            choices=["a", "b" * 201],
        )


def test_the_import_refuses_a_long_bio_and_a_nul_character(program: Program) -> None:
    report = participants_import_preview(
        program=program,
        file_name="p.csv",
        data=csv_bytes([{**MENTEE, "bio": "x" * 2001, "headline": f"a{NUL}b"}]),
    )
    columns = {problem.column for problem in report.problems}
    assert {"bio", "headline"} <= columns


# --- Names on one line, and invitations that can be sent (finding 11) -----------------------------


def test_a_line_break_in_an_organisation_or_program_name_is_refused(
    api_as: ApiAs, manager: User, program: Program, organisation: Organisation
) -> None:
    staff = User.objects.create_user(email="staff@example.org", password=PASSWORD, is_staff=True)
    created = api_as(staff).post(
        "/api/organisations/", {"name": "Acme\nBcc: everyone@example.org"}, format="json"
    )
    renamed = api_as(manager).patch(
        f"/api/programs/{program.pk}/", {"name": "Mentoring\r\nX-Evil: 1"}, format="json"
    )
    new = api_as(manager).post(
        "/api/programs/", {"organisation": organisation.pk, "name": "Two\nLines"}, format="json"
    )

    assert created.status_code == 400
    assert "one line" in created.json()["name"][0]
    assert renamed.status_code == 400
    assert "one line" in renamed.json()["name"][0]
    assert new.status_code == 400
    with pytest.raises(ValidationError, match="one line"):
        organisation_create(name="Acme\u2028Evil", created_by=staff)
    with pytest.raises(ValidationError, match="one line"):
        program_create(organisation=organisation, created_by=manager, name="A\nB")


def test_an_invitation_that_cannot_be_sent_is_never_saved(
    api_as: ApiAs,
    manager: User,
    program: Program,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    # A name saved before names were checked, with a line break that would break the subject.
    Program.objects.filter(pk=program.pk).update(name="Mentoring\nBcc: all@example.org")
    program.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(manager).post(
            f"/api/programs/{program.pk}/invitations/",
            {"email": "guest@example.org", "role": "mentee"},
            format="json",
        )
    assert response.status_code == 400
    assert "cannot be sent" in response.json()["non_field_errors"][0]
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    with pytest.raises(ValidationError):
        invitation_create(
            organisation=program.organisation,
            program=program,
            email="guest@example.org",
            role="mentee",
            invited_by=manager,
        )
