"""Naming one's own manager on a profile tells nobody whether an account exists.

The manager must be someone who shares an organisation (both members) or a program (enrolled in
it, or managing it) with the person. Anyone else, with an account or without, gets the same
answer, through every door: the service, the profile page, the enrollment page and the API.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.profiles.models import Profile
from mentora.programs.models import Organisation, Program
from mentora.programs.services import profile_save
from mentora.testing import make_person
from mentora.testing.programs import make_member

pytestmark = pytest.mark.django_db

ApiAs = Callable[[User], APIClient]
UNKNOWN = "ghost@example.org"  # nobody has this address
STRANGER = "stranger@example.org"  # an account that shares nothing with the mentee


@pytest.fixture
def stranger(db: None) -> User:
    return make_person(STRANGER, "Sam Stranger")


def _page_error(client: Client, email: str) -> str:
    page = client.post(
        reverse("profiles:edit"),
        {"display_name": "Mina", "timezone": "Europe/London", "manager_email": email},
    )
    assert page.status_code == 200
    errors = page.context["form"].errors["manager_email"]
    return str(errors[0])


def _enroll_error(client: Client, program: Program, email: str) -> str:
    page = client.post(
        reverse("programs:enroll", kwargs={"program_id": program.pk}),
        {
            "role": "mentee",
            "profile-display_name": "Olga",
            "profile-timezone": "Europe/London",
            "profile-manager_email": email,
            "side-career_goals": "Lead a team",
            "side-meeting_cadence": "monthly",
            "side-organisation_preference": "any",
            "side-industry_preference": "any",
            "side-job_function_preference": "any",
        },
    )
    assert page.status_code == 200
    return str(page.context["profile_form"].errors["manager_email"][0])


def test_a_stranger_and_nobody_get_the_same_answer_through_every_door(
    api_as: ApiAs, client: Client, mentee: User, outsider: User, program: Program, stranger: User
) -> None:
    answers: dict[str, set[str]] = {}
    client.force_login(mentee)
    for email in (UNKNOWN, STRANGER):
        with pytest.raises(ValidationError) as refused:
            profile_save(user=mentee, editor=mentee, manager_email=email)
        api = api_as(mentee).patch("/api/profiles/me/", {"manager_email": email}, format="json")
        assert api.status_code == 400
        answers.setdefault("service", set()).add(refused.value.message_dict["manager_email"][0])
        answers.setdefault("api", set()).add(api.json()["manager_email"][0])
        answers.setdefault("page", set()).add(_page_error(client, email))
    enrolling = Client()
    enrolling.force_login(outsider)
    for email in (UNKNOWN, STRANGER):
        answers.setdefault("enroll", set()).add(_enroll_error(enrolling, program, email))

    assert {door: len(texts) for door, texts in answers.items()} == {
        "service": 1,
        "api": 1,
        "page": 1,
        "enroll": 1,
    }
    assert len(set.union(*answers.values())) == 1
    assert "Nobody" not in next(iter(answers["api"]))
    assert Profile.objects.get(user=mentee).manager is None


def test_a_member_of_ones_organisation_may_be_named_through_the_page_and_the_api(
    api_as: ApiAs, client: Client, mentee: User, organisation: Organisation
) -> None:
    colleague = make_person("lead@example.org", "Lea Lead")
    make_member(organisation, colleague)
    make_member(organisation, mentee)
    client.force_login(mentee)

    api = api_as(mentee).patch("/api/profiles/me/", {"manager_email": "LEAD@example.org"})
    assert api.status_code == 200, api.json()
    assert api.json()["manager_email"] == "lead@example.org"
    Profile.objects.filter(user=mentee).update(manager=None)
    page = client.post(
        reverse("profiles:edit"),
        {"display_name": "Mina", "timezone": "Europe/London", "manager_email": "lead@example.org"},
    )
    assert page.status_code == 302
    assert Profile.objects.get(user=mentee).manager == colleague


def test_someone_who_shares_a_program_may_be_named(
    mentee: User, mentor: User, manager: User
) -> None:
    profile = profile_save(user=mentee, editor=mentee, manager_email="mentor@example.org")
    assert profile.manager == mentor
    managed = profile_save(user=mentee, editor=mentee, manager_email="manager@example.org")
    assert managed.manager == manager
    cleared = profile_save(user=mentee, editor=mentee, manager_email="")
    assert cleared.manager is None


def test_one_cannot_be_ones_own_manager(mentee: User) -> None:
    with pytest.raises(ValidationError, match="own manager"):
        profile_save(user=mentee, editor=mentee, manager_email="mentee@example.org")
