"""The mentor request lifecycle: one table of moves (`REQUEST_LIFECYCLE`) and its one writer.

A request waits (pending) until the mentor accepts or declines it, the mentee withdraws it, or
its time runs out. Mentora answers some requests itself: it declines, kindly, the other requests
of a mentor who has no free place left, and withdraws the other requests of a mentee who has all
the mentors the program allows. Every move goes through `request_move`, which locks the row,
checks the table and records one `RequestEvent`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentora.finding.access import MENTEE, MENTOR, request_roles
from mentora.finding.models import MentorRequest, RequestEvent, RequestStatus
from mentora.lib.forms import error_text
from mentora.lib.lifecycle import SYSTEM, Attempt, Guard, Lifecycle, Move
from mentora.programs.models import Enrollment, Program
from mentora.relationships.selectors import live_relationship_count, mentor_capacity

if TYPE_CHECKING:
    from mentora.accounts.models import User


def mentor_is_full(request: MentorRequest) -> bool:
    """Whether the asked mentor has no free place left in the request's program.

    A mentor no longer enrolled is not "full": pairing them fails with its own reason.
    """
    enrollment = (
        Enrollment.objects.select_related("mentor_offer", "program")
        .filter(
            program_id=request.program_id,
            user_id=request.mentor_id,
            role=Enrollment.Role.MENTOR,
            status=Enrollment.Status.ACTIVE,
        )
        .first()
    )
    if enrollment is None:
        return False
    taken = live_relationship_count(program_id=request.program_id, mentor_id=request.mentor_id)
    return taken >= mentor_capacity(enrollment=enrollment)


def mentee_at_limit(request: MentorRequest) -> bool:
    """Whether the mentee already has all the mentors the request's program allows."""
    taken = live_relationship_count(program_id=request.program_id, mentee_id=request.mentee_id)
    return taken >= request.program.max_mentors_per_mentee


def _program_open(attempt: Attempt[MentorRequest]) -> bool:
    return attempt.obj.program.state != Program.State.CLOSED


def _mentor_has_room(attempt: Attempt[MentorRequest]) -> bool:
    return not mentor_is_full(attempt.obj)


def _mentee_below_limit(attempt: Attempt[MentorRequest]) -> bool:
    return not mentee_at_limit(attempt.obj)


def _mentor_or_full(attempt: Attempt[MentorRequest]) -> bool:
    return MENTOR in attempt.roles or mentor_is_full(attempt.obj)


def _mentee_or_at_limit(attempt: Attempt[MentorRequest]) -> bool:
    return MENTEE in attempt.roles or mentee_at_limit(attempt.obj)


def _time_is_up(attempt: Attempt[MentorRequest]) -> bool:
    return attempt.now >= attempt.obj.expires_at


PROGRAM_OPEN: Guard[MentorRequest] = Guard(
    _program_open, "This program is closed: it takes no new relationships."
)
MENTOR_HAS_ROOM: Guard[MentorRequest] = Guard(
    _mentor_has_room, "The mentor has no free place at the moment."
)
MENTEE_BELOW_LIMIT: Guard[MentorRequest] = Guard(
    _mentee_below_limit, "The mentee already has all the mentors the program allows."
)
MENTOR_OR_FULL: Guard[MentorRequest] = Guard(
    _mentor_or_full, "Mentora declines a request only when the mentor has no free place left."
)
MENTEE_OR_AT_LIMIT: Guard[MentorRequest] = Guard(
    _mentee_or_at_limit,
    "Mentora withdraws a request only when the mentee has all the mentors allowed.",
)
TIME_IS_UP: Guard[MentorRequest] = Guard(_time_is_up, "This request has not expired yet.")

REQUEST_LIFECYCLE: Lifecycle[MentorRequest] = Lifecycle(
    noun="request",
    labels=dict(RequestStatus.choices),
    state_of=lambda request: request.status,
    final=[
        RequestStatus.ACCEPTED,
        RequestStatus.DECLINED,
        RequestStatus.WITHDRAWN,
        RequestStatus.EXPIRED,
    ],
    moves=[
        Move(
            RequestStatus.PENDING,
            RequestStatus.ACCEPTED,
            by=frozenset({MENTOR}),
            guards=(PROGRAM_OPEN, MENTOR_HAS_ROOM, MENTEE_BELOW_LIMIT),
            action="request_accept",
            refusal="Only the mentor who was asked can accept.",
        ),
        Move(
            RequestStatus.PENDING,
            RequestStatus.DECLINED,
            by=frozenset({MENTOR, SYSTEM}),
            guards=(MENTOR_OR_FULL,),
            action="request_decline",
            refusal="Only the mentor who was asked can decline.",
        ),
        Move(
            RequestStatus.PENDING,
            RequestStatus.WITHDRAWN,
            by=frozenset({MENTEE, SYSTEM}),
            guards=(MENTEE_OR_AT_LIMIT,),
            action="request_withdraw",
            refusal="Only the mentee who asked can withdraw the request.",
        ),
        Move(
            RequestStatus.PENDING,
            RequestStatus.EXPIRED,
            by=frozenset({SYSTEM}),
            guards=(TIME_IS_UP,),
            action="requests_expire",
        ),
    ],
)


def answers_for(request: MentorRequest, *, roles: frozenset[str]) -> dict[str, bool]:
    """Which answers (accept, decline, withdraw) these roles may give the request now."""
    return {
        answer: bool(REQUEST_LIFECYCLE.available(request, roles=roles, action=f"request_{answer}"))
        for answer in ("accept", "decline", "withdraw")
    }


def accept_refusal(request: MentorRequest, *, roles: frozenset[str]) -> str:
    """Why the mentor may not accept the open request now ("" when they may, or are not its
    mentor)."""
    if MENTOR not in roles or request.status != RequestStatus.PENDING:
        return ""
    try:
        REQUEST_LIFECYCLE.check(
            request, target=RequestStatus.ACCEPTED, roles=roles, action="request_accept"
        )
    except ValidationError as refused:
        return error_text(refused)
    return ""


def request_move(
    *,
    request_id: int,
    target: str,
    action: str,
    close_reason: str,
    actor: User | None,
    now: datetime.datetime | None = None,
    decline_reason: str | None = None,
) -> MentorRequest:
    """Move a request to `target`: the only writer of its status, with one event row.

    Locks the request's row and re-reads it, computes the actor's roles (None: Mentora, the
    system), checks `REQUEST_LIFECYCLE` and closes the request with `close_reason`. The mentor's
    own answer also records their first response (their response time). Raises ValidationError or
    PermissionDenied and changes nothing when the move may not happen.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        locked = (
            MentorRequest.objects.select_for_update(of=("self",))
            .select_related("program", "mentor", "mentee")
            .get(pk=request_id)
        )
        roles = request_roles(request=locked, user=actor)
        REQUEST_LIFECYCLE.check(locked, target=target, roles=roles, action=action, now=moment)
        source = locked.status
        locked.status = target
        locked.close_reason = close_reason
        locked.closed_at = moment
        fields = ["status", "close_reason", "closed_at"]
        if decline_reason is not None:
            locked.decline_reason = decline_reason
            fields.append("decline_reason")
        if MENTOR in roles and locked.first_response_at is None:
            locked.first_response_at = moment
            fields.append("first_response_at")
        locked.save(update_fields=fields)
        RequestEvent.objects.create(
            request=locked,
            actor=actor,
            from_status=source,
            to_status=target,
            close_reason=close_reason,
            created_at=moment,
        )
    return locked
