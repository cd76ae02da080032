"""A draft run nobody published, and the lists a manager reads whole, answer as the schema says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.matching.models import MatchRun, Proposal
from mentora.testing.openapi import assert_documented
from mentora.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_draft_nobody_published_answers_as_documented(
    world: World, api_as: Callable[[User], APIClient]
) -> None:
    run = MatchRun.objects.get(program=world.program)
    response = api_as(world.manager).get(f"/api/match-runs/{run.pk}/")

    assert response.status_code == 200
    assert response.json()["published_by"] is None
    assert_documented(response, path="/api/match-runs/{run_id}/", method="GET")


def test_lists_answered_whole_are_documented_as_lists(
    world: World, api_as: Callable[[User], APIClient]
) -> None:
    run = MatchRun.objects.get(program=world.program)
    proposal = Proposal.objects.filter(run=run).first()
    assert proposal is not None
    client = api_as(world.manager)
    for url, path in [
        (f"/api/programs/{world.program.pk}/match-pins/", "/api/programs/{program_id}/match-pins/"),
        (f"/api/match-runs/{run.pk}/fairness/", "/api/match-runs/{run_id}/fairness/"),
        (
            f"/api/match-runs/{run.pk}/proposals/{proposal.pk}/move/",
            "/api/match-runs/{run_id}/proposals/{proposal_id}/move/",
        ),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert isinstance(response.json(), list), url
        assert_documented(response, path=path, method="GET")
