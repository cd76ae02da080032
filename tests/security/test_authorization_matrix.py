"""The authorization matrix: every door (URL pattern and OpenAPI operation), filled with objects
of organisation A and of organisation B, replayed as every identity of `world.IDENTITIES`.

It fails when a SECRET marker shows in a response to someone outside the marker's audience, when
a write through a door changes data for someone `doors.writers` does not name, when the server
errs, and when a door has a URL keyword the matrix cannot fill. It also fails when an identity
never sees a secret meant for it ("the scan works": a check that sees nothing proves nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import pytest
from django.db import connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.test import Client, override_settings
from pytest_django import DjangoDbBlocker

from tests.security.doors import (
    BODIES,
    Door,
    Filled,
    Unfillable,
    api_operations,
    doors,
    fill,
    fills,
    route_template,
    writers,
)
from tests.security.forms import forms
from tests.security.world import IDENTITIES, World, build_world

pytestmark = [pytest.mark.security, pytest.mark.django_db]

MARKER = re.compile(rb"SECRET-[AB]-[a-z-]+-\d{3}")
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
# Tables a request may write for anyone: the session (log-in, messages) and allauth's bookkeeping.
BOOKKEEPING = frozenset({"django_session"})
WRITE_METHODS = ("post", "put", "patch", "delete")
# Doors that end the session: a signed-in identity posting there would go on as anonymous.
LOG_OUT = frozenset({"admin:logout", "account_logout"})
# Who opens every page to read its forms: between them they are the rightful writer of every form.
CRAWLERS = ("mentee", "mentor", "manager_a", "participant", "staff")
# Page forms whose crawled body does not (yet) succeed for their rightful writer, and why. Their
# refusals are still replayed with the crawled body; a new page form gets a control by default.
_CRAWLED_INVALID = "the crawled form misses required fields (teach the matrix a page body)"
PAGE_NO_CONTROL: dict[str, str] = {
    "profiles:edit": "the crawled manager field names someone outside the person's organisations",
    "relationships:agreement": _CRAWLED_INVALID,
    "relationships:goal_create": _CRAWLED_INVALID,
    "relationships:create": _CRAWLED_INVALID,
    "surveys:custom_create": _CRAWLED_INVALID,
    "surveys:custom_edit": _CRAWLED_INVALID,
    "programs:organisation_skills": _CRAWLED_INVALID,
    "programs:program_create": _CRAWLED_INVALID,
    "programs:program_edit": _CRAWLED_INVALID,
    "programs:questions": _CRAWLED_INVALID,
    "programs:question_edit": _CRAWLED_INVALID,
    "programs:import": "an import needs a spreadsheet file",
    "programs:program_transition": "the form's first move is not open to the program now",
    "programs:invite": "the crawled invitation does not validate",
    "matching:pin": "the crawled pin repeats the world's pin",
}


class _Rollback(Exception):
    """Raised to undo a request's writes."""


@pytest.fixture(scope="module")
def world(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[World]:
    """The world, built once per module (per xdist worker) inside a transaction rolled back at
    the end."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _body(response: HttpResponseBase) -> bytes:
    if isinstance(response, StreamingHttpResponse):
        return b"".join(response.streaming_content)  # type: ignore[arg-type]
    assert isinstance(response, HttpResponse)
    return response.content


@contextmanager
def _writes_recorded() -> Iterator[list[str]]:
    written: list[str] = []

    def record(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        found = WRITE.match(sql)
        if found and found.group(1) not in BOOKKEEPING:
            written.append(found.group(1))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield written


def _filled(world: World) -> tuple[list[Filled], list[str]]:
    """Every door filled with A's and B's objects (each path once), and the doors that could not
    be filled."""
    filled: dict[str, Filled] = {}
    unfillable: list[str] = []
    for door in doors():
        for side in (world.a, world.b):
            try:
                found = fills(door, side, world)
            except Unfillable as error:
                unfillable.append(str(error))
                break
            for one in found:
                filled.setdefault(one.path, one)
    return list(filled.values()), unfillable


def _api_methods() -> dict[str, set[str]]:
    methods: dict[str, set[str]] = {}
    for path, method in api_operations():
        methods.setdefault(route_template(path), set()).add(method.lower())
    return methods


def _write_methods(door: Door, api: dict[str, set[str]]) -> tuple[str, ...]:
    if door.route.startswith("/api/"):
        return tuple(m for m in WRITE_METHODS if m in api.get(route_template(door.route), set()))
    return ("post",)


def test_every_door_can_be_filled(world: World) -> None:
    _, unfillable = _filled(world)
    assert not unfillable, "\n".join(unfillable)


def test_every_api_operation_is_a_door() -> None:
    """The schema and the URL patterns agree, so replaying the patterns replays every operation."""
    routes = {route_template(door.route) for door in doors()}
    missing = sorted(
        f"{method} {path}"
        for path, method in api_operations()
        if route_template(path) not in routes
    )
    assert missing == []


def test_every_api_write_has_a_body() -> None:
    """A write with no body in `doors.BODIES` would be refused for its empty body, not for who
    sends it: teach the table a valid body and its rightful writer (or why none can succeed)."""
    known = {(route_template(route), method) for route, method in BODIES}
    missing = sorted(
        f"{method} {path}"
        for path, method in api_operations()
        if method != "GET" and (route_template(path), method.lower()) not in known
    )
    assert not missing, "\n".join(missing)


@dataclass(frozen=True)
class _Write:
    """What to send through one door's write, and whether this send is the positive control."""

    data: dict[str, Any]
    writer: str | None


def _is_page(door: Door) -> bool:
    return not door.route.startswith(("/api/", "/admin/", "/accounts/"))


@pytest.fixture(scope="module")
def page_forms(world: World) -> dict[str, _Write]:
    """Every page form as its rightful writer sees it (A's objects), by the path it posts to."""
    found: dict[str, _Write] = {}
    with transaction.atomic():  # opening a page may write (a notification opened is read)
        _crawl(world, found)
        transaction.set_rollback(True)
    return found


def _crawl(world: World, found: dict[str, _Write]) -> None:
    for identity in CRAWLERS:
        client = Client(raise_request_exception=False)
        client.force_login(world.users()[identity])  # type: ignore[arg-type]
        for door in _filled(world)[0]:
            if door.side != "A" or not _is_page(door.door):
                continue
            response = client.get(door.path)
            if response.status_code != HTTPStatus.OK or "html" not in response.get(
                "Content-Type", ""
            ):
                continue
            for action, data in forms(_body(response).decode(), door.path):
                # Log-out and the account's own forms (allauth's) are everyone's to use.
                if not action.startswith("/accounts/"):
                    found.setdefault(action, _Write(data=data, writer=identity))


def _write(door: Filled, method: str, world: World, page_forms: dict[str, _Write]) -> _Write | None:
    """The body of a write through the door, with its rightful writer when it is a control."""
    side = world.a if door.side == "A" else world.b
    primary = door.side == "A" and door.path == fill(door.door, side, world).path
    if door.path.startswith("/api/"):
        body = BODIES.get((door.door.route, method))
        if body is None:
            return None
        return _Write(data=body.build(side, world), writer=body.writer if primary else None)
    crawled = page_forms.get(fill(door.door, world.a, world).path)
    if crawled is None:
        return _Write(data={}, writer=None)
    writer = crawled.writer if primary and door.door.name not in PAGE_NO_CONTROL else None
    return _Write(data=crawled.data, writer=writer)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_authorization_matrix(world: World, page_forms: dict[str, _Write], identity: str) -> None:
    """Replay every door as one identity: no secret to the wrong person, no refused write."""
    secrets = {secret.marker.encode(): secret for secret in world.secrets}
    user = world.users()[identity]
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    api = _api_methods()
    problems: list[str] = []
    seen: set[bytes] = set()

    def check(what: str, response: HttpResponseBase) -> None:
        if response.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
            problems.append(f"{what}: server error {response.status_code}")
        for marker in set(MARKER.findall(_body(response))):
            seen.add(marker)
            secret = secrets.get(marker)
            if secret is None or identity not in secret.audience:
                problems.append(f"{what}: shows {marker.decode()}")

    for door in _filled(world)[0]:
        # Opening a page may write (a notification opened is read): undo it like a write.
        check(f"GET {door.path}", _send(client, "get", door.path, {})[0])
        allowed = writers(door.door, door.side)
        for method in _write_methods(door.door, api):
            write = _write(door, method, world, page_forms)
            if write is None:
                continue  # test_every_api_write_has_a_body names it
            control = write.writer == identity
            if (identity in allowed and not control) or door.door.name in LOG_OUT:
                continue
            what = f"{method.upper()} {door.path}"
            response, written = _send(client, method, door.path, write.data)
            check(what, response)
            if control and (response.status_code >= HTTPStatus.BAD_REQUEST or not written):
                problems.append(
                    f"{what}: the rightful writer's control failed ({response.status_code}, "
                    f"wrote {sorted(written)}): {_errors(response)}"
                )
            elif not control and written:
                problems.append(f"{what} ({response.status_code}) wrote {', '.join(written)}")

    meant = {s.marker.encode() for s in world.secrets if identity in s.audience}
    never_seen = sorted(m.decode() for m in meant - seen)
    assert not problems, "\n".join(problems)
    assert not never_seen, "the scan never saw these secrets meant for this identity:\n" + (
        "\n".join(never_seen)
    )


def _errors(response: HttpResponseBase) -> str:
    """What a refused form or API call says, for the control's failure message."""
    text = _body(response).decode(errors="replace")
    found = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)</', text, re.DOTALL)
    return "; ".join(" ".join(f.split()) for f in found)[:400] or text[:200]


def _send(
    client: Client, method: str, path: str, data: dict[str, Any]
) -> tuple[HttpResponseBase, list[str]]:
    """Send one write and undo whatever it wrote; return the response and the tables written."""
    send = getattr(client, method)
    try:
        with transaction.atomic(), _writes_recorded() as written:
            if path.startswith("/api/") and method != "get":
                response = send(path, data, content_type="application/json")
            else:
                response = send(path, data)
            raise _Rollback
    except _Rollback:
        pass
    return response, sorted(set(written))
