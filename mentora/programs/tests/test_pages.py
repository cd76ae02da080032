"""Every main page renders for the people who may see it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.profiles.models import Skill, SkillCategory
from mentora.programs.models import Organisation, Program, Question
from mentora.programs.services import question_create

pytestmark = pytest.mark.django_db


def test_landing_page_invites_visitors_to_sign_up(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"Create an account" in response.content


def test_participant_home_lists_their_programs(
    client: Client, mentee: User, program: Program
) -> None:
    client.force_login(mentee)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert program.name in response.content.decode()


def test_directory_lists_open_listed_programs_only(
    client: Client, outsider: User, program: Program
) -> None:
    hidden = Program.objects.create(
        organisation=program.organisation,
        name="Invite only",
        slug="invite-only",
        state=Program.State.OPEN,
        listed=False,
    )
    client.force_login(outsider)
    page = client.get(reverse("programs:directory")).content.decode()
    assert program.name in page
    assert hidden.name not in page


@pytest.mark.parametrize(
    "name",
    ["programs:manage_program", "programs:program_edit", "programs:questions"],
)
def test_manager_pages_render(
    client: Client, manager: User, program: Program, mentor: User, mentee: User, name: str
) -> None:
    client.force_login(manager)
    response = client.get(reverse(name, kwargs={"program_id": program.pk}))
    assert response.status_code == 200


def test_manager_pages_are_404_for_participants(
    client: Client, mentee: User, program: Program
) -> None:
    client.force_login(mentee)
    for name in ["programs:manage_program", "programs:program_edit", "programs:questions"]:
        assert client.get(reverse(name, kwargs={"program_id": program.pk})).status_code == 404


def test_enrollment_page_shows_the_questionnaire_for_the_role(
    client: Client, manager: User, program: Program, outsider: User
) -> None:
    question_create(
        program=program,
        created_by=manager,
        text="Preferred working style?",
        kind=Question.Kind.SINGLE_CHOICE,
        choices=["Structured", "Relaxed"],
        required=True,
    )
    question_create(
        program=program,
        created_by=manager,
        text="How many mentees have you had?",
        kind=Question.Kind.SHORT_TEXT,
        audience=Question.Audience.MENTORS,
    )
    client.force_login(outsider)
    page = client.get(
        reverse("programs:enroll", kwargs={"program_id": program.pk}) + "?role=mentee"
    )
    text = page.content.decode()
    assert "Preferred working style?" in text
    assert "How many mentees have you had?" not in text


def test_profile_pages_render(client: Client, mentee: User) -> None:
    client.force_login(mentee)
    assert client.get(reverse("profiles:edit")).status_code == 200
    assert client.get(reverse("profiles:demographics")).status_code == 200
    assert (
        client.get(
            reverse("programs:profile", kwargs={"profile_id": mentee.profile.pk})
        ).status_code
        == 200
    )


def test_manage_start_page_lets_staff_create_an_organisation(
    client: Client, outsider: User
) -> None:
    # Issue 10: anyone could; now site staff by default (see test_organisation_wall.py).
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    response = client.post(reverse("programs:manage"), {"name": "Helping Hands", "description": ""})
    assert response.status_code == 302
    assert outsider.managed_organisations.get().organisation.name == "Helping Hands"


def test_manager_extends_the_skills_taxonomy(
    client: Client, manager: User, organisation: Organisation
) -> None:
    category = SkillCategory.objects.create(name="Regulatory (test)")
    client.force_login(manager)
    url = reverse("programs:organisation_skills", kwargs={"organisation_id": organisation.pk})
    response = client.post(
        url, {"name": "HIPAA compliance", "category": category.pk, "synonyms": "HIPAA"}
    )
    assert response.status_code == 302
    skill = Skill.objects.get(name="HIPAA compliance")
    assert skill.organisation == organisation
    assert skill.synonyms == ["HIPAA"]
    page = client.get(url).content.decode()
    assert "HIPAA compliance" in page
    again = client.post(url, {"name": "hipaa compliance", "category": category.pk})
    assert "already has a skill" in again.content.decode()


def test_outsider_cannot_open_an_organisations_taxonomy(
    client: Client, outsider: User, organisation: Organisation
) -> None:
    client.force_login(outsider)
    url = reverse("programs:organisation_skills", kwargs={"organisation_id": organisation.pk})
    assert client.get(url).status_code == 404
