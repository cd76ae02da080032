"""A profile left empty and a self-identification never saved answer as the schema says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.testing.openapi import assert_documented

pytestmark = pytest.mark.django_db


def test_a_profile_left_empty_answers_as_documented(
    outsider: User, api_as: Callable[[User], APIClient]
) -> None:
    response = api_as(outsider).get("/api/profiles/me/")

    assert response.status_code == 200
    assert response.json()["seniority"] == response.json()["profile_url"] == ""
    assert_documented(response, path="/api/profiles/me/", method="GET")


def test_a_self_identification_never_saved_answers_as_documented(
    outsider: User, api_as: Callable[[User], APIClient]
) -> None:
    response = api_as(outsider).get("/api/profiles/me/demographics/")

    assert response.status_code == 200
    assert response.json()["updated_at"] is None
    assert_documented(response, path="/api/profiles/me/demographics/", method="GET")


def test_a_body_in_no_known_media_type_is_refused_as_documented(
    outsider: User, api_as: Callable[[User], APIClient]
) -> None:
    response = api_as(outsider).generic(
        "PUT", "/api/profiles/me/demographics/", "neither a form nor JSON", content_type=""
    )

    assert response.status_code == 415
    assert_documented(response, path="/api/profiles/me/demographics/", method="PUT")
