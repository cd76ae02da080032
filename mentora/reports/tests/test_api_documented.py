"""One's own progress, read whole, answers as the schema says."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.testing.openapi import assert_documented
from mentora.testing.world import build_world

pytestmark = pytest.mark.django_db


def test_my_progress_is_documented_as_a_list(
    settings: Settings, tmp_path: Path, api_as: Callable[[User], APIClient]
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    response = api_as(world.mentee).get("/api/me/progress/")

    assert response.status_code == 200
    assert isinstance(response.json(), list)
    assert_documented(response, path="/api/me/progress/", method="GET")
