"""Managers write their own surveys, change them (new versions once answered) and send them;
named answers reach the managers, confidential ones only as totals of five or more."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from mentora.accounts.models import User
from mentora.notifications.models import Notification
from mentora.programs.models import Enrollment, Program
from mentora.surveys.models import Anonymity, Instrument, ProgramSurveySchedule, Survey
from mentora.surveys.services import custom_survey_send, instrument_create, instrument_update
from mentora.testing import PASSWORD
from mentora.testing.surveys import answer, enrolled

pytestmark = pytest.mark.django_db

ITEMS: list[dict[str, Any]] = [
    {"text": "The kick-off event was useful.", "kind": "agree_1_5"},
    {"text": "Which format do you prefer?", "kind": "choice", "choices": ["Online", "In person"]},
    {"text": "Anything else?", "kind": "text"},
]


def client_for(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def make(program: Program, manager: User, anonymity: str = Anonymity.CONFIDENTIAL) -> Instrument:
    return instrument_create(
        program=program, by=manager, title="Kick-off feedback", items=ITEMS, anonymity=anonymity
    )


def test_a_manager_writes_a_survey(program: Program, manager: User) -> None:
    instrument = make(program, manager)
    version = instrument.current_version()
    items = list(version.items.all())
    assert [item.key for item in items] == ["q1", "q2", "q3"]
    assert items[1].choices == [["online", "Online"], ["in_person", "In person"]]
    assert items[2].required is False
    assert instrument.key == "kick-off-feedback"


def test_only_managers_write_surveys(program: Program, mentor: User) -> None:
    with pytest.raises(PermissionDenied):
        instrument_create(program=program, by=mentor, title="Mine", items=ITEMS)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "at least one question"),
        ([{"text": "Hm", "kind": "stars"}], "Question 1 has the kind 'stars'"),
        ([{"text": "Pick", "kind": "choice", "choices": ["Only one"]}], "2 to 10 choices"),
        ([{"text": "Why?", "kind": "text", "reverse_scored": True}], "can be reverse-scored"),
        ([{"text": "", "kind": "text"}], "Question 1 needs a text"),
    ],
)
def test_bad_questions_are_refused_by_number(
    program: Program, manager: User, items: list[dict[str, object]], message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        instrument_create(program=program, by=manager, title="Bad", items=items)
    assert message in " ".join(caught.value.message_dict["items"])


def test_editing_before_answers_changes_the_same_version(program: Program, manager: User) -> None:
    instrument = make(program, manager)
    version = instrument_update(instrument=instrument, by=manager, items=ITEMS[:1])
    assert version.number == 1
    assert version.items.count() == 1


def test_editing_after_answers_creates_a_new_version(
    program: Program, manager: User, mentee: User
) -> None:
    instrument = make(program, manager)
    custom_survey_send(instrument=instrument, by=manager, roles=["mentee"])
    survey = Survey.objects.get(respondent=mentee)
    answer(survey, {"q1": 4, "q2": "online"})
    first = instrument.current_version()
    assert first.is_locked
    second = instrument_update(
        instrument=instrument, by=manager, items=[{"text": "Rate it 0-10", "kind": "scale_0_10"}]
    )
    assert second.number == 2
    assert first.items.all()[0].text == "The kick-off event was useful."
    survey.refresh_from_db()
    assert survey.version == first  # the answered survey keeps the wording it was given
    assert instrument.current_version() == second


def test_built_in_instruments_cannot_be_edited(manager: User) -> None:
    builtin = Instrument.objects.get(key="check_in")
    with pytest.raises(PermissionDenied):
        instrument_update(instrument=builtin, by=manager, items=ITEMS)


def test_sending_by_role_once_a_day(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    instrument = make(program, manager)
    assert custom_survey_send(instrument=instrument, by=manager, roles=["mentor", "mentee"]) == 2
    assert custom_survey_send(instrument=instrument, by=manager, roles=["mentee"]) == 0
    assert Notification.objects.filter(kind="survey.due").count() == 2
    survey = Survey.objects.get(respondent=mentor)
    assert (survey.role, survey.relationship, survey.occasion) == ("mentor", None, "custom")


def test_a_survey_for_mentees_is_not_sent_to_mentors(program: Program, manager: User) -> None:
    instrument = instrument_create(
        program=program, by=manager, title="Mentees only", items=ITEMS, audience="mentee"
    )
    with pytest.raises(ValidationError, match="mentees only"):
        custom_survey_send(instrument=instrument, by=manager, roles=["mentor"])


def answered_by(program: Program, instrument: Instrument, manager: User, count: int) -> None:
    people = [
        enrolled(program, f"p{n}@example.org", f"Person {n}", Enrollment.Role.MENTEE)
        for n in range(count)
    ]
    custom_survey_send(instrument=instrument, by=manager, roles=["mentee"])
    for number, person in enumerate(people):
        answer(Survey.objects.get(respondent=person), {"q1": 1 + number % 5, "q2": "online"})


def test_named_answers_are_shown_to_managers_with_the_person(
    program: Program, manager: User
) -> None:
    instrument = make(program, manager, anonymity=Anonymity.NAMED)
    answered_by(program, instrument, manager, 2)
    page = client_for(manager).get(f"/surveys/custom/{instrument.pk}/").content.decode()
    assert "Person 0" in page
    assert "Person 1" in page


def test_confidential_answers_show_only_totals_of_five(program: Program, manager: User) -> None:
    instrument = make(program, manager)
    answered_by(program, instrument, manager, 4)
    page = client_for(manager).get(f"/surveys/custom/{instrument.pk}/").content.decode()
    assert "Person 0" not in page
    assert "once at least 5 people have answered" in page
    answered_by_fifth = enrolled(program, "fifth@example.org", "Fifth", Enrollment.Role.MENTEE)
    custom_survey_send(instrument=instrument, by=manager, roles=["mentee"])
    answer(Survey.objects.get(respondent=answered_by_fifth), {"q1": 5, "q2": "online"})
    page = client_for(manager).get(f"/surveys/custom/{instrument.pk}/").content.decode()
    assert "Fifth" not in page
    assert "Person 0" not in page
    assert "3.00" in page  # (1 + 2 + 3 + 4 + 5) / 5


def test_custom_surveys_are_for_their_programs_managers_only(
    program: Program,
    manager: User,
    mentor: User,
    outsider: User,
    other_organisation_program: Program,
) -> None:
    instrument = make(program, manager)
    for person in (mentor, outsider):
        client = client_for(person)
        assert client.get(f"/surveys/custom/{instrument.pk}/").status_code == 404
        assert (
            client.post(f"/surveys/custom/{instrument.pk}/send/", {"roles": ["mentee"]}).status_code
            == 404
        )
        assert client.get(f"/surveys/programs/{program.pk}/").status_code == 404
        assert client.get(f"/surveys/programs/{program.pk}/custom/new/").status_code == 404
    other = client_for(manager).get(f"/surveys/programs/{other_organisation_program.pk}/")
    assert other.status_code == 404


def test_the_manager_pages_write_and_send_a_survey(
    program: Program, manager: User, mentee: User
) -> None:
    client = client_for(manager)
    assert client.get(f"/surveys/programs/{program.pk}/").status_code == 200
    form = {
        "title": "Mid-point pulse",
        "description": "",
        "audience": "both",
        "anonymity": "named",
        "q-TOTAL_FORMS": "2",
        "q-INITIAL_FORMS": "0",
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "40",
        "q-0-text": "How useful is the program so far?",
        "q-0-kind": "scale_0_10",
        "q-1-text": "",
        "q-1-kind": "agree_1_5",
    }
    created = client.post(f"/surveys/programs/{program.pk}/custom/new/", form)
    assert created.status_code == 302
    instrument = Instrument.objects.get(program=program)
    sent = client.post(
        f"/surveys/custom/{instrument.pk}/send/", {"roles": ["mentee"], "due_days": "7"}
    )
    assert sent.status_code == 302
    assert Survey.objects.filter(instrument=instrument, respondent=mentee).exists()


def test_the_schedule_page_saves_and_explains_bad_values(program: Program, manager: User) -> None:
    client = client_for(manager)
    url = f"/surveys/programs/{program.pk}/"
    good = {
        "enabled": "on",
        "baseline": "on",
        "check_in_days": "30",
        "closing": "on",
        "follow_up_days": "60",
        "due_days": "10",
    }
    assert client.post(url, good).status_code == 302
    assert ProgramSurveySchedule.objects.get(program=program).check_in_days == 30
    bad = client.post(url, {**good, "due_days": "0"})
    assert bad.status_code == 400
    assert "greater than or equal to 1" in bad.content.decode()


def test_the_edit_page_makes_a_new_version_once_answered(
    program: Program, manager: User, mentee: User
) -> None:
    instrument = make(program, manager)
    custom_survey_send(instrument=instrument, by=manager, roles=["mentee"])
    answer(Survey.objects.get(respondent=mentee), {"q1": 4, "q2": "online"})
    client = client_for(manager)
    page = client.get(f"/surveys/custom/{instrument.pk}/edit/").content.decode()
    assert "become a new version" in page
    assert "The kick-off event was useful." in page
    form = {
        "title": "Kick-off feedback (short)",
        "description": "",
        "q-TOTAL_FORMS": "1",
        "q-INITIAL_FORMS": "0",
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "40",
        "q-0-text": "Was the kick-off worth your time?",
        "q-0-kind": "agree_1_5",
    }
    assert client.post(f"/surveys/custom/{instrument.pk}/edit/", form).status_code == 302
    instrument.refresh_from_db()
    assert instrument.title == "Kick-off feedback (short)"
    assert instrument.current_version().number == 2
    assert instrument.anonymity == Anonymity.CONFIDENTIAL
    assert client_for(mentee).get(f"/surveys/custom/{instrument.pk}/edit/").status_code == 404
