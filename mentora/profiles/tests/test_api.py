"""One's own profile and self-identification through the API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.profiles.models import Profile
from mentora.programs.services.profiles import NOT_SHARED

ApiAs = Callable[[User], APIClient]

# Distinctive values, so that any leak shows up in a plain search of a response.
SECRET_ETHNICITY = "Quixotic-Lemurian"
SECRET_NATIONALITY = "Atlantean-Zed"


@pytest.mark.django_db
def test_own_profile_includes_email_and_manager(api_as: ApiAs, mentee: User, manager: User) -> None:
    client = api_as(mentee)

    changed = client.patch(
        "/api/profiles/me/",
        {
            "headline": "Nurse, curious",
            "manager_email": "MANAGER@example.org",
            "languages": ["en", "fr"],
        },
        format="json",
    )
    read = client.get("/api/profiles/me/")

    assert changed.status_code == 200, changed.json()
    body = read.json()
    assert (body["headline"], body["email"], body["manager_email"]) == (
        "Nurse, curious",
        "mentee@example.org",
        "manager@example.org",
    )
    assert body["languages"] == ["en", "fr"]


@pytest.mark.django_db
def test_first_patch_creates_the_profile(api_as: ApiAs) -> None:
    person = User.objects.create_user(email="fresh@example.org", password="x")
    client = api_as(person)

    missing = client.get("/api/profiles/me/")
    created = client.patch(
        "/api/profiles/me/", {"display_name": "Fresh Face", "timezone": "Asia/Tokyo"}, format="json"
    )

    assert missing.status_code == 404
    assert "PATCH /api/profiles/me/" in missing.json()["detail"]
    assert created.status_code == 200
    assert Profile.objects.get(user=person).timezone == "Asia/Tokyo"


@pytest.mark.django_db
def test_bad_profile_values_are_400s_on_the_field(api_as: ApiAs, mentee: User) -> None:
    client = api_as(mentee)

    response = client.patch(
        "/api/profiles/me/",
        {
            "timezone": "Mars/Olympus",
            "languages": ["klingon"],
            "profile_url": "not a url",
            "years_experience": -1,
            "meeting_formats": ["telepathy"],
        },
        format="json",
    )
    unknown_manager = client.patch(
        "/api/profiles/me/", {"manager_email": "ghost@example.org"}, format="json"
    )
    own_manager = client.patch(
        "/api/profiles/me/", {"manager_email": "mentee@example.org"}, format="json"
    )

    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {
        "timezone",
        "languages",
        "profile_url",
        "years_experience",
        "meeting_formats",
    }
    assert "IANA timezone" in errors["timezone"][0]
    assert unknown_manager.status_code == 400
    assert unknown_manager.json() == {"manager_email": [NOT_SHARED]}
    assert own_manager.status_code == 400
    assert "own manager" in own_manager.json()["manager"][0]
    assert Profile.objects.get(user=mentee).timezone == "Europe/London"


@pytest.mark.django_db
def test_demographics_are_the_persons_own(api_as: ApiAs, mentee: User) -> None:
    client = api_as(mentee)

    before = client.get("/api/profiles/me/demographics/")
    saved = client.put(
        "/api/profiles/me/demographics/",
        {"gender": "woman", "ethnicity": SECRET_ETHNICITY, "nationality": SECRET_NATIONALITY},
        format="json",
    )
    after = client.get("/api/profiles/me/demographics/")

    assert before.json()["gender"] == "prefer_not_to_say"
    assert saved.status_code == 200
    assert after.json()["ethnicity"] == SECRET_ETHNICITY
    bad = client.put("/api/profiles/me/demographics/", {"gender": "robot"}, format="json")
    assert bad.status_code == 400
    assert "gender" in bad.json()
