"""OPTIONS describes an endpoint without a server error, on endpoints without an id too."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/profiles/me/demographics/",
        "/api/notifications/preferences/",
        "/api/programs/{program_id}/matching-settings/",
        "/api/programs/{program_id}/survey-schedule/",
    ],
)
def test_options_describes_the_endpoint(
    url: str, manager: User, program: Program, api_as: Callable[[User], APIClient]
) -> None:
    response = api_as(manager).options(url.format(program_id=program.pk))

    assert response.status_code == 200
    description = response.json()
    assert set(description) == {"name", "description", "renders", "parses"}
    assert "application/json" in description["parses"]
