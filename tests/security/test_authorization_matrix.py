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
from tests.security.world import IDENTITIES, World, build_world

pytestmark = [pytest.mark.security, pytest.mark.django_db]

MARKER = re.compile(rb"SECRET-[AB]-[a-z-]+-\d{3}")
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
# Tables a request may write for anyone: the session (log-in, messages) and allauth's bookkeeping.
BOOKKEEPING = frozenset({"django_session"})
WRITE_METHODS = ("post", "put", "patch", "delete")


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


@pytest.mark.parametrize("identity", IDENTITIES)
def test_authorization_matrix(world: World, identity: str) -> None:
    """Replay every door as one identity: no secret to the wrong person, no refused write."""
    secrets = {secret.marker.encode(): secret for secret in world.secrets}
    user = world.users()[identity]
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    api = _api_methods()
    filled, _ = _filled(world)
    problems: list[str] = []
    seen: set[bytes] = set()

    def check(what: str, response: HttpResponseBase) -> None:
        if response.status_code >= 500:
            problems.append(f"{what}: server error {response.status_code}")
        for marker in set(MARKER.findall(_body(response))):
            seen.add(marker)
            secret = secrets.get(marker)
            if secret is None or identity not in secret.audience:
                problems.append(f"{what}: shows {marker.decode()}")

    for door in filled:
        check(f"GET {door.path}", client.get(door.path))
        allowed = writers(door.door, door.side)
        for method in _write_methods(door.door, api):
            body = BODIES.get((door.door.route, method))
            side = world.a if door.side == "A" else world.b
            control = (
                body is not None
                and body.writer == identity
                and door.side == "A"
                and door.path == fill(door.door, side, world).path
            )
            if identity in allowed and not control:
                continue
            data = body.build(side, world) if body is not None else {}
            send = getattr(client, method)
            try:
                with transaction.atomic(), _writes_recorded() as written:
                    if door.path.startswith("/api/"):
                        response = send(door.path, data, content_type="application/json")
                    else:
                        response = send(door.path, data)
                    raise _Rollback
            except _Rollback:
                pass
            what = f"{method.upper()} {door.path}"
            check(what, response)
            if control:
                if response.status_code >= 400 or not written:
                    problems.append(
                        f"{what}: the rightful writer's control failed ({response.status_code}, "
                        f"wrote {sorted(set(written))}): {_body(response)[:200]!r}"
                    )
                continue
            if written:
                problems.append(
                    f"{method.upper()} {door.path} ({response.status_code}) wrote "
                    f"{', '.join(sorted(set(written)))}"
                )

    meant = {s.marker.encode() for s in world.secrets if identity in s.audience}
    never_seen = sorted(m.decode() for m in meant - seen)
    assert not problems, "\n".join(problems)
    assert not never_seen, "the scan never saw these secrets meant for this identity:\n" + (
        "\n".join(never_seen)
    )
