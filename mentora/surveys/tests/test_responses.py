"""Answering a survey: once, by its person only, and nobody else reads the answers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from mentora.accounts.models import User
from mentora.relationships.models import Relationship
from mentora.surveys.models import Answer, Survey
from mentora.surveys.services import response_submit
from mentora.testing import PASSWORD
from mentora.testing.surveys import CHECK_IN_ANSWERS, answer, send

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def check_in(relationship: Relationship) -> Survey:
    return send(relationship=relationship, person=relationship.mentee, key="check_in")


def test_a_mentee_answers_a_check_in(check_in: Survey) -> None:
    response = answer(check_in, CHECK_IN_ANSWERS)
    check_in.refresh_from_db()
    assert check_in.completed_at is not None
    stored = {a.item.key: a.value for a in response.answers.select_related("item")}
    assert stored == CHECK_IN_ANSWERS


def test_a_survey_is_answered_once(check_in: Survey) -> None:
    answer(check_in, CHECK_IN_ANSWERS)
    with pytest.raises(ValidationError, match="already answered"):
        answer(check_in, CHECK_IN_ANSWERS)


def test_only_its_person_can_answer(check_in: Survey, mentor: User, manager: User) -> None:
    for other in (mentor, manager):
        with pytest.raises(PermissionDenied):
            response_submit(survey=check_in, by=other, answers=CHECK_IN_ANSWERS)


def test_mentor_items_exclude_the_mentees_ratings(relationship: Relationship) -> None:
    survey = send(relationship=relationship, person=relationship.mentor, key="check_in")
    with pytest.raises(ValidationError) as caught:
        answer(survey, CHECK_IN_ANSWERS)
    assert set(caught.value.message_dict) == {"honest_feedback", "makes_time"}
    answer(survey, {"quality": 5, "rhythm": "too_often"})
    assert not Answer.objects.filter(item__key="honest_feedback").exists()


def test_a_bad_answer_stores_nothing(check_in: Survey) -> None:
    with pytest.raises(ValidationError):
        answer(check_in, {**CHECK_IN_ANSWERS, "quality": 9})
    check_in.refresh_from_db()
    assert check_in.completed_at is None
    assert not Answer.objects.exists()


def test_the_answer_page_saves_and_then_shows_own_answers(check_in: Survey, mentee: User) -> None:
    client = client_for(mentee)
    page = client.get(f"/surveys/{check_in.pk}/")
    assert page.status_code == 200
    assert "My mentor tells me honestly how I am doing" in page.content.decode()
    sent = client.post(f"/surveys/{check_in.pk}/", CHECK_IN_ANSWERS)
    assert sent.status_code == 302
    shown = client.get(f"/surveys/{check_in.pk}/").content.decode()
    assert "You answered on" in shown
    assert "Going well." in shown


def test_the_answer_page_names_the_missing_item(check_in: Survey, mentee: User) -> None:
    page = client_for(mentee).post(f"/surveys/{check_in.pk}/", {"rhythm": "about_right"})
    assert page.status_code == 400
    assert "This field is required." in page.content.decode()
    check_in.refresh_from_db()
    assert check_in.completed_at is None


def test_nobody_else_opens_a_persons_survey(
    check_in: Survey, mentor: User, manager: User, outsider: User
) -> None:
    answer(check_in, CHECK_IN_ANSWERS)
    for other in (mentor, manager, outsider):
        assert client_for(other).get(f"/surveys/{check_in.pk}/").status_code == 404


def test_my_surveys_lists_only_my_own(check_in: Survey, mentee: User, mentor: User) -> None:
    assert "Relationship check-in" in client_for(mentee).get("/surveys/").content.decode()
    assert "Relationship check-in" not in client_for(mentor).get("/surveys/").content.decode()


def test_home_lists_the_surveys_due(check_in: Survey, mentee: User) -> None:
    home = client_for(mentee).get("/").content.decode()
    assert "surveys-due-heading" in home
    assert f"/surveys/{check_in.pk}/" in home


def test_anonymous_people_are_sent_to_log_in(check_in: Survey) -> None:
    assert Client().get(f"/surveys/{check_in.pk}/").status_code == 302


def test_managers_never_see_a_confidential_answer_of_one_person(
    check_in: Survey, manager: User
) -> None:
    answer(check_in, {**CHECK_IN_ANSWERS, "comment": "A very private remark."})
    client = client_for(manager)
    for path in (f"/surveys/programs/{check_in.program_id}/", "/surveys/", "/"):
        page = client.get(path).content.decode()
        assert "A very private remark." not in page
    assert client.get(f"/api/my-surveys/{check_in.pk}/").status_code == 404
    rates = client.get(f"/api/programs/{check_in.program_id}/survey-response-rates/").json()
    assert "Mina" not in str(rates)
    assert "private" not in str(rates)


def test_a_coaching_survey_speaks_of_coaches_and_coaching(coaching: Relationship) -> None:
    survey = send(relationship=coaching, person=coaching.mentee, key="check_in")
    page = client_for(coaching.mentee).get(f"/surveys/{survey.pk}/").content.decode()
    assert "Our coaching relationship is going well." in page
    assert "My coach makes time for me when I need it." in page
    assert "how your coaching relationship is going" in page
    assert "{" not in page.split("<main")[1].split("</main>")[0]
