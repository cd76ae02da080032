"""On PostgreSQL: the mutual steps hold when both people act at the same instant.

Run with DATABASE_URL=postgres://... (CI does); SQLite serialises writes, so it is skipped there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import program_update
from mentora.relationships.models import (
    Relationship,
    RelationshipEvent,
    SeparationProposal,
    Stage,
)
from mentora.relationships.services import (
    agreement_confirm,
    agreement_save,
    separation_confirm,
    separation_propose,
    separation_withdraw,
)
from mentora.testing.relationships import enrolled_person, pair, walk_to

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
PAIRS = 4


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (CI runs this with DATABASE_URL)")


@pytest.fixture
def pairs(program: Program, manager: User) -> list[Relationship]:
    """Pairs in initiation, each with an agreement that has goals."""
    program_update(program=program, updated_by=manager, max_mentors_per_mentee=PAIRS)
    created = []
    for i in range(PAIRS):
        mentor = enrolled_person(
            program, f"m{i}@example.org", f"Mentor {i}", Enrollment.Role.MENTOR
        )
        mentee = enrolled_person(
            program, f"e{i}@example.org", f"Mentee {i}", Enrollment.Role.MENTEE
        )
        relationship = pair(program, mentor=mentor, mentee=mentee, by=manager)
        agreement_save(relationship=relationship, by=mentee, goals="Lead a team")
        created.append(relationship)
    return created


def at_once(*calls: Callable[[], object]) -> list[str]:
    """Run the calls in threads released together; what each ended with ("ok" or the refusal)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            call()
            outcome = "ok"
        except ValidationError as error:
            outcome = error.messages[0]
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_both_confirming_at_once_make_exactly_one_move_to_cultivation(
    pairs: list[Relationship],
) -> None:
    for relationship in pairs:
        outcomes = at_once(
            partial(agreement_confirm, relationship=relationship, by=relationship.mentor),
            partial(agreement_confirm, relationship=relationship, by=relationship.mentee),
        )
        assert outcomes == ["ok", "ok"]
        relationship.refresh_from_db()
        assert relationship.stage == Stage.CULTIVATION
        assert relationship.agreement.confirmed_by_both
        moves = RelationshipEvent.objects.filter(
            relationship=relationship, to_stage=Stage.CULTIVATION
        )
        assert moves.count() == 1


def test_confirm_and_withdraw_at_once_leave_one_consistent_answer(
    pairs: list[Relationship],
) -> None:
    for relationship in pairs:
        walk_to(relationship, Stage.CULTIVATION)
        proposal = separation_propose(
            relationship=relationship, by=relationship.mentee, reflection="Ready"
        )
        outcomes = at_once(
            partial(separation_confirm, proposal=proposal, by=relationship.mentor),
            partial(separation_withdraw, proposal=proposal, by=relationship.mentee),
        )
        assert sorted(outcomes) == ["This separation proposal has already been answered.", "ok"]
        proposal.refresh_from_db()
        relationship.refresh_from_db()
        separations = RelationshipEvent.objects.filter(
            relationship=relationship, to_stage=Stage.SEPARATION
        ).count()
        if proposal.status == SeparationProposal.Status.CONFIRMED:
            assert (relationship.stage, separations) == (Stage.SEPARATION, 1)
        else:
            assert proposal.status == SeparationProposal.Status.WITHDRAWN
            assert (relationship.stage, separations) == (Stage.CULTIVATION, 0)
