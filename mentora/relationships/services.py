"""Every write to relationships: the stage, the agreement, goals, meetings, questions, lessons,
resources, separation, redefinition and acknowledgment.

`relationship_advance` is the only code that changes a relationship's stage.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Collection, Sequence
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentora.notifications.services import notify
from mentora.profiles.choices import Cadence, FocusArea
from mentora.programs.models import Enrollment, Program
from mentora.programs.selectors import user_manages_program
from mentora.relationships.ics import meeting_ics
from mentora.relationships.models import (
    STAGE_TRANSITIONS,
    Acknowledgment,
    Agreement,
    ClosingReflection,
    Goal,
    Lesson,
    Meeting,
    Milestone,
    PrivateNote,
    Question,
    RedefinitionTerms,
    Relationship,
    RelationshipEvent,
    Reply,
    Resource,
    SeparationProposal,
    Stage,
)
from mentora.relationships.selectors import live_relationship_count, mentor_capacity
from mentora.relationships.times import local_text

if TYPE_CHECKING:
    from mentora.accounts.models import User

logger = logging.getLogger(__name__)

TEXT_MAX = 10_000
RESOURCE_MAX_BYTES = 10 * 1024 * 1024
RESOURCE_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "odt", "ppt", "pptx", "odp", "xls", "xlsx", "ods", "csv", "txt", "md"}
    | {"png", "jpg", "jpeg", "gif", "webp"}
)
# Stages in which the pair works on shared content (meetings, goals, questions, lessons…).
WORKING_STAGES = frozenset({Stage.INITIATION, Stage.CULTIVATION, Stage.SEPARATION})


# ---------------------------------------------------------------------------------------------
# Helpers


def _stage_label(stage: str) -> str:
    return str(Stage(stage).label) if stage in Stage.values else stage


def _is_party(relationship: Relationship, user: User) -> bool:
    return user.pk in (relationship.mentor_id, relationship.mentee_id)


def _require_party(relationship: Relationship, user: User) -> None:
    if not _is_party(relationship, user):
        raise PermissionDenied("Only the two people of this relationship can do this.")


def _require_stage(relationship: Relationship, stages: Collection[str], what: str) -> None:
    if relationship.stage not in stages:
        allowed = ", ".join(_stage_label(s).lower() for s in Stage.values if s in stages)
        raise ValidationError(
            f"{what} is possible in {allowed}; this relationship is in "
            f"{_stage_label(relationship.stage).lower()}."
        )


def _text(
    value: str, *, field: str, label: str, required: bool = True, limit: int = TEXT_MAX
) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: f"{label} cannot be empty."})
    if len(value) > limit:
        raise ValidationError({field: f"{label} has at most {limit} characters."})
    return value


def _url(relationship: Relationship, suffix: str = "") -> str:
    return reverse("relationships:detail", args=[relationship.pk]) + suffix


def _notify_other(relationship: Relationship, *, by: User, **kwargs: Any) -> None:
    notify(recipient=relationship.other_party(by), **kwargs)  # type: ignore[arg-type]


def _touch(relationship: Relationship, *, now: datetime.datetime | None = None) -> None:
    """Record activity (a meeting, note, question, goal update…) for the health check."""
    moment = now or timezone.now()
    Relationship.objects.filter(pk=relationship.pk).update(last_activity_at=moment)
    relationship.last_activity_at = moment


def _locked(relationship: Relationship) -> Relationship:
    return Relationship.objects.select_for_update().get(pk=relationship.pk)


# ---------------------------------------------------------------------------------------------
# The relationship and its stage


def enrollments_lock_for_pairing(
    *, program: Program, mentor: User, mentee: User
) -> tuple[Enrollment | None, Enrollment | None]:
    """Lock the mentor's and the mentee's active enrollments in primary-key order.

    Every writer that pairs people (publishing, accepting a request, a manager's pairing) takes
    these locks first and in this order, so concurrent pairings queue instead of deadlocking.
    """
    rows = {
        e.role: e
        # Only the enrollment rows are locked (the offer is joined to read the capacity).
        for e in Enrollment.objects.select_for_update(of=("self",))
        .select_related("mentor_offer", "program")
        .filter(
            Q(user=mentor, role=Enrollment.Role.MENTOR)
            | Q(user=mentee, role=Enrollment.Role.MENTEE),
            program=program,
            status=Enrollment.Status.ACTIVE,
        )
        .order_by("pk")
    }
    return rows.get(Enrollment.Role.MENTOR), rows.get(Enrollment.Role.MENTEE)


@transaction.atomic
def relationship_create(
    *,
    program: Program,
    mentor: User,
    mentee: User,
    created_by: User,
    origin: str,
    needs_acceptance: bool = False,
) -> Relationship:
    """Pair a mentor and a mentee of a program, within the mentor's capacity and the mentee's limit.

    The matching app calls this when it publishes a match run (`origin="match_run"`) and when a
    mentor accepts a request (`origin="request"`); managers pair people by hand
    (`origin="manager_pair"`, `created_by` must manage the program). Both people need an active
    enrollment in the program in their role. The mentor's enrollment row is locked, so two pairings
    at once cannot exceed the capacity (`mentor_offer.capacity`, or the program's default); the
    mentee may have at most `program.max_mentors_per_mentee` live relationships. With
    `needs_acceptance` the relationship waits for the mentor to accept it. Raises ValidationError
    with a message naming the problem, or PermissionDenied.
    """
    if origin not in Relationship.Origin.values:
        raise ValidationError({"origin": f"Unknown origin {origin!r}."})
    if origin == Relationship.Origin.MANAGER_PAIR and not user_manages_program(
        user=created_by, program=program
    ):
        raise PermissionDenied("Only the program's managers can pair people.")
    if program.state == Program.State.CLOSED:
        raise ValidationError("This program is closed: it takes no new relationships.")
    if mentor.pk == mentee.pk:
        raise ValidationError("A person cannot be their own mentor.")
    mentor_enrollment, mentee_enrollment = enrollments_lock_for_pairing(
        program=program, mentor=mentor, mentee=mentee
    )
    mentor_label = program.role_label(Enrollment.Role.MENTOR).lower()
    mentee_label = program.role_label(Enrollment.Role.MENTEE).lower()
    if mentor_enrollment is None:
        raise ValidationError(
            {"mentor": f"{mentor.display_name} is not an enrolled {mentor_label} of {program}."}
        )
    if mentee_enrollment is None:
        raise ValidationError(
            {"mentee": f"{mentee.display_name} is not an enrolled {mentee_label} of {program}."}
        )
    capacity = mentor_capacity(enrollment=mentor_enrollment)
    if live_relationship_count(program=program, mentor=mentor) >= capacity:
        raise ValidationError(
            {
                "mentor": f"{mentor.display_name} already has {capacity} "
                f"{'person' if capacity == 1 else 'people'} to guide, their capacity."
            }
        )
    if live_relationship_count(program=program, mentor=mentor, mentee=mentee):
        raise ValidationError(
            f"{mentor.display_name} and {mentee.display_name} are already paired."
        )
    limit = program.max_mentors_per_mentee
    if live_relationship_count(program=program, mentee=mentee) >= limit:
        raise ValidationError(
            {
                "mentee": f"{mentee.display_name} already has {limit} "
                f"{mentor_label}{'' if limit == 1 else 's'}, the most this program allows."
            }
        )
    now = timezone.now()
    stage = Stage.PENDING_ACCEPTANCE if needs_acceptance else Stage.INITIATION
    relationship = Relationship.objects.create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        kind=program.kind,
        origin=origin,
        stage=stage,
        created_by=created_by,
        created_at=now,
        stage_changed_at=now,
        last_activity_at=now,
        separation_notice_days=program.separation_notice_days,
    )
    RelationshipEvent.objects.create(
        relationship=relationship,
        actor=created_by,
        created_at=now,
        from_stage="",
        to_stage=stage,
        note=Relationship.Origin(origin).label,
    )
    Agreement.objects.create(
        relationship=relationship,
        meeting_cadence=program.meeting_cadence,
        expected_duration_weeks=program.expected_duration_weeks,
        updated_at=now,
    )
    url = _url(relationship)
    if needs_acceptance:
        notify(
            recipient=mentor,
            kind="relationship.request",
            title=f"{mentee.display_name} would like you as their {mentor_label}",
            body="Accept or decline on the relationship page.",
            url=url,
            important=True,
        )
    else:
        for person, other, label in (
            (mentor, mentee, mentee_label),
            (mentee, mentor, mentor_label),
        ):
            notify(
                recipient=person,
                kind="relationship.stage",
                title=f"You are paired with {other.display_name} ({label}) in {program}",
                body="Start with the getting-acquainted guide and your agreement.",
                url=url,
                important=True,
            )
    return relationship


@transaction.atomic
def relationship_advance(
    *, relationship: Relationship, to_stage: str, by: User | None, note: str = ""
) -> Relationship:
    """Move a relationship to another stage: the only writer of the stage, recording the event.

    `by` is one of the two people or a manager of the program (None for the system, e.g. the
    health check). Moves not in STAGE_TRANSITIONS are refused; ending needs a reason.
    """
    locked = _locked(relationship)
    if by is not None and not (
        _is_party(locked, by) or user_manages_program(user=by, program=locked.program)
    ):
        raise PermissionDenied(
            "Only the two people or the program's managers can change the stage."
        )
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": f"Unknown stage {to_stage!r}."})
    if to_stage not in STAGE_TRANSITIONS[locked.stage]:
        allowed = sorted(_stage_label(s).lower() for s in STAGE_TRANSITIONS[locked.stage])
        raise ValidationError(
            {
                "to_stage": f"A relationship in {_stage_label(locked.stage).lower()} cannot move "
                f"to {_stage_label(to_stage).lower()}"
                + (f"; it can move to {', '.join(allowed)}." if allowed else "; it has ended.")
            }
        )
    note = _text(note, field="note", label="The note", required=False)
    if to_stage == Stage.ENDED and not note:
        raise ValidationError({"note": "Say why the relationship ends."})
    now = timezone.now()
    from_stage = locked.stage
    locked.stage = to_stage
    locked.stage_changed_at = now
    fields = ["stage", "stage_changed_at"]
    if to_stage == Stage.ENDED:
        locked.ended_at = now
        locked.ended_reason = note
        fields += ["ended_at", "ended_reason"]
    locked.save(update_fields=fields)
    RelationshipEvent.objects.create(
        relationship=locked,
        actor=by,
        created_at=now,
        from_stage=from_stage,
        to_stage=to_stage,
        note=note,
    )
    who = by.display_name if by is not None else "Mentora"
    for person in (locked.mentor, locked.mentee):
        if by is not None and person.pk == by.pk:
            continue
        notify(
            recipient=person,
            kind="relationship.stage",
            title=f"Your relationship with {locked.other_party(person).display_name} "  # type: ignore[attr-defined]
            f"is now in {_stage_label(to_stage).lower()}",
            body=f"Changed by {who}." + (f" {note}" if note else ""),
            url=_url(locked),
            important=to_stage == Stage.ENDED,
        )
    relationship.refresh_from_db()
    return locked


def relationship_accept(*, relationship: Relationship, by: User) -> Relationship:
    """The mentor accepts a relationship waiting for them: it enters initiation."""
    if by.pk != relationship.mentor_id:
        raise PermissionDenied(f"Only the {relationship.mentor_label.lower()} can accept.")
    return relationship_advance(
        relationship=relationship, to_stage=Stage.INITIATION, by=by, note="Accepted"
    )


def relationship_end(*, relationship: Relationship, by: User, reason: str) -> Relationship:
    """End a relationship early, with a reason, by either person or a manager."""
    return relationship_advance(relationship=relationship, to_stage=Stage.ENDED, by=by, note=reason)


# ---------------------------------------------------------------------------------------------
# Initiation: getting acquainted and the agreement


@transaction.atomic
def acquaintance_update(
    *, relationship: Relationship, by: User, career_goals: str, why_this_mentor: str
) -> Relationship:
    """The mentee records their career goals and why they chose this mentor."""
    if by.pk != relationship.mentee_id:
        raise PermissionDenied(f"Only the {relationship.mentee_label.lower()} writes this.")
    _require_stage(relationship, WORKING_STAGES, "Getting acquainted")
    relationship.career_goals = _text(
        career_goals, field="career_goals", label="Career goals", required=False
    )
    relationship.why_this_mentor = _text(
        why_this_mentor, field="why_this_mentor", label="Why this mentor", required=False
    )
    relationship.save(update_fields=["career_goals", "why_this_mentor"])
    _touch(relationship)
    return relationship


AGREEMENT_FIELDS = (
    "goals",
    "focus_areas",
    "meeting_cadence",
    "channel",
    "confidentiality",
    "expected_duration_weeks",
    "feedback",
    "ending",
)


@transaction.atomic
def agreement_save(*, relationship: Relationship, by: User, **fields: Any) -> Agreement:
    """Write the agreement; any change clears both confirmations, so both confirm again."""
    _require_party(relationship, by)
    _require_stage(relationship, {Stage.INITIATION, Stage.CULTIVATION}, "Changing the agreement")
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown agreement fields: {', '.join(sorted(unknown))}.")
    agreement = Agreement.objects.select_for_update().get(relationship=relationship)
    changed = False
    for name, value in fields.items():
        if name == "focus_areas":
            value = list(value or [])
            bad = [v for v in value if v not in FocusArea.values]
            if bad:
                raise ValidationError({"focus_areas": f"Unknown focus areas: {', '.join(bad)}."})
        elif name == "meeting_cadence":
            if value not in Cadence.values:
                raise ValidationError({"meeting_cadence": f"Unknown cadence {value!r}."})
        elif name == "expected_duration_weeks":
            if not isinstance(value, int) or not 1 <= value <= 260:
                raise ValidationError(
                    {"expected_duration_weeks": "The expected duration is 1 to 260 weeks."}
                )
        else:
            limit = 120 if name == "channel" else TEXT_MAX
            value = _text(
                value,
                field=name,
                label=name.replace("_", " ").capitalize(),
                required=False,
                limit=limit,
            )
        if getattr(agreement, name) != value:
            setattr(agreement, name, value)
            changed = True
    if changed:
        had_confirmations = bool(agreement.mentor_confirmed_at or agreement.mentee_confirmed_at)
        agreement.mentor_confirmed_at = None
        agreement.mentee_confirmed_at = None
        agreement.version += 1
        agreement.updated_at = timezone.now()
        agreement.updated_by = by
        agreement.save()
        _touch(relationship)
        _notify_other(
            relationship,
            by=by,
            kind="agreement.changed",
            title=f"{by.display_name} changed your agreement"
            + ("; please confirm it again" if had_confirmations else ""),
            url=_url(relationship, "agreement/"),
        )
    return agreement


@transaction.atomic
def agreement_confirm(*, relationship: Relationship, by: User) -> Agreement:
    """Confirm the agreement; when the second person confirms, initiation becomes cultivation."""
    _require_party(relationship, by)
    _require_stage(relationship, {Stage.INITIATION, Stage.CULTIVATION}, "Confirming the agreement")
    agreement = Agreement.objects.select_for_update().get(relationship=relationship)
    if not (agreement.goals.strip() and agreement.meeting_cadence):
        raise ValidationError("Write at least the goals of the agreement before confirming it.")
    now = timezone.now()
    if by.pk == relationship.mentor_id:
        agreement.mentor_confirmed_at = agreement.mentor_confirmed_at or now
    else:
        agreement.mentee_confirmed_at = agreement.mentee_confirmed_at or now
    agreement.save(update_fields=["mentor_confirmed_at", "mentee_confirmed_at"])
    _touch(relationship)
    if agreement.confirmed_by_both:
        if relationship.stage == Stage.INITIATION:
            relationship_advance(
                relationship=relationship,
                to_stage=Stage.CULTIVATION,
                by=by,
                note="Both confirmed the agreement.",
            )
    else:
        _notify_other(
            relationship,
            by=by,
            kind="agreement.confirmed",
            title=f"{by.display_name} confirmed your agreement; your confirmation is next",
            url=_url(relationship, "agreement/"),
        )
    return agreement


# ---------------------------------------------------------------------------------------------
# Goals


def _decimal(value: Any, *, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise ValidationError({field: f"{value!r} is not a number."}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise ValidationError({field: f"{value!r} is not a usable number."})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def goal_create(
    *,
    relationship: Relationship,
    by: User,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_on: datetime.date | None = None,
    target_value: Any = None,
    unit: str = "",
    milestones: Sequence[str] = (),
) -> Goal:
    """Add a goal; in coaching a goal needs a target value, a unit and a deadline."""
    _require_party(relationship, by)
    _require_stage(relationship, WORKING_STAGES, "Adding a goal")
    owner = owner or relationship.mentee
    if not _is_party(relationship, owner):
        raise ValidationError({"owner": "The owner of a goal is one of the two people."})
    target = _decimal(target_value, field="target_value")
    unit = _text(unit, field="unit", label="The unit", required=False, limit=40)
    if relationship.is_coaching:
        errors = {}
        if target is None or target <= 0:
            errors["target_value"] = "A coaching goal is measurable: give a target value above 0."
        if not unit:
            errors["unit"] = "A coaching goal needs a unit (for example 'talks given' or '%')."
        if due_on is None:
            errors["due_on"] = "A coaching goal needs a deadline."
        if errors:
            raise ValidationError(errors)
    goal = Goal.objects.create(
        relationship=relationship,
        title=_text(title, field="title", label="The goal's title", limit=200),
        description=_text(
            description, field="description", label="The description", required=False
        ),
        owner=owner,
        due_on=due_on,
        target_value=target,
        current_value=Decimal(0) if target is not None else None,
        unit=unit,
    )
    for milestone in milestones:
        if milestone.strip():
            Milestone.objects.create(
                goal=goal,
                title=_text(milestone, field="milestones", label="A milestone", limit=200),
            )
    _touch(relationship)
    _notify_other(
        relationship,
        by=by,
        kind="goal.created",
        title=f"{by.display_name} added a goal: {goal.title}"[:200],
        url=_url(relationship, "#goals"),
    )
    return goal


@transaction.atomic
def goal_update_progress(
    *, goal: Goal, by: User, progress: int | None = None, current_value: Any = None
) -> Goal:
    """Record progress (per cent, or the measured value against the target); a goal reaching
    100% or its target is met."""
    relationship = goal.relationship
    _require_party(relationship, by)
    _require_stage(relationship, WORKING_STAGES, "Updating a goal")
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.target_value is not None and current_value not in (None, ""):
        value = _decimal(current_value, field="current_value")
        assert value is not None
        if value < 0:
            raise ValidationError({"current_value": "The measured value cannot be negative."})
        goal.current_value = value
        goal.progress = min(100, int(value * 100 / goal.target_value))
    elif progress is not None:
        if not 0 <= progress <= 100:
            raise ValidationError({"progress": "Progress is a percentage from 0 to 100."})
        goal.progress = progress
    else:
        raise ValidationError("Give the progress or the measured value.")
    now = timezone.now()
    reached = goal.progress >= 100 or (
        goal.target_value is not None
        and goal.current_value is not None
        and goal.current_value >= goal.target_value
    )
    goal.met_at = (goal.met_at or now) if reached else None
    goal.updated_at = now
    goal.save()
    _touch(relationship)
    if reached and relationship.is_coaching:
        from mentora.relationships.selectors import all_goals_met

        if all_goals_met(relationship=relationship) and relationship.stage == Stage.CULTIVATION:
            for person in (relationship.mentor, relationship.mentee):
                notify(
                    recipient=person,
                    kind="goal.all_met",
                    title="Every coaching goal is met: time to consider separation",
                    url=_url(relationship, "separation/"),
                    important=True,
                )
    return goal


@transaction.atomic
def milestone_set_done(*, milestone: Milestone, by: User, done: bool) -> Milestone:
    """Tick (or untick) a milestone of a goal."""
    relationship = milestone.goal.relationship
    _require_party(relationship, by)
    _require_stage(relationship, WORKING_STAGES, "Updating a milestone")
    milestone.done_at = (milestone.done_at or timezone.now()) if done else None
    milestone.save(update_fields=["done_at"])
    _touch(relationship)
    return milestone


@transaction.atomic
def milestone_add(
    *, goal: Goal, by: User, title: str, due_on: datetime.date | None = None
) -> Milestone:
    """Add a milestone to a goal."""
    _require_party(goal.relationship, by)
    _require_stage(goal.relationship, WORKING_STAGES, "Adding a milestone")
    milestone = Milestone.objects.create(
        goal=goal,
        title=_text(title, field="title", label="The milestone", limit=200),
        due_on=due_on,
    )
    _touch(goal.relationship)
    return milestone


# ---------------------------------------------------------------------------------------------
# Meetings


def _send_meeting_emails(meeting: Meeting, *, subject: str) -> None:
    """Email the .ics to both people after the transaction commits."""
    ics = meeting_ics(meeting)
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    relationship = meeting.relationship
    messages = []
    for person in (relationship.mentor, relationship.mentee):
        if not person.email or not person.is_active:
            continue
        when = local_text(meeting.starts_at, user=person)
        body = (
            f"{subject}\n\nWhen: {when}\n"
            + (f"Where: {meeting.location}\n" if meeting.location else "")
            + (f"\nAgenda:\n{meeting.agenda}\n" if meeting.agenda else "")
            + "\nThe calendar invitation is attached.\n"
        )
        message = EmailMessage(subject=f"[Mentora] {subject}", body=body, to=[person.email])
        message.attach("meeting.ics", ics, f"text/calendar; charset=utf-8; method={method}")
        messages.append(message)

    def send() -> None:
        for message in messages:
            try:
                message.send()
            except OSError:  # the meeting stands; the .ics stays downloadable from its page
                logger.exception("Could not email the invitation of meeting %s", meeting.pk)

    transaction.on_commit(send)


def _clean_meeting(starts_at: datetime.datetime, duration_minutes: int, location: str) -> str:
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": "The start time needs a timezone."})
    if not 5 <= duration_minutes <= 480:
        raise ValidationError({"duration_minutes": "A meeting lasts 5 to 480 minutes."})
    return _text(location, field="location", label="The location", required=False, limit=200)


@transaction.atomic
def meeting_schedule(
    *,
    relationship: Relationship,
    by: User,
    starts_at: datetime.datetime,
    duration_minutes: int = 60,
    location: str = "",
    agenda: str = "",
) -> Meeting:
    """Schedule a meeting and email both people its calendar invitation."""
    _require_party(relationship, by)
    _require_stage(relationship, WORKING_STAGES, "Scheduling a meeting")
    location = _clean_meeting(starts_at, duration_minutes, location)
    if starts_at < timezone.now() - datetime.timedelta(days=365):
        raise ValidationError({"starts_at": "That date is more than a year ago."})
    meeting = Meeting.objects.create(
        relationship=relationship,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        agenda=_text(agenda, field="agenda", label="The agenda", required=False),
        created_by=by,
    )
    _touch(relationship)
    other = relationship.other_party(by)
    notify(
        recipient=other,  # type: ignore[arg-type]
        kind="meeting.scheduled",
        title=f"{by.display_name} scheduled a meeting for {local_text(starts_at, user=other)}",
        url=reverse("relationships:meeting", args=[relationship.pk, meeting.pk]),
    )
    _send_meeting_emails(
        meeting,
        subject=f"Meeting with {relationship.mentor.display_name} and "
        f"{relationship.mentee.display_name}",
    )
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: Meeting,
    by: User,
    starts_at: datetime.datetime,
    duration_minutes: int | None = None,
    location: str | None = None,
) -> Meeting:
    """Move a meeting: the invitation keeps its UID and its SEQUENCE goes up."""
    relationship = meeting.relationship
    _require_party(relationship, by)
    meeting = Meeting.objects.select_for_update().select_related("relationship").get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError("This meeting was cancelled; schedule a new one instead.")
    duration = meeting.duration_minutes if duration_minutes is None else duration_minutes
    meeting.location = _clean_meeting(
        starts_at, duration, meeting.location if location is None else location
    )
    meeting.starts_at = starts_at
    meeting.duration_minutes = duration
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    _touch(relationship)
    other = relationship.other_party(by)
    notify(
        recipient=other,  # type: ignore[arg-type]
        kind="meeting.rescheduled",
        title=f"{by.display_name} moved your meeting to {local_text(starts_at, user=other)}",
        url=reverse("relationships:meeting", args=[relationship.pk, meeting.pk]),
        important=True,
    )
    _send_meeting_emails(meeting, subject="Meeting moved")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User) -> Meeting:
    """Cancel a meeting: both get a METHOD:CANCEL invitation for the same UID."""
    relationship = meeting.relationship
    _require_party(relationship, by)
    meeting = Meeting.objects.select_for_update().select_related("relationship").get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    _touch(relationship)
    other = relationship.other_party(by)
    notify(
        recipient=other,  # type: ignore[arg-type]
        kind="meeting.cancelled",
        title=f"{by.display_name} cancelled the meeting of "
        f"{local_text(meeting.starts_at, user=other)}",
        url=reverse("relationships:meeting", args=[relationship.pk, meeting.pk]),
        important=True,
    )
    _send_meeting_emails(meeting, subject="Meeting cancelled")
    return meeting


@transaction.atomic
def meeting_record(
    *,
    meeting: Meeting,
    by: User,
    shared_notes: str | None = None,
    agenda: str | None = None,
    mentor_attended: bool | None = None,
    mentee_attended: bool | None = None,
) -> Meeting:
    """Write the agenda, the shared notes and who attended."""
    relationship = meeting.relationship
    _require_party(relationship, by)
    if shared_notes is not None:
        meeting.shared_notes = _text(
            shared_notes, field="shared_notes", label="Shared notes", required=False
        )
    if agenda is not None:
        meeting.agenda = _text(agenda, field="agenda", label="The agenda", required=False)
    meeting.mentor_attended = mentor_attended
    meeting.mentee_attended = mentee_attended
    meeting.updated_at = timezone.now()
    meeting.save()
    _touch(relationship)
    return meeting


@transaction.atomic
def private_note_save(*, meeting: Meeting, author: User, text: str) -> PrivateNote | None:
    """Write the author's own private note on a meeting (empty text deletes it)."""
    _require_party(meeting.relationship, author)
    text = _text(text, field="text", label="The note", required=False)
    if not text:
        PrivateNote.objects.filter(meeting=meeting, author=author).delete()
        return None
    note, _ = PrivateNote.objects.update_or_create(
        meeting=meeting, author=author, defaults={"text": text, "updated_at": timezone.now()}
    )
    _touch(meeting.relationship)
    return note


# ---------------------------------------------------------------------------------------------
# Questions, lessons and resources


@transaction.atomic
def question_ask(
    *, relationship: Relationship, by: User, text: str, meeting: Meeting | None = None
) -> Question:
    """Mentoring: the mentee asks. Coaching: the coach prepares a session's question."""
    _require_party(relationship, by)
    _require_stage(relationship, WORKING_STAGES, "Asking a question")
    asker = relationship.mentor_id if relationship.is_coaching else relationship.mentee_id
    if by.pk != asker:
        raise PermissionDenied(
            "In coaching the coach asks the questions."
            if relationship.is_coaching
            else "In mentoring the mentee brings the questions."
        )
    if meeting is not None and meeting.relationship_id != relationship.pk:
        raise ValidationError({"meeting": "That meeting belongs to another relationship."})
    question = Question.objects.create(
        relationship=relationship,
        asked_by=by,
        text=_text(text, field="text", label="The question"),
        meeting=meeting,
    )
    _touch(relationship)
    _notify_other(
        relationship,
        by=by,
        kind="question.asked",
        title=f"{by.display_name} asked: {question.text}"[:200],
        url=reverse("relationships:question", args=[relationship.pk, question.pk]),
    )
    return question


@transaction.atomic
def question_reply(*, question: Question, by: User, text: str) -> Reply:
    """Answer in a question's thread; in coaching the coach records the coachee's answer."""
    relationship = question.relationship
    _require_party(relationship, by)
    _require_stage(relationship, WORKING_STAGES, "Answering a question")
    if relationship.is_coaching and by.pk != relationship.mentor_id:
        raise PermissionDenied("In coaching the coach records the coachee's answers.")
    reply = Reply.objects.create(
        question=question, author=by, text=_text(text, field="text", label="The answer")
    )
    _touch(relationship)
    _notify_other(
        relationship,
        by=by,
        kind="question.answered",
        title=f"{by.display_name} replied to: {question.text}"[:200],
        url=reverse("relationships:question", args=[relationship.pk, question.pk]),
    )
    return reply


@transaction.atomic
def lesson_record(
    *, relationship: Relationship, by: User, text: str, goal: Goal | None = None
) -> Lesson:
    """The mentor records a lesson shared; the mentee a skill practised (maybe for a goal)."""
    _require_party(relationship, by)
    _require_stage(relationship, WORKING_STAGES, "Recording a lesson")
    if goal is not None and goal.relationship_id != relationship.pk:
        raise ValidationError({"goal": "That goal belongs to another relationship."})
    kind = (
        Lesson.Kind.LESSON_SHARED
        if by.pk == relationship.mentor_id
        else Lesson.Kind.SKILL_PRACTISED
    )
    lesson = Lesson.objects.create(
        relationship=relationship,
        author=by,
        kind=kind,
        text=_text(text, field="text", label="The lesson"),
        goal=goal,
    )
    _touch(relationship)
    return lesson


@transaction.atomic
def resource_add(
    *,
    relationship: Relationship,
    by: User,
    title: str,
    url: str = "",
    file: UploadedFile | None = None,
) -> Resource:
    """Share a link or a file (of an allowed type, at most 10 MB)."""
    _require_party(relationship, by)
    _require_stage(relationship, WORKING_STAGES, "Sharing a resource")
    title = _text(title, field="title", label="The title", limit=200)
    url = (url or "").strip()
    if bool(url) == bool(file):
        raise ValidationError("Share either a link or a file.")
    if url and not url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": "A link starts with https:// or http://."})
    size = 0
    if file is not None:
        extension = PurePath(file.name or "").suffix.lower().lstrip(".")
        if extension not in RESOURCE_EXTENSIONS:
            raise ValidationError(
                {
                    "file": f"Files of type .{extension or '?'} cannot be shared; allowed: "
                    + ", ".join(sorted(RESOURCE_EXTENSIONS))
                    + "."
                }
            )
        size = file.size or 0
        if size > RESOURCE_MAX_BYTES:
            raise ValidationError({"file": "A shared file is at most 10 MB."})
    resource = Resource(relationship=relationship, added_by=by, title=title, url=url, size=size)
    if file is not None:
        resource.file.save(PurePath(file.name or "file").name, file, save=False)
    resource.save()
    _touch(relationship)
    _notify_other(
        relationship,
        by=by,
        kind="resource.shared",
        title=f"{by.display_name} shared {title}"[:200],
        url=_url(relationship, "#resources"),
    )
    return resource


# ---------------------------------------------------------------------------------------------
# Separation and closing reflections


@transaction.atomic
def separation_propose(
    *, relationship: Relationship, by: User, reflection: str
) -> SeparationProposal:
    """One side proposes to separate, with a reflection; the other confirms."""
    _require_party(relationship, by)
    _require_stage(relationship, {Stage.CULTIVATION}, "Proposing separation")
    _locked(relationship)
    if relationship.separation_proposals.filter(status=SeparationProposal.Status.OPEN).exists():
        raise ValidationError("A separation proposal is already waiting for an answer.")
    proposal = SeparationProposal.objects.create(
        relationship=relationship,
        proposed_by=by,
        reflection=_text(reflection, field="reflection", label="Your reflection"),
    )
    _touch(relationship)
    _notify_other(
        relationship,
        by=by,
        kind="separation.proposed",
        title=f"{by.display_name} proposes to move to separation",
        body=f"Please answer within {relationship.separation_notice_days} days.",
        url=_url(relationship, "separation/"),
        important=True,
    )
    return proposal


def _resolve(proposal: SeparationProposal, *, by: User, status: str) -> SeparationProposal:
    proposal.status = status
    proposal.resolved_at = timezone.now()
    proposal.resolved_by = by
    proposal.save(update_fields=["status", "resolved_at", "resolved_by"])
    return proposal


def _open_proposal(proposal: SeparationProposal) -> SeparationProposal:
    locked = SeparationProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != SeparationProposal.Status.OPEN:
        raise ValidationError("This separation proposal has already been answered.")
    return locked


@transaction.atomic
def separation_confirm(*, proposal: SeparationProposal, by: User) -> Relationship:
    """The other side confirms: the relationship enters separation."""
    relationship = proposal.relationship
    _require_party(relationship, by)
    proposal = _open_proposal(proposal)
    if proposal.proposed_by_id == by.pk:
        raise ValidationError("Separation is mutual: the other person confirms your proposal.")
    _resolve(proposal, by=by, status=SeparationProposal.Status.CONFIRMED)
    return relationship_advance(
        relationship=relationship,
        to_stage=Stage.SEPARATION,
        by=by,
        note="Both agreed to separate.",
    )


@transaction.atomic
def separation_withdraw(*, proposal: SeparationProposal, by: User) -> SeparationProposal:
    """Withdraw one's own proposal, or decline the other's: the pair stays in cultivation."""
    _require_party(proposal.relationship, by)
    proposal = _open_proposal(proposal)
    _resolve(proposal, by=by, status=SeparationProposal.Status.WITHDRAWN)
    if proposal.proposed_by_id != by.pk:
        notify(
            recipient=proposal.proposed_by,
            kind="separation.declined",
            title=f"{by.display_name} would like to continue for now",
            url=_url(proposal.relationship, "separation/"),
        )
    return proposal


@transaction.atomic
def separation_decide(
    *, proposal: SeparationProposal, by: User, separate: bool, note: str = ""
) -> SeparationProposal:
    """A manager decides an unanswered proposal once the notice period has passed."""
    relationship = proposal.relationship
    if not user_manages_program(user=by, program=relationship.program):
        raise PermissionDenied("Only the program's managers decide unanswered proposals.")
    proposal = _open_proposal(proposal)
    from mentora.relationships.selectors import separation_decision_due

    if not separation_decision_due(proposal=proposal):
        raise ValidationError(
            f"The other side has {relationship.separation_notice_days} days to answer; "
            "a manager decides only after that."
        )
    _resolve(
        proposal,
        by=by,
        status=SeparationProposal.Status.DECIDED
        if separate
        else SeparationProposal.Status.WITHDRAWN,
    )
    if separate:
        relationship_advance(
            relationship=relationship,
            to_stage=Stage.SEPARATION,
            by=by,
            note=note or "A manager decided the unanswered separation proposal.",
        )
    return proposal


@transaction.atomic
def closing_reflection_save(
    *, relationship: Relationship, by: User, learned: str, application: str
) -> ClosingReflection:
    """Write (or rewrite) one's closing reflection: what was learned and how it will be applied."""
    _require_party(relationship, by)
    _require_stage(
        relationship, {Stage.SEPARATION, Stage.REDEFINITION}, "Writing a closing reflection"
    )
    reflection, _ = ClosingReflection.objects.update_or_create(
        relationship=relationship,
        author=by,
        defaults={
            "learned": _text(learned, field="learned", label="What was learned"),
            "application": _text(application, field="application", label="How it will be applied"),
            "updated_at": timezone.now(),
        },
    )
    _touch(relationship)
    return reflection


# ---------------------------------------------------------------------------------------------
# Redefinition and acknowledgment


@transaction.atomic
def redefinition_set(
    *,
    relationship: Relationship,
    by: User,
    relation: str,
    check_in_frequency: str = RedefinitionTerms.CheckIn.NONE,
    expectations: str = "",
) -> RedefinitionTerms:
    """Set the new terms; from separation this moves the relationship to redefinition."""
    _require_party(relationship, by)
    _require_stage(relationship, {Stage.SEPARATION, Stage.REDEFINITION}, "Setting new terms")
    if relation not in RedefinitionTerms.Relation.values:
        raise ValidationError({"relation": f"Unknown relation {relation!r}."})
    if check_in_frequency not in RedefinitionTerms.CheckIn.values:
        raise ValidationError({"check_in_frequency": f"Unknown frequency {check_in_frequency!r}."})
    if relation == RedefinitionTerms.Relation.NONE:
        check_in_frequency = RedefinitionTerms.CheckIn.NONE
    terms, _ = RedefinitionTerms.objects.update_or_create(
        relationship=relationship,
        defaults={
            "relation": relation,
            "check_in_frequency": check_in_frequency,
            "expectations": _text(
                expectations, field="expectations", label="Expectations", required=False
            ),
            "set_by": by,
            "updated_at": timezone.now(),
        },
    )
    _touch(relationship)
    if relationship.stage == Stage.SEPARATION:
        relationship_advance(
            relationship=relationship,
            to_stage=Stage.REDEFINITION,
            by=by,
            note=f"New terms: {RedefinitionTerms.Relation(relation).label}.",
        )
    else:
        _notify_other(
            relationship,
            by=by,
            kind="relationship.terms",
            title=f"{by.display_name} changed your new terms",
            url=_url(relationship, "redefinition/"),
        )
    return terms


ACKNOWLEDGMENT_STAGES = frozenset({Stage.SEPARATION, Stage.REDEFINITION, Stage.ENDED})


@transaction.atomic
def acknowledgment_write(*, relationship: Relationship, by: User, text: str) -> Acknowledgment:
    """The mentee thanks their mentor; changing the text makes it private again until agreed."""
    if by.pk != relationship.mentee_id:
        raise PermissionDenied(
            f"Only the {relationship.mentee_label.lower()} writes the thank-you."
        )
    _require_stage(relationship, ACKNOWLEDGMENT_STAGES, "Writing a thank-you")
    text = _text(text, field="text", label="The thank-you", limit=2000)
    acknowledgment, created = Acknowledgment.objects.get_or_create(
        relationship=relationship, defaults={"text": text}
    )
    if not created and acknowledgment.text != text:
        acknowledgment.text = text
        acknowledgment.made_public_at = None
        acknowledgment.save(update_fields=["text", "made_public_at"])
    notify(
        recipient=relationship.mentor,
        kind="acknowledgment.written",
        title=f"{by.display_name} wrote you a thank-you",
        body="It appears on your profile once you agree.",
        url=_url(relationship, "redefinition/"),
        important=True,
    )
    return acknowledgment


@transaction.atomic
def acknowledgment_set_public(
    *, acknowledgment: Acknowledgment, by: User, public: bool
) -> Acknowledgment:
    """The mentor agrees (or stops agreeing) to show the thank-you on their profile."""
    if by.pk != acknowledgment.relationship.mentor_id:
        raise PermissionDenied("Only the person thanked decides whether it is public.")
    acknowledgment.made_public_at = (
        (acknowledgment.made_public_at or timezone.now()) if public else None
    )
    acknowledgment.save(update_fields=["made_public_at"])
    return acknowledgment
