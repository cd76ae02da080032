"""Issue 10, finding 5: a shared file is stored under a random name and served only by the
download view, only to the two people; nothing else links to it or serves it."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.relationships.models import Relationship, Resource
from mentora.relationships.services import resource_add

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 my private reading list"


@pytest.fixture
def shared(cultivating: Relationship, mentor: User, settings: Settings, tmp_path: Path) -> Resource:
    settings.MEDIA_ROOT = tmp_path
    return resource_add(
        relationship=cultivating,
        by=mentor,
        title="Reading list",
        file=SimpleUploadedFile("Reading list 2026.pdf", CONTENT, content_type="application/pdf"),
    )


def _download(resource: Resource) -> str:
    return reverse("relationships:resource_download", args=[resource.relationship_id, resource.pk])


def test_the_file_is_stored_under_a_random_name(shared: Resource) -> None:
    stored = shared.file.name or ""
    assert stored.startswith("relationships/resources/")
    assert "Reading" not in stored
    assert "2026" not in stored
    assert len(stored.rsplit("/", 1)[-1]) == 32 + len(".pdf")
    assert shared.original_name == "Reading list 2026.pdf"
    other = resource_add(
        relationship=shared.relationship,
        by=shared.relationship.mentee,
        title="Same name",
        file=SimpleUploadedFile("Reading list 2026.pdf", b"%PDF-1.4 other"),
    )
    assert other.file.name != stored


def test_both_people_get_the_file_under_its_own_name(shared: Resource) -> None:
    relationship = shared.relationship
    for person in (relationship.mentor, relationship.mentee):
        client = Client()
        client.force_login(person)
        response = client.get(_download(shared))
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        assert b"".join(response.streaming_content) == CONTENT
        assert "Reading list 2026.pdf" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"


def test_anonymous_visitors_outsiders_and_managers_get_404(
    shared: Resource, outsider: User, manager: User, other_organisation_program: object
) -> None:
    other_manager = User.objects.get(email="other-manager@example.org")
    assert Client().get(_download(shared)).status_code == 404
    for person in (outsider, manager, other_manager):
        client = Client()
        client.force_login(person)
        assert client.get(_download(shared)).status_code == 404, person.email


def test_a_file_of_another_relationship_is_404_even_to_a_party(
    shared: Resource, coaching: Relationship, coachee: User
) -> None:
    """The coachee is the mentee of the mentoring pair too: the path must match the file."""
    client = Client()
    client.force_login(coachee)
    wrong = reverse("relationships:resource_download", args=[coaching.pk, shared.pk])
    assert client.get(wrong).status_code == 404


def test_the_download_view_is_the_only_way_to_the_file(shared: Resource) -> None:
    stored = shared.file.name or ""
    for guess in (f"/media/{stored}", f"/media/relationships/resources/{shared.original_name}"):
        with pytest.raises(Resolver404):
            resolve(guess)
    relationship = shared.relationship
    client = APIClient()
    client.force_login(relationship.mentee)
    listed = client.get(f"/api/relationships/{relationship.pk}/resources/").json()
    assert listed[0]["download_url"] == _download(shared)
    assert stored not in json.dumps(listed)
    page = Client()
    page.force_login(relationship.mentee)
    html = page.get(reverse("relationships:detail", args=[relationship.pk])).content.decode()
    assert _download(shared) in html
    assert stored not in html


def test_the_admin_never_links_to_the_stored_file(shared: Resource) -> None:
    staff = User.objects.create_superuser(email="root@example.org", password="x")
    client = Client()
    client.force_login(staff)
    html = client.get(
        reverse("admin:relationships_resource_change", args=[shared.pk])
    ).content.decode()
    assert str(shared.file.name) not in html


def test_the_migration_moves_files_stored_under_their_own_names(
    cultivating: Relationship, mentor: User, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    old = "relationships/resources/2026/01/My CV.pdf"
    (tmp_path / old).parent.mkdir(parents=True)
    (tmp_path / old).write_bytes(CONTENT)
    resource = Resource.objects.create(
        relationship=cultivating, added_by=mentor, title="CV", file=old, size=len(CONTENT)
    )
    missing = Resource.objects.create(
        relationship=cultivating, added_by=mentor, title="Gone", file="relationships/x/a.txt"
    )
    migration = importlib.import_module(
        "mentora.relationships.migrations.0003_resource_files_private"
    )
    migration.hide_stored_names(django_apps, None)
    resource.refresh_from_db()
    assert resource.original_name == "My CV.pdf"
    assert resource.file.name != old
    assert "CV" not in (resource.file.name or "")
    assert (tmp_path / (resource.file.name or "")).read_bytes() == CONTENT
    assert not (tmp_path / old).exists()
    missing.refresh_from_db()
    assert (missing.original_name, missing.file.name) == ("a.txt", "relationships/x/a.txt")
