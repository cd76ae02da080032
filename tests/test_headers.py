"""Every response carries a strict Content-Security-Policy and a Permissions-Policy, the templates
hold nothing the policy would block, and browsers' violation reports are logged."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.http import HttpResponse, HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mentora.config import ConfigurationError, env_csp_sources
from mentora.testing.world import World

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [ROOT / "mentora" / "templates", *sorted((ROOT / "mentora").glob("*/templates"))]

# The URL keywords of the pages and the model whose first row fills each (by the URL's prefix
# where two apps use the same keyword).
KEYWORD_MODELS = {
    "program_id": "programs.Program",
    "organisation_id": "programs.Organisation",
    "enrollment_id": "programs.Enrollment",
    "profile_id": "profiles.Profile",
    "relationship_id": "relationships.Relationship",
    "goal_id": "relationships.Goal",
    "milestone_id": "relationships.Milestone",
    "meeting_id": "relationships.Meeting",
    "resource_id": "relationships.Resource",
    "run_id": "matching.MatchRun",
    "request_id": "finding.MentorRequest",
    "mentor_id": "accounts.User",
    "notification_id": "notifications.Notification",
    "survey_id": "surveys.Survey",
    "instrument_id": "surveys.Instrument",
    "token_id": "accounts.ApiToken",
}
BY_PREFIX = {
    ("relationships/", "question_id"): "relationships.Question",
    ("relationships/", "proposal_id"): "relationships.SeparationProposal",
    ("manage/", "question_id"): "programs.Question",
    ("matching/", "proposal_id"): "matching.Proposal",
}
WORDS = {
    "role": "mentee",
    "action": "approve",
    "dataset": "pairs",
    "file_format": "csv",
    "token": "unknown",
    "key": "unknown",
    "uidb36": "1",
}


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _fill(route: str) -> str:
    """A route with its keywords filled from the world (unknown names fail: teach them above)."""

    def value(match: re.Match[str]) -> str:
        name = match.group("name")
        label = BY_PREFIX.get((route.split("/")[0] + "/", name), KEYWORD_MODELS.get(name))
        if label is not None:
            first = apps.get_model(label).objects.order_by("pk").first()
            return str(first.pk if first is not None else 1)
        assert name in WORDS, f"teach tests/test_headers.py the URL keyword {name!r} ({route})"
        return WORDS[name]

    route = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, route)
    route = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)
    return "/" + route.lstrip("^").replace("$", "")


def page_paths() -> list[str]:
    """Every page of the site but the admin's and the REST API's (tested on their own below)."""
    return sorted(
        {
            _fill(route)
            for route in _routes(get_resolver().url_patterns)
            if not route.startswith(("admin/", "api/"))
        }
    )


def directives(response: HttpResponseBase) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def inline_problems(path: str, response: HttpResponseBase) -> list[str]:
    """Inline code in an HTML page that the policy would block: a <script> or <style> element
    without the response's nonce, an event handler attribute, a style attribute."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    if not isinstance(response, HttpResponse):
        return [f"{path}: an HTML page answered as a stream"]
    html = response.content.decode()
    nonce = next(
        (v[len("'nonce-") : -1] for v in directives(response)["script-src"] if "nonce-" in v), ""
    )
    problems = []
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        if "src=" in tag or "application/json" in tag or "application/ld+json" in tag:
            continue
        if not nonce or f'nonce="{nonce}"' not in tag:
            problems.append(f"{path}: {tag} without the response's nonce")
    for attribute in re.findall(r"<[a-z][^>]*?\s(on[a-z]+|style)=", html):
        problems.append(f"{path}: an inline {attribute}= attribute")
    return problems


def assert_headers(path: str, response: HttpResponseBase) -> None:
    assert "Content-Security-Policy" in response.headers, path
    assert "Permissions-Policy" in response.headers, path
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy, path
    assert "unsafe-eval" not in policy, path


@pytest.mark.django_db
def test_the_site_policy_is_strict() -> None:
    response = Client().get("/accounts/login/")
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert [v for v in policy["script-src"][1:] if not v.startswith("'nonce-")] == []
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["report-uri"] == [reverse("csp_report")]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_permissions_policy_switches_off_unused_features() -> None:
    header = Client().get("/accounts/login/").headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


def test_every_page_answers_with_both_headers_and_nothing_inline(world: World) -> None:
    problems: list[str] = []
    people = [world.staff, world.manager, world.mentor, world.mentee]
    for person in [None, *people]:
        client = Client()
        if person is not None:
            client.force_login(person)
        for path in page_paths():
            if path == "/csp-report/":
                continue
            response = client.get(path)
            assert_headers(path, response)
            problems += inline_problems(path, response)
    assert problems == []


def test_admin_and_api_pages_answer_with_both_headers(world: World) -> None:
    client = Client()
    client.force_login(world.staff)
    paths = [
        reverse("admin:index"),
        reverse("admin:programs_program_changelist"),
        reverse("admin:programs_program_change", args=[world.program.pk]),
        reverse("api:schema"),
        reverse("api:docs"),
        reverse("api:redoc"),
        "/api/programs/",
    ]
    problems: list[str] = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_headers(path, response)
        problems += inline_problems(path, response)
    assert problems == []


def _scan_templates() -> list[str]:
    problems = []
    for directory in TEMPLATE_DIRS:
        for template in sorted(directory.rglob("*.html")):
            text = template.read_text()
            name = template.relative_to(ROOT)
            for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
                if "src=" in tag or "application/json" in tag or "csp_nonce" in tag:
                    continue
                problems.append(f"{name}: {tag} has neither a src nor the nonce")
            for attribute in re.findall(r"\s(on[a-z]+|style)=[\"']", text):
                problems.append(f"{name}: an inline {attribute}= attribute")
    return problems


def test_templates_hold_no_inline_script_handler_or_style() -> None:
    assert _scan_templates() == []


def test_the_template_scan_finds_inline_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.html").write_text(
        '<script>alert(1)</script><button onclick="go()">Go</button><p style="color: red">'
        '<script nonce="{{ csp_nonce }}">ok()</script><script src="/static/ok.js"></script>'
    )
    monkeypatch.setattr("tests.test_headers.TEMPLATE_DIRS", [tmp_path])
    monkeypatch.setattr("tests.test_headers.ROOT", tmp_path)
    assert _scan_templates() == [
        "bad.html: <script> has neither a src nor the nonce",
        "bad.html: an inline onclick= attribute",
        "bad.html: an inline style= attribute",
    ]


@pytest.mark.django_db
def test_a_violation_report_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    report = {
        "csp-report": {
            "document-uri": "https://mentora.example/relationships/",
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "blocked-uri": "inline",
            "line-number": 12,
        }
    }
    with caplog.at_level(logging.WARNING, logger="mentora.csp"):
        response = Client(enforce_csrf_checks=True).post(
            reverse("csp_report"), json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "mentora.csp"]
    assert "script-src-elem" in record.getMessage()
    assert "https://mentora.example/relationships/" in record.getMessage()


@pytest.mark.django_db
def test_a_reporting_api_report_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    reports = [
        {
            "type": "csp-violation",
            "body": {"documentURL": "https://mentora.example/", "effectiveDirective": "style-src"},
        }
    ]
    with caplog.at_level(logging.WARNING, logger="mentora.csp"):
        response = Client().post(
            reverse("csp_report"), json.dumps(reports), content_type="application/reports+json"
        )
    assert response.status_code == 204
    assert ["style-src" in r.getMessage() for r in caplog.records if r.name == "mentora.csp"] == [
        True
    ]


@pytest.mark.django_db
def test_the_report_endpoint_refuses_what_is_not_a_report() -> None:
    client = Client()
    url = reverse("csp_report")
    assert client.get(url).status_code == 405
    assert client.post(url, "not json", content_type="application/csp-report").status_code == 400
    huge = json.dumps({"csp-report": {"blocked-uri": "x" * 20_000}})
    assert client.post(url, huge, content_type="application/csp-report").status_code == 413


def test_an_operator_adds_a_host_but_never_a_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSP_SCRIPT_SRC", "https://analytics.example.org, https://cdn.example.org")
    assert env_csp_sources("CSP_SCRIPT_SRC") == [
        "https://analytics.example.org",
        "https://cdn.example.org",
    ]
    monkeypatch.setenv("CSP_SCRIPT_SRC", "'unsafe-inline'")
    with pytest.raises(ConfigurationError, match="never quoted keywords"):
        env_csp_sources("CSP_SCRIPT_SRC")


def test_the_report_path_in_settings_is_the_report_endpoint() -> None:
    assert reverse("csp_report") == settings.CSP_REPORT_PATH
