"""One's own progress, read whole, answers as the schema says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.testing.openapi import assert_documented
from mentora.testing.world import World

pytestmark = pytest.mark.django_db


def test_my_progress_is_documented_as_a_list(
    world: World, api_as: Callable[[User], APIClient]
) -> None:
    response = api_as(world.mentee).get("/api/me/progress/")

    assert response.status_code == 200
    assert isinstance(response.json(), list)
    assert_documented(response, path="/api/me/progress/", method="GET")
