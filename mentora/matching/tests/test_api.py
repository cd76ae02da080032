"""The matching REST API: runs, drafts, pins, moves, publishing; program managers only."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.matching import services
from mentora.matching.models import MatchRun, Pin
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.testing.matching import populate

pytestmark = pytest.mark.django_db


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_start_a_run_and_read_its_draft(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=3)
    client = api(manager)
    started = client.post(
        f"/api/programs/{program.pk}/match-runs/",
        {"mode": "stable", "top_k": 10, "weights": {"skills": 5}},
        format="json",
    )
    assert started.status_code == 202, started.content
    run_id = started.json()["id"]
    run = client.get(f"/api/match-runs/{run_id}/").json()
    assert run["status"] == "draft"
    assert run["percent"] == 100
    assert run["mode"] == "stable"
    assert run["weights"]["skills"] == 5
    assert run["metrics"]["pairs"] == 3
    proposals = client.get(f"/api/match-runs/{run_id}/proposals/").json()
    assert proposals["count"] == 3
    first = proposals["results"][0]
    assert first["reasons"]
    assert "skills" in first["factors"]
    assert client.get(f"/api/match-runs/{run_id}/unmatched/").json()["count"] == 0
    listed = client.get(f"/api/programs/{program.pk}/match-runs/").json()
    assert [r["id"] for r in listed["results"]] == [run_id]
    fairness = client.get(f"/api/match-runs/{run_id}/fairness/").json()
    assert [t["dimension"] for t in fairness] == ["Gender", "Ethnicity", "Nationality"]
    assert client.get(f"/api/match-runs/{run_id}/changes/").status_code == 204


def test_bad_input_is_a_400_naming_the_field(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    client = api(manager)
    url = f"/api/programs/{program.pk}/match-runs/"
    response = client.post(url, {"top_k": 0}, format="json")
    assert response.status_code == 400
    assert "top_k" in response.json()
    response = client.post(url, {"weights": {"gender": 3}}, format="json")
    assert response.status_code == 400
    assert "gender" in str(response.json())
    response = client.post(url, {"weights": {"skills": "lots"}}, format="json")
    assert response.status_code == 400
    assert not MatchRun.objects.exists()


def test_settings_get_and_put(program: Program, manager: User) -> None:
    client = api(manager)
    url = f"/api/programs/{program.pk}/matching-settings/"
    assert client.get(url).json()["mode"] == "optimal"
    response = client.put(url, {"weights": {"time": 4}, "mode": "stable"}, format="json")
    assert response.status_code == 200, response.content
    saved = client.get(url).json()
    assert saved["weights"]["time"] == 4
    assert saved["mode"] == "stable"


def test_pins_create_list_delete(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    client = api(manager)
    url = f"/api/programs/{program.pk}/match-pins/"
    created = client.post(
        url, {"mentee": mentee.pk, "mentor": mentor.pk, "kind": "forbid"}, format="json"
    )
    assert created.status_code == 201, created.content
    assert client.get(url).json()[0]["kind"] == "forbid"
    bad = client.post(url, {"mentee": mentee.pk, "mentor": mentor.pk, "kind": "x"}, format="json")
    assert bad.status_code == 400
    assert client.delete(f"{url}{created.json()['id']}/").status_code == 204
    assert not Pin.objects.exists()


def test_move_publish_and_discard(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=1)
    run = services.match_run_start(program=program, started_by=manager)
    proposal = run.proposals.get()
    client = api(manager)
    move_url = f"/api/match-runs/{run.pk}/proposals/{proposal.pk}/move/"
    alternatives = client.get(move_url).json()
    assert len(alternatives) == 1
    moved = client.post(move_url, {"mentor": alternatives[0]["mentor_id"]}, format="json")
    assert moved.status_code == 200, moved.content
    assert moved.json()["mentor"]["id"] == alternatives[0]["mentor_id"]
    preview = client.post(
        f"/api/match-runs/{run.pk}/weights-preview/", {"weights": {"skills": 0}}, format="json"
    )
    assert preview.status_code == 200
    assert preview.json()["pairs"] == 1
    published = client.post(f"/api/match-runs/{run.pk}/publish/")
    assert published.json()["status"] == "published"
    assert client.post(f"/api/match-runs/{run.pk}/publish/").status_code == 200
    assert Relationship.objects.count() == 1
    refused = client.post(f"/api/match-runs/{run.pk}/discard/")
    assert refused.status_code == 400


@pytest.mark.parametrize("who", ["outsider", "mentor", "mentee"])
def test_everyone_but_managers_gets_404(
    request: pytest.FixtureRequest,
    program: Program,
    manager: User,
    mentor: User,
    mentee: User,
    who: str,
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    proposal = run.proposals.get()
    pin = services.match_pin_set(
        program=program, mentee=mentee, mentor=mentor, kind="pin", set_by=manager
    )
    client = api(request.getfixturevalue(who))
    for url in [
        f"/api/programs/{program.pk}/match-runs/",
        f"/api/programs/{program.pk}/matching-settings/",
        f"/api/programs/{program.pk}/match-pins/",
        f"/api/match-runs/{run.pk}/",
        f"/api/match-runs/{run.pk}/proposals/",
        f"/api/match-runs/{run.pk}/unmatched/",
        f"/api/match-runs/{run.pk}/fairness/",
        f"/api/match-runs/{run.pk}/changes/",
        f"/api/match-runs/{run.pk}/proposals/{proposal.pk}/move/",
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        f"/api/programs/{program.pk}/match-runs/",
        f"/api/programs/{program.pk}/match-pins/",
        f"/api/match-runs/{run.pk}/publish/",
        f"/api/match-runs/{run.pk}/discard/",
        f"/api/match-runs/{run.pk}/weights-preview/",
        f"/api/match-runs/{run.pk}/proposals/{proposal.pk}/move/",
    ]:
        assert client.post(url, {}, format="json").status_code == 404, url
    assert client.put(f"/api/programs/{program.pk}/matching-settings/", {}).status_code == 404
    assert client.delete(f"/api/programs/{program.pk}/match-pins/{pin.pk}/").status_code == 404
    assert MatchRun.objects.count() == 1
    assert not Relationship.objects.exists()


def test_anonymous_gets_401(program: Program, manager: User, mentor: User, mentee: User) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    assert APIClient().get(f"/api/match-runs/{run.pk}/").status_code == 401
