"""Meetings in each person's timezone, with an RFC 5545 invitation that updates on changes."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from mentora.accounts.models import User
from mentora.profiles.services import profile_update
from mentora.relationships.ics import escape_text, fold
from mentora.relationships.models import Meeting, Relationship
from mentora.relationships.services import meeting_cancel, meeting_reschedule, meeting_schedule

pytestmark = pytest.mark.django_db

LISBON = zoneinfo.ZoneInfo("Europe/Lisbon")


def invitations() -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.attachments]


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


@pytest.fixture
def meeting(
    cultivating: Relationship,
    mentee: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> Meeting:
    with django_capture_on_commit_callbacks(execute=True):
        return meeting_schedule(
            relationship=cultivating,
            by=mentee,
            starts_at=datetime.datetime(2030, 3, 4, 15, 0, tzinfo=datetime.UTC),
            duration_minutes=45,
            location="Room 4; floor 2",
            agenda="Career plan, next steps\nand a book",
        )


def test_the_invitation_is_rfc_5545(meeting: Meeting) -> None:
    client = Client()
    client.force_login(meeting.relationship.mentee)
    response = client.get(
        reverse("relationships:meeting_ics", args=[meeting.relationship_id, meeting.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert "METHOD:REQUEST" in lines
    assert f"UID:meeting-{meeting.uid}@mentora" in lines
    assert "DTSTART:20300304T150000Z" in lines
    assert "DTEND:20300304T154500Z" in lines
    assert "SEQUENCE:0" in lines
    assert "LOCATION:Room 4\\; floor 2" in lines
    assert any(
        line.startswith("DESCRIPTION:Career plan\\, next steps\\nand a book") for line in lines
    )
    assert "STATUS:CONFIRMED" in lines


def test_both_people_get_the_invitation_by_email(meeting: Meeting) -> None:
    recipients = sorted(message.to[0] for message in invitations())
    assert recipients == ["mentee@example.org", "mentor@example.org"]
    attachment = invitations()[0].attachments[0]
    assert attachment[0] == "meeting.ics"
    assert "method=REQUEST" in attachment[2]


def test_rescheduling_keeps_the_uid_and_raises_the_sequence(
    meeting: Meeting,
    mentor: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    uid = meeting.uid
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = meeting_reschedule(
            meeting=meeting,
            by=mentor,
            starts_at=datetime.datetime(2030, 3, 5, 9, 0, tzinfo=LISBON),
        )
    assert moved.uid == uid
    assert moved.sequence == 1
    text = invitations()[0].attachments[0][1]
    assert "SEQUENCE:1" in unfold(text)
    assert "DTSTART:20300305T090000Z" in unfold(text)  # Lisbon is on UTC in March


def test_cancelling_sends_method_cancel_for_the_same_uid(
    meeting: Meeting,
    mentor: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, by=mentor)
    lines = unfold(invitations()[0].attachments[0][1])
    assert "METHOD:CANCEL" in lines
    assert "STATUS:CANCELLED" in lines
    assert "SEQUENCE:1" in lines
    assert f"UID:meeting-{meeting.uid}@mentora" in lines
    with pytest.raises(ValidationError, match="cancelled"):
        meeting_reschedule(meeting=meeting, by=mentor, starts_at=meeting.starts_at)


def test_each_person_types_and_reads_times_in_their_own_timezone(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    profile_update(user=mentor, timezone="Asia/Tokyo")
    profile_update(user=mentee, timezone="America/New_York")
    client = Client()
    client.force_login(mentee)
    response = client.post(
        reverse("relationships:meeting_create", args=[cultivating.pk]),
        {"starts_at": "2030-07-01T09:00", "duration_minutes": "60", "location": "", "agenda": ""},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime.datetime(2030, 7, 1, 13, 0, tzinfo=datetime.UTC)
    mentor_client = Client()
    mentor_client.force_login(mentor)
    page = mentor_client.get(response["Location"]).content.decode()
    assert "1 Jul 2030, 22:00 (Asia/Tokyo)" in page
    assert "1 Jul 2030, 09:00 (America/New_York)" in page


def test_a_meeting_needs_a_sensible_length(cultivating: Relationship, mentee: User) -> None:
    with pytest.raises(ValidationError, match="5 to 480"):
        meeting_schedule(
            relationship=cultivating,
            by=mentee,
            starts_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
            duration_minutes=1000,
        )


def test_text_escaping_and_folding() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "DESCRIPTION:" + "é" * 100
    folded = fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
