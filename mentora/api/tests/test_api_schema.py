"""The OpenAPI schema generates without warnings, and the docs load with no external network."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.settings import patched_settings
from rest_framework.test import APIClient

from mentora.api.schema import SCHEMA_SETTINGS

CORE_PATHS = {
    "/api/auth/token/": {"post", "delete"},
    "/api/auth/tokens/": {"get"},
    "/api/auth/tokens/{token_id}/": {"delete"},
    "/api/organisations/": {"get", "post"},
    "/api/organisations/{organisation_id}/": {"get"},
    "/api/organisations/{organisation_id}/managers/": {"get", "post"},
    "/api/programs/": {"get", "post"},
    "/api/programs/{program_id}/": {"get", "patch"},
    "/api/programs/{program_id}/transition/": {"post"},
    "/api/programs/{program_id}/invitations/": {"get", "post"},
    "/api/programs/{program_id}/questions/": {"get", "post"},
    "/api/programs/{program_id}/questions/{question_id}/": {"get", "patch", "delete"},
    "/api/programs/{program_id}/enroll/": {"post"},
    "/api/enrollments/": {"get"},
    "/api/enrollments/{enrollment_id}/": {"get"},
    "/api/enrollments/{enrollment_id}/answers/": {"put"},
    "/api/enrollments/{enrollment_id}/approve/": {"post"},
    "/api/enrollments/{enrollment_id}/decline/": {"post"},
    "/api/enrollments/{enrollment_id}/withdraw/": {"post"},
    "/api/profiles/": {"get"},
    "/api/profiles/me/": {"get", "patch"},
    "/api/profiles/me/demographics/": {"get", "put"},
    "/api/profiles/{profile_id}/": {"get", "patch"},
    "/api/skills/": {"get"},
}
NOTIFICATION_PATHS = {
    "/api/notifications/": {"get"},
    "/api/notifications/{notification_id}/read/": {"post"},
    "/api/notifications/preferences/": {"get", "put"},
    "/api/notifications/read-all/": {"post"},
}
RELATIONSHIP_PATHS = {
    "/api/relationships/": {"get", "post"},
    "/api/relationships/{relationship_id}/": {"get"},
    "/api/relationships/{relationship_id}/acknowledgment/": {"get", "put"},
    "/api/relationships/{relationship_id}/acknowledgment/public/": {"post"},
    "/api/relationships/{relationship_id}/acquaintance/": {"put"},
    "/api/relationships/{relationship_id}/advance/": {"post"},
    "/api/relationships/{relationship_id}/agreement/": {"get", "put"},
    "/api/relationships/{relationship_id}/agreement/confirm/": {"post"},
    "/api/relationships/{relationship_id}/events/": {"get"},
    "/api/relationships/{relationship_id}/goals/": {"get", "post"},
    "/api/relationships/{relationship_id}/goals/{goal_id}/progress/": {"post"},
    "/api/relationships/{relationship_id}/lessons/": {"get", "post"},
    "/api/relationships/{relationship_id}/meetings/": {"get", "post"},
    "/api/relationships/{relationship_id}/meetings/{meeting_id}/": {"get", "put"},
    "/api/relationships/{relationship_id}/meetings/{meeting_id}/cancel/": {"post"},
    "/api/relationships/{relationship_id}/meetings/{meeting_id}/private-note/": {"put"},
    "/api/relationships/{relationship_id}/meetings/{meeting_id}/reschedule/": {"post"},
    "/api/relationships/{relationship_id}/questions/": {"get", "post"},
    "/api/relationships/{relationship_id}/questions/{question_id}/replies/": {"post"},
    "/api/relationships/{relationship_id}/redefinition/": {"get", "put"},
    "/api/relationships/{relationship_id}/reflection/": {"get", "put"},
    "/api/relationships/{relationship_id}/resources/": {"get", "post"},
    "/api/relationships/{relationship_id}/separation/": {"get", "post"},
    "/api/relationships/{relationship_id}/separation/{proposal_id}/confirm/": {"post"},
    "/api/relationships/{relationship_id}/separation/{proposal_id}/decide/": {"post"},
    "/api/relationships/{relationship_id}/separation/{proposal_id}/withdraw/": {"post"},
}
MATCHING_PATHS: dict[str, set[str]] = {
    "/api/programs/{program_id}/match-runs/": {"get", "post"},
    "/api/programs/{program_id}/matching-settings/": {"get", "put"},
    "/api/programs/{program_id}/match-pins/": {"get", "post"},
    "/api/programs/{program_id}/match-pins/{pin_id}/": {"delete"},
    "/api/match-runs/{run_id}/": {"get"},
    "/api/match-runs/{run_id}/proposals/": {"get"},
    "/api/match-runs/{run_id}/proposals/{proposal_id}/move/": {"get", "post"},
    "/api/match-runs/{run_id}/unmatched/": {"get"},
    "/api/match-runs/{run_id}/publish/": {"post"},
    "/api/match-runs/{run_id}/discard/": {"post"},
    "/api/match-runs/{run_id}/fairness/": {"get"},
    "/api/match-runs/{run_id}/changes/": {"get"},
    "/api/match-runs/{run_id}/weights-preview/": {"post"},
}
FINDING_PATHS: dict[str, set[str]] = {
    "/api/finding/{program_id}/recommendations/": {"get"},
    "/api/finding/{program_id}/mentors/{mentor_id}/": {"get"},
    "/api/finding/{program_id}/mentors/{mentor_id}/checklist/": {"get", "put"},
    "/api/finding/{program_id}/bookmarks/": {"get", "post"},
    "/api/finding/{program_id}/bookmarks/{mentor_id}/": {"delete"},
    "/api/finding/{program_id}/availability/": {"get"},
    "/api/finding/{program_id}/availability/pause/": {"post"},
    "/api/finding/{program_id}/availability/resume/": {"post"},
    "/api/mentor-requests/": {"get", "post"},
    "/api/mentor-requests/{request_id}/": {"get"},
    "/api/mentor-requests/{request_id}/accept/": {"post"},
    "/api/mentor-requests/{request_id}/decline/": {"post"},
    "/api/mentor-requests/{request_id}/messages/": {"post"},
    "/api/mentor-requests/{request_id}/withdraw/": {"post"},
}
SURVEY_PATHS: dict[str, set[str]] = {
    "/api/survey-instruments/": {"get"},
    "/api/survey-instruments/{instrument_id}/": {"get"},
    "/api/my-surveys/": {"get"},
    "/api/my-surveys/{survey_id}/": {"get"},
    "/api/my-surveys/{survey_id}/response/": {"post"},
    "/api/programs/{program_id}/survey-schedule/": {"get", "put"},
    "/api/programs/{program_id}/custom-surveys/": {"get", "post"},
    "/api/programs/{program_id}/survey-response-rates/": {"get"},
    "/api/custom-surveys/{instrument_id}/": {"get"},
    "/api/custom-surveys/{instrument_id}/send/": {"post"},
}
REPORT_PATHS: dict[str, set[str]] = {
    "/api/programs/{program_id}/dashboard/": {"get"},
    "/api/programs/{program_id}/dashboard/groups/": {"get"},
    "/api/programs/{program_id}/exports/{dataset}/": {"get"},
    "/api/me/progress/": {"get"},
}
# Each app's endpoints, one block per app; the schema must hold exactly these.
EXPECTED_PATHS = (
    CORE_PATHS
    | NOTIFICATION_PATHS
    | RELATIONSHIP_PATHS
    | MATCHING_PATHS
    | FINDING_PATHS
    | SURVEY_PATHS
    | REPORT_PATHS
)
ASSET = re.compile(r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""", re.I)


def _schema(target: Path) -> dict[str, Any]:
    with patched_settings(SCHEMA_SETTINGS):
        # --fail-on-warn turns any warning or error of drf-spectacular into a failure.
        call_command("spectacular", "--validate", "--fail-on-warn", file=str(target))
    schema: dict[str, Any] = yaml.safe_load(target.read_text())
    return schema


def test_schema_validates_without_any_warning(tmp_path: Path) -> None:
    schema = _schema(tmp_path / "schema.yaml")
    paths = {path: set(operations) - {"parameters"} for path, operations in schema["paths"].items()}
    assert paths == EXPECTED_PATHS


@pytest.mark.django_db
def test_schema_endpoint_describes_token_and_session_authentication(anonymous: APIClient) -> None:
    response = anonymous.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    token = schema["paths"]["/api/auth/token/"]
    assert "security" not in token["post"], "asking for a token needs no authentication"
    assert {"tokenAuth": []} in token["delete"]["security"]
    for name in ("Profile", "MyProfile", "Enrollment", "EnrollmentDetail"):
        fields = set(schema["components"]["schemas"][name]["properties"])
        assert fields.isdisjoint({"gender", "ethnicity", "nationality", "demographics"}), name


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_load_only_assets_served_by_this_site(anonymous: APIClient, url: str) -> None:
    response = anonymous.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert assets, "the page should load its scripts"
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a static file"
    assert "https://" not in html
    assert "http://" not in html


def test_every_operation_keeps_its_path_method_and_id(tmp_path: Path) -> None:
    """The API's reorganisation into one package per app moved no operation: each of the 127
    operations recorded before it (`openapi_operations.json`) is still at its path, with its
    method and operation id. New operations may be added."""
    recorded = json.loads((Path(__file__).parent / "openapi_operations.json").read_text())
    schema = _schema(tmp_path / "schema.yaml")
    now = {
        (path, method.upper(), operation["operationId"])
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method != "parameters"
    }
    missing = [tuple(entry) for entry in recorded if tuple(entry) not in now]
    assert missing == []


def test_every_refusal_has_one_shape(tmp_path: Path) -> None:
    """401, 403 and 404 are documented by one helper (`mentora.lib.api_responses`) everywhere,
    as one `Refusal` with its reason; every error response says what it means."""
    schema = _schema(tmp_path / "schema.yaml")
    shapes: dict[str, set[str]] = {}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for status, response in operation["responses"].items():
                if status in {"400", "401", "403", "404"}:
                    content = response.get("content", {}).get("application/json", {})
                    shape = json.dumps(content.get("schema"), sort_keys=True)
                    shapes.setdefault(status, set()).add(shape)
                    assert response.get("description"), (path, method, status)
    refusal = json.dumps({"$ref": "#/components/schemas/Refusal"})
    assert shapes["401"] == shapes["403"] == shapes["404"] == {refusal}
