"""Separation is mutual; unanswered proposals go to a manager; then reflections, new terms and
the acknowledgment."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import User
from mentora.relationships.models import (
    DEFAULT_SEPARATION_NOTICE_DAYS,
    RedefinitionTerms,
    Relationship,
    SeparationProposal,
    Stage,
)
from mentora.relationships.selectors import public_acknowledgments
from mentora.relationships.services import (
    acknowledgment_set_public,
    acknowledgment_write,
    closing_reflection_save,
    redefinition_set,
    separation_confirm,
    separation_decide,
    separation_propose,
    separation_withdraw,
)

pytestmark = pytest.mark.django_db


def test_separation_needs_both_parties(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    proposal = separation_propose(relationship=cultivating, by=mentee, reflection="I can fly now")
    cultivating.refresh_from_db()
    assert cultivating.stage == Stage.CULTIVATION
    with pytest.raises(ValidationError, match="mutual"):
        separation_confirm(proposal=proposal, by=mentee)
    separation_confirm(proposal=proposal, by=mentor)
    cultivating.refresh_from_db()
    assert cultivating.stage == Stage.SEPARATION


def test_only_one_proposal_waits_at_a_time(cultivating: Relationship, mentee: User) -> None:
    separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    with pytest.raises(ValidationError, match="already waiting"):
        separation_propose(relationship=cultivating, by=cultivating.mentor, reflection="Me too")


def test_declining_keeps_the_pair_in_cultivation(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    proposal = separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    separation_withdraw(proposal=proposal, by=mentor)
    proposal.refresh_from_db()
    assert proposal.status == SeparationProposal.Status.WITHDRAWN
    cultivating.refresh_from_db()
    assert cultivating.stage == Stage.CULTIVATION


def test_a_manager_decides_only_after_the_notice_period(
    cultivating: Relationship, mentee: User, manager: User
) -> None:
    assert cultivating.separation_notice_days == DEFAULT_SEPARATION_NOTICE_DAYS
    proposal = separation_propose(relationship=cultivating, by=mentee, reflection="Ready")
    with pytest.raises(ValidationError, match="days to answer"):
        separation_decide(proposal=proposal, by=manager, separate=True)
    with pytest.raises(PermissionDenied):
        separation_decide(proposal=proposal, by=mentee, separate=True)
    later = timezone.now() + datetime.timedelta(days=DEFAULT_SEPARATION_NOTICE_DAYS, hours=1)
    with time_machine.travel(later, tick=False):
        separation_decide(proposal=proposal, by=manager, separate=True)
    cultivating.refresh_from_db()
    assert cultivating.stage == Stage.SEPARATION
    event = cultivating.events.last()
    assert event is not None
    assert event.actor == manager


def test_closing_reflections_and_new_terms_move_to_redefinition(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    with pytest.raises(ValidationError, match="separation"):
        closing_reflection_save(relationship=cultivating, by=mentee, learned="x", application="y")
    proposal = separation_propose(relationship=cultivating, by=mentor, reflection="Done")
    separation_confirm(proposal=proposal, by=mentee)
    for person in (mentor, mentee):
        closing_reflection_save(
            relationship=cultivating,
            by=person,
            learned="Delegation",
            application="Weekly planning alone",
        )
    assert cultivating.closing_reflections.count() == 2
    redefinition_set(
        relationship=cultivating,
        by=mentee,
        relation=RedefinitionTerms.Relation.PEERS,
        check_in_frequency=RedefinitionTerms.CheckIn.QUARTERLY,
        expectations="Coffee now and then",
    )
    cultivating.refresh_from_db()
    assert cultivating.stage == Stage.REDEFINITION
    assert cultivating.redefinition.check_in_frequency == "quarterly"


def test_no_contact_means_no_check_ins(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    separation_confirm(
        proposal=separation_propose(relationship=cultivating, by=mentor, reflection="Done"),
        by=mentee,
    )
    terms = redefinition_set(
        relationship=cultivating, by=mentor, relation="none", check_in_frequency="monthly"
    )
    assert terms.check_in_frequency == RedefinitionTerms.CheckIn.NONE


def test_a_thank_you_is_public_only_once_the_mentor_agrees(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    with pytest.raises(ValidationError):
        acknowledgment_write(relationship=cultivating, by=mentee, text="Thanks!")
    separation_confirm(
        proposal=separation_propose(relationship=cultivating, by=mentor, reflection="Done"),
        by=mentee,
    )
    with pytest.raises(PermissionDenied):
        acknowledgment_write(relationship=cultivating, by=mentor, text="Thanks to me")
    acknowledgment = acknowledgment_write(
        relationship=cultivating, by=mentee, text="Otto changed my career."
    )
    assert not public_acknowledgments(mentor=mentor).exists()
    with pytest.raises(PermissionDenied):
        acknowledgment_set_public(acknowledgment=acknowledgment, by=mentee, public=True)
    acknowledgment_set_public(acknowledgment=acknowledgment, by=mentor, public=True)
    assert list(public_acknowledgments(mentor=mentor)) == [acknowledgment]
    # Editing the text makes it private again until the mentor agrees to the new words.
    acknowledgment_write(relationship=cultivating, by=mentee, text="Otto changed my life.")
    assert not public_acknowledgments(mentor=mentor).exists()


def test_the_public_thank_you_shows_on_the_mentors_profile(
    cultivating: Relationship, mentor: User, mentee: User, outsider: User
) -> None:
    separation_confirm(
        proposal=separation_propose(relationship=cultivating, by=mentor, reflection="Done"),
        by=mentee,
    )
    acknowledgment = acknowledgment_write(
        relationship=cultivating, by=mentee, text="Otto changed my career."
    )
    acknowledgment_set_public(acknowledgment=acknowledgment, by=mentor, public=True)
    client = Client()
    client.force_login(mentee)
    response = client.get(reverse("programs:profile", args=[mentor.profile.pk]))
    assert response.status_code == 200
    assert "Otto changed my career." in response.content.decode()
