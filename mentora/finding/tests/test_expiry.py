"""Requests expire after the program's days, with one reminder the day before; pauses end."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from mentora.accounts.models import User
from mentora.finding.models import CloseReason, MentorRequest, RequestStatus
from mentora.finding.pauses import mentor_pause
from mentora.finding.selectors import mentor_response_hours
from mentora.finding.services import request_create, request_message_add, requests_expire
from mentora.finding.tasks import expire_requests
from mentora.notifications.models import Notification
from mentora.profiles.models import MentorOffer
from mentora.programs.models import Program

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def request_made(program: Program, mentor: User, mentee: User) -> MentorRequest:
    program.request_expiry_days = 7
    program.save()
    with time_machine.travel(START, tick=False):
        return request_create(program=program, mentee=mentee, mentor=mentor, message="Hello")


def test_nothing_happens_before_the_last_day(request_made: MentorRequest) -> None:
    with time_machine.travel(START + datetime.timedelta(days=5), tick=False):
        assert requests_expire() == {"reminders": 0, "expired": 0, "resumed": 0}


def test_one_reminder_the_day_before_never_twice(request_made: MentorRequest, mentor: User) -> None:
    with time_machine.travel(START + datetime.timedelta(days=6, hours=1), tick=False):
        assert requests_expire()["reminders"] == 1
        assert requests_expire()["reminders"] == 0
        call_command("expire_requests")

    reminders = Notification.objects.filter(recipient=mentor, kind="finding.reminder")
    assert reminders.count() == 1
    assert reminders.get().important


def test_expiry_closes_the_request_and_tells_the_mentee_once(
    request_made: MentorRequest, mentee: User
) -> None:
    with time_machine.travel(START + datetime.timedelta(days=7, minutes=1), tick=False):
        assert requests_expire()["expired"] == 1
        assert expire_requests.enqueue().return_value == {
            "reminders": 0,
            "expired": 0,
            "resumed": 0,
        }

    request_made.refresh_from_db()
    assert request_made.status == RequestStatus.EXPIRED
    assert request_made.close_reason == CloseReason.EXPIRED
    assert Notification.objects.filter(recipient=mentee, kind="finding.expired").count() == 1


def test_a_late_run_expires_without_a_pointless_reminder(
    request_made: MentorRequest, mentor: User
) -> None:
    with time_machine.travel(START + datetime.timedelta(days=9), tick=False):
        assert requests_expire() == {"reminders": 0, "expired": 1, "resumed": 0}
    assert not Notification.objects.filter(recipient=mentor, kind="finding.reminder").exists()


def test_pause_ends_the_day_after_its_until_date(program: Program, mentor: User) -> None:
    with time_machine.travel(START, tick=False):
        mentor_pause(
            program=program, mentor=mentor, until=datetime.date(2026, 3, 10), note="Holiday"
        )
    offer = MentorOffer.objects.get(enrollment__user=mentor)
    assert offer.is_paused

    with time_machine.travel(datetime.datetime(2026, 3, 10, 20, tzinfo=datetime.UTC), tick=False):
        assert requests_expire()["resumed"] == 0
    with time_machine.travel(datetime.datetime(2026, 3, 11, 12, tzinfo=datetime.UTC), tick=False):
        assert requests_expire()["resumed"] == 1

    offer.refresh_from_db()
    assert not offer.is_paused
    assert offer.pause_note == ""


def test_response_hours_count_the_mentors_own_answers(
    program: Program, mentor: User, mentee: User
) -> None:
    with time_machine.travel(START, tick=False):
        made = request_create(program=program, mentee=mentee, mentor=mentor, message="Hello")
    with time_machine.travel(START + datetime.timedelta(hours=5), tick=False):
        request_message_add(request=made, by=mentor, text="Tell me more?")

    assert mentor_response_hours(program=program) == {mentor.pk: 5.0}
    assert timezone.now() > START
