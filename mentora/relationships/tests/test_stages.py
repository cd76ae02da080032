"""The stage lifecycle: one transition table, one writer, every move recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from mentora.accounts.models import User
from mentora.notifications.models import Notification
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import program_update
from mentora.relationships.lifecycle import LIFECYCLE
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.services import (
    relationship_accept,
    relationship_advance,
    relationship_create,
    relationship_end,
)
from mentora.testing.relationships import enrolled_person as enroll

pytestmark = pytest.mark.django_db


def test_a_new_pair_starts_in_initiation_with_an_event(relationship: Relationship) -> None:
    assert relationship.stage == Stage.INITIATION
    assert relationship.kind == Program.Kind.MENTORING
    event = relationship.events.get()
    assert (event.from_stage, event.to_stage) == ("", Stage.INITIATION)


def test_every_stage_move_is_recorded_with_who_and_why(
    cultivating: Relationship, mentor: User
) -> None:
    relationship_advance(
        relationship=cultivating, to_stage=Stage.INITIATION, by=mentor, note="Rethink goals"
    )
    last = cultivating.events.last()
    assert last is not None
    assert (last.from_stage, last.to_stage, last.actor, last.note) == (
        Stage.CULTIVATION,
        Stage.INITIATION,
        mentor,
        "Rethink goals",
    )
    cultivating.refresh_from_db()
    assert cultivating.stage == Stage.INITIATION


@pytest.mark.parametrize(
    "to_stage", [Stage.SEPARATION, Stage.REDEFINITION, Stage.PENDING_ACCEPTANCE]
)
def test_moves_not_in_the_table_are_refused_with_a_message(
    relationship: Relationship, mentee: User, to_stage: str
) -> None:
    with pytest.raises(ValidationError, match="cannot move to"):
        relationship_advance(relationship=relationship, to_stage=to_stage, by=mentee)
    relationship.refresh_from_db()
    assert relationship.stage == Stage.INITIATION


def test_every_live_stage_may_end_early_and_ended_is_final() -> None:
    for stage in Stage.values:
        assert (Stage.ENDED in LIFECYCLE.targets_from(stage)) == (stage != Stage.ENDED)
    assert LIFECYCLE.targets_from(Stage.ENDED) == []


def test_ending_needs_a_reason(relationship: Relationship, mentee: User) -> None:
    with pytest.raises(ValidationError, match="why"):
        relationship_end(relationship=relationship, by=mentee, reason="  ")
    relationship_end(relationship=relationship, by=mentee, reason="I changed jobs")
    relationship.refresh_from_db()
    assert relationship.stage == Stage.ENDED
    assert relationship.ended_reason == "I changed jobs"
    with pytest.raises(ValidationError, match="has ended"):
        relationship_advance(relationship=relationship, to_stage=Stage.INITIATION, by=mentee)


def test_a_manager_may_end_a_relationship_but_an_outsider_may_not(
    relationship: Relationship, manager: User, outsider: User
) -> None:
    with pytest.raises(PermissionDenied):
        relationship_end(relationship=relationship, by=outsider, reason="Nope")
    relationship_end(relationship=relationship, by=manager, reason="Left the company")
    relationship.refresh_from_db()
    assert relationship.stage == Stage.ENDED


def test_a_relationship_needing_acceptance_waits_for_the_mentor(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    relationship = relationship_create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        created_by=mentee,
        origin=Relationship.Origin.REQUEST,
        needs_acceptance=True,
    )
    assert relationship.stage == Stage.PENDING_ACCEPTANCE
    with pytest.raises(PermissionDenied):
        relationship_accept(relationship=relationship, by=mentee)
    relationship_accept(relationship=relationship, by=mentor)
    relationship.refresh_from_db()
    assert relationship.stage == Stage.INITIATION


def test_only_managers_pair_people_by_hand(program: Program, mentor: User, mentee: User) -> None:
    with pytest.raises(PermissionDenied):
        relationship_create(
            program=program,
            mentor=mentor,
            mentee=mentee,
            created_by=mentee,
            origin=Relationship.Origin.MANAGER_PAIR,
        )


def test_pairing_needs_active_enrollments_in_the_right_roles(
    program: Program, manager: User, mentor: User, mentee: User, outsider: User
) -> None:
    with pytest.raises(ValidationError, match="not an enrolled mentor"):
        relationship_create(
            program=program,
            mentor=mentee,
            mentee=mentor,
            created_by=manager,
            origin=Relationship.Origin.MANAGER_PAIR,
        )
    with pytest.raises(ValidationError, match="not an enrolled mentee"):
        relationship_create(
            program=program,
            mentor=mentor,
            mentee=outsider,
            created_by=manager,
            origin=Relationship.Origin.MANAGER_PAIR,
        )


def test_the_mentors_capacity_counts_live_relationships(
    program: Program, manager: User, mentee: User
) -> None:
    mentor = enroll(program, "solo@example.org", "Solo Mentor", Enrollment.Role.MENTOR, capacity=1)
    other = enroll(program, "second@example.org", "Second Mentee", Enrollment.Role.MENTEE)
    first = relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    with pytest.raises(ValidationError, match="capacity"):
        relationship_create(
            program=program, mentor=mentor, mentee=other, created_by=manager, origin="manager_pair"
        )
    relationship_end(relationship=first, by=manager, reason="Mismatch")
    relationship_create(
        program=program, mentor=mentor, mentee=other, created_by=manager, origin="manager_pair"
    )


def test_a_mentee_may_have_several_mentors_up_to_the_program_limit(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    second = enroll(program, "m2@example.org", "Second Mentor", Enrollment.Role.MENTOR)
    third = enroll(program, "m3@example.org", "Third Mentor", Enrollment.Role.MENTOR)
    program_update(program=program, updated_by=manager, max_mentors_per_mentee=2)
    for person in (mentor, second):
        relationship_create(
            program=program, mentor=person, mentee=mentee, created_by=manager, origin="match_run"
        )
    with pytest.raises(ValidationError, match="most this program allows"):
        relationship_create(
            program=program, mentor=third, mentee=mentee, created_by=manager, origin="match_run"
        )


def test_the_same_pair_cannot_be_live_twice(
    relationship: Relationship, program: Program, manager: User, mentor: User, mentee: User
) -> None:
    program_update(program=program, updated_by=manager, max_mentors_per_mentee=3)
    with pytest.raises(ValidationError, match="already paired"):
        relationship_create(
            program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="match_run"
        )


def test_the_database_refuses_a_second_live_pair(relationship: Relationship) -> None:
    with pytest.raises(IntegrityError):
        Relationship.objects.create(
            program=relationship.program,
            mentor=relationship.mentor,
            mentee=relationship.mentee,
            kind=relationship.kind,
            origin="match_run",
        )


def test_the_kind_follows_the_program(coaching: Relationship) -> None:
    assert coaching.kind == Program.Kind.COACHING
    assert coaching.mentor_label == "Coach"


def test_pairing_notifies_both_people(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    assert Notification.objects.filter(recipient=mentor, kind="relationship.stage").exists()
    assert Notification.objects.filter(recipient=mentee, kind="relationship.stage").exists()
