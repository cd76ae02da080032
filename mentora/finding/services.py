"""The writes of requests: asking a mentor, the answers, messages, and the daily expiry.

Every status change goes through `mentora.finding.lifecycle.request_move`; who may act comes
from `mentora.finding.access`. Locks are always taken in the same order (enrollment rows in
primary-key order, then request rows), so concurrent requests, acceptances and withdrawals queue
instead of deadlocking. Bookmarks and the private checklist are in `choosing.py`; a mentor's
pause in `pauses.py`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentora.finding.access import (
    MENTOR,
    MENTOR_PAGE,
    REQUEST,
    finding_roles,
    lets_mentees_choose,
    request_roles,
)
from mentora.finding.lifecycle import mentee_at_limit, mentor_is_full, request_move
from mentora.finding.models import (
    MESSAGE_MAX,
    CloseReason,
    MentorRequest,
    RequestEvent,
    RequestMessage,
    RequestStatus,
)
from mentora.finding.pauses import mentors_resume_after_pause
from mentora.lib.text import clean_text
from mentora.lib.wording import MENTEE as MENTEE_WORD
from mentora.lib.wording import MENTOR as MENTOR_WORD
from mentora.lib.wording import role_word
from mentora.notifications.services import notify
from mentora.profiles.models import MentorOffer
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.relationships.selectors import live_relationship_count, mentor_capacity
from mentora.relationships.services import enrollments_lock_for_pairing, relationship_create

if TYPE_CHECKING:
    from mentora.accounts.models import User

REMINDER_BEFORE = datetime.timedelta(days=1)


def _words(program: Program) -> tuple[str, str]:
    """The program's words for mentor and mentee, lower case (coach and coachee in coaching)."""
    return (
        role_word(MENTOR_WORD, coaching=program.is_coaching, capital=False),
        role_word(MENTEE_WORD, coaching=program.is_coaching, capital=False),
    )


def _request_url(request: MentorRequest) -> str:
    return reverse("finding:request", args=[request.pk])


def _require_self_service(program: Program) -> None:
    if lets_mentees_choose(program):
        return
    if program.matching_mode == Program.MatchingMode.MANAGER:
        raise ValidationError(
            f"{program} pairs people through its program managers; mentees do not choose here."
        )
    raise ValidationError(
        f"{program} is {program.get_state_display().lower()}: it takes no requests now."
    )


def _open(request: MentorRequest) -> MentorRequest:
    """The request, locked, refused unless it is still waiting for an answer."""
    locked = (
        MentorRequest.objects.select_for_update(of=("self",))
        .select_related("program", "mentor", "mentee")
        .get(pk=request.pk)
    )
    if locked.status != RequestStatus.PENDING:
        raise ValidationError(
            f"This request is already {RequestStatus(locked.status).label.lower()}."
        )
    return locked


@transaction.atomic
def request_create(
    *,
    program: Program,
    mentee: User,
    mentor: User,
    message: str,
    now: datetime.datetime | None = None,
) -> MentorRequest:
    """A mentee asks a mentor of the same program, within the program's cap on open requests."""
    _require_self_service(program)
    message = clean_text(
        message, field="message", label="Your message", required=True, limit=MESSAGE_MAX
    )
    mentor_word, _ = _words(program)
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentor": f"You cannot be your own {mentor_word}."})
    mentor_enrollment, _ = enrollments_lock_for_pairing(
        program=program, mentor=mentor, mentee=mentee
    )
    MENTOR_PAGE.require(finding_roles(program=program, user=mentee), "request")
    if mentor_enrollment is None:
        raise ValidationError(
            {"mentor": f"{mentor.display_name} is not an enrolled {mentor_word} of {program}."}
        )
    offer: MentorOffer | None = getattr(mentor_enrollment, "mentor_offer", None)
    if offer is not None and offer.is_paused:
        until = f" until {offer.paused_until:%d %B %Y}" if offer.paused_until else ""
        raise ValidationError(
            {"mentor": f"{mentor.display_name} is taking a break from mentoring{until}."}
        )
    if MentorRequest.objects.filter(
        program=program, mentor=mentor, mentee=mentee, status=RequestStatus.PENDING
    ).exists():
        raise ValidationError(
            {"mentor": f"You have already asked {mentor.display_name}; wait for their answer."}
        )
    if live_relationship_count(program=program, mentor=mentor, mentee=mentee):
        raise ValidationError({"mentor": f"{mentor.display_name} is already your {mentor_word}."})
    if live_relationship_count(program=program, mentor=mentor) >= mentor_capacity(
        enrollment=mentor_enrollment
    ):
        raise ValidationError({"mentor": f"{mentor.display_name} has no free place at the moment."})
    limit = program.max_mentors_per_mentee
    if live_relationship_count(program=program, mentee=mentee) >= limit:
        raise ValidationError(
            f"You already have {limit} {mentor_word}{'' if limit == 1 else 's'}, "
            "the most this program allows."
        )
    cap = program.max_open_requests
    open_count = MentorRequest.objects.filter(
        program=program, mentee=mentee, status=RequestStatus.PENDING
    ).count()
    if open_count >= cap:
        raise ValidationError(
            f"You have {open_count} open request{'' if open_count == 1 else 's'}, the most "
            f"{program} allows at once ({cap}). Wait for an answer or withdraw one first."
        )
    if program.same_organisation_only:
        mentor_org = getattr(getattr(mentor, "profile", None), "organisation", "")
        mentee_org = getattr(getattr(mentee, "profile", None), "organisation", "")
        if mentor_org.strip().casefold() != mentee_org.strip().casefold():
            raise ValidationError(
                {"mentor": f"{program} pairs people of the same organisation only."}
            )
    moment = now or timezone.now()
    request = MentorRequest.objects.create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        message=message,
        created_at=moment,
        expires_at=moment + datetime.timedelta(days=program.request_expiry_days),
    )
    RequestEvent.objects.create(
        request=request, actor=mentee, to_status=RequestStatus.PENDING, created_at=moment
    )
    notify(
        recipient=mentor,
        kind="finding.request",
        title=f"{mentee.display_name} would like you as their {mentor_word}",
        body=(
            f"Read their goals and answer within {program.request_expiry_days} days: accept, "
            "decline, or ask them for more information."
        ),
        url=_request_url(request),
        important=True,
    )
    return request


# ---------------------------------------------------------------------------------------------
# Answers Mentora gives itself


def _answer_for_full_mentor(
    *, program: Program, mentor: User, except_pk: int | None, now: datetime.datetime
) -> int:
    """Decline, kindly, every other pending request to a mentor who has no free place left."""
    mentor_word, _ = _words(program)
    pending = list(
        MentorRequest.objects.select_for_update()
        .filter(program=program, mentor=mentor, status=RequestStatus.PENDING)
        .exclude(pk=except_pk or 0)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in pending:
        other = request_move(
            request_id=pk,
            target=RequestStatus.DECLINED,
            action="request_decline",
            close_reason=CloseReason.MENTOR_FULL,
            actor=None,
            now=now,
        )
        notify(
            recipient=other.mentee,
            kind="finding.declined",
            title=f"{mentor.display_name} has no free place any more",
            body=(
                f"Their places filled up before they could answer you; this says nothing about "
                f"you. Other {mentor_word}s are waiting to hear from you."
            ),
            url=_request_url(other),
        )
    return len(pending)


def _withdraw_for_mentee_at_limit(
    *, program: Program, mentee: User, except_pk: int | None, now: datetime.datetime
) -> int:
    """Withdraw a mentee's other pending requests once they have all the mentors allowed."""
    _, mentee_word = _words(program)
    pending = list(
        MentorRequest.objects.select_for_update()
        .filter(program=program, mentee=mentee, status=RequestStatus.PENDING)
        .exclude(pk=except_pk or 0)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in pending:
        other = request_move(
            request_id=pk,
            target=RequestStatus.WITHDRAWN,
            action="request_withdraw",
            close_reason=CloseReason.MENTEE_AT_LIMIT,
            actor=None,
            now=now,
        )
        notify(
            recipient=other.mentor,
            kind="finding.withdrawn",
            title=f"{mentee.display_name}'s request was withdrawn",
            body=f"This {mentee_word} has found the mentoring they asked for; nothing to do.",
            url=_request_url(other),
        )
    return len(pending)


# ---------------------------------------------------------------------------------------------
# The mentor's and the mentee's answers


@transaction.atomic
def request_accept(
    *, request: MentorRequest, by: User, now: datetime.datetime | None = None
) -> MentorRequest:
    """The mentor accepts: the relationship starts, within capacity, atomically.

    When the mentor has no free place left (someone else took it a moment ago), the request is
    declined for them as full and returned with that status: check `request.status`. After an
    acceptance that fills the mentor, their other pending requests are declined as full; when the
    mentee then has all the mentors the program allows, their other requests are withdrawn.
    """
    REQUEST.require(request_roles(request=request, user=by), "accept")
    program = request.program
    moment = now or timezone.now()
    mentor, mentee = request.mentor, request.mentee
    # Enrollments first, then the request: the same order as every other writer here.
    enrollments_lock_for_pairing(program=program, mentor=mentor, mentee=mentee)
    locked = _open(request)
    if mentor_is_full(locked):
        declined = request_move(
            request_id=locked.pk,
            target=RequestStatus.DECLINED,
            action="request_decline",
            close_reason=CloseReason.MENTOR_FULL,
            actor=None,
            now=moment,
        )
        _answer_for_full_mentor(program=program, mentor=mentor, except_pk=None, now=moment)
        notify(
            recipient=mentee,
            kind="finding.declined",
            title=f"{mentor.display_name} has no free place any more",
            body="Their places filled up before they could accept; it says nothing about you.",
            url=_request_url(declined),
        )
        return declined
    if mentee_at_limit(locked):
        withdrawn = request_move(
            request_id=locked.pk,
            target=RequestStatus.WITHDRAWN,
            action="request_withdraw",
            close_reason=CloseReason.MENTEE_AT_LIMIT,
            actor=None,
            now=moment,
        )
        _withdraw_for_mentee_at_limit(program=program, mentee=mentee, except_pk=None, now=moment)
        return withdrawn
    accepted = request_move(
        request_id=locked.pk,
        target=RequestStatus.ACCEPTED,
        action="request_accept",
        close_reason=CloseReason.ACCEPTED,
        actor=by,
        now=moment,
    )
    accepted.relationship = relationship_create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        created_by=by,
        origin=Relationship.Origin.REQUEST,
    )
    accepted.save(update_fields=["relationship"])
    if mentor_is_full(accepted):
        _answer_for_full_mentor(program=program, mentor=mentor, except_pk=accepted.pk, now=moment)
    if mentee_at_limit(accepted):
        _withdraw_for_mentee_at_limit(
            program=program, mentee=mentee, except_pk=accepted.pk, now=moment
        )
    return accepted


@transaction.atomic
def request_decline(
    *, request: MentorRequest, by: User, reason: str = "", now: datetime.datetime | None = None
) -> MentorRequest:
    """The mentor declines, with an optional reason; the mentee gets a kind message."""
    REQUEST.require(request_roles(request=request, user=by), "decline")
    reason = clean_text(
        reason, field="reason", label="The reason", required=False, limit=MESSAGE_MAX
    )
    locked = _open(request)
    declined = request_move(
        request_id=locked.pk,
        target=RequestStatus.DECLINED,
        action="request_decline",
        close_reason=CloseReason.DECLINED,
        actor=by,
        now=now,
        decline_reason=reason,
    )
    mentor_word, _ = _words(declined.program)
    notify(
        recipient=declined.mentee,
        kind="finding.declined",
        title=f"{declined.mentor.display_name} cannot be your {mentor_word} this time",
        body=(
            "Thank you for asking. A no is about fit and time, not about you: people who keep "
            f"asking find a {mentor_word}. Your recommendations list others who can help."
            + (f"\n\nTheir note: {reason}" if reason else "")
        ),
        url=_request_url(declined),
        important=True,
    )
    return declined


@transaction.atomic
def request_withdraw(
    *, request: MentorRequest, by: User, now: datetime.datetime | None = None
) -> MentorRequest:
    """The mentee withdraws their own open request; the mentor is told."""
    REQUEST.require(request_roles(request=request, user=by), "withdraw")
    locked = _open(request)
    withdrawn = request_move(
        request_id=locked.pk,
        target=RequestStatus.WITHDRAWN,
        action="request_withdraw",
        close_reason=CloseReason.WITHDRAWN,
        actor=by,
        now=now,
    )
    notify(
        recipient=withdrawn.mentor,
        kind="finding.withdrawn",
        title=f"{withdrawn.mentee.display_name} withdrew their request",
        body="Nothing to do.",
        url=_request_url(withdrawn),
    )
    return withdrawn


@transaction.atomic
def request_message_add(
    *, request: MentorRequest, by: User, text: str, now: datetime.datetime | None = None
) -> RequestMessage:
    """A message on an open request: the mentor asks for more information, either side replies."""
    roles = request_roles(request=request, user=by)
    REQUEST.require(roles, "message")
    text = clean_text(text, field="text", label="The message", required=True, limit=MESSAGE_MAX)
    locked = (
        MentorRequest.objects.select_for_update(of=("self",))
        .select_related("mentor", "mentee")
        .get(pk=request.pk)
    )
    if locked.status != RequestStatus.PENDING:
        raise ValidationError(
            f"This request is {RequestStatus(locked.status).label.lower()}; "
            "messages are for open requests."
        )
    moment = now or timezone.now()
    message = RequestMessage.objects.create(request=locked, author=by, text=text, created_at=moment)
    asking = MENTOR in roles
    if asking and locked.first_response_at is None:
        # A question is the mentor's first answer too: it counts for their response time.
        locked.first_response_at = moment
        locked.save(update_fields=["first_response_at"])
    notify(
        recipient=locked.mentee if asking else locked.mentor,
        kind="finding.message",
        title=(
            f"{by.display_name} would like to know more before answering"
            if asking
            else f"{by.display_name} replied on their request"
        ),
        body=text[:500],
        url=_request_url(locked) + "#messages",
        important=asking,
    )
    return message


# ---------------------------------------------------------------------------------------------
# Expiry and reminders (the daily job)


def requests_expire(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Remind mentors the day before a request expires, expire overdue ones, end past pauses.

    Idempotent: each reminder is recorded on the request by a conditional update, and an expired
    request is no longer pending, so running it twice sends nothing twice.
    """
    moment = now or timezone.now()
    counts = {"reminders": 0, "expired": 0, "resumed": 0}
    due = MentorRequest.objects.filter(
        status=RequestStatus.PENDING,
        reminder_sent_at__isnull=True,
        expires_at__gt=moment,
        expires_at__lte=moment + REMINDER_BEFORE,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            claimed = MentorRequest.objects.filter(
                pk=pk, status=RequestStatus.PENDING, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=moment)
            if not claimed:
                continue
            request = MentorRequest.objects.select_related("mentee", "mentor").get(pk=pk)
            notify(
                recipient=request.mentor,
                kind="finding.reminder",
                title=f"{request.mentee.display_name}'s request expires tomorrow",
                body="Accept, decline or ask for more information before it expires.",
                url=_request_url(request),
                important=True,
            )
            counts["reminders"] += 1
    overdue = MentorRequest.objects.filter(
        status=RequestStatus.PENDING, expires_at__lte=moment
    ).values_list("pk", flat=True)
    for pk in list(overdue):
        with transaction.atomic():
            still_open = MentorRequest.objects.filter(pk=pk, status=RequestStatus.PENDING)
            if not still_open.select_for_update().exists():
                continue
            expired = request_move(
                request_id=pk,
                target=RequestStatus.EXPIRED,
                action="requests_expire",
                close_reason=CloseReason.EXPIRED,
                actor=None,
                now=moment,
            )
            mentor_word, _ = _words(expired.program)
            notify(
                recipient=expired.mentee,
                kind="finding.expired",
                title=f"Your request to {expired.mentor.display_name} expired",
                body=(
                    f"They did not answer within {expired.program.request_expiry_days} days; "
                    f"busy {mentor_word}s sometimes miss messages. You can ask someone else, "
                    "or ask them again."
                ),
                url=_request_url(expired),
            )
            counts["expired"] += 1
    counts["resumed"] = mentors_resume_after_pause(today=timezone.localdate(moment))
    return counts
