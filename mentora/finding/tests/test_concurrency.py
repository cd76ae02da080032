"""On PostgreSQL: many acceptances of requests to one mentor at the same moment never over-fill.

Run with DATABASE_URL=postgres://... (CI does); SQLite serialises writes, so it is skipped there.
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from mentora.accounts.models import User
from mentora.finding.models import CloseReason, MentorRequest, RequestStatus
from mentora.finding.services import request_accept, request_create
from mentora.programs.models import Program
from mentora.relationships.models import Relationship, Stage
from mentora.testing.finding import add_mentee, add_mentor

MENTEES = 8
CAPACITY = 2


@pytest.mark.django_db(transaction=True)
def test_many_acceptances_at_once_fill_exactly_the_capacity(program: Program) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (CI runs this with DATABASE_URL)")
    mentor = add_mentor(program, "popular@example.org", "Popular Mentor", capacity=CAPACITY)
    requests = [
        request_create(
            program=program,
            mentee=add_mentee(program, f"mentee{i}@example.org", f"Mentee {i}"),
            mentor=mentor,
            message="Please mentor me.",
        )
        for i in range(MENTEES)
    ]
    barrier = threading.Barrier(MENTEES)
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(pending: MentorRequest, by: User) -> None:
        try:
            barrier.wait()
            answered = request_accept(request=pending, by=by)
            outcome = answered.status
        except ValidationError as error:
            outcome = error.messages[0]
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=accept, args=(r, mentor)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == MENTEES
    assert outcomes.count(RequestStatus.ACCEPTED) == CAPACITY
    live = Relationship.objects.filter(mentor=mentor).exclude(stage=Stage.ENDED)
    assert live.count() == CAPACITY
    statuses = sorted(MentorRequest.objects.values_list("status", "close_reason"))
    assert statuses.count((RequestStatus.ACCEPTED, CloseReason.ACCEPTED)) == CAPACITY
    assert statuses.count((RequestStatus.DECLINED, CloseReason.MENTOR_FULL)) == MENTEES - CAPACITY
    accepted = MentorRequest.objects.filter(status=RequestStatus.ACCEPTED)
    assert {r.relationship_id for r in accepted} == set(live.values_list("pk", flat=True))
