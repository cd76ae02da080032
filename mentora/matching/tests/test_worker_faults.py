"""On PostgreSQL, against a real worker: a worker killed with -9 in the middle of a match run or of
a publish leaves a run that the manager sees as failed (or a draft again) within a minute, and can
start again at once; nothing is ever half published.

The test starts `manage.py db_worker` as a subprocess on the test database (the tests' own task
backend runs tasks at once, so this test switches to the database backend), lets it take a run,
freezes and kills it with SIGKILL, and then acts as the manager through the pages. Every wait is
bounded. Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>; skipped on SQLite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from mentora.accounts.models import User
from mentora.matching import services
from mentora.matching.models import MatchRun, Proposal
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.testing.matching import crowd, draft

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]
MENTORS = 100
MENTEES = 300
# The promise to the manager: a killed worker's run looks lost within a minute.
WITHIN = 60.0


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the fault test needs PostgreSQL (CI runs it with DATABASE_URL)")


@pytest.fixture
def database_tasks(on_postgres: None, settings: Settings) -> None:
    """Tasks go to the database, where the worker subprocess finds them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def crowded(program: Program) -> Program:
    """A program of 100 mentors with 3 places each and 300 mentees."""
    crowd(program, mentors=MENTORS, mentees=MENTEES, capacity=3)
    return program


def _database_url() -> str:
    database = connection.settings_dict
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


@contextmanager
def worker(log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A real `manage.py db_worker` on the test database, killed when the block ends."""
    environment = os.environ | {
        "DATABASE_URL": _database_url(),
        "MENTORA_TESTING": "false",
        "MATCH_RUN_LOST_AFTER": str(settings.MENTORA_MATCH_RUN_LOST_AFTER),
    }
    with log.open("ab") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def wait_for(what: str, check: Callable[[], bool], *, timeout: float, log: Path) -> float:
    """Poll `check` until it holds; the seconds it took, or a failure after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(0.02)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    pytest.fail(f"waited {timeout:.0f}s for {what}; worker log:\n{tail}")


def status(run: MatchRun) -> str:
    return MatchRun.objects.values_list("status", flat=True).get(pk=run.pk)


def row_locked(run: MatchRun) -> bool:
    """Whether another transaction holds the run's row (the worker publishing it)."""
    try:
        with transaction.atomic():
            list(MatchRun.objects.select_for_update(nowait=True).filter(pk=run.pk))
    except OperationalError:
        return True
    return False


def held_by_the_worker(run: MatchRun) -> bool:
    """The run's row stays locked (twice, 0.2 s apart): the worker's publishing transaction, not
    a heartbeat's instant update."""
    if not row_locked(run):
        return False
    time.sleep(0.2)
    return row_locked(run)


def page_of(client: Client, run: MatchRun) -> str:
    return client.get(reverse("matching:run", args=[run.pk])).content.decode()


def test_a_run_whose_worker_is_killed_fails_within_a_minute_and_a_new_one_starts(
    database_tasks: None, crowded: Program, manager: User, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    client = Client()
    client.force_login(manager)
    run = services.match_run_start(program=crowded, started_by=manager)
    assert run.status == MatchRun.Status.QUEUED

    with worker(log) as process:
        wait_for("the worker to take the run", lambda: status(run) != "queued", timeout=60, log=log)
        # Freeze the worker at once, then make sure it really is in the middle of the run.
        os.kill(process.pid, signal.SIGSTOP)
        assert status(run) == MatchRun.Status.RUNNING, "the run finished before the kill"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        killed_at = time.monotonic()

    # The manager watches the run's page: it says the run failed, within a minute.
    wait_for(
        "the run's page to say it failed",
        lambda: "The run failed" in page_of(client, run),
        timeout=WITHIN,
        log=log,
    )
    assert time.monotonic() - killed_at < WITHIN
    run.refresh_from_db()
    assert run.status == MatchRun.Status.FAILED
    assert "The worker stopped before finishing this run" in run.error
    assert "stopped before finishing" in page_of(client, run)
    assert not Proposal.objects.filter(run=run).exists()
    assert list(run.events.values_list("to_status", flat=True)) == ["queued", "running", "failed"]

    # A new run starts at once (from the settings page), and a live worker finishes it.
    response = client.post(
        reverse("matching:runs", args=[crowded.pk]),
        {"mode": run.mode, "top_k": run.top_k, "start": "1"}
        | {f"weight_{name}": value for name, value in run.weights.items()},
    )
    again = MatchRun.objects.exclude(pk=run.pk).get()
    assert response["Location"] == reverse("matching:run", args=[again.pk])
    with worker(log):
        wait_for("the new run's draft", lambda: status(again) == "draft", timeout=120, log=log)
    assert again.proposals.exists()


def test_a_publish_whose_worker_is_killed_is_a_draft_again_and_publishes_whole(
    database_tasks: None, crowded: Program, manager: User, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    mentors = list(User.objects.filter(email__startswith="mentor").order_by("pk"))
    mentees = list(User.objects.filter(email__startswith="mentee").order_by("pk"))
    run = draft(crowded, manager, [(mentors[i // 3], mentee) for i, mentee in enumerate(mentees)])
    client = Client()
    client.force_login(manager)

    client.post(reverse("matching:publish", args=[run.pk]))
    assert status(run) == MatchRun.Status.PUBLISHING  # 300 pairs: the worker publishes them

    with worker(log) as process:
        # Mid-publish: the worker's one transaction holds the run's row.
        wait_for(
            "the worker to be inside the publishing transaction",
            lambda: held_by_the_worker(run),
            timeout=60,
            log=log,
        )
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        killed_at = time.monotonic()
    assert not Relationship.objects.filter(program=crowded).exists()

    wait_for(
        "the run's page to show the draft again",
        lambda: "Publishing did not go through" in page_of(client, run),
        timeout=WITHIN,
        log=log,
    )
    assert time.monotonic() - killed_at < WITHIN
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
    assert not run.frozen
    assert "stopped while publishing" in run.error
    assert not Relationship.objects.filter(program=crowded).exists()  # nothing half published

    # Publishing again works, and publishes every pair.
    client.post(reverse("matching:publish", args=[run.pk]))
    assert status(run) == MatchRun.Status.PUBLISHING
    with worker(log):
        wait_for("the publish", lambda: status(run) == "published", timeout=180, log=log)
    assert Relationship.objects.filter(program=crowded, origin="match_run").count() == MENTEES
