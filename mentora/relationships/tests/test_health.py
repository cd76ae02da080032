"""The daily health check: nudges, manager alerts, flags and reminders, never sent twice."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from mentora.accounts.models import User
from mentora.notifications.models import Notification
from mentora.programs.models import Program
from mentora.relationships.health import relationships_health_check
from mentora.relationships.models import HealthSignal, Relationship
from mentora.relationships.services import (
    agreement_save,
    question_ask,
    redefinition_set,
    relationship_create,
    separation_confirm,
    separation_propose,
)
from mentora.relationships.tasks import relationship_health

pytestmark = pytest.mark.django_db

START = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=datetime.UTC)


def days(n: float) -> datetime.datetime:
    return START + datetime.timedelta(days=n)


@pytest.fixture
def quiet(relationship: Relationship) -> Relationship:
    """A pair last active at START (it stays in initiation)."""
    Relationship.objects.filter(pk=relationship.pk).update(
        last_activity_at=START, stage_changed_at=START
    )
    relationship.refresh_from_db()
    return relationship


def nudges(user: User) -> int:
    return Notification.objects.filter(recipient=user, kind="health.nudge").count()


def test_no_nudge_before_the_inactivity_period(quiet: Relationship, mentee: User) -> None:
    sent = relationships_health_check(now=days(29))
    assert sent["nudge"] == 0
    assert nudges(mentee) == 0


def test_quiet_pairs_are_nudged_once_even_when_run_twice(
    quiet: Relationship, mentor: User, mentee: User, manager: User
) -> None:
    assert relationships_health_check(now=days(31))["nudge"] == 1
    assert relationships_health_check(now=days(31))["nudge"] == 0
    assert relationships_health_check(now=days(40))["nudge"] == 0
    assert nudges(mentor) == nudges(mentee) == 1
    assert not Notification.objects.filter(recipient=manager, kind="health.manager_alert").exists()
    assert HealthSignal.objects.filter(kind="nudge").count() == 1


def test_each_program_sets_its_own_inactivity_period(
    quiet: Relationship, mentee: User, manager: User
) -> None:
    Program.objects.filter(pk=quiet.program_id).update(inactivity_days=7)
    assert relationships_health_check(now=days(6))["nudge"] == 0
    assert relationships_health_check(now=days(8))["nudge"] == 1
    assert relationships_health_check(now=days(15))["manager_alert"] == 1
    assert nudges(mentee) == 1


def test_an_explicit_period_overrides_the_programs(quiet: Relationship, mentee: User) -> None:
    assert relationships_health_check(now=days(11), inactivity_days=10)["nudge"] == 1


def test_the_separation_notice_comes_from_the_program(
    program: Program, mentor: User, mentee: User, manager: User
) -> None:
    Program.objects.filter(pk=program.pk).update(separation_notice_days=30)
    program.refresh_from_db()
    relationship = relationship_create(
        program=program, mentor=mentor, mentee=mentee, created_by=manager, origin="manager_pair"
    )
    assert relationship.separation_notice_days == 30


def test_managers_are_alerted_after_twice_the_period(
    quiet: Relationship, manager: User, mentee: User
) -> None:
    relationships_health_check(now=days(61))
    relationships_health_check(now=days(62))
    assert Notification.objects.filter(recipient=manager, kind="health.manager_alert").count() == 1
    assert nudges(mentee) == 1


def test_new_activity_starts_a_new_period(quiet: Relationship, mentee: User) -> None:
    relationships_health_check(now=days(31))
    with time_machine.travel(days(32), tick=False):
        quiet.refresh_from_db()
        agreement_save(relationship=quiet, by=mentee, goals="New start")
    relationships_health_check(now=days(50))
    assert nudges(mentee) == 1
    relationships_health_check(now=days(63))
    assert nudges(mentee) == 2


def test_a_long_initiation_is_flagged_once(quiet: Relationship, manager: User) -> None:
    relationships_health_check(now=days(31))
    relationships_health_check(now=days(32))
    kind = "health.initiation_overdue"
    assert Notification.objects.filter(recipient=manager, kind=kind).count() == 1


def test_an_unanswered_separation_proposal_goes_to_the_managers(
    cultivating: Relationship, mentee: User, manager: User
) -> None:
    with time_machine.travel(START, tick=False):
        separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    relationships_health_check(now=days(10))
    kind = "health.separation_unanswered"
    assert not Notification.objects.filter(recipient=manager, kind=kind).exists()
    relationships_health_check(now=days(15))
    relationships_health_check(now=days(16))
    assert Notification.objects.filter(recipient=manager, kind=kind).count() == 1
    assert cultivating.separation_proposals.get().escalated_at is not None


def test_check_in_reminders_follow_the_new_terms(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    with time_machine.travel(START, tick=False):
        proposal = separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
        separation_confirm(proposal=proposal, by=mentor)
        redefinition_set(
            relationship=cultivating, by=mentee, relation="peers", check_in_frequency="monthly"
        )
    kind = "health.check_in"
    relationships_health_check(now=days(20))
    assert not Notification.objects.filter(recipient=mentee, kind=kind).exists()
    relationships_health_check(now=days(31))
    relationships_health_check(now=days(32))
    assert Notification.objects.filter(recipient=mentee, kind=kind).count() == 1
    relationships_health_check(now=days(61))
    assert Notification.objects.filter(recipient=mentee, kind=kind).count() == 2


def test_the_command_is_idempotent_and_checks_its_input(quiet: Relationship, mentee: User) -> None:
    with time_machine.travel(days(31), tick=False):
        call_command("relationship_health")
        call_command("relationship_health")
    assert nudges(mentee) == 1
    with pytest.raises(CommandError, match="--days"):
        call_command("relationship_health", days=0)


def test_the_task_runs_the_same_check(quiet: Relationship, mentee: User) -> None:
    with time_machine.travel(days(31), tick=False):
        result = relationship_health.call()
    assert result["nudge"] == 1
    assert nudges(mentee) == 1


def test_active_pairs_are_left_alone(cultivating: Relationship, mentee: User) -> None:
    question_ask(relationship=cultivating, by=mentee, text="Hi?")
    relationships_health_check(now=timezone.now() + datetime.timedelta(days=5))
    assert nudges(mentee) == 0
