"""Writes of manager-run matching: settings, runs, pins, moves, publishing and discarding.

Every service asks `mentora.matching.access` whether the person may act (the program's managers
only) and changes a run's status only through `mentora.matching.lifecycle`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentora.engine.api import explain_pair
from mentora.engine.records import FACTOR_NAMES
from mentora.matching import publishing
from mentora.matching.access import (
    MATCH_RUN,
    MATCHING,
    PROPOSAL,
    matching_roles,
    proposal_roles,
    run_roles,
)
from mentora.matching.execution import factors_json, match_run_execute
from mentora.matching.lifecycle import match_run_move
from mentora.matching.models import (
    MatchingSettings,
    MatchRun,
    MatchRunEvent,
    Pin,
    Proposal,
)
from mentora.matching.records import EngineInput, program_engine_input, weights_from_mapping
from mentora.matching.recovery import match_run_recover, match_runs_recover
from mentora.matching.tasks import match_run_publish_task, match_run_task
from mentora.profiles.models import MenteeNeeds
from mentora.programs.models import Enrollment, Program
from mentora.relationships.selectors import live_relationship_count, mentor_capacity

if TYPE_CHECKING:
    from mentora.accounts.models import User

MODES = ("optimal", "stable")
TOP_K_RANGE = (1, 500)
WEIGHT_MAX = 100.0


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
    MATCHING.require(matching_roles(program=program, user=updated_by), "configure")
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
    MATCHING.require(matching_roles(program=program, user=started_by), "start")
    if program.state == Program.State.CLOSED:
        raise ValidationError("This program is closed: it takes no new relationships.")
    # One run at a time per program: lock the program row, then look for a run in progress.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    match_runs_recover(program=program)
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


def _draft_run_for_update(*, run: MatchRun, user: User, to: str) -> MatchRun:
    MATCH_RUN.require(run_roles(run=run, user=user), to)
    locked = (
        MatchRun.objects.select_for_update(of=("self",)).select_related("program").get(pk=run.pk)
    )
    if locked.status != MatchRun.Status.DRAFT:
        raise ValidationError(
            f"This run is {locked.get_status_display().lower()}: only a draft can be changed."
        )
    return locked


def _require_enrolled_pair(*, program: Program, mentee: User, mentor: User) -> None:
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
    MATCHING.require(matching_roles(program=program, user=set_by), "pin")
    if kind not in Pin.Kind.values:
        raise ValidationError({"kind": f"Unknown kind {kind!r}: use pin or forbid."})
    if mentee.pk == mentor.pk:
        raise ValidationError("A person cannot be their own mentor.")
    _require_enrolled_pair(program=program, mentee=mentee, mentor=mentor)
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
        if live_relationship_count(program=program, mentor=mentor, mentee=mentee):
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
    MATCHING.require(matching_roles(program=program, user=cleared_by), "pin")
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
    PROPOSAL.require(proposal_roles(proposal=proposal, user=moved_by), "move")
    run = _draft_run_for_update(run=proposal.run, user=moved_by, to="review")
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
        factors=factors_json(explanation),
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


def match_run_current(*, run: MatchRun) -> MatchRun:
    """The run as it stands now: failed (or a draft again) first if its worker was lost.

    Pages and the API show a run through this, so a run nobody works on any more never looks
    busy (see `mentora.matching.recovery`).
    """
    if run.status in {MatchRun.Status.QUEUED, MatchRun.Status.RUNNING, MatchRun.Status.PUBLISHING}:
        match_run_recover(run_id=run.pk)
        run.refresh_from_db()
    return run


def match_run_publish(*, run: MatchRun, published_by: User) -> MatchRun:
    """Turn every proposed pair into a relationship, all or nothing; the run is then frozen.

    Publishing a published (or publishing) run creates nothing more. When any pair cannot be
    created (a mentor filled up meanwhile, say) nothing is published and the message names the
    pair. A large draft becomes "publishing" and the worker publishes it; if that fails (or the
    worker is lost), the run is a draft again with the reason in `error`.
    """
    MATCH_RUN.require(run_roles(run=run, user=published_by), "publish")
    match_run_recover(run_id=run.pk)
    with transaction.atomic():
        locked = MatchRun.objects.select_for_update(of=("self",)).get(pk=run.pk)
        if locked.status in {MatchRun.Status.PUBLISHED, MatchRun.Status.PUBLISHING}:
            return locked
        if locked.status != MatchRun.Status.DRAFT:
            raise ValidationError(
                f"This run is {locked.get_status_display().lower()}: only a draft can be published."
            )
        pairs = locked.proposals.count()
        if pairs < publishing.PUBLISH_IN_BACKGROUND_FROM:
            return publishing.publish_draft(run_id=locked.pk, published_by=published_by)
        moved = match_run_move(
            run_id=locked.pk,
            target=MatchRun.Status.PUBLISHING,
            action="match_run_publish",
            actor=published_by,
            note=f"{pairs} pairs to publish.",
            stage=f"Creating {pairs} relationships",
            percent=0,
            error="",
            heartbeat_at=None,
        )
        # With the database backend the task row commits with the move; the test backend runs
        # it at once.
        match_run_publish_task.enqueue(run_id=locked.pk, published_by_id=published_by.pk)
    moved.refresh_from_db()
    return moved


@transaction.atomic
def match_run_discard(*, run: MatchRun, discarded_by: User) -> MatchRun:
    """Set a draft aside: it stays for the record but can no longer be published."""
    locked = _draft_run_for_update(run=run, user=discarded_by, to="discard")
    return match_run_move(run_id=locked.pk, target=MatchRun.Status.DISCARDED, actor=discarded_by)
