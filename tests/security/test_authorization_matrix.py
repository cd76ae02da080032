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
from urllib.parse import urlsplit

import pytest
from django.db import connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from pytest_django import DjangoDbBlocker

from tests.security.doors import (
    BODIES,
    PAGE_BODIES,
    Door,
    Filled,
    Unfillable,
    api_operations,
    doors,
    fill,
    fills,
    page_methods,
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
# Page writes that no identity can make succeed in the world's state, and why. Their refusals
# are still replayed (with the crawled form, or `{}` where no page shows one); a page form a
# crawler sees gets a control by default, and `doors.PAGE_BODIES` teaches the others.
PAGE_NO_CONTROL: dict[str, str] = {
    "csp_report": "the browser's report sink: anyone may post there, and it only logs",
    "relationships:accept": "no pair of the world waits to be accepted",
    "relationships:separation": (
        "the main pair has an open proposal already, and the other stages propose nothing"
    ),
    "relationships:separation_decide": (
        "a manager decides only after the notice period, which the world's proposal has not passed"
    ),
    "relationships:acknowledgment": (
        "only a mentee in separation thanks, and the replayed mentee's pair is in cultivation"
    ),
    "matching:preview": "a preview of other weights writes nothing",
    "matching:move": "the world's draft has one mentor: a proposal has nowhere to move",
    "finding:request_create": "the world's mentor is paused, so nobody can ask them now",
    "finding:request_withdraw": "only the asking mentee withdraws, and they are not replayed",
    "programs:invitation": (
        "the world's invitation is for an address no identity signs in with; a mentee's link only "
        "leads to the enrollment page (programs:enroll has the control)"
    ),
    "programs:enrollment_decide": "the world's enrollment is active already",
    "programs:import_confirm": (
        "an upload's token belongs to the session that uploaded it; the matrix's is made up"
    ),
}
# Pages of a pair in another stage that show a form the stage refuses (the service says why when
# it is posted), by URL name and stage: no control there.
STAGE_NO_CONTROL: dict[tuple[str, str], str] = {
    ("relationships:goal_create", "ended"): "the page shows the form; an ended pair adds no goal",
    ("relationships:meeting_create", "ended"): (
        "the page shows the form; an ended pair schedules no meeting"
    ),
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
    media, var = tmp_path_factory.mktemp("media"), tmp_path_factory.mktemp("var")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, VAR_DIR=var),  # an upload waits in VAR_DIR
        transaction.atomic(),
    ):
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


def test_every_page_write_has_a_body(world: World, page_forms: dict[str, _Write]) -> None:
    """A page that may answer POST but whose form no crawler saw is posted `{}`: refused for its
    empty body, not for who sends it. Teach `doors.PAGE_BODIES` its body and rightful writer,
    or say in `PAGE_NO_CONTROL` why nobody can succeed there in the world's state."""
    missing = []
    for door in doors():
        methods = page_methods(door)
        if (
            not _is_page(door)
            or (methods is not None and "POST" not in methods)
            or door.name in PAGE_BODIES
            or door.name in PAGE_NO_CONTROL
        ):
            continue
        if not any(one.path in page_forms for one in fills(door, world.a, world)):
            missing.append(f"{door.route} ({door.name})")
    assert not missing, "\n".join(missing)


@dataclass(frozen=True)
class _Write:
    """What to send through one door's write, and whether this send is the positive control;
    `succeeds_to` names the page a success redirects to when it writes no row."""

    data: dict[str, Any]
    writer: str | None
    succeeds_to: str = ""


def _is_page(door: Door) -> bool:
    return not door.route.startswith(("/api/", "/admin/", "/accounts/"))


@pytest.fixture(scope="module")
def page_forms(world: World) -> dict[str, _Write]:
    """Every page form as its rightful writer sees it (A's objects), by the path it posts to."""
    found: dict[str, _Write] = {}
    with transaction.atomic():  # opening a page may write (a notification opened is read)
        _crawl(world, found)
        _crawl_page_bodies(world, found)
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


def _crawl_page_bodies(world: World, found: dict[str, _Write]) -> None:
    """The form of each `PAGE_BODIES` page as that body's writer sees it."""
    for door in doors():
        body = PAGE_BODIES.get(door.name)
        if body is None:
            continue
        path = fill(door, world.a, world).path
        client = Client(raise_request_exception=False)
        client.force_login(world.users()[body.writer])  # type: ignore[arg-type]
        response = client.get(path + body.query)
        own = [data for action, data in forms(_body(response).decode(), path) if action == path]
        # A door that only writes (405 to GET) keeps the form another page showed.
        seen = found[path].data if path in found else {}
        found[path] = _Write(data=own[0] if own else seen, writer=body.writer)


def _write(door: Filled, method: str, world: World, page_forms: dict[str, _Write]) -> _Write | None:
    """The body of a write through the door, with its rightful writer when it is a control."""
    side = world.a if door.side == "A" else world.b
    primary = door.side == "A" and door.path == fill(door.door, side, world).path
    if door.path.startswith("/api/"):
        body = BODIES.get((door.door.route, method))
        if body is None:
            return None
        return _Write(data=body.build(side, world), writer=body.writer if primary else None)
    # A's path's own form when a crawler saw one (a relationship's forms differ by stage), else
    # the form of A's primary path: B's doors are posted what A's rightful writer posts.
    own = page_forms.get(door.path) if door.side == "A" else None
    crawled = own or page_forms.get(fill(door.door, world.a, world).path)
    if crawled is None:
        return _Write(data={}, writer=None)
    control = (
        (primary or own is not None)
        and door.door.name not in PAGE_NO_CONTROL
        and (door.door.name, door.stage) not in STAGE_NO_CONTROL
    )
    writer = crawled.writer if control else None
    page_body = PAGE_BODIES.get(door.door.name)
    if page_body is None:
        return _Write(data=crawled.data, writer=writer)
    data = {**crawled.data, **page_body.build(side, world)}
    return _Write(data=data, writer=writer, succeeds_to=page_body.succeeds_to)


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
            if write.succeeds_to and _redirects_to(response, write.succeeds_to):
                written.append(f"(a redirect to {write.succeeds_to})")
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


def _redirects_to(response: HttpResponseBase, name: str) -> bool:
    try:
        return resolve(urlsplit(response.get("Location", "")).path).view_name == name
    except Resolver404:
        return False


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
