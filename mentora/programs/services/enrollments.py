"""Enrollments: a person takes a place in a program (or a manager's import enrolls a member), and
managers or the person move it on. These functions are the enrollment lifecycle's one writer.

Every move locks the person's row first (then the enrollment's), so that two requests for the
same person, in one program or two, happen one after the other: the rule "one role unless the
program allows both" cannot be broken by asking twice at once. Every move records an
`EnrollmentEvent`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentora.accounts.models import User
from mentora.lib.lifecycle import SYSTEM
from mentora.lib.text import clean_text
from mentora.profiles.access import OWNER
from mentora.profiles.services import mentee_needs_save, mentor_offer_save
from mentora.programs.access import (
    ENROLLMENT_CAPABILITIES,
    enrollment_roles,
    require,
    with_staff,
)
from mentora.programs.lifecycle import ENROLLMENT_LIFECYCLE, LIVE, NOT_ENROLLED, SUBMIT
from mentora.programs.models import Answer, Enrollment, EnrollmentEvent, Program
from mentora.programs.services.invitations import invitations_accept_by_enrolling
from mentora.programs.services.questionnaire import answers_clean

NOTE_MAX = EnrollmentEvent._meta.get_field("note").max_length or 300


def _lock_person(user_id: int) -> None:
    # The one lock every enrollment move takes first, always in this order (person, then
    # enrollment), so concurrent moves of one person queue instead of racing or deadlocking.
    User.objects.select_for_update().only("pk").get(pk=user_id)


def _refuse_moves_not_in_the_table(enrollment: Enrollment, target: str) -> None:
    source = enrollment.status
    if ENROLLMENT_LIFECYCLE.move_between(source, target) is None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"An enrollment that is "
                f"{ENROLLMENT_LIFECYCLE.label(source).lower()!r} cannot become "
                f"{ENROLLMENT_LIFECYCLE.label(target).lower()!r}."
            }
        )


def _record(
    *, enrollment: Enrollment, source: str, actor: User | None, note: str = ""
) -> EnrollmentEvent:
    return EnrollmentEvent.objects.create(
        enrollment=enrollment,
        from_status=source,
        to_status=enrollment.status,
        actor=actor,
        note=note,
    )


@transaction.atomic
def enrollment_submit(
    *,
    program: Program,
    user: User,
    role: str,
    answers: Mapping[int, Any] | Mapping[str, Any],
    mentor_offer: Mapping[str, Any] | None = None,
    mentee_needs: Mapping[str, Any] | None = None,
    enrolled_by: User | None = None,
    require_answers: bool = True,
    note: str = "",
) -> Enrollment:
    """Enroll a person in a program in one role, with their side of the profile and answers.

    The person enrolls themselves (and so accepts any invitation to the program, becoming a
    member of its organisation), or a manager's import enrolls them (`enrolled_by`): only a
    member of the organisation, active at once. The person's profile must already exist (see
    `profiles.services.profile_update`). Their own enrollment is active at once, or pending
    when the program needs a manager's approval. `require_answers=False` (imports) leaves
    required questions for the person to answer later with `enrollment_answers_update`.
    """
    if role not in Enrollment.Role.values:
        raise ValidationError({"role": f"{role!r} is not a role; choose mentor or mentee."})
    actor = enrolled_by or user
    note = clean_text(note, field="note", label="The note", limit=NOTE_MAX, required=False)
    _lock_person(user.pk)
    program = Program.objects.select_related("organisation").get(pk=program.pk)
    enrollment = (
        Enrollment.objects.select_for_update().filter(program=program, user=user, role=role).first()
    ) or Enrollment(program=program, user=user, role=role, status=NOT_ENROLLED)
    enrollment.program = program
    enrollment.user = user
    if enrollment.status in LIVE:
        raise ValidationError(
            f"You are already enrolled as {program.role_label(role).lower()} in this program."
        )
    roles = enrollment_roles(enrollment=enrollment, user=actor)
    by_the_person = OWNER in roles and enrolled_by is None
    target = (
        Enrollment.Status.PENDING
        if program.requires_approval and by_the_person
        else Enrollment.Status.ACTIVE
    )
    _refuse_moves_not_in_the_table(enrollment, target)
    ENROLLMENT_LIFECYCLE.check(
        enrollment,
        target=target,
        roles=roles,
        action=SUBMIT,
        note=note,
        field_name=NON_FIELD_ERRORS,
    )
    cleaned_answers = answers_clean(
        program=program, role=role, answers=answers, require_answers=require_answers
    )
    source = enrollment.status
    now = timezone.now()
    enrollment.status = target
    enrollment.status_note = note
    enrollment.withdrawn_at = None
    enrollment.decided_at = None if by_the_person else now
    enrollment.decided_by = None if by_the_person else actor
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError:
        # Only possible if another writer skipped the person's lock: still a clear 400.
        raise ValidationError(
            f"You are already enrolled as {program.role_label(role).lower()} in this program."
        ) from None
    enrollment.answers.all().delete()
    Answer.objects.bulk_create(
        [
            Answer(enrollment=enrollment, question_id=qid, value=v)
            for qid, v in cleaned_answers.items()
        ]
    )
    if role == Enrollment.Role.MENTOR:
        mentor_offer_save(enrollment=enrollment, data=mentor_offer or {})
    else:
        mentee_needs_save(enrollment=enrollment, data=mentee_needs or {})
    _record(enrollment=enrollment, source=source, actor=actor, note=note)
    if by_the_person:
        invitations_accept_by_enrolling(user=user, program=program)
    return enrollment


@transaction.atomic
def enrollment_answers_update(
    *, enrollment: Enrollment, by: User, answers: Mapping[int, Any] | Mapping[str, Any]
) -> Enrollment:
    """Replace a person's questionnaire answers in one of their enrollments (theirs alone)."""
    require(
        ENROLLMENT_CAPABILITIES,
        roles=enrollment_roles(enrollment=enrollment, user=by),
        to="answer",
    )
    locked = Enrollment.objects.select_for_update().select_related("program").get(pk=enrollment.pk)
    if locked.status not in LIVE:
        raise ValidationError(
            f"This enrollment is {locked.get_status_display().lower()}: its answers are closed."
        )
    cleaned = answers_clean(program=locked.program, role=locked.role, answers=answers)
    locked.answers.all().delete()
    Answer.objects.bulk_create(
        [Answer(enrollment=locked, question_id=qid, value=v) for qid, v in cleaned.items()]
    )
    return locked


def _enrollment_move(
    *, enrollment: Enrollment, to_status: str, actor: User | None, capability: str, note: str = ""
) -> Enrollment:
    """The writer of every move after the first: lock, check the table, change, record."""
    _lock_person(enrollment.user_id)
    locked = (
        Enrollment.objects.select_for_update()
        .select_related("program", "program__organisation", "user")
        .get(pk=enrollment.pk)
    )
    roles = (
        with_staff(enrollment_roles(enrollment=locked, user=actor), actor)
        if actor is not None
        else frozenset({SYSTEM})
    )
    if actor is not None:
        require(ENROLLMENT_CAPABILITIES, roles=roles, to=capability)
    note = clean_text(note, field="note", label="The note", limit=NOTE_MAX, required=False)
    _refuse_moves_not_in_the_table(locked, to_status)
    ENROLLMENT_LIFECYCLE.check(
        locked, target=to_status, roles=roles, note=note, field_name=NON_FIELD_ERRORS
    )
    source = locked.status
    now = timezone.now()
    locked.status = to_status
    locked.status_note = note
    if to_status == Enrollment.Status.WITHDRAWN:
        locked.withdrawn_at = now
    else:
        locked.decided_at = now
        locked.decided_by = actor
    locked.save()
    _record(enrollment=locked, source=source, actor=actor, note=note)
    enrollment.status = locked.status
    return locked


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, approved_by: User) -> Enrollment:
    """A manager accepts a pending enrollment."""
    return _enrollment_move(
        enrollment=enrollment,
        to_status=Enrollment.Status.ACTIVE,
        actor=approved_by,
        capability="decide",
    )


@transaction.atomic
def enrollment_decline(*, enrollment: Enrollment, declined_by: User, note: str = "") -> Enrollment:
    """A manager turns down a pending enrollment."""
    return _enrollment_move(
        enrollment=enrollment,
        to_status=Enrollment.Status.DECLINED,
        actor=declined_by,
        capability="decide",
        note=note,
    )


@transaction.atomic
def enrollment_withdraw(
    *, enrollment: Enrollment, withdrawn_by: User, note: str = ""
) -> Enrollment:
    """The person themselves, or a manager, withdraws an enrollment."""
    return _enrollment_move(
        enrollment=enrollment,
        to_status=Enrollment.Status.WITHDRAWN,
        actor=withdrawn_by,
        capability="withdraw",
        note=note,
    )


def enrollment_moves_available(*, enrollment: Enrollment, user: User) -> list[str]:
    """The statuses this person may move the enrollment to now (for buttons)."""
    roles = enrollment_roles(enrollment=enrollment, user=user)
    return [move.target for move in ENROLLMENT_LIFECYCLE.available(enrollment, roles=roles)]
