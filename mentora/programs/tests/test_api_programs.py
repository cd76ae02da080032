"""Organisations, programs, their lifecycle and questionnaires through the API: the same
permissions as the pages (404 for what one may not see, 403 for what one may see but not do)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from pytest_django import DjangoCaptureOnCommitCallbacks
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Invitation, Organisation, Program, ProgramStateChange, Question
from mentora.programs.services import program_create, question_create

ApiAs = Callable[[User], APIClient]


# --- Organisations -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_manager_sees_the_organisation_they_manage(
    api_as: ApiAs, manager: User, organisation: Organisation, other_organisation_program: Program
) -> None:
    response = api_as(manager).get("/api/organisations/")

    assert response.status_code == 200
    assert [(o["name"], o["manages"]) for o in response.json()["results"]] == [
        ("Acme Health", True)
    ]


@pytest.mark.django_db
def test_participant_sees_the_organisation_of_their_program_without_managing_it(
    api_as: ApiAs, mentee: User, organisation: Organisation
) -> None:
    response = api_as(mentee).get(f"/api/organisations/{organisation.pk}/")

    assert response.status_code == 200
    assert response.json()["manages"] is False


@pytest.mark.django_db
def test_outsider_gets_404_for_an_organisation_with_nothing_visible(
    api_as: ApiAs, outsider: User, other_organisation_program: Program
) -> None:
    client = api_as(outsider)
    organisation_id = other_organisation_program.organisation_id

    assert client.get("/api/organisations/").json()["results"] == []
    assert client.get(f"/api/organisations/{organisation_id}/").status_code == 404
    assert client.get(f"/api/organisations/{organisation_id}/managers/").status_code == 404
    assert (
        client.post(
            f"/api/organisations/{organisation_id}/managers/", {"email": "x@example.org"}
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_creating_an_organisation_makes_the_creator_its_manager(
    api_as: ApiAs, outsider: User
) -> None:
    # Issue 10: only site staff create organisations by default (test_organisation_wall.py).
    outsider.is_staff = True
    outsider.save()
    client = api_as(outsider)

    response = client.post(
        "/api/organisations/", {"name": "Initech", "description": "Printers"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["manages"] is True
    managers = client.get(f"/api/organisations/{response.json()['id']}/managers/").json()
    assert [m["user"]["email"] for m in managers["results"]] == ["outsider@example.org"]


@pytest.mark.django_db
def test_duplicate_organisation_name_is_a_400_on_the_name(
    api_as: ApiAs, outsider: User, organisation: Organisation
) -> None:
    outsider.is_staff = True  # Issue 10: only site staff create organisations by default.
    outsider.save()
    response = api_as(outsider).post("/api/organisations/", {"name": "acme health"}, format="json")

    assert response.status_code == 400
    assert "already exists" in response.json()["name"][0]


@pytest.mark.django_db
def test_manager_invites_another_manager_by_email(
    api_as: ApiAs,
    manager: User,
    organisation: Organisation,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(manager).post(
            f"/api/organisations/{organisation.pk}/managers/",
            {"email": "New.Manager@Example.org"},
            format="json",
        )

    assert response.status_code == 201
    assert response.json()["role"] == "manager"
    assert "token" not in response.json()
    invitation = Invitation.objects.get()
    assert invitation.email == "new.manager@example.org"
    assert [m.to for m in mail.outbox] == [["new.manager@example.org"]]


@pytest.mark.django_db
def test_participant_cannot_list_or_invite_managers(
    api_as: ApiAs, mentee: User, organisation: Organisation
) -> None:
    client = api_as(mentee)
    url = f"/api/organisations/{organisation.pk}/managers/"

    assert client.get(url).status_code == 403
    assert client.post(url, {"email": "friend@example.org"}, format="json").status_code == 403
    assert not Invitation.objects.exists()


# --- Programs ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_manager_of_program_a_cannot_see_program_b_of_another_organisation(
    api_as: ApiAs, manager: User, program: Program, other_organisation_program: Program
) -> None:
    client = api_as(manager)
    other = other_organisation_program.pk

    listed = [p["id"] for p in client.get("/api/programs/").json()["results"]]
    assert listed == [program.pk]
    assert client.get(f"/api/programs/{other}/").status_code == 404
    assert (
        client.patch(f"/api/programs/{other}/", {"name": "Mine"}, format="json").status_code == 404
    )
    assert (
        client.post(
            f"/api/programs/{other}/transition/", {"to_state": "open"}, format="json"
        ).status_code
        == 404
    )
    assert client.get(f"/api/programs/{other}/questions/").status_code == 404
    assert client.get(f"/api/programs/{other}/invitations/").status_code == 404
    assert (
        client.get(
            f"/api/programs/?organisation={other_organisation_program.organisation_id}"
        ).json()["results"]
        == []
    )


@pytest.mark.django_db
def test_outsider_gets_404_for_a_draft_program(
    api_as: ApiAs, outsider: User, other_organisation_program: Program
) -> None:
    response = api_as(outsider).get(f"/api/programs/{other_organisation_program.pk}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_listed_open_program_is_visible_to_anyone_signed_in(
    api_as: ApiAs, outsider: User, program: Program
) -> None:
    response = api_as(outsider).get(f"/api/programs/{program.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "open"
    assert body["enrollment_is_open"] is True
    assert body["manages"] is False


@pytest.mark.django_db
def test_programs_filter_by_state_and_reject_an_unknown_state(
    api_as: ApiAs, manager: User, program: Program
) -> None:
    client = api_as(manager)

    assert len(client.get("/api/programs/?state=open").json()["results"]) == 1
    assert client.get("/api/programs/?state=draft").json()["results"] == []
    response = client.get("/api/programs/?state=sleeping")
    assert response.status_code == 400
    assert "state" in response.json()
    assert client.get("/api/programs/?organisation=abc").status_code == 400


@pytest.mark.django_db
def test_manager_creates_a_draft_program(
    api_as: ApiAs, manager: User, organisation: Organisation
) -> None:
    response = api_as(manager).post(
        "/api/programs/",
        {"organisation": organisation.pk, "name": "Coaching for leads", "kind": "coaching"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["kind"], body["manages"]) == ("draft", "coaching", True)
    assert body["allowed_transitions"] == ["open"]


@pytest.mark.django_db
def test_program_in_an_organisation_one_only_participates_in_is_403(
    api_as: ApiAs, mentee: User, organisation: Organisation
) -> None:
    response = api_as(mentee).post(
        "/api/programs/", {"organisation": organisation.pk, "name": "Mine"}, format="json"
    )

    assert response.status_code == 403


@pytest.mark.django_db
def test_program_in_an_invisible_organisation_is_a_400_that_reveals_nothing(
    api_as: ApiAs, manager: User, other_organisation_program: Program
) -> None:
    response = api_as(manager).post(
        "/api/programs/",
        {"organisation": other_organisation_program.organisation_id, "name": "Mine"},
        format="json",
    )

    assert response.status_code == 400
    assert "no organisation" in response.json()["organisation"][0]


@pytest.mark.django_db
def test_bad_program_settings_are_400s_on_the_field(
    api_as: ApiAs, manager: User, organisation: Organisation, program: Program
) -> None:
    client = api_as(manager)

    missing_name = client.post("/api/programs/", {"organisation": organisation.pk}, format="json")
    bad_duration = client.patch(
        f"/api/programs/{program.pk}/", {"expected_duration_weeks": 0}, format="json"
    )
    bad_window = client.patch(
        f"/api/programs/{program.pk}/",
        {
            "enrollment_opens_at": "2026-05-01T00:00:00Z",
            "enrollment_closes_at": "2026-04-01T00:00:00Z",
        },
        format="json",
    )

    assert missing_name.status_code == 400
    assert "name" in missing_name.json()
    assert bad_duration.status_code == 400
    assert "expected_duration_weeks" in bad_duration.json()
    assert bad_window.status_code == 400
    assert bad_window.json()


@pytest.mark.django_db
def test_manager_updates_settings_but_not_the_state(
    api_as: ApiAs, manager: User, program: Program
) -> None:
    response = api_as(manager).patch(
        f"/api/programs/{program.pk}/",
        {"requires_approval": True, "state": "closed", "name": "Acme Mentoring 2027"},
        format="json",
    )

    assert response.status_code == 200
    program.refresh_from_db()
    assert (program.name, program.requires_approval, program.state) == (
        "Acme Mentoring 2027",
        True,
        Program.State.OPEN,
    )


@pytest.mark.django_db
def test_participant_who_can_see_a_program_cannot_change_it(
    api_as: ApiAs, mentee: User, program: Program
) -> None:
    client = api_as(mentee)

    assert (
        client.patch(f"/api/programs/{program.pk}/", {"name": "X"}, format="json").status_code
        == 403
    )
    assert (
        client.post(
            f"/api/programs/{program.pk}/transition/", {"to_state": "matching"}, format="json"
        ).status_code
        == 403
    )
    program.refresh_from_db()
    assert (program.name, program.state) == ("Acme Mentoring 2026", Program.State.OPEN)


@pytest.mark.django_db
def test_transition_follows_the_lifecycle_table(
    api_as: ApiAs, manager: User, program: Program
) -> None:
    client = api_as(manager)
    url = f"/api/programs/{program.pk}/transition/"

    moved = client.post(url, {"to_state": "matching"}, format="json")
    refused = client.post(url, {"to_state": "closed"}, format="json")
    unknown = client.post(url, {"to_state": "asleep"}, format="json")

    assert moved.status_code == 200
    assert moved.json()["state"] == "matching"
    assert refused.status_code == 400
    [message] = refused.json()["to_state"]
    assert "cannot move from 'Matching'" in message
    assert "Closed" in message
    assert unknown.status_code == 400
    assert "to_state" in unknown.json()
    assert list(ProgramStateChange.objects.values_list("from_state", "to_state")) == [
        ("open", "matching")
    ]


# --- Invitations to a program --------------------------------------------------------------------


@pytest.mark.django_db
def test_manager_invites_participants_by_email(
    api_as: ApiAs, manager: User, program: Program
) -> None:
    client = api_as(manager)
    url = f"/api/programs/{program.pk}/invitations/"

    created = client.post(url, {"email": "ana@example.org", "role": "mentee"}, format="json")
    listed = client.get(url)

    assert created.status_code == 201
    assert created.json()["program"] == program.pk
    assert [i["email"] for i in listed.json()["results"]] == ["ana@example.org"]


@pytest.mark.django_db
def test_participant_invitations_are_managers_only(
    api_as: ApiAs,
    mentee: User,
    outsider: User,
    program: Program,
    other_organisation_program: Program,
) -> None:
    url = f"/api/programs/{program.pk}/invitations/"
    payload = {"email": "friend@example.org", "role": "mentee"}

    assert api_as(mentee).post(url, payload, format="json").status_code == 403
    assert api_as(mentee).get(url).status_code == 403
    hidden = f"/api/programs/{other_organisation_program.pk}/invitations/"
    assert api_as(outsider).post(hidden, payload, format="json").status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_a_program_invitation_cannot_make_a_manager(
    api_as: ApiAs, manager: User, program: Program
) -> None:
    response = api_as(manager).post(
        f"/api/programs/{program.pk}/invitations/",
        {"email": "boss@example.org", "role": "manager"},
        format="json",
    )

    assert response.status_code == 400
    assert "role" in response.json()


# --- Questionnaire -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_participants_read_the_questionnaire_and_managers_change_it(
    api_as: ApiAs, manager: User, mentee: User, program: Program
) -> None:
    managing = api_as(manager)
    url = f"/api/programs/{program.pk}/questions/"

    created = managing.post(
        url,
        {
            "text": "Which area?",
            "kind": "single_choice",
            "choices": ["Clinical", "Research"],
            "required": True,
            "matching_rule": "should_match",
            "weight": 2,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    question_id = created.json()["id"]

    read = api_as(mentee).get(url)
    assert [q["text"] for q in read.json()["results"]] == ["Which area?"]

    changed = managing.patch(f"{url}{question_id}/", {"text": "Which field?"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["text"] == "Which field?"

    assert managing.delete(f"{url}{question_id}/").status_code == 204
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_participant_cannot_change_the_questionnaire(
    api_as: ApiAs, manager: User, mentee: User, program: Program
) -> None:
    question = question_create(program=program, created_by=manager, text="Why?", kind="long_text")
    client = api_as(mentee)
    url = f"/api/programs/{program.pk}/questions/"

    assert (
        client.post(url, {"text": "Mine", "kind": "short_text"}, format="json").status_code == 403
    )
    assert client.patch(f"{url}{question.pk}/", {"text": "X"}, format="json").status_code == 403
    assert client.delete(f"{url}{question.pk}/").status_code == 403
    assert Question.objects.get().text == "Why?"


@pytest.mark.django_db
def test_question_of_another_program_is_404(
    api_as: ApiAs, manager: User, program: Program, organisation: Organisation
) -> None:
    second = program_create(organisation=organisation, created_by=manager, name="Second")
    question = question_create(program=second, created_by=manager, text="Why?", kind="long_text")

    response = api_as(manager).get(f"/api/programs/{program.pk}/questions/{question.pk}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_bad_questions_are_400s_that_say_what_is_wrong(
    api_as: ApiAs, manager: User, program: Program
) -> None:
    client = api_as(manager)
    url = f"/api/programs/{program.pk}/questions/"

    one_choice = client.post(
        url, {"text": "Pick", "kind": "single_choice", "choices": ["Only"]}, format="json"
    )
    long_matched = client.post(
        url, {"text": "Story", "kind": "long_text", "matching_rule": "must_match"}, format="json"
    )
    bad_kind = client.post(url, {"text": "What", "kind": "essay"}, format="json")
    heavy = client.post(url, {"text": "What", "kind": "scale", "weight": 11}, format="json")

    assert one_choice.status_code == 400
    assert one_choice.json()["choices"] == ["A choice question needs at least two choices."]
    assert long_matched.status_code == 400
    assert "matching_rule" in long_matched.json()
    assert bad_kind.status_code == 400
    assert "kind" in bad_kind.json()
    assert heavy.status_code == 400
    assert "weight" in heavy.json()
