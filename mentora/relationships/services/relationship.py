"""The relationship itself: pairing two people, and its stage through `relationship_advance`, the
one writer of the stage (see lifecycle.py for the table it enforces)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentora.lib.lifecycle import SYSTEM
from mentora.notifications.services import notify
from mentora.programs.access import manages_program
from mentora.programs.models import Enrollment, Program
from mentora.relationships.access import relationship_roles
from mentora.relationships.lifecycle import LIFECYCLE, not_in_table, reason_required
from mentora.relationships.models import Agreement, Relationship, RelationshipEvent, Stage
from mentora.relationships.selectors import live_relationship_count, mentor_capacity
from mentora.relationships.services.common import (
    lock,
    relationship_url,
    stage_label,
    text_of,
)

if TYPE_CHECKING:
    from mentora.accounts.models import User


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
    if origin == Relationship.Origin.MANAGER_PAIR and not manages_program(
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
    url = relationship_url(relationship)
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
    *,
    relationship: Relationship,
    to_stage: str,
    by: User | None,
    note: str = "",
    action: str = "",
) -> Relationship:
    """Move a relationship to another stage: the one writer of the stage, recording the event.

    `by` is one of the two people or a manager of the program (None for a job, which acts as
    the system). The move must be in the lifecycle table for the actor's roles; a gated move
    (cultivation, separation, redefinition) happens only with its `action`, passed by the
    service that makes it, and only when its guards hold on the locked relationship. Ending
    needs a reason in `note`. Raises ValidationError (on `to_stage` or `note`) or
    PermissionDenied.
    """
    locked = lock(relationship)
    roles = frozenset({SYSTEM}) if by is None else relationship_roles(relationship=locked, user=by)
    if not roles:
        raise PermissionDenied(
            "Only the two people or the program's managers can change the stage."
        )
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": f"Unknown stage {to_stage!r}."})
    if LIFECYCLE.move_between(locked.stage, to_stage) is None:
        raise ValidationError({"to_stage": not_in_table(locked.stage, to_stage)})
    note = text_of(RelationshipEvent, "note", note, label="The note", required=False)
    move = LIFECYCLE.check(
        locked, target=to_stage, roles=roles, action=action, note=note, field_name="to_stage"
    )
    if reason_required(move) and not note:
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
            title=f"Your relationship with {locked.other_party(person).display_name} "
            f"is now in {stage_label(to_stage).lower()}",
            body=f"Changed by {who}." + (f" {note}" if note else ""),
            url=relationship_url(locked),
            important=to_stage == Stage.ENDED,
        )
    relationship.refresh_from_db()
    return locked


@transaction.atomic
def relationship_accept(*, relationship: Relationship, by: User) -> Relationship:
    """The mentor accepts a relationship waiting for them: it enters initiation."""
    if lock(relationship).stage != Stage.PENDING_ACCEPTANCE:
        raise ValidationError("This relationship is not waiting to be accepted.")
    return relationship_advance(
        relationship=relationship, to_stage=Stage.INITIATION, by=by, note="Accepted"
    )


def relationship_end(*, relationship: Relationship, by: User | None, reason: str) -> Relationship:
    """End a relationship early, with a reason, by either person, a manager or a job (None)."""
    return relationship_advance(relationship=relationship, to_stage=Stage.ENDED, by=by, note=reason)
