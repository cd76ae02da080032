"""Profiles through the API: one's own, others' as the pages allow, demographics kept private,
and the skills taxonomy."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.profiles.models import Skill, SkillCategory
from mentora.profiles.services import demographics_update
from mentora.programs.models import Organisation, Program
from mentora.testing.programs import make_organisation

ApiAs = Callable[[User], APIClient]

# Distinctive values, so that any leak shows up in a plain search of a response.
SECRET_ETHNICITY = "Quixotic-Lemurian"
SECRET_NATIONALITY = "Atlantean-Zed"


@pytest.mark.django_db
def test_mentee_sees_a_mentor_of_their_program(api_as: ApiAs, mentee: User, mentor: User) -> None:
    response = api_as(mentee).get(f"/api/profiles/{mentor.profile.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["display_name"] == "Otto Mentor"
    assert "email" not in body
    assert "manager_email" not in body


@pytest.mark.django_db
def test_mentee_cannot_patch_another_persons_profile(
    api_as: ApiAs, mentee: User, mentor: User
) -> None:
    response = api_as(mentee).patch(
        f"/api/profiles/{mentor.profile.pk}/", {"display_name": "Hacked"}, format="json"
    )

    assert response.status_code == 403
    mentor.profile.refresh_from_db()
    assert mentor.profile.display_name == "Otto Mentor"


@pytest.mark.django_db
def test_a_person_may_patch_their_own_profile_by_id(api_as: ApiAs, mentee: User) -> None:
    response = api_as(mentee).patch(
        f"/api/profiles/{mentee.profile.pk}/", {"pronouns": "she/her"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["pronouns"] == "she/her"


@pytest.mark.django_db
def test_outsider_gets_404_for_profiles_that_are_not_theirs_to_see(
    api_as: ApiAs, outsider: User, mentee: User, mentor: User, manager: User
) -> None:
    client = api_as(outsider)

    for person in (mentee, mentor, manager):
        assert client.get(f"/api/profiles/{person.profile.pk}/").status_code == 404
        assert (
            client.patch(
                f"/api/profiles/{person.profile.pk}/", {"display_name": "X"}, format="json"
            ).status_code
            == 404
        )
    listed = client.get("/api/profiles/").json()["results"]
    assert [p["display_name"] for p in listed] == ["Olga Outsider"]


@pytest.mark.django_db
def test_manager_of_another_organisation_cannot_see_the_participants(
    api_as: ApiAs, mentee: User, other_organisation_program: Program
) -> None:
    other_manager = User.objects.get(email="other-manager@example.org")

    assert api_as(other_manager).get(f"/api/profiles/{mentee.profile.pk}/").status_code == 404


@pytest.mark.django_db
def test_demographics_never_leak_through_profile_endpoints(
    api_as: ApiAs, manager: User, mentor: User, mentee: User, program: Program
) -> None:
    demographics_update(
        user=mentee, gender="non_binary", ethnicity=SECRET_ETHNICITY, nationality=SECRET_NATIONALITY
    )
    enrollment_id = mentee.enrollments.get().pk
    views = [
        (mentee, "/api/profiles/me/"),
        (mentee, f"/api/profiles/{mentee.profile.pk}/"),
        (mentee, "/api/profiles/"),
        (mentor, f"/api/profiles/{mentee.profile.pk}/"),
        (mentor, "/api/profiles/"),
        (manager, f"/api/profiles/{mentee.profile.pk}/"),
        (manager, "/api/profiles/"),
        (manager, "/api/enrollments/"),
        (manager, f"/api/enrollments/{enrollment_id}/"),
    ]

    for viewer, url in views:
        response = api_as(viewer).get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for leak in (SECRET_ETHNICITY, SECRET_NATIONALITY, "non_binary", "gender", "ethnicity"):
            assert leak not in text, f"{leak} in {url} for {viewer}"


@pytest.mark.django_db
def test_a_person_sees_nobody_elses_demographics(api_as: ApiAs, mentee: User, mentor: User) -> None:
    demographics_update(user=mentee, ethnicity=SECRET_ETHNICITY)

    response = api_as(mentor).get("/api/profiles/me/demographics/")

    assert SECRET_ETHNICITY not in response.content.decode()


# --- Skills --------------------------------------------------------------------------------------


@pytest.fixture
def own_skill(manager: User, organisation: Organisation) -> Skill:
    category = SkillCategory.objects.create(name="Test crafts")
    Skill.objects.create(category=category, name="Zither tuning", synonyms=["string fixing"])
    return Skill.objects.create(
        category=category, name="Yak herding", synonyms=["bovine care"], organisation=organisation
    )


@pytest.mark.django_db
def test_skills_search_by_name_or_synonym_with_category(
    api_as: ApiAs, mentee: User, own_skill: Skill
) -> None:
    response = api_as(mentee).get("/api/skills/?q=STRING fix")

    assert response.status_code == 200
    assert [(s["name"], s["category"], s["synonyms"]) for s in response.json()["results"]] == [
        ("Zither tuning", "Test crafts", ["string fixing"])
    ]


@pytest.mark.django_db
def test_an_organisations_own_skills_need_the_organisation(
    api_as: ApiAs, mentee: User, outsider: User, own_skill: Skill, organisation: Organisation
) -> None:
    shared_only = api_as(mentee).get("/api/skills/?q=bovine")
    with_organisation = api_as(mentee).get(f"/api/skills/?q=bovine&organisation={organisation.pk}")
    hidden = make_organisation("Hidden Org", manager=outsider)

    assert shared_only.json()["results"] == []
    assert [s["name"] for s in with_organisation.json()["results"]] == ["Yak herding"]
    assert api_as(mentee).get(f"/api/skills/?organisation={hidden.pk}").status_code == 404
    assert api_as(mentee).get("/api/skills/?organisation=abc").status_code == 400


@pytest.mark.django_db
def test_the_seeded_taxonomy_is_served_in_pages(api_as: ApiAs, mentee: User) -> None:
    response = api_as(mentee).get("/api/skills/")

    assert response.status_code == 200
    assert response.json()["count"] == Skill.objects.filter(organisation=None).count()
    assert len(response.json()["results"]) <= 50
