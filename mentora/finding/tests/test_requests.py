"""The request lifecycle: caps, duplicates, acceptance within capacity, automatic answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from mentora.accounts.models import User
from mentora.finding.models import CloseReason, MentorRequest, RequestEvent, RequestStatus
from mentora.finding.pauses import mentor_pause
from mentora.finding.services import (
    request_accept,
    request_create,
    request_decline,
    request_message_add,
    request_withdraw,
)
from mentora.notifications.models import Notification
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.testing.finding import add_mentee, add_mentor

pytestmark = pytest.mark.django_db


def ask(program: Program, mentee: User, mentor: User) -> MentorRequest:
    return request_create(
        program=program, mentee=mentee, mentor=mentor, message="I want to lead a team."
    )


def test_request_tells_the_mentor_by_email_and_in_the_app(
    program: Program, mentor: User, mentee: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(program, mentee, mentor)

    assert request.status == RequestStatus.PENDING
    assert request.expires_at > request.created_at
    notification = Notification.objects.get(recipient=mentor, kind="finding.request")
    assert notification.important
    assert notification.url == f"/find/requests/{request.pk}/"
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert RequestEvent.objects.filter(request=request, to_status="pending").exists()


def test_request_needs_a_message(program: Program, mentor: User, mentee: User) -> None:
    with pytest.raises(ValidationError, match="Your message cannot be empty"):
        request_create(program=program, mentee=mentee, mentor=mentor, message="  ")


def test_one_open_request_per_pair(program: Program, mentor: User, mentee: User) -> None:
    ask(program, mentee, mentor)

    with pytest.raises(ValidationError, match="already asked Otto Mentor"):
        ask(program, mentee, mentor)


def test_open_requests_are_capped_with_a_clear_message(program: Program, mentee: User) -> None:
    program.max_open_requests = 2
    program.save()
    first = add_mentor(program, "m1@example.org", "Ann One")
    second = add_mentor(program, "m2@example.org", "Bob Two")
    third = add_mentor(program, "m3@example.org", "Cy Three")
    ask(program, mentee, first)
    ask(program, mentee, second)

    with pytest.raises(ValidationError, match=r"2 open requests, the most .* allows at once \(2\)"):
        ask(program, mentee, third)

    request_withdraw(request=MentorRequest.objects.get(mentor=first), by=mentee)
    assert ask(program, mentee, third).is_open


def test_manager_run_programs_take_no_requests(
    program: Program, mentor: User, mentee: User
) -> None:
    program.matching_mode = Program.MatchingMode.MANAGER
    program.save()

    with pytest.raises(ValidationError, match="pairs people through its program managers"):
        ask(program, mentee, mentor)


def test_only_enrolled_mentees_can_ask(program: Program, mentor: User, outsider: User) -> None:
    with pytest.raises(PermissionDenied):
        ask(program, outsider, mentor)


def test_accepting_starts_the_relationship(program: Program, mentor: User, mentee: User) -> None:
    request = request_accept(request=ask(program, mentee, mentor), by=mentor)

    assert request.status == RequestStatus.ACCEPTED
    relationship = Relationship.objects.get(mentor=mentor, mentee=mentee)
    assert relationship.origin == Relationship.Origin.REQUEST
    assert request.relationship == relationship
    assert request.first_response_at is not None
    assert Notification.objects.filter(recipient=mentee, kind="relationship.stage").exists()


def test_only_the_asked_mentor_can_accept_or_decline(
    program: Program, mentor: User, mentee: User, second_mentor: User
) -> None:
    request = ask(program, mentee, mentor)

    with pytest.raises(PermissionDenied):
        request_accept(request=request, by=second_mentor)
    with pytest.raises(PermissionDenied):
        request_accept(request=request, by=mentee)
    with pytest.raises(PermissionDenied):
        request_decline(request=request, by=mentee)


def test_declining_sends_a_kind_message_with_the_reason(
    program: Program, mentor: User, mentee: User
) -> None:
    request = request_decline(
        request=ask(program, mentee, mentor), by=mentor, reason="My focus is engineering."
    )

    assert request.status == RequestStatus.DECLINED
    assert request.close_reason == CloseReason.DECLINED
    notification = Notification.objects.get(recipient=mentee, kind="finding.declined")
    assert "not about you" in notification.body
    assert "My focus is engineering." in notification.body


def test_answered_requests_cannot_change(program: Program, mentor: User, mentee: User) -> None:
    request = request_decline(request=ask(program, mentee, mentor), by=mentor)

    with pytest.raises(ValidationError, match="already declined"):
        request_accept(request=request, by=mentor)
    with pytest.raises(ValidationError):
        request_withdraw(request=request, by=mentee)


def test_mentor_becoming_full_answers_their_other_requests(program: Program) -> None:
    mentor = add_mentor(program, "full@example.org", "Fay Full", capacity=1)
    first = add_mentee(program, "a@example.org", "Amy A")
    second = add_mentee(program, "b@example.org", "Ben B")
    accepted = ask(program, first, mentor)
    waiting = ask(program, second, mentor)

    request_accept(request=accepted, by=mentor)

    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.DECLINED
    assert waiting.close_reason == CloseReason.MENTOR_FULL
    told = Notification.objects.get(recipient=second, kind="finding.declined")
    assert "says nothing about you" in told.body


def test_accepting_when_already_full_declines_as_full(program: Program) -> None:
    mentor = add_mentor(program, "full@example.org", "Fay Full", capacity=1)
    first = add_mentee(program, "a@example.org", "Amy A")
    second = add_mentee(program, "b@example.org", "Ben B")
    waiting = ask(program, second, mentor)
    # Filled by a manager's pairing while the request waited.
    Relationship.objects.create(
        program=program, mentor=mentor, mentee=first, kind="mentoring", origin="manager_pair"
    )

    answered = request_accept(request=waiting, by=mentor)

    assert answered.status == RequestStatus.DECLINED
    assert answered.close_reason == CloseReason.MENTOR_FULL
    assert not Relationship.objects.filter(mentee=second).exists()


def test_mentee_reaching_their_limit_withdraws_their_other_requests(
    program: Program, mentor: User, mentee: User, second_mentor: User
) -> None:
    assert program.max_mentors_per_mentee == 1
    first = ask(program, mentee, mentor)
    other = ask(program, mentee, second_mentor)

    request_accept(request=first, by=mentor)

    other.refresh_from_db()
    assert other.status == RequestStatus.WITHDRAWN
    assert other.close_reason == CloseReason.MENTEE_AT_LIMIT
    assert Notification.objects.filter(recipient=second_mentor, kind="finding.withdrawn").exists()


def test_mentee_withdraws_and_the_mentor_is_told(
    program: Program, mentor: User, mentee: User
) -> None:
    request = request_withdraw(request=ask(program, mentee, mentor), by=mentee)

    assert request.status == RequestStatus.WITHDRAWN
    assert Notification.objects.filter(recipient=mentor, kind="finding.withdrawn").exists()
    with pytest.raises(PermissionDenied):
        request_withdraw(request=ask(program, mentee, mentor), by=mentor)


def test_asking_for_more_information_keeps_the_request_open(
    program: Program, mentor: User, mentee: User, outsider: User
) -> None:
    request = ask(program, mentee, mentor)

    request_message_add(request=request, by=mentor, text="Which team would you lead?")
    request_message_add(request=request, by=mentee, text="The data platform team.")

    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert request.first_response_at is not None
    assert list(request.messages.values_list("text", flat=True)) == [
        "Which team would you lead?",
        "The data platform team.",
    ]
    assert Notification.objects.get(recipient=mentee, kind="finding.message").important
    with pytest.raises(PermissionDenied):
        request_message_add(request=request, by=outsider, text="Hello")


def test_paused_mentors_cannot_be_asked(program: Program, mentor: User, mentee: User) -> None:
    mentor_pause(program=program, mentor=mentor, note="On holiday")

    with pytest.raises(ValidationError, match="taking a break"):
        ask(program, mentee, mentor)


def test_pending_requests_stay_answerable_during_a_pause(
    program: Program, mentor: User, mentee: User
) -> None:
    request = ask(program, mentee, mentor)
    mentor_pause(program=program, mentor=mentor)

    assert request_accept(request=request, by=mentor).status == RequestStatus.ACCEPTED
