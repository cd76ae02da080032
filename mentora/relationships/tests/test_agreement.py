"""Initiation: getting acquainted and the agreement both confirm to enter cultivation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.relationships.models import Relationship, Stage
from mentora.relationships.services import (
    acquaintance_update,
    agreement_confirm,
    agreement_save,
)

pytestmark = pytest.mark.django_db


def test_the_second_confirmation_moves_the_pair_to_cultivation(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    agreement_save(relationship=relationship, by=mentor, goals="Lead a team", channel="Video")
    agreement_confirm(relationship=relationship, by=mentee)
    relationship.refresh_from_db()
    assert relationship.stage == Stage.INITIATION
    agreement_confirm(relationship=relationship, by=mentor)
    relationship.refresh_from_db()
    assert relationship.stage == Stage.CULTIVATION
    event = relationship.events.last()
    assert event is not None
    assert event.note == "Both confirmed the agreement."


def test_an_empty_agreement_cannot_be_confirmed(relationship: Relationship, mentee: User) -> None:
    with pytest.raises(ValidationError, match="goals"):
        agreement_confirm(relationship=relationship, by=mentee)


def test_changing_the_agreement_later_needs_both_again(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    agreement_save(relationship=cultivating, by=mentor, focus_areas=["networking"])
    agreement = cultivating.agreement
    agreement.refresh_from_db()
    assert agreement.mentor_confirmed_at is None
    assert agreement.mentee_confirmed_at is None
    assert agreement.version == 3  # written, then changed
    agreement_confirm(relationship=cultivating, by=mentor)
    agreement_confirm(relationship=cultivating, by=mentee)
    agreement.refresh_from_db()
    assert agreement.confirmed_by_both


def test_saving_the_same_agreement_keeps_the_confirmations(
    cultivating: Relationship, mentor: User
) -> None:
    agreement_save(relationship=cultivating, by=mentor, goals="Grow as a leader")
    cultivating.agreement.refresh_from_db()
    assert cultivating.agreement.confirmed_by_both


def test_agreement_values_are_checked(relationship: Relationship, mentor: User) -> None:
    with pytest.raises(ValidationError, match="focus areas"):
        agreement_save(relationship=relationship, by=mentor, focus_areas=["astrology"])
    with pytest.raises(ValidationError, match="260"):
        agreement_save(relationship=relationship, by=mentor, expected_duration_weeks=999)


def test_only_the_mentee_records_career_goals_and_why_this_mentor(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    with pytest.raises(PermissionDenied):
        acquaintance_update(
            relationship=relationship, by=mentor, career_goals="x", why_this_mentor="y"
        )
    acquaintance_update(
        relationship=relationship,
        by=mentee,
        career_goals="Run a clinic",
        why_this_mentor="She built one",
    )
    relationship.refresh_from_db()
    assert relationship.career_goals == "Run a clinic"


def test_both_sign_the_agreement_through_the_pages(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    url = reverse("relationships:agreement", args=[relationship.pk])
    mentee_client, mentor_client = Client(), Client()
    mentee_client.force_login(mentee)
    mentor_client.force_login(mentor)
    response = mentee_client.post(
        url,
        {
            "goals": "Lead a team",
            "focus_areas": ["career_advancement"],
            "meeting_cadence": "monthly",
            "channel": "Video call",
            "confidentiality": "All stays between us",
            "expected_duration_weeks": "26",
            "feedback": "Direct",
            "ending": "A closing lunch",
        },
    )
    assert response.status_code == 302
    confirm = reverse("relationships:agreement_confirm", args=[relationship.pk])
    mentee_client.post(confirm)
    mentor_client.post(confirm)
    relationship.refresh_from_db()
    assert relationship.stage == Stage.CULTIVATION
    page = mentor_client.get(reverse("relationships:acquaintance", args=[relationship.pk]))
    assert "Prompts for your first conversation" in page.content.decode()
