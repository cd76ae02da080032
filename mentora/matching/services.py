"""Writes of manager-run matching: settings, runs, pins, moves, publishing and discarding."""

from __future__ import annotations

import datetime
import logging
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentora.engine import match
from mentora.engine.api import explain_pair
from mentora.engine.records import FACTOR_NAMES, EngineInputError
from mentora.matching.models import (
    RUN_TRANSITIONS,
    MatchingSettings,
    MatchRun,
    MatchRunEvent,
    Pin,
    Proposal,
    UnmatchedMentee,
)
from mentora.matching.records import EngineInput, program_engine_input, weights_from_mapping
from mentora.profiles.models import MenteeNeeds
from mentora.programs.models import Enrollment, Program
from mentora.programs.selectors import user_manages_program
from mentora.relationships.models import LIVE_STAGES, Relationship
from mentora.relationships.selectors import mentor_capacity

if TYPE_CHECKING:
    from mentora.accounts.models import User

logger = logging.getLogger(__name__)

MODES = ("optimal", "stable")
TOP_K_RANGE = (1, 500)
WEIGHT_MAX = 100.0
# A run still queued or running after this long is taken as lost (a worker that died).
STALE_AFTER = datetime.timedelta(hours=1)
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


def _require_manager(*, user: User, program: Program) -> None:
    if not user_manages_program(user=user, program=program):
        raise PermissionDenied("Only the program's managers can run matching.")


def clean_weights(weights: Mapping[str, Any]) -> dict[str, float]:
    """Every factor's weight as a number from 0 to 100, or a ValidationError naming the factor."""
    unknown = sorted(set(weights) - set(FACTOR_NAMES))
    if unknown:
        raise ValidationError(
            {"weights": f"Unknown factor {unknown[0]!r}: use {', '.join(FACTOR_NAMES)}."}
        )
    cleaned = weights_from_mapping({}).as_dict()
    for name, value in weights.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError(
                {"weights": f"The weight of {name} must be a number, not {value!r}."}
            ) from None
        if not 0 <= number <= WEIGHT_MAX:
            raise ValidationError(
                {
                    "weights": f"The weight of {name} must be from 0 to {WEIGHT_MAX:g}, "
                    f"not {value!r}."
                }
            )
        cleaned[name] = number
    if not any(cleaned.values()):
        raise ValidationError({"weights": "At least one factor needs a weight above 0."})
    return cleaned


def _clean_mode_and_top_k(mode: str, top_k: int) -> None:
    if mode not in MODES:
        raise ValidationError({"mode": f"Unknown mode {mode!r}: choose optimal or stable."})
    low, high = TOP_K_RANGE
    if not isinstance(top_k, int) or not low <= top_k <= high:
        raise ValidationError(
            {"top_k": f"Candidates per mentee must be from {low} to {high}, not {top_k!r}."}
        )


def matching_settings_for(program: Program) -> MatchingSettings:
    """The program's saved matching settings (defaults, unsaved, when none were saved)."""
    return MatchingSettings.objects.filter(program=program).first() or MatchingSettings(
        program=program
    )


@transaction.atomic
def matching_settings_save(
    *,
    program: Program,
    updated_by: User,
    weights: Mapping[str, Any] | None = None,
    mode: str | None = None,
    top_k: int | None = None,
) -> MatchingSettings:
    """Save the program's factor weights, mode and top-k for its next match runs."""
    _require_manager(user=updated_by, program=program)
    settings, _ = MatchingSettings.objects.select_for_update().get_or_create(program=program)
    if weights is not None:
        settings.weights = clean_weights(weights)
    settings.mode = mode if mode is not None else settings.mode
    settings.top_k = top_k if top_k is not None else settings.top_k
    _clean_mode_and_top_k(settings.mode, settings.top_k)
    settings.updated_by = updated_by
    settings.updated_at = timezone.now()
    settings.save()
    return settings


def _run_move(
    *,
    run_id: int,
    to_status: str,
    actor: User | None = None,
    note: str = "",
    **fields: Any,
) -> bool:
    """The one writer of a run's status: a conditional update along RUN_TRANSITIONS, with an event.

    Returns False (and changes nothing) when the run is no longer in a status that allows the
    move, so two workers or two managers cannot both move it.
    """
    allowed_from = [s for s, targets in RUN_TRANSITIONS.items() if to_status in targets]
    current = MatchRun.objects.filter(pk=run_id).values_list("status", flat=True).first()
    if current not in allowed_from:
        return False
    moved = MatchRun.objects.filter(pk=run_id, status=current).update(status=to_status, **fields)
    if moved:
        MatchRunEvent.objects.create(
            run_id=run_id, from_status=current or "", to_status=to_status, actor=actor, note=note
        )
    return bool(moved)


@transaction.atomic
def match_run_start(
    *,
    program: Program,
    started_by: User,
    mode: str | None = None,
    top_k: int | None = None,
    weights: Mapping[str, Any] | None = None,
    background: bool = True,
) -> MatchRun:
    """Queue a match run of the program with the given (or saved) settings; a worker runs it.

    With `background=False` the run executes at once in this process (the demo uses it).
    """
    from mentora.matching.tasks import match_run_task

    _require_manager(user=started_by, program=program)
    if program.state == Program.State.CLOSED:
        raise ValidationError("This program is closed: it takes no new relationships.")
    # One run at a time per program: lock the program row, then look for a run in progress.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    _fail_stale_runs(program=program)
    if MatchRun.objects.filter(
        program=program, status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING]
    ).exists():
        raise ValidationError("A match run of this program is already in progress.")
    if MatchRun.objects.filter(program=program, status=MatchRun.Status.PUBLISHING).exists():
        raise ValidationError(
            "A draft of this program is being published: start the next run when it is done."
        )
    saved = matching_settings_for(program)
    mode = mode if mode is not None else saved.mode
    top_k = top_k if top_k is not None else saved.top_k
    _clean_mode_and_top_k(mode, top_k)
    snapshot = clean_weights(weights if weights is not None else saved.weights)
    previous = (
        MatchRun.objects.filter(program=program, status=MatchRun.Status.DRAFT)
        .order_by("-created_at", "-pk")
        .first()
    )
    run = MatchRun.objects.create(
        program=program,
        mode=mode,
        top_k=top_k,
        weights=snapshot,
        started_by=started_by,
        previous=previous,
        stage="Waiting for a worker",
    )
    MatchRunEvent.objects.create(run=run, to_status=MatchRun.Status.QUEUED, actor=started_by)
    if background:
        # With the database backend the task row commits with the run; the test backend runs
        # it at once.
        match_run_task.enqueue(run_id=run.pk)
    else:
        match_run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def _fail_stale_runs(*, program: Program) -> None:
    """Fail runs that no worker finished in time, so they stop blocking new ones."""
    now = timezone.now()
    for run_id, status, created_at, started_at in MatchRun.objects.filter(
        program=program, status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING]
    ).values_list("pk", "status", "created_at", "started_at"):
        if status == MatchRun.Status.QUEUED and now - created_at > STALE_AFTER:
            message = (
                "No worker started this run within an hour: is the background worker "
                "(manage.py db_worker) running? Nothing was saved."
            )
        elif status == MatchRun.Status.RUNNING and now - (started_at or created_at) > STALE_AFTER:
            message = "The worker stopped before finishing this run. Nothing was saved."
        else:
            continue
        _run_move(
            run_id=run_id,
            to_status=MatchRun.Status.FAILED,
            error=message,
            finished_at=now,
            note=message,
        )
    for run_id in MatchRun.objects.filter(
        program=program,
        status=MatchRun.Status.PUBLISHING,
        events__to_status=MatchRun.Status.PUBLISHING,
        events__created_at__lt=now - STALE_AFTER,
    ).values_list("pk", flat=True):
        message = "The worker stopped while publishing this draft: nothing was published."
        _run_move(
            run_id=run_id, to_status=MatchRun.Status.DRAFT, error=message, note=message, stage=""
        )


class _ProgressWriter:
    """Turns the engine's progress callbacks into throttled updates of the run row."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.last_write = 0.0
        self.last_percent = -1

    def phase(self, name: str, done: int = 0, total: int = 1, *, force: bool = False) -> None:
        low, high, label = PHASES.get(name, (0, 100, name))
        percent = low + int((high - low) * (done / total if total else 1))
        now = time.monotonic()
        if not force and (
            percent == self.last_percent or now - self.last_write < PROGRESS_INTERVAL
        ):
            return
        self.last_write, self.last_percent = now, percent
        MatchRun.objects.filter(pk=self.run_id, status=MatchRun.Status.RUNNING).update(
            stage=label, percent=min(percent, 99)
        )

    def __call__(self, name: str, done: int, total: int) -> None:
        self.phase(name, done, total, force=name == "solve")


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


def _factors_json(explanation: Any) -> dict[str, dict[str, float]]:
    if explanation is None:
        return {}
    return {
        f.name: {"value": round(f.value, 4), "weight": f.weight, "points": round(f.points, 2)}
        for f in explanation.factors
    }


def match_run_execute(*, run_id: int) -> None:
    """Run the engine for a queued run and store its draft; on any error the run fails cleanly.

    The body of the background task. Progress goes to the run row as the engine reports it; the
    proposals and unmatched rows are written in one transaction at the end, so a failed run
    leaves none behind.
    """
    started = timezone.now()
    if not _run_move(
        run_id=run_id,
        to_status=MatchRun.Status.RUNNING,
        started_at=started,
        stage=PHASES["read"][2],
        percent=0,
    ):
        return
    run = MatchRun.objects.select_related("program").get(pk=run_id)
    progress = _ProgressWriter(run_id)
    try:
        clock = time.perf_counter()
        engine_input = program_engine_input(program=run.program)
        read_seconds = time.perf_counter() - clock
        names = _names_of(
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
            mode=run.mode,  # type: ignore[arg-type]
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
        logger.exception("match run %s failed", run_id)
        if isinstance(error, EngineInputError | ValidationError):
            message = " ".join(getattr(error, "messages", None) or [str(error)])
        else:
            message = (
                f"Something unexpected stopped the run ({type(error).__name__}: {error}). "
                "Nothing was saved; try again, and tell your administrator if it happens again."
            )
        with transaction.atomic():
            Proposal.objects.filter(run_id=run_id).delete()
            UnmatchedMentee.objects.filter(run_id=run_id).delete()
            _run_move(
                run_id=run_id,
                to_status=MatchRun.Status.FAILED,
                error=message,
                finished_at=timezone.now(),
                note=message,
            )


def _names_of(user_ids: set[int]) -> dict[int, str]:
    from mentora.accounts.models import User

    return {
        pk: name or email
        for pk, name, email in User.objects.filter(pk__in=user_ids).values_list(
            "pk", "profile__display_name", "email"
        )
    }


def _load_histogram(engine_input: EngineInput, result: Any) -> dict[str, int]:
    loads = Counter(a.mentor_id for a in result.assignments)
    histogram: Counter[int] = Counter(loads.get(m.id, 0) for m in engine_input.mentors)
    return {str(load): histogram[load] for load in sorted(histogram)}


@transaction.atomic
def _store_draft(
    *, run: MatchRun, engine_input: EngineInput, result: Any, read_seconds: float
) -> None:
    started = time.perf_counter()
    locked = MatchRun.objects.select_for_update().get(pk=run.pk)
    if locked.status != MatchRun.Status.RUNNING:
        return  # discarded or failed meanwhile: nothing to store
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
                factors=_factors_json(a.explanation),
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
                reason=u.reason,
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
    _run_move(
        run_id=run.pk,
        to_status=MatchRun.Status.DRAFT,
        metrics=metrics,
        stage="Done",
        percent=100,
        finished_at=timezone.now(),
    )


def _draft_run_for_update(*, run: MatchRun, user: User) -> MatchRun:
    _require_manager(user=user, program=run.program)
    locked = MatchRun.objects.select_for_update().select_related("program").get(pk=run.pk)
    if locked.status != MatchRun.Status.DRAFT:
        raise ValidationError(
            f"This run is {locked.get_status_display().lower()}: only a draft can be changed."
        )
    return locked


def _active_roles(*, program: Program, mentee: User, mentor: User) -> None:
    roles = set(
        Enrollment.objects.filter(
            Q(user=mentor, role=Enrollment.Role.MENTOR)
            | Q(user=mentee, role=Enrollment.Role.MENTEE),
            program=program,
            status=Enrollment.Status.ACTIVE,
        ).values_list("role", flat=True)
    )
    if Enrollment.Role.MENTOR not in roles:
        raise ValidationError(
            {"mentor": f"{mentor.display_name} is not an enrolled mentor of {program}."}
        )
    if Enrollment.Role.MENTEE not in roles:
        raise ValidationError(
            {"mentee": f"{mentee.display_name} is not an enrolled mentee of {program}."}
        )


@transaction.atomic
def match_pin_set(*, program: Program, mentee: User, mentor: User, kind: str, set_by: User) -> Pin:
    """Pin a pair (always pair them) or forbid it (never) in this program's match runs."""
    _require_manager(user=set_by, program=program)
    if kind not in Pin.Kind.values:
        raise ValidationError({"kind": f"Unknown kind {kind!r}: use pin or forbid."})
    if mentee.pk == mentor.pk:
        raise ValidationError("A person cannot be their own mentor.")
    _active_roles(program=program, mentee=mentee, mentor=mentor)
    # Lock the program's pins so two managers pinning at once see each other's pins.
    list(Pin.objects.select_for_update().filter(program=program).values_list("pk", flat=True))
    if kind == Pin.Kind.PIN:
        if MenteeNeeds.people_to_avoid.through.objects.filter(
            menteeneeds__enrollment__program=program,
            menteeneeds__enrollment__user=mentee,
            user=mentor,
        ).exists():
            raise ValidationError(
                f"{mentee.display_name} asked not to be paired with {mentor.display_name}."
            )
        if Relationship.objects.filter(
            program=program, mentor=mentor, mentee=mentee, stage__in=LIVE_STAGES
        ).exists():
            raise ValidationError(
                f"{mentor.display_name} and {mentee.display_name} are already paired."
            )
        other_pins = Pin.objects.filter(program=program, kind=Pin.Kind.PIN).exclude(
            mentee=mentee, mentor=mentor
        )
        if other_pins.filter(mentee=mentee).count() >= program.max_mentors_per_mentee:
            raise ValidationError(
                f"{mentee.display_name} is already pinned to as many mentors as the program "
                "allows; clear that pin first."
            )
        enrollment = (
            Enrollment.objects.select_related("mentor_offer", "program")
            .filter(program=program, user=mentor, role=Enrollment.Role.MENTOR)
            .first()
        )
        # An offer of 0 places is 0, not the program's default.
        capacity = (
            mentor_capacity(enrollment=enrollment)
            if enrollment is not None
            else program.default_mentor_capacity
        )
        if other_pins.filter(mentor=mentor).count() >= capacity:
            raise ValidationError(
                f"{mentor.display_name} already has {capacity} pinned mentees, their capacity."
            )
    pin, _ = Pin.objects.update_or_create(
        program=program,
        mentee=mentee,
        mentor=mentor,
        defaults={"kind": kind, "created_by": set_by, "created_at": timezone.now()},
    )
    Proposal.objects.filter(
        run__program=program, run__status=MatchRun.Status.DRAFT, mentee=mentee, mentor=mentor
    ).update(pinned=kind == Pin.Kind.PIN)
    return pin


@transaction.atomic
def match_pin_clear(*, program: Program, mentee: User, mentor: User, cleared_by: User) -> None:
    """Remove a pin or a ban on a pair; later runs treat the pair like any other."""
    _require_manager(user=cleared_by, program=program)
    Pin.objects.filter(program=program, mentee=mentee, mentor=mentor).delete()
    Proposal.objects.filter(
        run__program=program, run__status=MatchRun.Status.DRAFT, mentee=mentee, mentor=mentor
    ).update(pinned=False)


def _draft_room(*, run: MatchRun, engine_input: EngineInput, mentor_id: str) -> int:
    record = engine_input.mentor_by_id.get(mentor_id)
    if record is None:
        return 0
    used = Proposal.objects.filter(run=run, mentor_id=int(mentor_id)).count()
    return record.capacity - used


@transaction.atomic
def proposal_move(
    *, proposal: Proposal, mentor: User, moved_by: User, pin: bool = False
) -> Proposal:
    """Give a draft's mentee another mentor, scored and explained by the engine.

    The new mentor must be allowed for the mentee and have room left in this draft. With `pin`
    the new pair is also pinned, so later runs keep it.
    """
    run = _draft_run_for_update(run=proposal.run, user=moved_by)
    program = run.program
    mentee_id = str(proposal.mentee_id)
    engine_input = program_engine_input(program=program, mentee_ids=[proposal.mentee_id])
    record = engine_input.mentee_by_id.get(mentee_id)
    target = engine_input.mentor_by_id.get(str(mentor.pk))
    if record is None:
        raise ValidationError(f"{proposal.mentee.display_name} no longer wants a mentor.")
    if target is None:
        raise ValidationError(
            {"mentor": f"{mentor.display_name} is not an available mentor of {program}."}
        )
    if Proposal.objects.filter(run=run, mentee_id=proposal.mentee_id, mentor=mentor).exists():
        raise ValidationError(
            {"mentor": f"{mentor.display_name} is already proposed for this mentee."}
        )
    if _draft_room(run=run, engine_input=engine_input, mentor_id=target.id) < 1:
        raise ValidationError({"mentor": f"{mentor.display_name} has no room left in this draft."})
    constraints = replace(
        engine_input.constraints,
        pinned_pairs=frozenset(),
        excluded_pairs=engine_input.constraints.excluded_pairs
        - {(mentee_id, str(proposal.mentor_id))},
    )
    explanation = explain_pair(
        record,
        target,
        constraints=constraints,
        weights=weights_from_mapping(run.weights),
        options=engine_input.options,
        questions=engine_input.questions,
        taxonomy=engine_input.taxonomy,
    )
    if not explanation.allowed:
        raise ValidationError(
            {
                "mentor": f"{mentor.display_name} cannot be paired with "
                f"{proposal.mentee.display_name}: {'; '.join(explanation.blocked_by)}."
            }
        )
    Proposal.objects.filter(pk=proposal.pk).update(
        mentor=mentor,
        score=round(explanation.score, 4),
        rank=0,
        pinned=pin,
        moved=True,
        reasons=list(explanation.reasons),
        factors=_factors_json(explanation),
    )
    if pin:
        match_pin_set(
            program=program,
            mentee=proposal.mentee,
            mentor=mentor,
            kind=Pin.Kind.PIN,
            set_by=moved_by,
        )
    MatchRunEvent.objects.create(
        run=run,
        from_status=run.status,
        to_status=run.status,
        actor=moved_by,
        note=f"Moved {proposal.mentee.display_name} to {mentor.display_name}.",
    )
    proposal.refresh_from_db()
    return proposal


# Drafts with at least this many pairs are published by the background worker: creating a
# relationship (with its notifications) takes some 20 ms, too long to keep a page waiting.
PUBLISH_IN_BACKGROUND_FROM = 300


def match_run_publish(*, run: MatchRun, published_by: User) -> MatchRun:
    """Turn every proposed pair into a relationship, all or nothing; the run is then frozen.

    Publishing a published (or publishing) run creates nothing more. When any pair cannot be
    created (a mentor filled up meanwhile, say) nothing is published and the message names the
    pair. A large draft becomes "publishing" and the worker publishes it; if that fails, the run
    is a draft again with the reason in `error`.
    """
    from mentora.matching.tasks import match_run_publish_task

    with transaction.atomic():
        _require_manager(user=published_by, program=run.program)
        locked = MatchRun.objects.select_for_update().get(pk=run.pk)
        if locked.status in {MatchRun.Status.PUBLISHED, MatchRun.Status.PUBLISHING}:
            return locked
        pairs = locked.proposals.count()
        if locked.status == MatchRun.Status.DRAFT and pairs >= PUBLISH_IN_BACKGROUND_FROM:
            _run_move(
                run_id=locked.pk,
                to_status=MatchRun.Status.PUBLISHING,
                actor=published_by,
                note=f"{pairs} pairs to publish.",
                stage=f"Creating {pairs} relationships",
                percent=0,
                error="",
            )
            match_run_publish_task.enqueue(run_id=locked.pk, published_by_id=published_by.pk)
            locked.refresh_from_db()
            return locked
    return _publish(run=run, published_by=published_by)


def match_run_publish_execute(*, run_id: int, published_by_id: int) -> None:
    """The worker's side of publishing a large draft: publish it, or make it a draft again."""
    from mentora.accounts.models import User

    run = MatchRun.objects.get(pk=run_id)
    if run.status != MatchRun.Status.PUBLISHING:
        return
    try:
        _publish(run=run, published_by=User.objects.get(pk=published_by_id))
    except (ValidationError, PermissionDenied) as error:
        reason = " ".join(getattr(error, "messages", [str(error)]))
        _run_move(
            run_id=run_id, to_status=MatchRun.Status.DRAFT, note=reason, error=reason, stage=""
        )
    except Exception as error:
        reason = (
            f"Publishing stopped on an unexpected error ({type(error).__name__}): nothing was "
            "published."
        )
        _run_move(
            run_id=run_id, to_status=MatchRun.Status.DRAFT, note=reason, error=reason, stage=""
        )
        raise


def _publish(*, run: MatchRun, published_by: User) -> MatchRun:
    from mentora.relationships.services import relationship_create

    with transaction.atomic():
        _require_manager(user=published_by, program=run.program)
        locked = MatchRun.objects.select_for_update().select_related("program").get(pk=run.pk)
        if locked.status == MatchRun.Status.PUBLISHED:
            return locked
        if locked.status not in {MatchRun.Status.DRAFT, MatchRun.Status.PUBLISHING}:
            raise ValidationError(
                f"This run is {locked.get_status_display().lower()}: only a draft can be published."
            )
        program = locked.program
        proposals = list(
            locked.proposals.select_related("mentor__profile", "mentee__profile").order_by(
                "mentor_id", "mentee_id"
            )
        )
        forbidden = set(
            Pin.objects.filter(program=program, kind=Pin.Kind.FORBID).values_list(
                "mentee_id", "mentor_id"
            )
        )
        for proposal in proposals:
            if (proposal.mentee_id, proposal.mentor_id) in forbidden:
                raise ValidationError(
                    f"{proposal.mentor.display_name} and {proposal.mentee.display_name} are "
                    "forbidden as a pair: move the mentee or re-run first. Nothing was published."
                )
        # Lock every enrollment involved in primary-key order before pairing, so two
        # publishes (or a publish and an accepted request) queue instead of deadlocking.
        list(
            Enrollment.objects.select_for_update()
            .filter(
                Q(role=Enrollment.Role.MENTOR, user__in=locked.proposals.values("mentor_id"))
                | Q(role=Enrollment.Role.MENTEE, user__in=locked.proposals.values("mentee_id")),
                program=program,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for proposal in proposals:
            try:
                relationship_create(
                    program=program,
                    mentor=proposal.mentor,
                    mentee=proposal.mentee,
                    created_by=published_by,
                    origin=Relationship.Origin.MATCH_RUN,
                    needs_acceptance=program.publish_needs_acceptance,
                )
            except ValidationError as error:
                detail = (
                    " ".join(
                        message for messages in error.message_dict.values() for message in messages
                    )
                    if hasattr(error, "error_dict")
                    else " ".join(error.messages)
                )
                raise ValidationError(
                    f"Cannot pair {proposal.mentor.display_name} with "
                    f"{proposal.mentee.display_name}: {detail} Nothing was published; "
                    "re-run the matching or move this mentee."
                ) from error
        now = timezone.now()
        _run_move(
            run_id=locked.pk,
            to_status=MatchRun.Status.PUBLISHED,
            actor=published_by,
            note=f"{len(proposals)} relationships created.",
            frozen=True,
            published_by=published_by,
            published_at=now,
            error="",
            stage="",
            percent=100,
        )
        locked.refresh_from_db()
        return locked


@transaction.atomic
def match_run_discard(*, run: MatchRun, discarded_by: User) -> MatchRun:
    """Set a draft aside: it stays for the record but can no longer be published."""
    locked = _draft_run_for_update(run=run, user=discarded_by)
    _run_move(run_id=locked.pk, to_status=MatchRun.Status.DISCARDED, actor=discarded_by)
    locked.refresh_from_db()
    return locked
