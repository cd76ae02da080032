"""Lost runs: a run whose worker died fails, and a draft whose publishing died is a draft again.

Checked whenever someone looks (the run's page and its progress, the runs list, the API) and
before a new run or a publish starts, so a killed worker never leaves a run that looks busy: its
page shows why it stopped within `settings.MENTORA_MATCH_RUN_LOST_AFTER` seconds (plus a poll),
and a new run may start at once. Nothing is ever half done: the engine's draft and a publish are
each written in one transaction, which PostgreSQL rolls back when the worker's connection dies.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from mentora.matching.lifecycle import match_run_move, worker_lost
from mentora.matching.models import ERROR_MAX, MatchRun
from mentora.programs.models import Program

logger = logging.getLogger(__name__)

Status = MatchRun.Status
IN_HANDS = (Status.QUEUED, Status.RUNNING, Status.PUBLISHING)


def match_run_recover(*, run_id: int) -> bool:
    """Fail the run, or make its draft a draft again, when its worker is lost; True if so.

    A run whose row is locked is being written by a live transaction (a worker storing its draft
    or publishing): it is left alone, whatever its heartbeat says.
    """
    with transaction.atomic():
        locked = (
            MatchRun.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=run_id, status__in=IN_HANDS)
            .first()
        )
        if locked is None:
            return False
        reason = worker_lost(locked, now=timezone.now())
        if not reason:
            return False
        reason = reason[:ERROR_MAX]
        if locked.status == Status.PUBLISHING:
            match_run_move(
                run_id=run_id,
                target=Status.DRAFT,
                action="match_run_publish_fail",
                note=reason,
                error=reason,
                stage="",
                heartbeat_at=None,
            )
        else:
            match_run_move(
                run_id=run_id,
                target=Status.FAILED,
                action="match_run_fail",
                note=reason,
                error=reason,
                finished_at=timezone.now(),
            )
    logger.warning("match run %s: worker lost (%s)", run_id, reason)
    return True


def match_runs_recover(*, program: Program) -> int:
    """Recover every lost run of the program (see `match_run_recover`); how many were."""
    waiting = MatchRun.objects.filter(program=program, status__in=IN_HANDS).values_list(
        "pk", flat=True
    )
    return sum(match_run_recover(run_id=run_id) for run_id in list(waiting))
