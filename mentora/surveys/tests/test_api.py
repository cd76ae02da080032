"""The surveys REST API follows the pages' rules."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.surveys.models import Anonymity, Instrument, Survey
from mentora.surveys.services import custom_survey_send, instrument_create
from mentora.testing.surveys import CHECK_IN_ANSWERS, answer, enrolled, send

pytestmark = pytest.mark.django_db


def as_(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def check_in(relationship: Relationship) -> Survey:
    return send(relationship=relationship, person=relationship.mentee, key="check_in")


def test_instruments_list_the_built_ins_with_items(mentee: User) -> None:
    data = as_(mentee).get("/api/survey-instruments/").json()
    keys = {row["key"] for row in data["results"]}
    assert {
        "mentee_benefits",
        "mentor_benefits",
        "mentoring_received",
        "check_in",
        "closing",
    } <= keys
    check_in = next(row for row in data["results"] if row["key"] == "check_in")
    assert [item["key"] for item in check_in["items"]][:2] == ["quality", "rhythm"]
    detail = as_(mentee).get(f"/api/survey-instruments/{check_in['id']}/")
    assert detail.status_code == 200
    assert detail.json()["version"] == 1


def test_a_programs_own_surveys_are_listed_for_its_managers_only(
    program: Program, manager: User, mentee: User
) -> None:
    instrument = instrument_create(
        program=program, by=manager, title="Pulse", items=[{"text": "Ok?", "kind": "agree_1_5"}]
    )
    assert as_(mentee).get(f"/api/survey-instruments/{instrument.pk}/").status_code == 404
    assert as_(manager).get(f"/api/survey-instruments/{instrument.pk}/").status_code == 200


def test_a_mentee_lists_and_answers_a_survey(check_in: Survey, mentee: User) -> None:
    client = as_(mentee)
    listed = client.get("/api/my-surveys/?open=true").json()["results"]
    assert [row["id"] for row in listed] == [check_in.pk]
    assert (
        listed[0]["items"][2]["text"] == "My mentor tells me honestly how I am doing, without bias."
    )
    bad = client.post(
        f"/api/my-surveys/{check_in.pk}/response/",
        {"answers": {**CHECK_IN_ANSWERS, "quality": 7}},
        format="json",
    )
    assert bad.status_code == 400
    assert "7 is not an answer" in bad.json()["quality"][0]
    good = client.post(
        f"/api/my-surveys/{check_in.pk}/response/", {"answers": CHECK_IN_ANSWERS}, format="json"
    )
    assert good.status_code == 201, good.content
    assert {a["item"]: a["number"] for a in good.json()["my_answers"]}["quality"] == 4
    again = client.post(
        f"/api/my-surveys/{check_in.pk}/response/", {"answers": CHECK_IN_ANSWERS}, format="json"
    )
    assert again.status_code == 400
    assert client.get("/api/my-surveys/?open=true").json()["results"] == []


def test_nobody_else_reads_or_answers_a_persons_survey(
    check_in: Survey, mentor: User, manager: User, outsider: User
) -> None:
    answer(check_in, CHECK_IN_ANSWERS)
    for person in (mentor, manager, outsider):
        client = as_(person)
        assert client.get(f"/api/my-surveys/{check_in.pk}/").status_code == 404
        assert (
            client.post(
                f"/api/my-surveys/{check_in.pk}/response/",
                {"answers": CHECK_IN_ANSWERS},
                format="json",
            ).status_code
            == 404
        )
        assert client.get("/api/my-surveys/").json()["results"] == []


def test_anonymous_calls_are_refused() -> None:
    assert APIClient().get("/api/my-surveys/").status_code == 401


def test_schedule_get_and_put(
    program: Program, manager: User, mentee: User, outsider: User
) -> None:
    url = f"/api/programs/{program.pk}/survey-schedule/"
    assert as_(manager).get(url).json()["check_in_days"] == 42
    body = {
        "enabled": True,
        "baseline": True,
        "check_in_days": 21,
        "closing": True,
        "follow_up_days": 90,
        "due_days": 7,
    }
    changed = as_(manager).put(url, body, format="json")
    assert changed.status_code == 200
    assert changed.json()["check_in_days"] == 21
    bad = as_(manager).put(url, {**body, "check_in_days": 400}, format="json")
    assert bad.status_code == 400
    assert "check_in_days" in bad.json()
    for person in (mentee, outsider):
        assert as_(person).get(url).status_code == 404
        assert as_(person).put(url, body, format="json").status_code == 404


def test_custom_surveys_through_the_api(
    program: Program, manager: User, mentor: User, mentee: User, outsider: User
) -> None:
    url = f"/api/programs/{program.pk}/custom-surveys/"
    body = {
        "title": "Kick-off",
        "anonymity": "named",
        "items": [
            {"text": "Useful?", "kind": "agree_1_5"},
            {"text": "Format?", "kind": "choice", "choices": ["Online", "On site"]},
        ],
    }
    created = as_(manager).post(url, body, format="json")
    assert created.status_code == 201, created.content
    instrument_id = created.json()["id"]
    bad = as_(manager).post(url, {**body, "items": [{"text": "?", "kind": "stars"}]}, format="json")
    assert bad.status_code == 400
    assert "stars" in str(bad.json()["items"])
    assert [row["id"] for row in as_(manager).get(url).json()] == [instrument_id]
    sent = as_(manager).post(
        f"/api/custom-surveys/{instrument_id}/send/", {"roles": ["mentee"]}, format="json"
    )
    assert sent.json() == {"sent": 1}
    survey = Survey.objects.get(instrument_id=instrument_id)
    answer(survey, {"q1": 4, "q2": "online"})
    results = as_(manager).get(f"/api/custom-surveys/{instrument_id}/").json()
    assert results["named_answers"][0]["respondent_name"] == "Mina Mentee"
    assert results["item_means"] == [{"item": "q1", "mean": None, "n": 1, "suppressed": True}]
    for person in (mentor, mentee, outsider):
        client = as_(person)
        assert client.get(url).status_code == 404
        assert client.post(url, body, format="json").status_code == 404
        assert client.get(f"/api/custom-surveys/{instrument_id}/").status_code == 404
        assert (
            client.post(
                f"/api/custom-surveys/{instrument_id}/send/", {"roles": ["mentee"]}, format="json"
            ).status_code
            == 404
        )


def test_confidential_results_never_name_anyone(program: Program, manager: User) -> None:
    instrument = instrument_create(
        program=program,
        by=manager,
        title="Pulse",
        anonymity=Anonymity.CONFIDENTIAL,
        items=[{"text": "Ok?", "kind": "agree_1_5"}],
    )
    people = [
        enrolled(program, f"p{n}@example.org", f"Person {n}", Enrollment.Role.MENTEE)
        for n in range(5)
    ]
    custom_survey_send(instrument=instrument, by=manager, roles=["mentee"])
    for person in people:
        answer(Survey.objects.get(respondent=person, instrument=instrument), {"q1": 4})
    results = as_(manager).get(f"/api/custom-surveys/{instrument.pk}/").json()
    assert results["named_answers"] is None
    assert results["item_means"] == [{"item": "q1", "mean": 4.0, "n": 5, "suppressed": False}]
    assert "Person" not in str(results)


def test_response_rates_for_managers(
    program: Program, manager: User, check_in: Survey, mentee: User, outsider: User
) -> None:
    answer(check_in, CHECK_IN_ANSWERS)
    url = f"/api/programs/{program.pk}/survey-response-rates/"
    rates = as_(manager).get(url).json()
    assert rates == [
        {
            "instrument": Instrument.objects.get(key="check_in").pk,
            "instrument_key": "check_in",
            "instrument_title": "Relationship check-in",
            "occasion": "check_in",
            "sent": 1,
            "completed": 1,
            "overdue": 0,
            "rate": 1.0,
        }
    ]
    for person in (mentee, outsider):
        assert as_(person).get(url).status_code == 404
