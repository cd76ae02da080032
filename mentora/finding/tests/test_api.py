"""The finding REST API follows the pages' rules; a checklist reaches nobody but its author."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.finding.choosing import consideration_update
from mentora.finding.models import MentorRequest
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.testing.finding import add_mentor

pytestmark = pytest.mark.django_db
REQUESTS = "/api/mentor-requests/"


def as_(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def base(program: Program) -> str:
    return f"/api/finding/{program.pk}/"


def test_recommendations_with_filters_and_paging(
    program: Program, mentor: User, second_mentor: User, mentee: User
) -> None:
    client = as_(mentee)

    everyone = client.get(base(program) + "recommendations/").json()
    tech = client.get(base(program) + "recommendations/", {"industry": "technology"}).json()
    paged = client.get(base(program) + "recommendations/", {"page_size": 1, "page": 2}).json()

    assert everyone["count"] == 2
    assert {r["mentor_id"] for r in everyone["results"]} == {mentor.pk, second_mentor.pk}
    assert all(r["reasons"] for r in everyone["results"])
    assert [r["mentor_id"] for r in tech["results"]] == [second_mentor.pk]
    assert paged["pages"] == 2
    assert len(paged["results"]) == 1


def test_bad_filter_is_a_400_naming_the_field(program: Program, mentee: User) -> None:
    response = as_(mentee).get(base(program) + "recommendations/", {"industry": "astrology"})

    assert response.status_code == 400
    assert "astrology" in response.json()["industry"][0]


def test_outsiders_and_mentors_get_404(
    program: Program, mentor: User, mentee: User, outsider: User
) -> None:
    for person in (outsider, mentor):
        client = as_(person)
        assert client.get(base(program) + "recommendations/").status_code == 404
        assert client.get(base(program) + f"mentors/{mentor.pk}/").status_code == 404
        assert client.get(base(program) + f"mentors/{mentor.pk}/checklist/").status_code == 404
    assert APIClient().get(base(program) + "recommendations/").status_code in {401, 403}


def test_mentor_detail_has_the_five_questions(program: Program, mentor: User, mentee: User) -> None:
    data = as_(mentee).get(base(program) + f"mentors/{mentor.pk}/").json()

    assert data["mentor"]["motivation"] == "I like helping people grow."
    assert [q["key"] for q in data["questions"]] == [
        "passion",
        "feedback",
        "knowledge",
        "time",
        "proximity",
    ]
    assert data["mentor"]["free_places"] == 2


def test_checklist_is_private_to_its_author(
    program: Program, mentor: User, mentee: User, other_mentee: User
) -> None:
    url = base(program) + f"mentors/{mentor.pk}/checklist/"
    saved = as_(mentee).put(url, {"passion": "yes", "note": "Warm and direct"}, format="json")
    assert saved.status_code == 200
    assert saved.json()["passion"] == "yes"
    assert as_(mentee).get(url).json()["note"] == "Warm and direct"

    theirs = as_(other_mentee).get(url).json()
    assert theirs["note"] == ""
    assert theirs["passion"] == ""
    bad = as_(mentee).put(url, {"time": "maybe"}, format="json")
    assert bad.status_code == 400
    assert "time" in bad.json()


def test_bookmarks(program: Program, mentor: User, mentee: User) -> None:
    client = as_(mentee)

    assert client.post(base(program) + "bookmarks/", {"mentor": mentor.pk}).status_code == 201
    assert [
        b["mentor"]["id"] for b in client.get(base(program) + "bookmarks/").json()["results"]
    ] == [mentor.pk]
    assert client.delete(base(program) + f"bookmarks/{mentor.pk}/").status_code == 204
    assert client.get(base(program) + "bookmarks/").json()["results"] == []


def test_request_accept_flow(program: Program, mentor: User, mentee: User, outsider: User) -> None:
    created = as_(mentee).post(
        REQUESTS, {"program": program.pk, "mentor": mentor.pk, "message": "Help me lead."}
    )
    assert created.status_code == 201, created.content
    request_id = created.json()["id"]

    assert [r["id"] for r in as_(mentor).get(REQUESTS, {"role": "mentor"}).json()["results"]] == [
        request_id
    ]
    assert as_(mentor).get(REQUESTS, {"role": "mentee"}).json()["results"] == []
    assert as_(outsider).get(REQUESTS + f"{request_id}/").status_code == 404
    asked = as_(mentor).post(REQUESTS + f"{request_id}/messages/", {"text": "Which team?"})
    assert asked.status_code == 201
    assert asked.json()["messages"][0]["text"] == "Which team?"
    assert as_(mentee).post(REQUESTS + f"{request_id}/accept/").status_code == 403

    accepted = as_(mentor).post(REQUESTS + f"{request_id}/accept/")

    assert accepted.status_code == 200
    assert accepted.json()["request_status"] == "accepted"
    assert accepted.json()["relationship"] is not None


def test_request_cap_and_duplicates_are_400s(
    program: Program, mentor: User, second_mentor: User, mentee: User
) -> None:
    program.max_open_requests = 1
    program.save()
    client = as_(mentee)
    client.post(REQUESTS, {"program": program.pk, "mentor": mentor.pk, "message": "Hi"})

    again = client.post(REQUESTS, {"program": program.pk, "mentor": mentor.pk, "message": "Hi"})
    capped = client.post(
        REQUESTS, {"program": program.pk, "mentor": second_mentor.pk, "message": "Hi"}
    )

    assert again.status_code == 400
    assert "already asked" in again.json()["mentor"][0]
    assert capped.status_code == 400
    assert "the most" in capped.json()["non_field_errors"][0]


def test_decline_and_withdraw(
    program: Program, mentor: User, second_mentor: User, mentee: User
) -> None:
    first = as_(mentee).post(REQUESTS, {"program": program.pk, "mentor": mentor.pk, "message": "A"})
    second = as_(mentee).post(
        REQUESTS, {"program": program.pk, "mentor": second_mentor.pk, "message": "B"}
    )

    declined = as_(mentor).post(
        REQUESTS + f"{first.json()['id']}/decline/", {"reason": "Too busy this quarter."}
    )
    withdrawn = as_(mentee).post(REQUESTS + f"{second.json()['id']}/withdraw/")

    assert declined.json()["request_status"] == "declined"
    assert declined.json()["decline_reason"] == "Too busy this quarter."
    assert withdrawn.json()["request_status"] == "withdrawn"
    assert MentorRequest.objects.filter(status="pending").count() == 0


def test_requests_never_carry_the_private_checklist(
    program: Program, mentor: User, mentee: User
) -> None:
    consideration_update(
        program=program, mentee=mentee, mentor=mentor, answers={"time": "no"}, note="Secret doubt"
    )
    as_(mentee).post(REQUESTS, {"program": program.pk, "mentor": mentor.pk, "message": "Hi"})

    for person in (mentor, mentee):
        assert "Secret doubt" not in as_(person).get(REQUESTS).content.decode()


def test_pause_and_resume(program: Program, mentor: User, mentee: User) -> None:
    client = as_(mentor)

    paused = client.post(
        base(program) + "availability/pause/", {"until": "2099-01-31", "note": "Sabbatical"}
    )
    assert paused.status_code == 200
    assert paused.json()["paused"] is True
    hidden = as_(mentee).get(base(program) + "recommendations/").json()["results"]
    assert mentor.pk not in [r["mentor_id"] for r in hidden]
    past = client.post(base(program) + "availability/pause/", {"until": "2000-01-01"})
    assert past.status_code == 400

    resumed = client.post(base(program) + "availability/resume/")
    assert resumed.json()["paused"] is False
    assert as_(mentee).get(base(program) + "availability/").status_code == 404


def test_accepting_when_full_is_a_400_and_the_request_is_answered(
    program: Program, mentee: User, other_mentee: User
) -> None:
    mentor = add_mentor(program, "one@example.org", "Una Place", capacity=1)
    created = as_(mentee).post(
        REQUESTS, {"program": program.pk, "mentor": mentor.pk, "message": "A"}
    )
    Relationship.objects.create(
        program=program, mentor=mentor, mentee=other_mentee, kind="mentoring", origin="manager_pair"
    )

    response = as_(mentor).post(REQUESTS + f"{created.json()['id']}/accept/")

    assert response.status_code == 400
    assert "places are all taken" in response.json()["request"][0]
    answered = as_(mentee).get(REQUESTS + f"{created.json()['id']}/").json()
    assert answered["request_status"] == "declined"
    assert answered["request_close_reason"] == "mentor_full"
