"""Every write of self-service finding: requests and their answers, bookmarks, private
checklists, and a mentor's pause.

`request_transition` is the only code that changes a request's status. Locks are always taken in
the same order (enrollment rows in primary-key order, then request rows), so concurrent requests,
acceptances and withdrawals queue instead of deadlocking.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentora.finding.models import (
    CHOICE_QUESTIONS,
    FINDING_STATES,
    MESSAGE_MAX,
    REQUEST_TRANSITIONS,
    SELF_SERVICE_MODES,
    Bookmark,
    ChecklistAnswer,
    CloseReason,
    MentorConsideration,
    MentorRequest,
    RequestEvent,
    RequestMessage,
    RequestStatus,
)
from mentora.notifications.services import notify
from mentora.profiles.models import MentorOffer
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.relationships.selectors import live_relationship_count, mentor_capacity
from mentora.relationships.services import enrollments_lock_for_pairing, relationship_create

if TYPE_CHECKING:
    from mentora.accounts.models import User

NOTE_MAX = 5000
PAUSE_NOTE_MAX = 200
REMINDER_BEFORE = datetime.timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# Helpers


def _words(program: Program) -> tuple[str, str]:
    """The program's words for mentor and mentee, lower case (coach and coachee in coaching)."""
    return (
        program.role_label(Enrollment.Role.MENTOR).lower(),
        program.role_label(Enrollment.Role.MENTEE).lower(),
    )


def _text(value: str, *, field: str, label: str, required: bool, limit: int) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: f"{label} cannot be empty."})
    if len(value) > limit:
        raise ValidationError({field: f"{label} has at most {limit} characters, not {len(value)}."})
    return value


def _request_url(request: MentorRequest) -> str:
    return reverse("finding:request", args=[request.pk])


def _require_self_service(program: Program) -> None:
    if program.matching_mode not in SELF_SERVICE_MODES:
        raise ValidationError(
            f"{program} pairs people through its program managers; mentees do not choose here."
        )
    if program.state not in FINDING_STATES:
        raise ValidationError(
            f"{program} is {program.get_state_display().lower()}: it takes no requests now."
        )


def _offer(enrollment: Enrollment) -> MentorOffer | None:
    return MentorOffer.objects.filter(enrollment=enrollment).first()


# ---------------------------------------------------------------------------------------------
# The request lifecycle


def request_transition(
    *,
    request: MentorRequest,
    to_status: str,
    actor: User | None,
    close_reason: str,
    now: datetime.datetime | None = None,
) -> MentorRequest:
    """Move a (locked) request to another status, recording the event. The only status writer."""
    if to_status not in REQUEST_TRANSITIONS[request.status]:
        raise ValidationError(
            f"This request is already {RequestStatus(request.status).label.lower()}; "
            "it cannot change any more."
        )
    moment = now or timezone.now()
    from_status = request.status
    request.status = to_status
    request.close_reason = close_reason
    request.closed_at = moment
    fields = ["status", "close_reason", "closed_at"]
    if actor is not None and actor.pk == request.mentor_id and request.first_response_at is None:
        request.first_response_at = moment
        fields.append("first_response_at")
    request.save(update_fields=fields)
    RequestEvent.objects.create(
        request=request,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        close_reason=close_reason,
        created_at=moment,
    )
    return request


def _locked(request: MentorRequest) -> MentorRequest:
    return MentorRequest.objects.select_for_update().select_related("program").get(pk=request.pk)


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
    message = _text(
        message, field="message", label="Your message", required=True, limit=MESSAGE_MAX
    )
    mentor_word, mentee_word = _words(program)
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentor": f"You cannot be your own {mentor_word}."})
    mentor_enrollment, mentee_enrollment = enrollments_lock_for_pairing(
        program=program, mentor=mentor, mentee=mentee
    )
    if mentee_enrollment is None:
        raise PermissionDenied(f"Only enrolled {mentee_word}s of {program} can ask for a mentor.")
    if mentor_enrollment is None:
        raise ValidationError(
            {"mentor": f"{mentor.display_name} is not an enrolled {mentor_word} of {program}."}
        )
    offer = _offer(mentor_enrollment)
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


def _answer_for_full_mentor(
    *, program: Program, mentor: User, except_pk: int | None, now: datetime.datetime
) -> int:
    """Decline, kindly, every other pending request to a mentor who has no free place left."""
    mentor_word, _ = _words(program)
    pending = list(
        MentorRequest.objects.select_for_update()
        .filter(program=program, mentor=mentor, status=RequestStatus.PENDING)
        .exclude(pk=except_pk or 0)
        .select_related("mentee")
        .order_by("pk")
    )
    for other in pending:
        request_transition(
            request=other,
            to_status=RequestStatus.DECLINED,
            actor=None,
            close_reason=CloseReason.MENTOR_FULL,
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
        .select_related("mentor")
        .order_by("pk")
    )
    for other in pending:
        request_transition(
            request=other,
            to_status=RequestStatus.WITHDRAWN,
            actor=None,
            close_reason=CloseReason.MENTEE_AT_LIMIT,
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
    if by.pk != request.mentor_id:
        raise PermissionDenied("Only the mentor who was asked can accept.")
    program = request.program
    moment = now or timezone.now()
    mentor, mentee = request.mentor, request.mentee
    # Enrollments first, then the request: the same order as every other writer here.
    mentor_enrollment, _ = enrollments_lock_for_pairing(
        program=program, mentor=mentor, mentee=mentee
    )
    request = _locked(request)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(
            f"This request is already {RequestStatus(request.status).label.lower()}."
        )
    if mentor_enrollment is not None:
        capacity = mentor_capacity(enrollment=mentor_enrollment)
        if live_relationship_count(program=program, mentor=mentor) >= capacity:
            request_transition(
                request=request,
                to_status=RequestStatus.DECLINED,
                actor=None,
                close_reason=CloseReason.MENTOR_FULL,
                now=moment,
            )
            _answer_for_full_mentor(program=program, mentor=mentor, except_pk=None, now=moment)
            notify(
                recipient=mentee,
                kind="finding.declined",
                title=f"{mentor.display_name} has no free place any more",
                body="Their places filled up before they could accept; it says nothing about you.",
                url=_request_url(request),
            )
            return request
    if live_relationship_count(program=program, mentee=mentee) >= program.max_mentors_per_mentee:
        request_transition(
            request=request,
            to_status=RequestStatus.WITHDRAWN,
            actor=None,
            close_reason=CloseReason.MENTEE_AT_LIMIT,
            now=moment,
        )
        _withdraw_for_mentee_at_limit(program=program, mentee=mentee, except_pk=None, now=moment)
        return request
    relationship = relationship_create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        created_by=by,
        origin=Relationship.Origin.REQUEST,
    )
    request.relationship = relationship
    request.save(update_fields=["relationship"])
    request_transition(
        request=request,
        to_status=RequestStatus.ACCEPTED,
        actor=by,
        close_reason=CloseReason.ACCEPTED,
        now=moment,
    )
    if mentor_enrollment is not None and live_relationship_count(
        program=program, mentor=mentor
    ) >= mentor_capacity(enrollment=mentor_enrollment):
        _answer_for_full_mentor(program=program, mentor=mentor, except_pk=request.pk, now=moment)
    if live_relationship_count(program=program, mentee=mentee) >= program.max_mentors_per_mentee:
        _withdraw_for_mentee_at_limit(
            program=program, mentee=mentee, except_pk=request.pk, now=moment
        )
    return request


@transaction.atomic
def request_decline(
    *, request: MentorRequest, by: User, reason: str = "", now: datetime.datetime | None = None
) -> MentorRequest:
    """The mentor declines, with an optional reason; the mentee gets a kind message."""
    if by.pk != request.mentor_id:
        raise PermissionDenied("Only the mentor who was asked can decline.")
    reason = _text(reason, field="reason", label="The reason", required=False, limit=MESSAGE_MAX)
    request = _locked(request)
    request.decline_reason = reason
    request.save(update_fields=["decline_reason"])
    request_transition(
        request=request,
        to_status=RequestStatus.DECLINED,
        actor=by,
        close_reason=CloseReason.DECLINED,
        now=now,
    )
    mentor_word, _ = _words(request.program)
    notify(
        recipient=request.mentee,
        kind="finding.declined",
        title=f"{request.mentor.display_name} cannot be your {mentor_word} this time",
        body=(
            "Thank you for asking. A no is about fit and time, not about you: people who keep "
            f"asking find a {mentor_word}. Your recommendations list others who can help."
            + (f"\n\nTheir note: {reason}" if reason else "")
        ),
        url=_request_url(request),
        important=True,
    )
    return request


@transaction.atomic
def request_withdraw(
    *, request: MentorRequest, by: User, now: datetime.datetime | None = None
) -> MentorRequest:
    """The mentee withdraws their own open request; the mentor is told."""
    if by.pk != request.mentee_id:
        raise PermissionDenied("Only the mentee who asked can withdraw the request.")
    request = _locked(request)
    request_transition(
        request=request,
        to_status=RequestStatus.WITHDRAWN,
        actor=by,
        close_reason=CloseReason.WITHDRAWN,
        now=now,
    )
    notify(
        recipient=request.mentor,
        kind="finding.withdrawn",
        title=f"{request.mentee.display_name} withdrew their request",
        body="Nothing to do.",
        url=_request_url(request),
    )
    return request


@transaction.atomic
def request_message_add(
    *, request: MentorRequest, by: User, text: str, now: datetime.datetime | None = None
) -> RequestMessage:
    """A message on an open request: the mentor asks for more information, either side replies."""
    if by.pk not in (request.mentor_id, request.mentee_id):
        raise PermissionDenied("Only the two people of this request can write on it.")
    text = _text(text, field="text", label="The message", required=True, limit=MESSAGE_MAX)
    request = _locked(request)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(
            f"This request is {RequestStatus(request.status).label.lower()}; "
            "messages are for open requests."
        )
    moment = now or timezone.now()
    message = RequestMessage.objects.create(
        request=request, author=by, text=text, created_at=moment
    )
    if by.pk == request.mentor_id and request.first_response_at is None:
        request.first_response_at = moment
        request.save(update_fields=["first_response_at"])
    other = request.mentee if by.pk == request.mentor_id else request.mentor
    asking = by.pk == request.mentor_id
    notify(
        recipient=other,
        kind="finding.message",
        title=(
            f"{by.display_name} would like to know more before answering"
            if asking
            else f"{by.display_name} replied on their request"
        ),
        body=text[:500],
        url=_request_url(request) + "#messages",
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
            request = (
                MentorRequest.objects.select_for_update()
                .select_related("program", "mentor", "mentee")
                .get(pk=pk)
            )
            if request.status != RequestStatus.PENDING:
                continue
            request_transition(
                request=request,
                to_status=RequestStatus.EXPIRED,
                actor=None,
                close_reason=CloseReason.EXPIRED,
                now=moment,
            )
            mentor_word, _ = _words(request.program)
            notify(
                recipient=request.mentee,
                kind="finding.expired",
                title=f"Your request to {request.mentor.display_name} expired",
                body=(
                    f"They did not answer within {request.program.request_expiry_days} days; "
                    f"busy {mentor_word}s sometimes miss messages. You can ask someone else, "
                    "or ask them again."
                ),
                url=_request_url(request),
            )
            counts["expired"] += 1
    counts["resumed"] = mentors_resume_after_pause(today=timezone.localdate(moment))
    return counts


# ---------------------------------------------------------------------------------------------
# Bookmarks and the private checklist


@transaction.atomic
def bookmark_set(*, program: Program, mentee: User, mentor: User, on: bool) -> bool:
    """Keep (or forget) a mentor for later; returns whether the mentor is now bookmarked."""
    if not on:
        Bookmark.objects.filter(program=program, mentee=mentee, mentor=mentor).delete()
        return False
    Bookmark.objects.get_or_create(program=program, mentee=mentee, mentor=mentor)
    return True


@transaction.atomic
def consideration_update(
    *,
    program: Program,
    mentee: User,
    mentor: User,
    answers: dict[str, str],
    note: str,
) -> MentorConsideration:
    """Save a mentee's private checklist answers and note about one mentor."""
    known = {name for name, _ in CHOICE_QUESTIONS}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValidationError(
            {"answers": f"Unknown questions {', '.join(unknown)}; use {', '.join(sorted(known))}."}
        )
    for name, value in answers.items():
        if value not in ("", *ChecklistAnswer.values):
            raise ValidationError(
                {name: f"{value!r} is not an answer; use yes, not_sure, no or leave it empty."}
            )
    note = _text(note, field="note", label="The note", required=False, limit=NOTE_MAX)
    consideration, _ = MentorConsideration.objects.select_for_update().get_or_create(
        program=program, mentee=mentee, mentor=mentor
    )
    for name, value in answers.items():
        setattr(consideration, name, value)
    consideration.note = note
    consideration.updated_at = timezone.now()
    consideration.save()
    return consideration


# ---------------------------------------------------------------------------------------------
# A mentor's pause


def _mentor_offer_locked(*, program: Program, mentor: User) -> MentorOffer:
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(
            program=program,
            user=mentor,
            role=Enrollment.Role.MENTOR,
            status=Enrollment.Status.ACTIVE,
        )
        .first()
    )
    if enrollment is None:
        mentor_word, _ = _words(program)
        raise PermissionDenied(f"Only enrolled {mentor_word}s of {program} can pause.")
    offer, _ = MentorOffer.objects.select_for_update().get_or_create(
        enrollment=enrollment, defaults={"capacity": program.default_mentor_capacity}
    )
    return offer


@transaction.atomic
def mentor_pause(
    *,
    program: Program,
    mentor: User,
    until: datetime.date | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> MentorOffer:
    """A mentor takes a break: out of recommendations and match runs until they resume.

    Requests already waiting stay answerable. With `until`, the daily job resumes them after it.
    """
    moment = now or timezone.now()
    note = _text(note, field="note", label="The note", required=False, limit=PAUSE_NOTE_MAX)
    if until is not None and until < timezone.localdate(moment):
        raise ValidationError({"until": f"{until:%d %B %Y} is in the past; choose a later day."})
    offer = _mentor_offer_locked(program=program, mentor=mentor)
    offer.paused_at = offer.paused_at or moment
    offer.paused_until = until
    offer.pause_note = note
    offer.save(update_fields=["paused_at", "paused_until", "pause_note"])
    return offer


@transaction.atomic
def mentor_resume(*, program: Program, mentor: User) -> MentorOffer:
    """A mentor is available again: back in recommendations and match runs."""
    offer = _mentor_offer_locked(program=program, mentor=mentor)
    offer.paused_at = None
    offer.paused_until = None
    offer.pause_note = ""
    offer.save(update_fields=["paused_at", "paused_until", "pause_note"])
    return offer


def mentors_resume_after_pause(*, today: datetime.date) -> int:
    """Resume every mentor whose pause ended before today; returns how many."""
    ended = MentorOffer.objects.filter(paused_at__isnull=False, paused_until__lt=today)
    return ended.update(paused_at=None, paused_until=None, pause_note="")
