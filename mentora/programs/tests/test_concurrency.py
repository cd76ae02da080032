"""On PostgreSQL: many enrollments of the same people at the same moment, in both roles, in a
program that forbids holding both (issue 10, finding 10: 200 at once left 6 of 20 people in both
roles, with five 500s). The person's row is locked first, so they queue: exactly one role each,
every other request a clear refusal, never a server error.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> (skipped on SQLite).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.lifecycle import LIVE
from mentora.programs.models import Enrollment, EnrollmentEvent, Program
from mentora.programs.services import enrollment_submit
from mentora.testing import make_person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROLES = (Enrollment.Role.MENTOR, Enrollment.Role.MENTEE)


def _at_once(count: int, attempt: Callable[[int], str]) -> list[str]:
    """Run `attempt(i)` for i in range(count) on as many threads, released together."""
    barrier = threading.Barrier(count)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcome = attempt(index)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _submit(program: Program, user: User, role: str) -> str:
    try:
        enrollment_submit(
            program=program,
            user=user,
            role=role,
            answers={},
            mentor_offer={"capacity": 2} if role == Enrollment.Role.MENTOR else None,
            mentee_needs={"career_goals": ["Grow"]} if role == Enrollment.Role.MENTEE else None,
        )
    except ValidationError:
        return "refused"
    return "enrolled"


def test_one_person_asking_for_both_roles_many_times_at_once_gets_one(program: Program) -> None:
    person = make_person("eager@example.org", "Eli Eager")

    outcomes = _at_once(30, lambda i: _submit(program, person, ROLES[i % 2]))

    assert Counter(outcomes) == {"enrolled": 1, "refused": 29}
    live = Enrollment.objects.filter(program=program, user=person, status__in=LIVE)
    assert live.count() == 1
    assert EnrollmentEvent.objects.filter(enrollment__user=person).count() == 1


def test_two_hundred_enrollments_of_twenty_people_leave_each_in_one_role(
    program: Program,
) -> None:
    people = [make_person(f"person{i}@example.org", f"Person {i}") for i in range(20)]
    attempts = [(person, ROLES[n % 2]) for n in range(10) for person in people]

    def attempt(index: int) -> str:
        person, role = attempts[index]
        try:
            return _submit(program, person, role)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(attempt, range(len(attempts))))

    assert Counter(outcomes) == {"enrolled": 20, "refused": 180}
    for person in people:
        roles = Enrollment.objects.filter(program=program, user=person, status__in=LIVE)
        assert roles.count() == 1, person.email


def test_the_api_answers_400_never_500_to_concurrent_enrollments(program: Program) -> None:
    person = make_person("api.eager@example.org", "Ada Eager")
    bodies = {
        Enrollment.Role.MENTOR: {"role": "mentor", "mentor_offer": {"capacity": 2}},
        Enrollment.Role.MENTEE: {"role": "mentee", "mentee_needs": {"career_goals": ["Grow"]}},
    }

    def attempt(index: int) -> str:
        client = APIClient()
        client.force_login(person)
        response = client.post(
            f"/api/programs/{program.pk}/enroll/", bodies[ROLES[index % 2]], format="json"
        )
        return str(response.status_code)

    outcomes = _at_once(16, attempt)

    assert Counter(outcomes) == {"201": 1, "400": 15}
    assert Enrollment.objects.filter(program=program, user=person, status__in=LIVE).count() == 1
