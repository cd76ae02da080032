"""The REST API follows the pages' rules; private notes never reach anyone but their author."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.relationships.models import Relationship, Stage

pytestmark = pytest.mark.django_db
BASE = "/api/relationships/"


def as_(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_manager_pairs_people_and_both_see_the_relationship(
    program: Program, manager: User, mentor: User, mentee: User, outsider: User
) -> None:
    response = as_(manager).post(
        BASE, {"program": program.pk, "mentor": mentor.pk, "mentee": mentee.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["stage"] == "initiation"
    assert response.json()["career_goals"] == ""
    for person in (mentor, mentee, manager):
        assert [r["id"] for r in as_(person).get(BASE).json()["results"]] == [response.json()["id"]]
    assert as_(outsider).get(BASE).json()["results"] == []
    assert (
        as_(mentor)
        .post(
            BASE, {"program": program.pk, "mentor": mentor.pk, "mentee": mentee.pk}, format="json"
        )
        .status_code
        == 403
    )


def test_pairing_errors_are_400s_with_the_field(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    response = as_(manager).post(
        BASE, {"program": program.pk, "mentor": mentee.pk, "mentee": mentor.pk}, format="json"
    )
    assert response.status_code == 400
    assert "mentor" in response.json()


def test_the_whole_journey_through_the_api(
    relationship: Relationship, mentor: User, mentee: User, manager: User
) -> None:
    r = f"{BASE}{relationship.pk}/"
    me, you = as_(mentee), as_(mentor)
    assert (
        me.put(
            r + "agreement/", {"goals": "Lead", "focus_areas": ["networking"]}, format="json"
        ).status_code
        == 200
    )
    me.post(r + "agreement/confirm/")
    assert you.post(r + "agreement/confirm/").status_code == 200
    assert me.get(r).json()["stage"] == "cultivation"
    meeting = me.post(
        r + "meetings/", {"starts_at": "2030-05-01T10:00:00Z", "agenda": "Plan"}, format="json"
    ).json()
    m = f"{r}meetings/{meeting['id']}/"
    assert (
        me.put(m + "private-note/", {"text": "secret-of-mentee"}, format="json").status_code == 200
    )
    assert me.get(m).json()["my_private_note"] == "secret-of-mentee"
    assert you.get(m).json()["my_private_note"] == ""
    assert "secret-of-mentee" not in json.dumps(you.get(r + "meetings/").json())
    moved = you.post(m + "reschedule/", {"starts_at": "2030-05-02T10:00:00Z"}, format="json")
    assert moved.json()["sequence"] == 1
    question = me.post(r + "questions/", {"text": "How?"}, format="json").json()
    assert you.post(r + "questions/", {"text": "Mine?"}, format="json").status_code == 403
    you.post(f"{r}questions/{question['id']}/replies/", {"text": "Like this."}, format="json")
    assert me.get(r + "questions/").json()[0]["replies"][0]["text"] == "Like this."
    goal = me.post(
        r + "goals/", {"title": "Speak", "milestones": ["One talk"]}, format="json"
    ).json()
    assert me.post(f"{r}goals/{goal['id']}/progress/", {"progress": 100}, format="json").json()[
        "is_met"
    ]
    assert (
        you.post(r + "lessons/", {"text": "Breathe", "goal": goal["id"]}, format="json").json()[
            "lesson_kind"
        ]
        == "lesson_shared"
    )
    assert (
        you.post(
            r + "resources/", {"title": "Book", "url": "https://example.org"}, format="json"
        ).status_code
        == 201
    )
    proposal = me.post(r + "separation/", {"reflection": "Ready"}, format="json").json()
    assert you.post(f"{r}separation/{proposal['id']}/confirm/").status_code == 200
    assert (
        me.put(r + "reflection/", {"learned": "A", "application": "B"}, format="json").status_code
        == 200
    )
    terms = you.put(
        r + "redefinition/", {"relation": "peers", "check_in_frequency": "yearly"}, format="json"
    )
    assert terms.status_code == 200
    assert me.get(r).json()["stage"] == "redefinition"
    assert me.put(r + "acknowledgment/", {"text": "Thank you"}, format="json").status_code == 200
    assert you.post(r + "acknowledgment/public/", {"public": True}, format="json").json()[
        "is_public"
    ]
    # The manager sees stage, dates and counts, and nothing of the content.
    boss = as_(manager)
    detail = boss.get(r).json()
    assert detail["activity"]["questions"] == 1
    assert detail["activity"]["goals_met"] == 1
    for path in (
        "agreement/",
        "meetings/",
        m,
        "questions/",
        "goals/",
        "lessons/",
        "resources/",
        "separation/",
        "reflection/",
        "redefinition/",
        "acknowledgment/",
    ):
        url = path if path.startswith("/") else r + path
        assert boss.get(url).status_code == 404, url
    events = boss.get(r + "events/").json()
    assert [e["to_stage"] for e in events][-1] == "redefinition"
    assert all(e["note"] == "" for e in events)


def test_outsiders_get_404(relationship: Relationship, outsider: User) -> None:
    client = as_(outsider)
    r = f"{BASE}{relationship.pk}/"
    for path in ("", "events/", "agreement/", "meetings/", "questions/", "goals/"):
        assert client.get(r + path).status_code == 404
    assert (
        client.post(r + "advance/", {"to_stage": "ended", "note": "x"}, format="json").status_code
        == 404
    )


def test_a_refused_move_is_a_400_with_a_message(relationship: Relationship, mentee: User) -> None:
    response = as_(mentee).post(
        f"{BASE}{relationship.pk}/advance/", {"to_stage": "redefinition"}, format="json"
    )
    assert response.status_code == 400
    assert "cannot move" in json.dumps(response.json())
    response = as_(mentee).post(
        f"{BASE}{relationship.pk}/advance/",
        {"to_stage": "ended", "note": "Moved away"},
        format="json",
    )
    assert response.json()["stage"] == Stage.ENDED


def test_unauthenticated_calls_are_refused(relationship: Relationship) -> None:
    assert APIClient().get(BASE).status_code == 401
