"""The match run lifecycle: one table of moves (`RUN_LIFECYCLE`) and its one writer.

A manager starts a run (queued); the worker takes it (running) and stores a draft, or the run
fails. The manager publishes the draft (at once, or through the worker for a large one:
publishing), or discards it. Every move goes through `match_run_moving` / `match_run_move`,
which lock the run's row, check the table and record one `MatchRunEvent`.

A worker can die (killed, out of memory, a lost machine). While it works on a run it writes a
heartbeat every few seconds (`mentora.matching.heartbeat`); a run whose heartbeat is older than
`settings.MENTORA_MATCH_RUN_LOST_AFTER` seconds counts as lost, and anyone may then fail it (or
put a draft that was being published back to draft): see `mentora.matching.recovery`. A run that
no worker took on at all waits for `WAITING_FOR_A_WORKER` before it counts as lost.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from mentora.lib.forms import error_text
from mentora.lib.lifecycle import SYSTEM, Attempt, Guard, Lifecycle, Move
from mentora.matching.access import MANAGER, WORKER, WORKER_ROLES, run_roles
from mentora.matching.models import NOTE_MAX, MatchRun, MatchRunEvent, Pin, Proposal
from mentora.programs.models import Program

if TYPE_CHECKING:
    from mentora.accounts.models import User

Status = MatchRun.Status

# A run (or a publish) that no worker has taken on after this long counts as lost: is the
# worker (`manage.py db_worker`) running at all?
WAITING_FOR_A_WORKER = datetime.timedelta(hours=1)


def lost_after() -> datetime.timedelta:
    """How long a working run may go without a heartbeat before its worker counts as lost."""
    return datetime.timedelta(seconds=settings.MENTORA_MATCH_RUN_LOST_AFTER)


def publishing_since(run: MatchRun) -> datetime.datetime:
    """When the run's draft was handed to the worker to publish."""
    moved = (
        MatchRunEvent.objects.filter(run_id=run.pk, to_status=Status.PUBLISHING)
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )
    return moved or run.created_at


def worker_lost(run: MatchRun, *, now: datetime.datetime) -> str:
    """Why the run's worker counts as lost, or "" while a worker may still be working on it."""
    seconds = settings.MENTORA_MATCH_RUN_LOST_AFTER
    if run.status == Status.QUEUED:
        if now - run.created_at > WAITING_FOR_A_WORKER:
            return (
                "No worker started this run within an hour: is the background worker "
                "(manage.py db_worker) running? Nothing was saved."
            )
        return ""
    if run.status == Status.RUNNING:
        beat = run.heartbeat_at or run.started_at or run.created_at
        if now - beat > lost_after():
            return (
                "The worker stopped before finishing this run (no sign of life for more than "
                f"{seconds} seconds). Nothing was saved; start a new run."
            )
        return ""
    if run.status == Status.PUBLISHING:
        if run.heartbeat_at is not None:
            lost = now - run.heartbeat_at > lost_after()
        else:
            lost = now - publishing_since(run) > WAITING_FOR_A_WORKER
        if lost:
            return (
                "The worker stopped while publishing this draft: nothing was published. "
                "Publish it again."
            )
    return ""


# -- Guards ---------------------------------------------------------------------------------------


def _worker_or_lost(attempt: Attempt[MatchRun]) -> bool:
    return WORKER in attempt.roles or bool(worker_lost(attempt.obj, now=attempt.now))


def _still_working(attempt: Attempt[MatchRun]) -> str:
    """the run's own worker reports it, or the worker is lost (no heartbeat in time)"""
    return "A worker is still working on this run; it cannot be stopped from here."


def _program_open(attempt: Attempt[MatchRun]) -> bool:
    return attempt.obj.program.state != Program.State.CLOSED


def _forbidden_proposals(run: MatchRun) -> QuerySet[Proposal]:
    forbidden = Pin.objects.filter(
        program_id=run.program_id,
        kind=Pin.Kind.FORBID,
        mentee_id=OuterRef("mentee_id"),
        mentor_id=OuterRef("mentor_id"),
    )
    return Proposal.objects.filter(run_id=run.pk).filter(Exists(forbidden))


def _no_forbidden_pair(attempt: Attempt[MatchRun]) -> bool:
    return not _forbidden_proposals(attempt.obj).exists()


def _forbidden_pair(attempt: Attempt[MatchRun]) -> str:
    """no proposed pair is forbidden by a pin"""
    proposal = (
        _forbidden_proposals(attempt.obj)
        .select_related("mentor__profile", "mentee__profile")
        .order_by("pk")
        .first()
    )
    if proposal is None:
        return "A proposed pair is forbidden."
    return (
        f"{proposal.mentor.display_name} and {proposal.mentee.display_name} are forbidden as a "
        "pair: move the mentee or re-run first. Nothing was published."
    )


PROGRAM_OPEN: Guard[MatchRun] = Guard(
    _program_open, "This program is closed: it takes no new relationships."
)
NO_FORBIDDEN_PAIR: Guard[MatchRun] = Guard(_no_forbidden_pair, _forbidden_pair)
WORKER_OR_LOST: Guard[MatchRun] = Guard(_worker_or_lost, _still_working)

RUN_LIFECYCLE: Lifecycle[MatchRun] = Lifecycle(
    noun="match run",
    labels=dict(Status.choices),
    state_of=lambda run: run.status,
    final=[Status.FAILED, Status.PUBLISHED, Status.DISCARDED],
    moves=[
        Move(
            Status.QUEUED,
            Status.RUNNING,
            by=frozenset({WORKER}),
            action="match_run_execute",
        ),
        Move(
            Status.QUEUED,
            Status.FAILED,
            by=frozenset({WORKER, SYSTEM}),
            guards=(WORKER_OR_LOST,),
            action="match_run_fail",
        ),
        Move(
            Status.RUNNING,
            Status.DRAFT,
            by=frozenset({WORKER}),
            action="match_run_execute",
        ),
        Move(
            Status.RUNNING,
            Status.FAILED,
            by=frozenset({WORKER, SYSTEM}),
            guards=(WORKER_OR_LOST,),
            action="match_run_fail",
        ),
        Move(
            Status.DRAFT,
            Status.PUBLISHED,
            by=frozenset({MANAGER}),
            guards=(PROGRAM_OPEN, NO_FORBIDDEN_PAIR),
            action="match_run_publish",
            refusal="Only the program's managers can publish a draft.",
        ),
        Move(
            Status.DRAFT,
            Status.PUBLISHING,
            by=frozenset({MANAGER}),
            guards=(PROGRAM_OPEN, NO_FORBIDDEN_PAIR),
            action="match_run_publish",
            refusal="Only the program's managers can publish a draft.",
        ),
        Move(
            Status.DRAFT,
            Status.DISCARDED,
            by=frozenset({MANAGER}),
            refusal="Only the program's managers can discard a draft.",
        ),
        Move(
            Status.PUBLISHING,
            Status.PUBLISHED,
            by=frozenset({WORKER}),
            guards=(PROGRAM_OPEN, NO_FORBIDDEN_PAIR),
            action="match_run_publish_execute",
        ),
        Move(
            Status.PUBLISHING,
            Status.DRAFT,
            by=frozenset({WORKER, SYSTEM}),
            guards=(WORKER_OR_LOST,),
            action="match_run_publish_fail",
        ),
    ],
)


# -- The writer -----------------------------------------------------------------------------------


def _note(text: str) -> str:
    return text if len(text) <= NOTE_MAX else text[: NOTE_MAX - 1] + "…"


@contextmanager
def match_run_moving(
    *,
    run_id: int,
    target: str,
    action: str = "",
    actor: User | None = None,
    as_worker: bool = False,
    note: str = "",
) -> Iterator[MatchRun]:
    """Lock the run, check the move, let the caller do its work on the locked run, record it.

    The one writer of a run's status. The caller may change other fields of the yielded run (and
    write other rows) inside the block; they are saved with the new status, in one transaction,
    with one event row. `actor` is who the event names (None: Mentora); the roles are the
    actor's toward the run, or the worker's with `as_worker`. Raises ValidationError or
    PermissionDenied (from `RUN_LIFECYCLE.check`) and changes nothing when the move may not
    happen.
    """
    with transaction.atomic():
        locked = (
            MatchRun.objects.select_for_update(of=("self",))
            .select_related("program")
            .get(pk=run_id)
        )
        roles = WORKER_ROLES if as_worker else run_roles(run=locked, user=actor)
        RUN_LIFECYCLE.check(locked, target=target, roles=roles, action=action, note=note)
        source = locked.status
        yield locked
        locked.status = target
        locked.save()
        MatchRunEvent.objects.create(
            run=locked, from_status=source, to_status=target, actor=actor, note=_note(note)
        )


def match_run_move(
    *,
    run_id: int,
    target: str,
    action: str = "",
    actor: User | None = None,
    as_worker: bool = False,
    note: str = "",
    **fields: Any,
) -> MatchRun:
    """Move a run to `target`, setting `fields` with it (see `match_run_moving`)."""
    with match_run_moving(
        run_id=run_id, target=target, action=action, actor=actor, as_worker=as_worker, note=note
    ) as run:
        for name, value in fields.items():
            setattr(run, name, value)
    return run


def publish_refusal(run: MatchRun, *, roles: frozenset[str]) -> str:
    """Why these roles may not publish the draft now ("" when they may, or it is no draft)."""
    if run.status != Status.DRAFT:
        return ""
    try:
        RUN_LIFECYCLE.check(run, target=Status.PUBLISHED, roles=roles, action="match_run_publish")
    except (ValidationError, PermissionDenied) as refused:
        return error_text(refused) if isinstance(refused, ValidationError) else str(refused)
    return ""
