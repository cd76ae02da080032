"""The request lifecycle: one table, one writer, the same answer through every door.

Each answer is tried by the wrong person through the service, the page and the REST API; the
answers Mentora gives itself (declined as full, withdrawn at the limit, expired) hold only when
what they say is true; every move leaves one event row naming who made it.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.finding.access import MENTEE, MENTOR
from mentora.finding.lifecycle import REQUEST_LIFECYCLE, request_move
from mentora.finding.models import CloseReason, MentorRequest, RequestEvent, RequestStatus
from mentora.finding.services import (
    request_accept,
    request_create,
    request_decline,
    request_withdraw,
)
from mentora.programs.models import Program
from mentora.relationships.models import Relationship
from mentora.testing.finding import add_mentor

pytestmark = pytest.mark.django_db


def ask(program: Program, mentee: User, mentor: User) -> MentorRequest:
    return request_create(program=program, mentee=mentee, mentor=mentor, message="Please.")


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_table_names_every_move() -> None:
    moves = {(m.source, m.target): (m.action, set(m.by)) for m in REQUEST_LIFECYCLE.moves}
    assert moves == {
        ("pending", "accepted"): ("request_accept", {MENTOR}),
        ("pending", "declined"): ("request_decline", {MENTOR, "system"}),
        ("pending", "withdrawn"): ("request_withdraw", {MENTEE, "system"}),
        ("pending", "expired"): ("requests_expire", {"system"}),
    }


def test_a_mentee_cannot_answer_for_the_mentor_through_any_door(
    program: Program, mentor: User, mentee: User
) -> None:
    request = ask(program, mentee, mentor)

    with pytest.raises(PermissionDenied):
        request_decline(request=request, by=mentee)
    with pytest.raises(PermissionDenied):
        request_move(
            request_id=request.pk,
            target=RequestStatus.ACCEPTED,
            action="request_accept",
            close_reason=CloseReason.ACCEPTED,
            actor=mentee,
        )
    assert api(mentee).post(f"/api/mentor-requests/{request.pk}/decline/").status_code == 403
    assert (
        page(mentee).post(reverse("finding:request_decline", args=[request.pk])).status_code == 403
    )
    assert (
        "Decline"
        not in page(mentee).get(reverse("finding:request", args=[request.pk])).content.decode()
    )
    assert MentorRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING


def test_a_mentor_cannot_withdraw_for_the_mentee_through_any_door(
    program: Program, mentor: User, mentee: User
) -> None:
    request = ask(program, mentee, mentor)

    with pytest.raises(PermissionDenied):
        request_withdraw(request=request, by=mentor)
    assert api(mentor).post(f"/api/mentor-requests/{request.pk}/withdraw/").status_code == 403
    assert (
        page(mentor).post(reverse("finding:request_withdraw", args=[request.pk])).status_code == 403
    )
    html = page(mentor).get(reverse("finding:request", args=[request.pk])).content.decode()
    assert "Withdraw my request" not in html
    assert "Accept Mina Mentee" in html
    assert MentorRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING


def test_mentora_declines_only_for_a_full_mentor(
    program: Program, mentor: User, mentee: User
) -> None:
    request = ask(program, mentee, mentor)

    with pytest.raises(ValidationError, match="only when the mentor has no free place"):
        request_move(
            request_id=request.pk,
            target=RequestStatus.DECLINED,
            action="request_decline",
            close_reason=CloseReason.MENTOR_FULL,
            actor=None,
        )
    with pytest.raises(ValidationError, match="only when the mentee has all the mentors"):
        request_move(
            request_id=request.pk,
            target=RequestStatus.WITHDRAWN,
            action="request_withdraw",
            close_reason=CloseReason.MENTEE_AT_LIMIT,
            actor=None,
        )
    with pytest.raises(ValidationError, match="has not expired yet"):
        request_move(
            request_id=request.pk,
            target=RequestStatus.EXPIRED,
            action="requests_expire",
            close_reason=CloseReason.EXPIRED,
            actor=None,
        )
    assert MentorRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING


def test_a_full_mentor_is_not_offered_accept_and_the_service_declines_as_full(
    program: Program, mentee: User, other_mentee: User
) -> None:
    mentor = add_mentor(program, "one@example.org", "Una Place", capacity=1)
    request = ask(program, mentee, mentor)
    Relationship.objects.create(
        program=program, mentor=mentor, mentee=other_mentee, kind="mentoring", origin="manager_pair"
    )

    html = page(mentor).get(reverse("finding:request", args=[request.pk])).content.decode()
    assert "Accept Mina Mentee" not in html
    assert "You cannot accept now: The mentor has no free place at the moment." in html
    assert "Decline" in html

    answered = request_accept(request=request, by=mentor)
    assert (answered.status, answered.close_reason) == ("declined", CloseReason.MENTOR_FULL)


def test_a_closed_program_accepts_nothing(program: Program, mentor: User, mentee: User) -> None:
    request = ask(program, mentee, mentor)
    Program.objects.filter(pk=program.pk).update(state=Program.State.CLOSED)

    refused = api(mentor).post(f"/api/mentor-requests/{request.pk}/accept/")

    assert refused.status_code == 400
    assert "closed" in str(refused.json())
    with pytest.raises(ValidationError, match="closed"):
        request_accept(request=MentorRequest.objects.get(pk=request.pk), by=mentor)
    assert not Relationship.objects.exists()


def test_expiry_happens_only_when_the_time_is_up(
    program: Program, mentor: User, mentee: User
) -> None:
    request = ask(program, mentee, mentor)
    later = request.expires_at + datetime.timedelta(minutes=1)

    expired = request_move(
        request_id=request.pk,
        target=RequestStatus.EXPIRED,
        action="requests_expire",
        close_reason=CloseReason.EXPIRED,
        actor=None,
        now=later,
    )

    assert expired.status == RequestStatus.EXPIRED
    assert expired.closed_at == later


def test_every_move_is_one_event_naming_who(
    program: Program, mentor: User, mentee: User, second_mentor: User
) -> None:
    program.max_mentors_per_mentee = 1
    program.save()
    first = ask(program, mentee, mentor)
    second = ask(program, mentee, second_mentor)

    request_accept(request=first, by=mentor)

    events = list(
        RequestEvent.objects.order_by("pk").values_list(
            "request_id", "from_status", "to_status", "actor_id", "close_reason"
        )
    )
    assert events == [
        (first.pk, "", "pending", mentee.pk, ""),
        (second.pk, "", "pending", mentee.pk, ""),
        (first.pk, "pending", "accepted", mentor.pk, "accepted"),
        (second.pk, "pending", "withdrawn", None, "mentee_at_limit"),
    ]
    assert MentorRequest.objects.get(pk=first.pk).first_response_at is not None
    assert MentorRequest.objects.get(pk=second.pk).first_response_at is None


def test_an_answered_request_stays_answered(program: Program, mentor: User, mentee: User) -> None:
    request = request_decline(request=ask(program, mentee, mentor), by=mentor)

    assert api(mentor).post(f"/api/mentor-requests/{request.pk}/accept/").status_code == 400
    assert api(mentee).post(f"/api/mentor-requests/{request.pk}/withdraw/").status_code == 400
    closed = MentorRequest.objects.get(pk=request.pk)
    assert closed.status == RequestStatus.DECLINED
    assert closed.closed_at == request.closed_at
