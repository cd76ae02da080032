"""Every rule a matching page enforces holds in the service too, so the API gets the same answer;
and bad input (a NUL character, an unknown factor) is a 400 naming the field, never a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.matching import services
from mentora.matching.models import MatchingSettings, MatchRun, Pin
from mentora.matching.previews import proposal_alternatives
from mentora.programs.models import Program
from mentora.testing.matching import populate

pytestmark = pytest.mark.django_db
NUL = "\x00"


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def full_draft(program: Program, manager: User) -> MatchRun:
    """A draft where every mentor's one place is taken: nobody has room for a move."""
    populate(program, mentors=2, mentees=2, capacity=1)
    run = services.match_run_start(program=program, started_by=manager)
    assert run.proposals.count() == 2
    return run


def test_a_move_is_offered_and_made_only_where_a_mentor_has_room(
    program: Program, manager: User
) -> None:
    run = full_draft(program, manager)
    proposal, other = run.proposals.order_by("pk")
    url = f"/api/match-runs/{run.pk}/proposals/{proposal.pk}/move/"

    assert proposal_alternatives(proposal=proposal) == []
    assert api(manager).get(url).json() == []
    refused = api(manager).post(url, {"mentor": other.mentor_id}, format="json")
    client = page(manager)
    client.post(reverse("matching:move", args=[proposal.pk]), {"mentor": other.mentor_id})
    html = client.get(reverse("matching:move", args=[proposal.pk])).content.decode()

    assert refused.status_code == 400
    assert "no room left" in refused.json()["mentor"][0]
    assert "no room left" in html
    with pytest.raises(ValidationError, match="no room left"):
        services.proposal_move(proposal=proposal, mentor=other.mentor, moved_by=manager)
    proposal.refresh_from_db()
    assert not proposal.moved


def test_a_published_draft_takes_no_move_through_any_door(program: Program, manager: User) -> None:
    populate(program, mentors=2, mentees=1)
    run = services.match_run_start(program=program, started_by=manager)
    services.match_run_publish(run=run, published_by=manager)
    proposal = run.proposals.get()
    free = User.objects.filter(email__startswith="mentor").exclude(pk=proposal.mentor_id).get()
    url = f"/api/match-runs/{run.pk}/proposals/{proposal.pk}/move/"

    refused = api(manager).post(url, {"mentor": free.pk}, format="json")
    shown = page(manager).get(reverse("matching:move", args=[proposal.pk]))
    page(manager).post(reverse("matching:move", args=[proposal.pk]), {"mentor": free.pk})

    assert refused.status_code == 400
    assert "only a draft" in str(refused.json())
    assert shown.status_code == 302
    proposal.refresh_from_db()
    assert proposal.mentor_id != free.pk


def test_a_closed_program_starts_no_run_through_any_door(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    Program.objects.filter(pk=program.pk).update(state=Program.State.CLOSED)

    refused = api(manager).post(f"/api/programs/{program.pk}/match-runs/", {}, format="json")

    assert refused.status_code == 400
    assert "closed" in str(refused.json())
    assert not MatchRun.objects.exists()


def test_bad_weights_and_nul_characters_are_400s_naming_the_field(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    client = api(manager)
    settings_url = f"/api/programs/{program.pk}/matching-settings/"
    run = services.match_run_start(program=program, started_by=manager)

    weights = client.put(settings_url, {"weights": {f"skills{NUL}": 3}}, format="json")
    search = client.get(f"/api/match-runs/{run.pk}/proposals/", {"q": f"a{NUL}"})
    pin = client.post(
        f"/api/programs/{program.pk}/match-pins/",
        {"mentee": mentee.pk, "mentor": mentor.pk, "kind": f"pin{NUL}"},
        format="json",
    )
    preview = client.post(
        f"/api/match-runs/{run.pk}/weights-preview/", {"weights": {NUL: 1}}, format="json"
    )

    assert weights.status_code == 400
    assert "weights" in weights.json()
    assert search.status_code == 400
    assert "q" in search.json()
    assert pin.status_code == 400
    assert "kind" in pin.json()
    assert preview.status_code == 400
    assert "weights" in preview.json()
    assert not MatchingSettings.objects.exists()
    assert not Pin.objects.exists()
