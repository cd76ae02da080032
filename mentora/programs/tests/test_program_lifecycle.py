"""The program lifecycle: one transition table, every move recorded, others refused clearly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.programs.models import Organisation, Program
from mentora.programs.services import program_create, program_transition

pytestmark = pytest.mark.django_db


def test_a_program_moves_through_its_states_and_each_move_is_recorded(
    organisation: Organisation, manager: User
) -> None:
    program = program_create(organisation=organisation, created_by=manager, name="Pilot")
    assert program.state == Program.State.DRAFT
    for state in ["open", "matching", "running", "closed"]:
        program_transition(program=program, to_state=state, changed_by=manager)
    assert [(c.from_state, c.to_state) for c in program.state_changes.all()] == [
        ("draft", "open"),
        ("open", "matching"),
        ("matching", "running"),
        ("running", "closed"),
    ]


def test_a_move_not_in_the_table_is_refused_with_a_clear_message(
    organisation: Organisation, manager: User
) -> None:
    program = program_create(organisation=organisation, created_by=manager, name="Pilot")
    with pytest.raises(ValidationError, match="cannot move from 'Draft' to 'Closed'"):
        program_transition(program=program, to_state="closed", changed_by=manager)


def test_manager_creates_a_program_from_the_page(
    client: Client, organisation: Organisation, manager: User
) -> None:
    client.force_login(manager)
    url = reverse("programs:program_create", kwargs={"organisation_id": organisation.pk})
    response = client.post(
        url,
        {
            "name": "Women in Data 2027",
            "description": "Cross-company mentoring",
            "kind": "mentoring",
            "format": "one_to_one",
            "matching_mode": "both",
            "listed": "on",
            "expected_duration_weeks": "26",
            "meeting_cadence": "fortnightly",
            "default_mentor_capacity": "2",
            "max_mentors_per_mentee": "2",
            "max_open_requests": "3",
            "request_expiry_days": "14",
            "inactivity_days": "21",
            "separation_notice_days": "14",
        },
    )
    assert response.status_code == 302
    program = Program.objects.get(name="Women in Data 2027")
    assert program.slug == "women-in-data-2027"
    assert program.max_mentors_per_mentee == 2
    assert program.inactivity_days == 21


def test_enrollment_window_must_close_after_it_opens(
    client: Client, organisation: Organisation, manager: User
) -> None:
    client.force_login(manager)
    url = reverse("programs:program_create", kwargs={"organisation_id": organisation.pk})
    response = client.post(
        url,
        {
            "name": "Backwards",
            "kind": "mentoring",
            "format": "one_to_one",
            "matching_mode": "both",
            "expected_duration_weeks": "26",
            "meeting_cadence": "monthly",
            "default_mentor_capacity": "2",
            "max_mentors_per_mentee": "1",
            "max_open_requests": "3",
            "request_expiry_days": "14",
            "inactivity_days": "30",
            "separation_notice_days": "14",
            "enrollment_opens_at": "2026-12-10T09:00",
            "enrollment_closes_at": "2026-12-01T09:00",
        },
    )
    assert response.status_code == 200
    assert not Program.objects.filter(name="Backwards").exists()
