"""The worker's side of matching: running the engine for a queued run, publishing a large draft.

Both are the bodies of `mentora.matching.tasks` (the worker, `manage.py db_worker`); with the test
backend and in the demo they run at once, inside their starter's transaction. While the worker
works it keeps the run's heartbeat fresh; if it dies, `mentora.matching.recovery` notices.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.engine import match
from mentora.engine.api import MatchResult
from mentora.engine.explain import Explanation
from mentora.engine.records import EngineInputError
from mentora.lib.forms import error_text
from mentora.matching.access import MATCH_RUN, run_roles
from mentora.matching.heartbeat import Heartbeat, beat_every
from mentora.matching.lifecycle import match_run_move, match_run_moving
from mentora.matching.models import ERROR_MAX, REASON_MAX, MatchRun, Proposal, UnmatchedMentee
from mentora.matching.publishing import publish_draft
from mentora.matching.records import EngineInput, program_engine_input, weights_from_mapping
from mentora.matching.selectors import names_of

logger = logging.getLogger(__name__)

Status = MatchRun.Status
# Progress writes are throttled: a run row update at most this often (seconds).
PROGRESS_INTERVAL = 0.5
# Where each engine phase sits on the run's 0-100 progress bar.
PHASES: dict[str, tuple[int, int, str]] = {
    "read": (0, 5, "Reading participants"),
    "features": (5, 10, "Preparing the scores"),
    "score and candidates": (10, 80, "Scoring candidate pairs"),
    "solve": (80, 90, "Choosing the pairs"),
    "save": (90, 100, "Saving the draft"),
}


class ProgressWriter:
    """Turns the engine's progress callbacks into throttled updates of the run row.

    Each update also refreshes the run's heartbeat; a quiet phase still gets one every
    `beat_every()` seconds from the heartbeat thread.
    """

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.last_write = 0.0
        self.last_percent = -1

    def phase(self, name: str, done: int = 0, total: int = 1, *, force: bool = False) -> None:
        low, high, label = PHASES.get(name, (0, 100, name))
        percent = low + int((high - low) * (done / total if total else 1))
        now = time.monotonic()
        quiet = now - self.last_write
        if not force and (
            quiet < PROGRESS_INTERVAL or (percent == self.last_percent and quiet < beat_every())
        ):
            return
        self.last_write, self.last_percent = now, percent
        MatchRun.objects.filter(pk=self.run_id, status=Status.RUNNING).update(
            stage=label, percent=min(percent, 99), heartbeat_at=timezone.now()
        )

    def __call__(self, name: str, done: int, total: int) -> None:
        self.phase(name, done, total, force=name == "solve")


def _try_move(run_id: int, **move: Any) -> bool:
    """A move the worker makes only if the run still allows it (a lost run was failed meanwhile)."""
    try:
        match_run_move(run_id=run_id, as_worker=True, **move)
    except ValidationError as refused:
        logger.warning("match run %s: %s", run_id, error_text(refused))
        return False
    return True


def _pin_problems(engine_input: EngineInput, names: Mapping[int, str]) -> list[str]:
    """Pins the engine would refuse (more than a mentor's room or a mentee's wish), in words."""
    problems = []
    mentors = engine_input.mentor_by_id
    mentees = engine_input.mentee_by_id
    pinned = engine_input.constraints.pinned_pairs
    for mentor_id, count in sorted(Counter(b for _, b in pinned).items()):
        room = mentors[mentor_id].capacity
        if count > room:
            problems.append(
                f"{names.get(int(mentor_id), mentor_id)} has {count} pinned mentees but room "
                f"for {room}; clear a pin."
            )
    for mentee_id, count in sorted(Counter(a for a, _ in pinned).items()):
        wanted = mentees[mentee_id].mentors_wanted
        if count > wanted:
            problems.append(
                f"{names.get(int(mentee_id), mentee_id)} has {count} pinned mentors but wants "
                f"{wanted}; clear a pin."
            )
    return problems


def factors_json(explanation: Explanation | None) -> dict[str, dict[str, float]]:
    """An explanation's factors as the JSON a proposal stores: value, weight and points."""
    if explanation is None:
        return {}
    return {
        f.name: {"value": round(f.value, 4), "weight": f.weight, "points": round(f.points, 2)}
        for f in explanation.factors
    }


def match_run_execute(*, run_id: int) -> None:
    """Run the engine for a queued run and store its draft; on any error the run fails cleanly.

    The body of the background task. Progress goes to the run row as the engine reports it; the
    proposals and unmatched rows are written in one transaction at the end, so a failed (or
    killed) run leaves none behind.
    """
    now = timezone.now()
    if not _try_move(
        run_id,
        target=Status.RUNNING,
        action="match_run_execute",
        started_at=now,
        heartbeat_at=now,
        stage=PHASES["read"][2],
        percent=0,
    ):
        return
    with Heartbeat(run_id):
        _execute(run_id)


def _execute(run_id: int) -> None:
    run = MatchRun.objects.select_related("program").get(pk=run_id)
    progress = ProgressWriter(run_id)
    try:
        clock = time.perf_counter()
        engine_input = program_engine_input(program=run.program)
        read_seconds = time.perf_counter() - clock
        names = names_of(
            {int(user_id) for pair in engine_input.constraints.pinned_pairs for user_id in pair}
        )
        problems = _pin_problems(engine_input, names)
        if problems:
            raise EngineInputError(" ".join(problems))
        if not engine_input.mentees:
            raise EngineInputError("No enrolled mentee is waiting for a mentor.")
        if not engine_input.mentors:
            raise EngineInputError("No enrolled mentor is available (all are paused or none yet).")
        progress.phase("features", force=True)
        result = match(
            engine_input.mentors,
            engine_input.mentees,
            constraints=engine_input.constraints,
            weights=weights_from_mapping(run.weights),
            options=engine_input.options,
            questions=engine_input.questions,
            mode="stable" if run.mode == "stable" else "optimal",
            top_k=run.top_k,
            taxonomy=engine_input.taxonomy,
            explain=True,
            progress=progress,
        )
        progress.phase("save", force=True)
        clock = time.perf_counter()
        _store_draft(run=run, engine_input=engine_input, result=result, read_seconds=read_seconds)
        logger.info("match run %s: draft stored in %.1fs", run_id, time.perf_counter() - clock)
    except Exception as error:
        if MatchRun.objects.filter(pk=run_id).values_list("status", flat=True).first() != (
            Status.RUNNING
        ):
            logger.warning("match run %s: stopped, no longer running (%s)", run_id, error)
            return
        logger.exception("match run %s failed", run_id)
        if isinstance(error, EngineInputError | ValidationError):
            message = " ".join(getattr(error, "messages", None) or [str(error)])
        else:
            message = (
                f"Something unexpected stopped the run ({type(error).__name__}: {error}). "
                "Nothing was saved; try again, and tell your administrator if it happens again."
            )
        message = message[:ERROR_MAX]
        with transaction.atomic():
            Proposal.objects.filter(run_id=run_id).delete()
            UnmatchedMentee.objects.filter(run_id=run_id).delete()
            _try_move(
                run_id,
                target=Status.FAILED,
                action="match_run_fail",
                error=message,
                finished_at=timezone.now(),
                note=message,
            )


def _load_histogram(engine_input: EngineInput, result: MatchResult) -> dict[str, int]:
    loads = Counter(a.mentor_id for a in result.assignments)
    histogram: Counter[int] = Counter(loads.get(m.id, 0) for m in engine_input.mentors)
    return {str(load): histogram[load] for load in sorted(histogram)}


def _store_draft(
    *, run: MatchRun, engine_input: EngineInput, result: MatchResult, read_seconds: float
) -> None:
    started = time.perf_counter()
    with match_run_moving(
        run_id=run.pk, target=Status.DRAFT, action="match_run_execute", as_worker=True
    ) as locked:
        Proposal.objects.bulk_create(
            [
                Proposal(
                    run_id=run.pk,
                    mentee_id=int(a.mentee_id),
                    mentor_id=int(a.mentor_id),
                    score=round(a.score, 4),
                    rank=a.rank,
                    pinned=a.pinned,
                    reasons=list(a.explanation.reasons) if a.explanation else [],
                    factors=factors_json(a.explanation),
                )
                for a in result.assignments
            ],
            batch_size=2000,
        )
        UnmatchedMentee.objects.bulk_create(
            [
                UnmatchedMentee(
                    run_id=run.pk,
                    mentee_id=int(u.mentee_id),
                    wanted=u.wanted,
                    matched=u.matched,
                    code=u.code,
                    reason=u.reason[:REASON_MAX],
                )
                for u in result.unmatched
            ],
            batch_size=2000,
        )
        metrics = result.metrics.as_dict()
        metrics["load_histogram"] = _load_histogram(engine_input, result)
        metrics["timings"] = (
            {"read": round(read_seconds, 3)}
            | {k: round(v, 3) for k, v in result.timings.items()}
            | {"store": round(time.perf_counter() - started, 3)}
        )
        locked.metrics = metrics
        locked.stage = "Done"
        locked.percent = 100
        locked.heartbeat_at = None  # out of the worker's hands
        locked.finished_at = timezone.now()


def match_run_publish_execute(*, run_id: int, published_by_id: int) -> None:
    """The worker's side of publishing a large draft: publish it, or make it a draft again."""
    taken = MatchRun.objects.filter(pk=run_id, status=Status.PUBLISHING).update(
        heartbeat_at=timezone.now()
    )
    if not taken:
        return  # published, or lost and a draft again, meanwhile
    with Heartbeat(run_id):
        run = MatchRun.objects.select_related("program").get(pk=run_id)
        published_by = User.objects.get(pk=published_by_id)
        try:
            MATCH_RUN.require(run_roles(run=run, user=published_by), "publish")
            publish_draft(run_id=run_id, published_by=published_by, as_worker=True)
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(getattr(error, "messages", [str(error)]))[:ERROR_MAX]
            _try_move(
                run_id,
                target=Status.DRAFT,
                action="match_run_publish_fail",
                note=reason,
                error=reason,
                stage="",
                heartbeat_at=None,
            )
        except Exception as error:
            reason = (
                f"Publishing stopped on an unexpected error ({type(error).__name__}): nothing "
                "was published."
            )
            _try_move(
                run_id,
                target=Status.DRAFT,
                action="match_run_publish_fail",
                note=reason,
                error=reason,
                stage="",
                heartbeat_at=None,
            )
            raise
