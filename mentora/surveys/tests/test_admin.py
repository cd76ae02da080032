"""Django admin never lists a confidential answer next to its person, nor any answer's value."""

from __future__ import annotations

import pytest
from django.test import Client

from mentora.relationships.models import Relationship
from mentora.testing import make_person
from mentora.testing.surveys import CHECK_IN_ANSWERS, answer, send

pytestmark = pytest.mark.django_db


def test_responses_are_listed_without_their_people(relationship: Relationship) -> None:
    response = answer(
        send(relationship=relationship, person=relationship.mentee, key="check_in"),
        CHECK_IN_ANSWERS,
    )
    staff = make_person("staff@example.org", "Stan Staff")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = Client()
    client.force_login(staff)
    listing = client.get("/admin/surveys/response/").content.decode()
    assert "Relationship check-in" in listing
    assert "Mina Mentee" not in listing
    assert "mentee@example.org" not in listing
    detail = client.get(f"/admin/surveys/response/{response.pk}/change/").content.decode()
    assert "confidential" in detail
    assert "Mina Mentee" not in detail
    assert "mentee@example.org" not in detail


def test_answers_are_listed_without_their_people_or_values(relationship: Relationship) -> None:
    answer(
        send(relationship=relationship, person=relationship.mentee, key="check_in"),
        CHECK_IN_ANSWERS,
    )
    staff = make_person("staff@example.org", "Stan Staff")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = Client()
    client.force_login(staff)
    listing = client.get("/admin/surveys/answer/").content.decode()
    assert "rhythm" in listing  # the items answered, by their keys
    assert "Going well." not in listing
    assert "Mina Mentee" not in listing
    assert "mentee@example.org" not in listing
