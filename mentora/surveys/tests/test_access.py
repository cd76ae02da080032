"""The surveys' one permission layer (mentora.surveys.access), and every rule a page enforced
alone, tried through the service, the API and the admin."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.surveys.access import (
    MANAGER,
    NAMED_READER,
    READER,
    RESPONDENT,
    access_instrument,
    access_program_surveys,
    access_response,
    access_survey,
    instrument_roles,
    response_roles,
    survey_roles,
)
from mentora.surveys.models import Anonymity, Instrument, Survey
from mentora.surveys.services import custom_survey_send, instrument_create, instrument_update
from mentora.testing import PASSWORD, make_person
from mentora.testing.surveys import answer, builtin, enrolled, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def check_in(relationship: Relationship) -> Survey:
    return send(relationship=relationship, person=relationship.mentee, key="check_in")


def _survey_of(program: Program, manager: User, anonymity: str) -> Instrument:
    return instrument_create(
        program=program,
        by=manager,
        title="Pulse",
        anonymity=anonymity,
        items=[{"text": "All good?", "kind": "agree_1_5"}],
    )


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


# --- The roles functions ------------------------------------------------------------------------


def test_a_survey_is_its_respondents_alone(
    check_in: Survey, mentor: User, manager: User, outsider: User
) -> None:
    assert survey_roles(survey=check_in, user=check_in.respondent) == {RESPONDENT}
    for person in (mentor, manager, outsider, AnonymousUser(), None):
        assert survey_roles(survey=check_in, user=person) == frozenset()


def test_managers_read_answers_one_by_one_only_for_a_named_survey(
    program: Program, manager: User, mentee: User
) -> None:
    for anonymity, manager_roles in (
        (Anonymity.NAMED, {MANAGER, NAMED_READER}),
        (Anonymity.CONFIDENTIAL, {MANAGER}),
    ):
        instrument = _survey_of(program, manager, anonymity)
        custom_survey_send(instrument=instrument, by=manager, roles=["mentee"])
        survey = Survey.objects.get(instrument=instrument, respondent=mentee)

        assert response_roles(survey=survey, user=manager) == manager_roles
        assert response_roles(survey=survey, user=mentee) == {RESPONDENT}


def test_built_ins_are_read_by_anyone_signed_in_and_own_surveys_by_managers(
    program: Program, manager: User, mentee: User, outsider: User
) -> None:
    instrument = _survey_of(program, manager, Anonymity.NAMED)

    assert instrument_roles(instrument=builtin("check_in"), user=outsider) == {READER}
    assert instrument_roles(instrument=builtin("check_in"), user=AnonymousUser()) == frozenset()
    assert instrument_roles(instrument=instrument, user=manager) == {MANAGER}
    assert instrument_roles(instrument=instrument, user=mentee) == frozenset()


# --- The access functions: 404 without a role, 403 with a role lacking the capability -----------


def test_access_to_a_survey(check_in: Survey, mentor: User, manager: User) -> None:
    assert access_survey(user=check_in.respondent, survey_id=check_in.pk, to="answer").obj == (
        check_in
    )
    for person in (mentor, manager):
        with pytest.raises(Http404):
            access_survey(user=person, survey_id=check_in.pk)
    with pytest.raises(Http404):
        access_survey(user=check_in.respondent, survey_id=check_in.pk + 1000)


def test_access_to_confidential_answers_is_by_aggregate_only(
    program: Program, manager: User, mentee: User, outsider: User
) -> None:
    instrument = _survey_of(program, manager, Anonymity.CONFIDENTIAL)
    custom_survey_send(instrument=instrument, by=manager, roles=["mentee"])
    survey = Survey.objects.get(instrument=instrument, respondent=mentee)

    with pytest.raises(PermissionDenied, match="totals of five"):
        access_response(user=manager, survey_id=survey.pk, to="view")
    assert access_response(user=manager, survey_id=survey.pk, to="aggregate").has(MANAGER)
    with pytest.raises(Http404):
        access_response(user=outsider, survey_id=survey.pk, to="aggregate")


def test_access_to_instruments(program: Program, manager: User, outsider: User) -> None:
    instrument = _survey_of(program, manager, Anonymity.NAMED)
    check_in = builtin("check_in")

    assert access_instrument(user=outsider, instrument_id=check_in.pk).obj == check_in
    with pytest.raises(PermissionDenied, match="new Mentora release"):
        access_instrument(user=manager, instrument_id=check_in.pk, to="change")
    with pytest.raises(Http404):
        access_instrument(user=manager, instrument_id=check_in.pk, to="results", custom=True)
    with pytest.raises(Http404):
        access_instrument(user=outsider, instrument_id=instrument.pk)
    assert access_instrument(user=manager, instrument_id=instrument.pk, to="send").has(MANAGER)


def test_access_to_a_programs_surveys(
    program: Program, manager: User, mentee: User, other_organisation_program: Program
) -> None:
    assert access_program_surveys(user=manager, program_id=program.pk, to="manage").obj == program
    for person, program_id in ((mentee, program.pk), (manager, other_organisation_program.pk)):
        with pytest.raises(Http404):
            access_program_surveys(user=person, program_id=program_id)


# --- Rules a page used to enforce alone, now in the selector or the service ----------------------


def test_confidential_means_need_five_different_people_not_five_answers(
    program: Program, manager: User
) -> None:
    """The results page waited for five people; the API counted answers, so two people answering
    the survey sent on three days (six answers) showed a mean. Both now ask one selector."""
    instrument = _survey_of(program, manager, Anonymity.CONFIDENTIAL)
    people = [
        enrolled(program, f"p{n}@example.org", f"Person {n}", Enrollment.Role.MENTEE)
        for n in range(2)
    ]
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    for day in range(3):
        with time_machine.travel(start + datetime.timedelta(days=day), tick=False):
            custom_survey_send(instrument=instrument, by=manager, roles=["mentee"])
    for survey in Survey.objects.filter(instrument=instrument, respondent__in=people):
        answer(survey, {"q1": 4})

    results = _api(manager).get(f"/api/custom-surveys/{instrument.pk}/").json()

    assert results["respondents"] == 2
    assert results["item_means"] == [{"item": "q1", "mean": None, "n": 2, "suppressed": True}]
    page = Client()
    page.login(email=manager.email, password=PASSWORD)
    html = page.get(f"/surveys/custom/{instrument.pk}/").content.decode()
    assert "once at least 5 people have answered" in html


def test_a_built_in_survey_is_neither_changed_nor_sent_through_any_door(
    program: Program, manager: User
) -> None:
    check_in = builtin("check_in")

    with pytest.raises(PermissionDenied):
        instrument_update(instrument=check_in, by=manager, items=[{"text": "Hi", "kind": "text"}])
    client = _api(manager)
    assert client.get(f"/api/custom-surveys/{check_in.pk}/").status_code == 404
    sent = client.post(
        f"/api/custom-surveys/{check_in.pk}/send/", {"roles": ["mentee"]}, format="json"
    )
    assert sent.status_code == 404


def test_another_organisations_manager_is_refused_by_the_service_and_the_api(
    program: Program, manager: User, other_organisation_program: Program
) -> None:
    instrument = _survey_of(program, manager, Anonymity.NAMED)
    other = User.objects.get(email="other-manager@example.org")

    with pytest.raises(PermissionDenied):
        custom_survey_send(instrument=instrument, by=other, roles=["mentee"])
    with pytest.raises(PermissionDenied):
        instrument_update(instrument=instrument, by=other, items=[{"text": "Hi", "kind": "text"}])
    client = _api(other)
    assert client.get(f"/api/custom-surveys/{instrument.pk}/").status_code == 404
    assert client.get(f"/api/programs/{program.pk}/survey-schedule/").status_code == 404
    assert client.get(f"/api/programs/{program.pk}/survey-response-rates/").status_code == 404


def test_the_admin_cannot_change_who_sees_a_surveys_answers(
    program: Program, manager: User
) -> None:
    """The edit page never let anyone change a survey's anonymity or audience once it exists
    (confidential answers would become named); the admin now keeps them read-only too."""
    instrument = _survey_of(program, manager, Anonymity.CONFIDENTIAL)
    staff = make_person("staff@example.org", "Sam Staff")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = Client()
    client.force_login(staff)

    page = client.get(f"/admin/surveys/instrument/{instrument.pk}/change/")
    client.post(
        f"/admin/surveys/instrument/{instrument.pk}/change/",
        {
            "key": instrument.key,
            "title": "Pulse",
            "description": "",
            "audience": "mentor",
            "anonymity": Anonymity.NAMED,
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )

    assert page.status_code == 200
    instrument.refresh_from_db()
    assert instrument.anonymity == Anonymity.CONFIDENTIAL
    assert instrument.audience == "both"


def test_the_other_party_cannot_answer_through_the_api(check_in: Survey, mentor: User) -> None:
    response = _api(mentor).post(
        f"/api/my-surveys/{check_in.pk}/response/", {"answers": {"quality": 4}}, format="json"
    )

    assert response.status_code == 404
