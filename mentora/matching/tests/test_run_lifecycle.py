"""The match run lifecycle: one table, one writer, the same answer through every door.

Each gated move is tried through the service, the page, the REST API and the admin: the worker's
moves are the worker's alone, a live worker's run cannot be failed, a lost one fails (or its
draft is a draft again) wherever the manager looks, and publishing obeys the program's state and
the forbidden pairs.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.matching import services
from mentora.matching.access import MANAGER, WORKER
from mentora.matching.lifecycle import RUN_LIFECYCLE, match_run_move
from mentora.matching.models import MatchRun, MatchRunEvent, Pin
from mentora.matching.recovery import match_runs_recover
from mentora.programs.models import Program
from mentora.relationships.models import Relationship

pytestmark = pytest.mark.django_db

Status = MatchRun.Status


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def in_hands(program: Program, manager: User, status: str, *, beat_ago: float) -> MatchRun:
    """A run a worker took on, whose last heartbeat was `beat_ago` seconds ago."""
    beat = timezone.now() - datetime.timedelta(seconds=beat_ago)
    run = MatchRun.objects.create(
        program=program, started_by=manager, status=status, started_at=beat, heartbeat_at=beat
    )
    MatchRunEvent.objects.create(run=run, from_status="draft", to_status=status)
    return run


def test_the_table_names_every_move() -> None:
    moves = {(m.source, m.target): (m.action, set(m.by)) for m in RUN_LIFECYCLE.moves}
    assert moves == {
        ("queued", "running"): ("match_run_execute", {WORKER}),
        ("queued", "failed"): ("match_run_fail", {WORKER, "system"}),
        ("running", "draft"): ("match_run_execute", {WORKER}),
        ("running", "failed"): ("match_run_fail", {WORKER, "system"}),
        ("draft", "published"): ("match_run_publish", {MANAGER}),
        ("draft", "publishing"): ("match_run_publish", {MANAGER}),
        ("draft", "discarded"): ("", {MANAGER}),
        ("publishing", "published"): ("match_run_publish_execute", {WORKER}),
        ("publishing", "draft"): ("match_run_publish_fail", {WORKER, "system"}),
    }
    assert "| Publishing | Draft |" in RUN_LIFECYCLE.as_markdown()


def test_the_workers_moves_are_the_workers_alone(program: Program, manager: User) -> None:
    run = MatchRun.objects.create(program=program, started_by=manager)

    with pytest.raises(PermissionDenied):
        match_run_move(
            run_id=run.pk, target=Status.RUNNING, action="match_run_execute", actor=manager
        )
    with pytest.raises(ValidationError, match="only through match run execute"):
        match_run_move(run_id=run.pk, target=Status.RUNNING, actor=manager)
    assert MatchRun.objects.get(pk=run.pk).status == Status.QUEUED
    assert MatchRunEvent.objects.filter(run=run).count() == 0


def test_a_live_workers_run_cannot_be_failed(program: Program, manager: User) -> None:
    run = in_hands(program, manager, Status.RUNNING, beat_ago=2)

    with pytest.raises(ValidationError, match="still working"):
        match_run_move(run_id=run.pk, target=Status.FAILED, action="match_run_fail")
    with pytest.raises(PermissionDenied):
        match_run_move(run_id=run.pk, target=Status.FAILED, action="match_run_fail", actor=manager)
    assert match_runs_recover(program=program) == 0
    with pytest.raises(ValidationError, match="already in progress"):
        services.match_run_start(program=program, started_by=manager)


def test_a_lost_run_fails_on_its_page_and_a_new_run_starts(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    lost = in_hands(program, manager, Status.RUNNING, beat_ago=25)

    html = page(manager).get(reverse("matching:run", args=[lost.pk])).content.decode()

    assert "The run failed" in html
    assert "stopped before finishing" in html
    event = MatchRunEvent.objects.filter(run=lost).latest("pk")
    assert (event.from_status, event.to_status, event.actor) == ("running", "failed", None)
    assert services.match_run_start(program=program, started_by=manager).status == Status.DRAFT


def test_a_lost_run_fails_through_the_api_and_the_progress_poll(
    program: Program, manager: User
) -> None:
    first = in_hands(program, manager, Status.RUNNING, beat_ago=25)
    assert api(manager).get(f"/api/match-runs/{first.pk}/").json()["status"] == "failed"

    MatchRun.objects.all().delete()
    second = in_hands(program, manager, Status.RUNNING, beat_ago=25)
    poll = page(manager).get(
        reverse("matching:progress", args=[second.pk]), headers={"HX-Request": "true"}
    )
    assert poll.headers["HX-Refresh"] == "true"
    second.refresh_from_db()
    assert second.status == Status.FAILED


def test_a_lost_publish_is_a_draft_again_and_publishes(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    MatchRun.objects.filter(pk=run.pk).update(
        status=Status.PUBLISHING,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=25),
    )

    html = page(manager).get(reverse("matching:run", args=[run.pk])).content.decode()

    assert "Publishing did not go through" in html
    assert "stopped while publishing" in html
    assert not Relationship.objects.exists()
    published = api(manager).post(f"/api/match-runs/{run.pk}/publish/")
    assert published.json()["status"] == "published"
    assert Relationship.objects.count() == 1


def test_a_run_that_no_worker_took_waits_an_hour(program: Program, manager: User) -> None:
    waiting = MatchRun.objects.create(program=program, started_by=manager)
    assert match_runs_recover(program=program) == 0
    MatchRun.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert match_runs_recover(program=program) == 1
    waiting.refresh_from_db()
    assert waiting.status == Status.FAILED
    assert "No worker started this run" in waiting.error


def test_a_closed_program_publishes_nothing_through_any_door(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    Program.objects.filter(pk=program.pk).update(state=Program.State.CLOSED)

    with pytest.raises(ValidationError, match="closed"):
        services.match_run_publish(run=run, published_by=manager)
    refused = api(manager).post(f"/api/match-runs/{run.pk}/publish/")
    client = page(manager)
    client.post(reverse("matching:publish", args=[run.pk]))
    html = client.get(reverse("matching:run", args=[run.pk])).content.decode()

    assert refused.status_code == 400
    assert "closed" in str(refused.json())
    assert "Publishing is not possible yet: This program is closed" in html
    assert "Publish this draft" not in html
    assert not Relationship.objects.exists()
    assert MatchRun.objects.get(pk=run.pk).status == Status.DRAFT


def test_a_forbidden_pair_hides_publishing_and_the_api_refuses_it(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    services.match_pin_set(
        program=program, mentee=mentee, mentor=mentor, kind=Pin.Kind.FORBID, set_by=manager
    )

    html = page(manager).get(reverse("matching:run", args=[run.pk])).content.decode()
    refused = api(manager).post(f"/api/match-runs/{run.pk}/publish/")

    assert "Publish this draft" not in html
    assert "are forbidden as a pair" in html
    assert refused.status_code == 400
    assert "forbidden" in str(refused.json())
    assert not Relationship.objects.exists()


def test_discarding_is_for_drafts_only_through_every_door(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    run = services.match_run_start(program=program, started_by=manager)
    assert (
        "Discard this draft"
        in page(manager).get(reverse("matching:run", args=[run.pk])).content.decode()
    )
    assert api(manager).post(f"/api/match-runs/{run.pk}/discard/").json()["status"] == "discarded"

    again = api(manager).post(f"/api/match-runs/{run.pk}/discard/")
    client = page(manager)
    client.post(reverse("matching:discard", args=[run.pk]))

    assert again.status_code == 400
    assert "only a draft" in str(again.json())
    assert (
        "Discard this draft"
        not in client.get(reverse("matching:run", args=[run.pk])).content.decode()
    )
    assert list(MatchRunEvent.objects.filter(run=run).values_list("to_status", flat=True)) == [
        "queued",
        "running",
        "draft",
        "discarded",
    ]


def test_the_admin_shows_runs_read_only_and_recovers_lost_ones(
    program: Program, manager: User
) -> None:
    lost = in_hands(program, manager, Status.RUNNING, beat_ago=25)
    alive = in_hands(program, manager, Status.PUBLISHING, beat_ago=1)
    staff = User.objects.create_superuser(email="staff@example.org", password="x")
    client = page(staff)

    change = client.get(reverse("admin:matching_matchrun_change", args=[lost.pk]))
    client.post(
        reverse("admin:matching_matchrun_change", args=[lost.pk]),
        {"status": "draft", "program": program.pk},
    )
    assert change.status_code == 200
    assert 'name="status"' not in change.content.decode()
    assert MatchRun.objects.get(pk=lost.pk).status == Status.RUNNING

    client.post(
        reverse("admin:matching_matchrun_changelist"),
        {"action": "recover_lost_runs", "_selected_action": [lost.pk, alive.pk]},
    )
    assert MatchRun.objects.get(pk=lost.pk).status == Status.FAILED
    assert MatchRun.objects.get(pk=alive.pk).status == Status.PUBLISHING
