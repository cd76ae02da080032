"""Every free text of a relationship has a limit, and a NUL character is refused with a message
naming the field (a 400 through the API, never a 500), whichever door it comes through."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import TextField
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.relationships import models
from mentora.relationships.models import Relationship
from mentora.relationships.services import (
    agreement_save,
    goal_create,
    meeting_schedule,
    question_ask,
    relationship_end,
)
from mentora.testing.relationships import walk_to

pytestmark = pytest.mark.django_db
NUL = "\x00"


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_every_text_field_of_the_app_has_a_limit() -> None:
    for model in (
        models.Relationship,
        models.RelationshipEvent,
        models.Agreement,
        models.Goal,
        models.Meeting,
        models.PrivateNote,
        models.Question,
        models.Reply,
        models.Lesson,
        models.SeparationProposal,
        models.ClosingReflection,
        models.RedefinitionTerms,
        models.Acknowledgment,
    ):
        for field in model._meta.get_fields():
            if isinstance(field, TextField):
                assert field.max_length, (model, field.name)


@pytest.mark.parametrize(
    ("path", "method", "field"),
    [
        ("agreement/", "put", "goals"),
        ("agreement/", "put", "channel"),
        ("acquaintance/", "put", "career_goals"),
        ("questions/", "post", "text"),
        ("lessons/", "post", "text"),
        ("goals/", "post", "title"),
        ("goals/", "post", "description"),
        ("meetings/", "post", "agenda"),
        ("separation/", "post", "reflection"),
        ("resources/", "post", "title"),
        ("advance/", "post", "note"),
    ],
)
def test_a_nul_character_is_a_400_naming_the_field(
    cultivating: Relationship, mentee: User, path: str, method: str, field: str
) -> None:
    body: dict[str, object] = {
        "text": "Fine",
        "title": "Fine",
        "reflection": "Fine",
        "starts_at": "2030-05-01T10:00:00Z",
        "url": "https://example.org",
        "career_goals": "",
        "why_this_mentor": "",
        "to_stage": "initiation",
    }
    body[field] = f"before{NUL}after"
    url = f"/api/relationships/{cultivating.pk}/{path}"
    response = getattr(api(mentee), method)(url, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(
    ("path", "field", "limit"),
    [
        ("questions/", "text", 10_000),
        ("separation/", "reflection", 10_000),
        ("advance/", "note", 2_000),
    ],
)
def test_text_over_its_limit_is_a_400_naming_the_field(
    cultivating: Relationship, mentee: User, path: str, field: str, limit: int
) -> None:
    body = {field: "x" * (limit + 1), "to_stage": "ended"}
    response = api(mentee).post(f"/api/relationships/{cultivating.pk}/{path}", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    cultivating.refresh_from_db()
    assert cultivating.is_live


def test_the_services_refuse_nul_line_breaks_and_long_text_on_the_field(
    cultivating: Relationship, mentee: User
) -> None:
    with pytest.raises(ValidationError) as refused:
        question_ask(relationship=cultivating, by=mentee, text=f"How{NUL}?")
    assert "NUL" in refused.value.message_dict["text"][0]
    with pytest.raises(ValidationError) as refused:
        agreement_save(relationship=cultivating, by=mentee, channel="Video\ncall")
    assert "one line" in refused.value.message_dict["channel"][0]
    with pytest.raises(ValidationError) as refused:
        goal_create(relationship=cultivating, by=mentee, title="A" * 201)
    assert "at most 200" in refused.value.message_dict["title"][0]
    with pytest.raises(ValidationError) as refused:
        meeting_schedule(
            relationship=cultivating,
            by=mentee,
            starts_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
            agenda="x" * 10_001,
        )
    assert "agenda" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        relationship_end(relationship=cultivating, by=mentee, reason="x" * 2_001)
    assert "note" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        agreement_save(relationship=cultivating, by=mentee, focus_areas=[f"network{NUL}"])
    assert "focus_areas" in refused.value.message_dict


def test_the_pages_refuse_a_nul_character_without_an_error_page(
    relationship: Relationship, mentee: User
) -> None:
    client = Client()
    client.force_login(mentee)
    response = client.post(
        reverse("relationships:agreement", args=[relationship.pk]),
        {"goals": f"Lead{NUL}", "meeting_cadence": "monthly", "expected_duration_weeks": "26"},
    )
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()
    relationship.agreement.refresh_from_db()
    assert relationship.agreement.goals == ""


def test_the_thank_you_keeps_its_limit_through_the_api(relationship: Relationship) -> None:
    walk_to(relationship, "separation")
    response = api(relationship.mentee).put(
        f"/api/relationships/{relationship.pk}/acknowledgment/", {"text": "x" * 2_001}
    )
    assert response.status_code == 400
    assert "text" in response.json()
