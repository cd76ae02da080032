"""Meetings: schedule, reschedule, cancel and record them, each person's private note, and the
calendar invitations both people get by email."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentora.notifications.services import notify
from mentora.relationships.access import require_relationship
from mentora.relationships.ics import meeting_ics
from mentora.relationships.models import Meeting, PrivateNote, Relationship
from mentora.relationships.services.common import (
    WORKING_STAGES,
    line_of,
    lock,
    require_stage,
    text_of,
    touch,
)
from mentora.relationships.times import local_text

if TYPE_CHECKING:
    from mentora.accounts.models import User

logger = logging.getLogger(__name__)


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
    return line_of(Meeting, "location", location, label="The location", required=False)


def _meeting_url(meeting: Meeting) -> str:
    return reverse("relationships:meeting", args=[meeting.relationship_id, meeting.pk])


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
    locked = lock(relationship)
    require_relationship(relationship=locked, user=by, to="work")
    require_stage(locked, WORKING_STAGES, "Scheduling a meeting")
    location = _clean_meeting(starts_at, duration_minutes, location)
    if starts_at < timezone.now() - datetime.timedelta(days=365):
        raise ValidationError({"starts_at": "That date is more than a year ago."})
    meeting = Meeting.objects.create(
        relationship=locked,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        agenda=text_of(Meeting, "agenda", agenda, label="The agenda", required=False),
        created_by=by,
    )
    touch(locked)
    other = locked.other_party(by)
    notify(
        recipient=other,
        kind="meeting.scheduled",
        title=f"{by.display_name} scheduled a meeting for {local_text(starts_at, user=other)}",
        url=_meeting_url(meeting),
    )
    _send_meeting_emails(
        meeting,
        subject=f"Meeting with {locked.mentor.display_name} and {locked.mentee.display_name}",
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
    relationship = lock(meeting.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
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
    touch(relationship)
    other = relationship.other_party(by)
    notify(
        recipient=other,
        kind="meeting.rescheduled",
        title=f"{by.display_name} moved your meeting to {local_text(starts_at, user=other)}",
        url=_meeting_url(meeting),
        important=True,
    )
    _send_meeting_emails(meeting, subject="Meeting moved")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User) -> Meeting:
    """Cancel a meeting: both get a METHOD:CANCEL invitation for the same UID."""
    relationship = lock(meeting.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
    meeting = Meeting.objects.select_for_update().select_related("relationship").get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    touch(relationship)
    other = relationship.other_party(by)
    notify(
        recipient=other,
        kind="meeting.cancelled",
        title=f"{by.display_name} cancelled the meeting of "
        f"{local_text(meeting.starts_at, user=other)}",
        url=_meeting_url(meeting),
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
    relationship = lock(meeting.relationship)
    require_relationship(relationship=relationship, user=by, to="work")
    if shared_notes is not None:
        meeting.shared_notes = text_of(
            Meeting, "shared_notes", shared_notes, label="Shared notes", required=False
        )
    if agenda is not None:
        meeting.agenda = text_of(Meeting, "agenda", agenda, label="The agenda", required=False)
    meeting.mentor_attended = mentor_attended
    meeting.mentee_attended = mentee_attended
    meeting.updated_at = timezone.now()
    meeting.save()
    touch(relationship)
    return meeting


@transaction.atomic
def private_note_save(*, meeting: Meeting, author: User, text: str) -> PrivateNote | None:
    """Write the author's own private note on a meeting (empty text deletes it).

    Nobody can write (or read) another person's note: the note written is always the author's.
    """
    relationship = lock(meeting.relationship)
    require_relationship(relationship=relationship, user=author, to="work")
    text = text_of(PrivateNote, "text", text, label="The note", required=False)
    if not text:
        PrivateNote.objects.filter(meeting=meeting, author=author).delete()
        return None
    note, _ = PrivateNote.objects.update_or_create(
        meeting=meeting, author=author, defaults={"text": text, "updated_at": timezone.now()}
    )
    touch(relationship)
    return note
