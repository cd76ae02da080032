"""Profile photos (issue 10, finding 5): stored under random names, served only to those who may
see the profile, never by a URL under MEDIA_ROOT."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from PIL import Image

from mentora.accounts.models import User
from mentora.profiles.models import Profile

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Iterator[Path]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.fixture
def photographed_mentee(client: Client, mentee: User) -> Profile:
    """The mentee uploads a photo named after themselves on their profile page."""
    client.force_login(mentee)
    response = client.post(
        reverse("profiles:edit"),
        {
            "display_name": "Mina Mentee",
            "timezone": "Europe/London",
            "photo": SimpleUploadedFile("mina-mentee-passport.png", _png(), "image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return Profile.objects.get(user=mentee)


def test_a_photo_is_stored_under_a_random_name(photographed_mentee: Profile, media: Path) -> None:
    name = str(photographed_mentee.photo.name)
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.png", name), name
    assert (media / name).exists()
    assert "mina" not in name


def test_who_may_see_the_profile_sees_the_photo_and_nobody_else(
    client: Client, photographed_mentee: Profile, mentor: User, manager: User, outsider: User
) -> None:
    url = reverse("programs:profile_photo", kwargs={"profile_id": photographed_mentee.pk})

    assert client.get(url).status_code == 404  # anonymous
    for person, expected in ((outsider, 404), (mentor, 200), (manager, 200)):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == expected, person.email
        if expected == 200:
            assert response["Content-Type"] == "image/png"
            assert response["Cache-Control"] == "private, no-store"
            assert response["Content-Disposition"].startswith("inline")


def test_nothing_under_media_root_is_served_by_url(
    client: Client, photographed_mentee: Profile, mentor: User
) -> None:
    client.force_login(mentor)
    assert client.get(f"/media/{photographed_mentee.photo.name}").status_code == 404
    with override_settings(DEBUG=True):
        assert client.get(f"/media/{photographed_mentee.photo.name}").status_code == 404


def test_pages_show_the_photo_through_the_checking_views(
    client: Client, photographed_mentee: Profile, mentee: User, mentor: User
) -> None:
    client.force_login(mentor)
    profile_page = client.get(
        reverse("programs:profile", kwargs={"profile_id": photographed_mentee.pk})
    ).content.decode()
    client.force_login(mentee)
    edit_page = client.get(reverse("profiles:edit")).content.decode()
    own = client.get(reverse("profiles:photo"))

    photo_url = reverse("programs:profile_photo", kwargs={"profile_id": photographed_mentee.pk})
    stored = str(photographed_mentee.photo.name)
    assert f'src="{photo_url}"' in profile_page
    assert stored not in profile_page
    assert reverse("profiles:photo") in edit_page
    assert stored not in edit_page
    assert own.status_code == 200
