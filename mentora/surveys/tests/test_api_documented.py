"""Survey items that score no scale, and the lists a manager reads whole, answer as the schema
says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.surveys.models import Instrument
from mentora.testing.openapi import assert_documented
from mentora.testing.world import World

pytestmark = pytest.mark.django_db


def test_an_item_that_scores_no_scale_answers_as_documented(
    world: World, api_as: Callable[[User], APIClient]
) -> None:
    pulse = Instrument.objects.get(program=world.program)
    response = api_as(world.manager).get(f"/api/custom-surveys/{pulse.pk}/")

    assert response.status_code == 200
    assert response.json()["instrument"]["items"][0]["scale"] == ""
    assert_documented(response, path="/api/custom-surveys/{instrument_id}/", method="GET")


def test_lists_answered_whole_are_documented_as_lists(
    world: World, api_as: Callable[[User], APIClient]
) -> None:
    client = api_as(world.manager)
    for path in [
        "/api/programs/{program_id}/custom-surveys/",
        "/api/programs/{program_id}/survey-response-rates/",
    ]:
        response = client.get(path.format(program_id=world.program.pk))
        assert response.status_code == 200, path
        assert isinstance(response.json(), list), path
        assert_documented(response, path=path, method="GET")
