"""notify(): an in-app row always, an email for important events the person wants, or a digest."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from mentora.accounts.models import User
from mentora.notifications.models import Notification
from mentora.notifications.selectors import unread_count
from mentora.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    notify,
    preferences_update,
)
from mentora.notifications.tasks import send_notification_digest
from mentora.testing import make_person

pytestmark = pytest.mark.django_db

MONDAY_9AM = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def person() -> User:
    return make_person("nina@example.org", "Nina Notified")


def _notify(
    person: User, *, important: bool = False, kind: str = "relationship.stage", **extra: Any
) -> Notification:
    return notify(
        recipient=person,
        kind=kind,
        title=extra.pop("title", "Your pair is in cultivation"),
        body=extra.pop("body", "Both of you signed the agreement."),
        url=extra.pop("url", "/relationships/1/"),
        important=important,
    )


def test_notify_creates_an_unread_in_app_notification(person: User) -> None:
    notification = _notify(person)
    assert Notification.objects.get() == notification
    assert notification.recipient == person
    assert notification.read_at is None
    assert unread_count(user=person) == 1


def test_an_ordinary_notification_sends_no_email(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _notify(person, important=False)
    assert mail.outbox == []


def test_an_important_notification_is_emailed_after_commit(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _notify(person, important=True)
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@example.org"]
    assert "Your pair is in cultivation" in message.subject
    assert "/relationships/1/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_no_email_when_the_person_turned_important_emails_off(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    preferences_update(user=person, email_important=False)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(person, important=True)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=person).count() == 1


def test_no_email_for_a_muted_kind(person: User, django_capture_on_commit_callbacks: Any) -> None:
    preferences_update(user=person, muted_kinds=["relationship.stage"])
    with django_capture_on_commit_callbacks(execute=True):
        _notify(person, important=True, kind="relationship.stage")
        _notify(person, important=True, kind="relationship.meeting")
    assert [m.subject for m in mail.outbox] == ["[Mentora] Your pair is in cultivation"]
    assert len(mail.outbox) == 1


def test_digest_subscriber_gets_no_immediate_email_then_one_digest(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    preferences_update(user=person, daily_digest=True)
    with (
        time_machine.travel(MONDAY_9AM, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _notify(person, important=True, title="A match is proposed")
        _notify(person, important=False, title="A meeting is scheduled")
    assert mail.outbox == []
    with (
        time_machine.travel(MONDAY_9AM + datetime.timedelta(hours=20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_notification_digest", "--no-progress", stdout=None)
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["nina@example.org"]
    assert "2 new notifications" in digest.subject
    assert "A match is proposed (important)" in digest.body
    assert "A meeting is scheduled" in digest.body
    assert Notification.objects.filter(digested_at__isnull=True).count() == 0


def test_digest_is_idempotent(person: User, django_capture_on_commit_callbacks: Any) -> None:
    preferences_update(user=person, daily_digest=True)
    with time_machine.travel(MONDAY_9AM, tick=False):
        _notify(person, title="First")
    later = MONDAY_9AM + datetime.timedelta(hours=1)
    with (
        time_machine.travel(later, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_notification_digest", "--no-progress")
        call_command("send_notification_digest", "--no-progress")
    assert len(mail.outbox) == 1
    # A new notification the next day goes into the next digest, and only it.
    with time_machine.travel(later + datetime.timedelta(days=1), tick=False):
        _notify(person, title="Second")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_notification_digest", "--no-progress")
            call_command("send_notification_digest", "--no-progress")
    assert len(mail.outbox) == 2
    assert "Second" in mail.outbox[1].body
    assert "First" not in mail.outbox[1].body


def test_digest_leaves_out_notifications_older_than_a_day(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    preferences_update(user=person, daily_digest=True)
    with time_machine.travel(MONDAY_9AM, tick=False):
        _notify(person, title="Stale")
    with (
        time_machine.travel(MONDAY_9AM + datetime.timedelta(days=3), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_notification_digest", "--no-progress")
    assert mail.outbox == []


def test_digest_goes_only_to_subscribers(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    other = make_person("olly@example.org", "Olly Other")
    _notify(other, title="Not for a digest")
    with django_capture_on_commit_callbacks(execute=True):
        send_notification_digest.enqueue()
    assert mail.outbox == []


def test_digest_task_sends_the_digest(
    person: User, django_capture_on_commit_callbacks: Any
) -> None:
    preferences_update(user=person, daily_digest=True)
    _notify(person, title="Task-sent")
    with django_capture_on_commit_callbacks(execute=True):
        result = send_notification_digest.enqueue()
    assert result.return_value == {"emails": 1, "notifications": 1}
    assert len(mail.outbox) == 1


def test_digest_command_refuses_an_unknown_email(person: User) -> None:
    with pytest.raises(CommandError, match="nobody has the address"):
        call_command("send_notification_digest", "--email", "ghost@example.org")
    with pytest.raises(CommandError, match="has not chosen the daily digest"):
        call_command("send_notification_digest", "--email", person.email)


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_notify_refuses_links_that_leave_the_site(person: User, url: str) -> None:
    with pytest.raises(ValidationError) as error:
        _notify(person, url=url)
    assert "url" in error.value.message_dict
    assert not Notification.objects.exists()


def test_notify_needs_a_title_and_a_kind(person: User) -> None:
    with pytest.raises(ValidationError) as error:
        notify(recipient=person, kind="", title="  ")
    assert set(error.value.message_dict) == {"kind", "title"}


def test_mark_read_only_by_the_recipient_and_keeps_the_first_time(person: User) -> None:
    notification = _notify(person)
    other = make_person("olly@example.org", "Olly Other")

    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=notification, user=other)
    with time_machine.travel(MONDAY_9AM, tick=False):
        notification_mark_read(notification=notification, user=person)
    first = notification.read_at
    notification_mark_read(notification=notification, user=person)
    assert notification.read_at == first == MONDAY_9AM


def test_mark_all_read_touches_only_the_persons_own(person: User) -> None:
    other = make_person("olly@example.org", "Olly Other")
    _notify(person)
    _notify(person)
    _notify(other)
    assert notifications_mark_all_read(user=person) == 2
    assert unread_count(user=person) == 0
    assert unread_count(user=other) == 1


def test_preferences_refuse_a_string_as_muted_kinds(person: User) -> None:
    with pytest.raises(ValidationError):
        preferences_update(user=person, muted_kinds="relationship.stage")
