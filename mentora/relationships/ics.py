"""iCalendar (RFC 5545) text for a meeting, written by hand: one VEVENT, stable UID, SEQUENCE."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

if TYPE_CHECKING:
    from mentora.relationships.models import Meeting

PRODID = "-//Mentora//Relationships//EN"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line to at most 75 octets per physical line (RFC 5545 §3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for character in line:
        octets = character.encode("utf-8")
        if len(current) + len(octets) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += octets
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _param(value: str) -> str:
    """A quoted parameter value may hold neither a double quote nor a control character."""
    return "".join(c for c in value.replace('"', "'") if ord(c) >= 32)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_uid(meeting: Meeting) -> str:
    """The same UID for the life of the meeting, so reschedules and cancels update one event."""
    return f"meeting-{meeting.uid}@mentora"


def meeting_ics(meeting: Meeting, *, now: datetime.datetime | None = None) -> str:
    """The meeting as an iCalendar object: METHOD:REQUEST, or METHOD:CANCEL once cancelled."""
    relationship = meeting.relationship
    cancelled = meeting.is_cancelled
    mentor, mentee = relationship.mentor, relationship.mentee
    summary = (
        f"{relationship.mentor_label} meeting: {mentor.display_name} and {mentee.display_name}"
    )
    url = settings.SITE_URL.rstrip("/") + f"/relationships/{relationship.pk}/meetings/{meeting.pk}/"
    description = (meeting.agenda or "").strip()
    description = f"{description}\n\n{url}" if description else url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'REQUEST'}",
        "BEGIN:VEVENT",
        f"UID:{meeting_uid(meeting)}",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SEQUENCE:{meeting.sequence}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
    ]
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    lines.append(f"URL:{url}")
    lines.append(f'ORGANIZER;CN="{_param(mentor.display_name)}":mailto:{mentor.email}')
    for person in (mentor, mentee):
        lines.append(
            f'ATTENDEE;CN="{_param(person.display_name)}";ROLE=REQ-PARTICIPANT;'
            f"PARTSTAT={'ACCEPTED' if person == mentor else 'NEEDS-ACTION'}:mailto:{person.email}"
        )
    lines += [
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
