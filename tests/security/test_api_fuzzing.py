"""Schemathesis against the OpenAPI schema, as a program manager, a mentee and a mentor.

The schema comes from drf-spectacular's generator in this process and every request goes to the
WSGI application, authenticated with the role's API token. Path parameters are the ids of one
world's objects (`mentora.testing.world`), so requests reach real objects rather than only 404s.
Each operation gets a few valid requests and a few invalid ones (negative data); every answer
must be no server error and must be what the schema says: a documented status code, its content
type and its body's shape. Each example runs in a savepoint that is rolled back, so the world is
the same for every request and a run is reproducible (hypothesis derandomized).

Run it with `pytest -m security tests/security/test_api_fuzzing.py` (with DATABASE_URL pointing at
PostgreSQL in CI). `FUZZ_EXAMPLES` sets the number of examples per operation and kind (2 by
default, 5 in CI's PostgreSQL pass).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.generation.modes import GenerationMode
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from mentora.accounts.models import ApiToken, User
from mentora.finding.models import MentorRequest
from mentora.matching.models import MatchRun, Pin, Proposal
from mentora.notifications.models import Notification
from mentora.programs.models import Enrollment, Question
from mentora.relationships.models import Goal, Meeting, SeparationProposal
from mentora.relationships.models import Question as RelationshipQuestion
from mentora.surveys.models import Instrument, Survey
from mentora.testing import PASSWORD
from mentora.testing.openapi import openapi_document
from mentora.testing.world import World, build_world

pytestmark = [pytest.mark.security, pytest.mark.django_db]

# Two examples of each kind per operation in `make test` keep the everyday suite short; CI's
# PostgreSQL pass sends five (FUZZ_EXAMPLES=5 in .ci/run), enough to find every bug schemathesis
# found before; FUZZ_EXAMPLES=50 for a long run by hand.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
# Not `negative_data_rejection`: the services trim text before they measure it and read an
# empty filter as no filter, so a few requests the schema calls invalid are rightly accepted
# (`?status=`, a note of 300 spaces). An invalid request must still never be a server error,
# an undocumented status or an answer of another shape, which these check.
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _token_for(user: User) -> str:
    """The user's API token, asked for as an API client would (the one place that knows how)."""
    response = APIClient().post(
        "/api/auth/token/", {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    token: str = response.json()["token"]
    return token


@dataclass
class Objects:
    """The ids of the world's objects, by the path parameter that names them."""

    world: World
    user: User
    ids: dict[str, int | str] = field(default_factory=dict)

    def for_path(self, path: str) -> dict[str, int | str]:
        ids = dict(self.ids)
        world = self.world
        # The ended pair holds what only the end of a relationship has.
        if any(
            part in path for part in ("separation", "acknowledgment", "reflection", "redefinition")
        ):
            ids["relationship_id"] = world.ended.pk
        if path.startswith("/api/match-runs/"):
            ids["proposal_id"] = (
                Proposal.objects.filter(run_id=int(ids["run_id"]))
                .values_list("pk", flat=True)
                .first()
                or 0
            )
        if path.startswith("/api/relationships/"):
            ids["question_id"] = (
                RelationshipQuestion.objects.filter(relationship=world.relationship)
                .values_list("pk", flat=True)
                .first()
                or 0
            )
        if path.startswith("/api/survey-instruments/"):
            ids["instrument_id"] = (
                Instrument.objects.filter(program=None).values_list("pk", flat=True).first() or 0
            )
        return ids


def _objects(world: World, user: User) -> Objects:
    program = world.program
    enrollment = Enrollment.objects.filter(
        program=program, user=world.mentee if user == world.manager else user
    ).first()
    run = MatchRun.objects.filter(program=program).first()
    ids: dict[str, int | str] = {
        "organisation_id": world.organisation.pk,
        "program_id": program.pk,
        "question_id": Question.objects.filter(program=program).values_list("pk", flat=True)[0],
        "enrollment_id": enrollment.pk if enrollment else 0,
        "profile_id": world.mentor.profile.pk,
        "notification_id": Notification.objects.filter(recipient=user)
        .values_list("pk", flat=True)
        .first()
        or 0,
        "relationship_id": world.relationship.pk,
        "goal_id": Goal.objects.filter(relationship=world.relationship).values_list(
            "pk", flat=True
        )[0],
        "meeting_id": Meeting.objects.filter(relationship=world.relationship).values_list(
            "pk", flat=True
        )[0],
        "proposal_id": SeparationProposal.objects.filter(relationship=world.ended).values_list(
            "pk", flat=True
        )[0],
        "run_id": run.pk if run else 0,
        "pin_id": Pin.objects.filter(program=program).values_list("pk", flat=True)[0],
        "mentor_id": world.mentor.pk,
        "request_id": MentorRequest.objects.filter(program=program).values_list("pk", flat=True)[0],
        "instrument_id": Instrument.objects.filter(program=program).values_list("pk", flat=True)[0],
        "survey_id": Survey.objects.filter(respondent=user).values_list("pk", flat=True).first()
        or 0,
        "dataset": "participants",
        # The role's own token (each example is rolled back, so revoking it lasts one request).
        "token_id": ApiToken.objects.filter(user=user).values_list("pk", flat=True)[0],
    }
    return Objects(world=world, user=user, ids=ids)


@contextmanager
def _serving() -> Iterator[WSGIHandler]:
    """The WSGI application, on the test's database connection: the handler must not close it
    at the end of each request as a server would (Django's test client does the same, and
    connects the closing again after each of its own requests: use it before, not inside)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@dataclass
class Report:
    requests: int = 0
    failures: dict[str, str] = field(default_factory=dict)


def _fuzz(
    operation: APIOperation[Any, Any, Any, Any],
    *,
    mode: GenerationMode,
    app: WSGIHandler,
    token: str,
    path_parameters: dict[str, Any],
    report: Report,
) -> None:
    """Send `EXAMPLES` generated requests to one operation, noting each failed check."""
    names = {parameter.name for parameter in operation.path_parameters}
    strategy = operation.as_strategy(
        generation_mode=mode,
        path_parameters={name: value for name, value in path_parameters.items() if name in names},
    )

    @hypothesis_settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def send(case: Any) -> None:
        report.requests += 1
        cache.clear()
        with transaction.atomic():
            try:
                case.call_and_validate(
                    app=app,
                    headers={"Authorization": f"Token {token}"},
                    checks=CHECKS,
                    # Every WSGI server says who is calling; log-in throttling needs it.
                    environ_base={"REMOTE_ADDR": "127.0.0.1"},
                )
            except FailureGroup as failures:
                key = f"{operation.label} [{mode.value}]"
                report.failures.setdefault(key, str(failures)[:3000])
            transaction.set_rollback(True)

    try:
        send()
    except Unsatisfiable:
        # Nothing in this request can be made invalid (no body, no query, the path fixed).
        if mode is not GenerationMode.NEGATIVE:
            raise


# The methods a client may send to any path; OPTIONS is answered by DRF's metadata for each view.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ROLES: dict[str, Callable[[World], User]] = {
    "manager": lambda world: world.manager,
    "mentee": lambda world: world.mentee,
    "mentor": lambda world: world.mentor,
}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_operation_answers_as_the_schema_says(
    role: str,
    settings: Settings,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    user = ROLES[role](world)
    token = _token_for(user)
    objects = _objects(world, user)
    schema = schemathesis.openapi.from_dict(openapi_document())
    report = Report()
    operations = 0
    with _serving() as app:
        for result in schema.get_all_operations():
            assert isinstance(result, Ok), result
            operation = result.ok()
            operations += 1
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz(
                    operation,
                    mode=mode,
                    app=app,
                    token=token,
                    path_parameters=objects.for_path(operation.path),
                    report=report,
                )
    # In the JUnit report (`--junitxml`): how much this run tried.
    record_property("operations", operations)
    record_property("requests", report.requests)
    assert not report.failures, "\n\n".join(
        f"{key}\n{message}" for key, message in report.failures.items()
    )


@pytest.mark.parametrize("role", list(ROLES))
def test_methods_a_path_does_not_document_are_refused(
    role: str, settings: Settings, tmp_path: Path
) -> None:
    """OPTIONS, and every method a path does not document, are answered without a server
    error: OPTIONS describes the view (or refuses like a read), another method is refused."""
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    user = ROLES[role](world)
    headers = {"Authorization": f"Token {_token_for(user)}"}
    objects = _objects(world, user)
    answers: dict[str, int] = {}
    with _serving() as app:
        client = Client(app)
        for path, item in openapi_document()["paths"].items():
            url = path.format(**objects.for_path(path))
            documented = {method.upper() for method in item if method != "parameters"}
            for method in ["OPTIONS", *sorted(set(METHODS) - documented)]:
                response = client.open(
                    url, method=method, headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"}
                )
                answers[f"{method} {path}"] = response.status_code
    allowed = {"OPTIONS": {200, 401, 403, 404}}
    wrong = {
        request: status
        for request, status in answers.items()
        if status not in allowed.get(request.split()[0], {401, 403, 404, 405})
    }
    assert wrong == {}
