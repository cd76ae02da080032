"""The enrollment lifecycle: one table, one writer, one event per move (issue 11 point 3), and the
rules the pages enforced now enforced below every door (issue 10)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.programs.lifecycle import ENROLLMENT_LIFECYCLE, PROGRAM_LIFECYCLE
from mentora.programs.models import (
    Enrollment,
    EnrollmentEvent,
    Organisation,
    Program,
    ProgramStateChange,
)
from mentora.programs.participant_io import participants_import
from mentora.programs.services import (
    enrollment_approve,
    enrollment_decline,
    enrollment_submit,
    enrollment_withdraw,
    program_transition,
)
from mentora.programs.tests.participant_files import MENTEE, csv_bytes
from mentora.testing import PASSWORD, enroll, make_person
from mentora.testing.programs import verify_domain

pytestmark = pytest.mark.django_db


def moves(enrollment: Enrollment) -> list[tuple[str, str, str | None]]:
    return [
        (event.from_status, event.to_status, event.actor.email if event.actor else None)
        for event in EnrollmentEvent.objects.filter(enrollment=enrollment)
    ]


def test_every_move_of_an_enrollment_is_recorded(
    program: Program, manager: User, outsider: User
) -> None:
    enrollment = enroll(program, outsider, Enrollment.Role.MENTEE)
    enrollment_withdraw(enrollment=enrollment, withdrawn_by=outsider, note="Too busy")
    again = enroll(program, outsider, Enrollment.Role.MENTEE)
    enrollment_withdraw(enrollment=again, withdrawn_by=manager)

    assert again.pk == enrollment.pk
    assert moves(enrollment) == [
        ("", "active", outsider.email),
        ("active", "withdrawn", outsider.email),
        ("withdrawn", "active", outsider.email),
        ("active", "withdrawn", manager.email),
    ]
    assert EnrollmentEvent.objects.filter(enrollment=enrollment)[1].note == "Too busy"


def test_approvals_and_declines_are_recorded(
    program: Program, manager: User, outsider: User
) -> None:
    program.requires_approval = True
    program.save()
    second = make_person("second@example.org", "Sam Second")

    first = enroll(program, outsider, Enrollment.Role.MENTEE)
    enrollment_approve(enrollment=first, approved_by=manager)
    declined = enroll(program, second, Enrollment.Role.MENTOR)
    enrollment_decline(enrollment=declined, declined_by=manager, note="Full this year")

    assert moves(first) == [("", "pending", outsider.email), ("pending", "active", manager.email)]
    assert moves(declined) == [
        ("", "pending", second.email),
        ("pending", "declined", manager.email),
    ]


def test_an_import_records_the_manager_as_the_one_who_enrolled(
    program: Program, manager: User, organisation: Organisation
) -> None:
    verify_domain(organisation, "example.org")
    participants_import(
        program=program,
        file_name="p.csv",
        data=csv_bytes([{**MENTEE, "manager_email": ""}]),
        imported_by=manager,
    )

    enrollment = Enrollment.objects.get(user__email=MENTEE["email"])
    event = EnrollmentEvent.objects.get(enrollment=enrollment)
    assert (event.from_status, event.to_status, event.actor) == ("", "active", manager)
    assert "Imported" in event.note


def test_moves_not_in_the_table_are_refused_clearly(
    program: Program, manager: User, mentee: User
) -> None:
    enrollment = Enrollment.objects.get(user=mentee)
    with pytest.raises(ValidationError, match="'enrolled' cannot become 'declined'"):
        enrollment_decline(enrollment=enrollment, declined_by=manager)
    enrollment_withdraw(enrollment=enrollment, withdrawn_by=mentee)
    # Taking a place again happens only by enrolling, never by a manager's "approve".
    with pytest.raises(ValidationError, match="only by enrolling"):
        enrollment_approve(enrollment=enrollment, approved_by=manager)
    assert len(moves(enrollment)) == 2


def test_a_participant_cannot_decide_and_an_outsider_cannot_withdraw(
    program: Program, mentee: User, mentor: User, outsider: User
) -> None:
    program.requires_approval = True
    program.save()
    pending = enroll(program, outsider, Enrollment.Role.MENTEE)
    with pytest.raises(PermissionDenied):
        enrollment_approve(enrollment=pending, approved_by=outsider)
    with pytest.raises(PermissionDenied):
        enrollment_withdraw(enrollment=Enrollment.objects.get(user=mentee), withdrawn_by=mentor)


def test_approving_cannot_make_someone_both_mentor_and_mentee(
    program: Program, manager: User, outsider: User
) -> None:
    program.allow_dual_role = True
    program.requires_approval = True
    program.save()
    as_mentor = enroll(program, outsider, Enrollment.Role.MENTOR)
    as_mentee = enroll(program, outsider, Enrollment.Role.MENTEE)
    enrollment_approve(enrollment=as_mentor, approved_by=manager)
    program.allow_dual_role = False
    program.save()

    with pytest.raises(ValidationError, match="both"):
        enrollment_approve(enrollment=as_mentee, approved_by=manager)
    as_mentee.refresh_from_db()
    assert as_mentee.status == Enrollment.Status.PENDING


def test_nothing_is_approved_in_a_closed_program(
    program: Program, manager: User, outsider: User
) -> None:
    program.requires_approval = True
    program.save()
    pending = enroll(program, outsider, Enrollment.Role.MENTEE)
    for state in ("running", "closed"):
        program_transition(program=program, to_state=state, changed_by=manager)

    with pytest.raises(ValidationError, match="closed"):
        enrollment_approve(enrollment=pending, approved_by=manager)


def test_a_running_program_refuses_a_person_nobody_invited(
    program: Program, manager: User, outsider: User
) -> None:
    program_transition(program=program, to_state="running", changed_by=manager)
    with pytest.raises(ValidationError, match="not open"):
        enrollment_submit(program=program, user=outsider, role="mentee", answers={})


def test_the_manager_page_offers_only_the_moves_the_table_allows(
    client: Client, program: Program, manager: User, outsider: User, mentee: User
) -> None:
    program.requires_approval = True
    program.save()
    pending = enroll(program, outsider, Enrollment.Role.MENTEE)
    active = Enrollment.objects.get(user=mentee)
    client.force_login(manager)

    html = client.get(reverse("programs:manage_program", kwargs={"program_id": program.pk}))
    page = html.content.decode()

    def url(enrollment: Enrollment, action: str) -> str:
        return reverse(
            "programs:enrollment_decide",
            kwargs={"enrollment_id": enrollment.pk, "action": action},
        )

    assert url(pending, "approve") in page
    assert url(pending, "decline") in page
    assert url(active, "withdraw") in page
    assert url(active, "approve") not in page
    assert url(active, "decline") not in page
    expected = [m.target for m in PROGRAM_LIFECYCLE.moves_from(program.state)]
    for state in expected:
        assert f'value="{state}"' in page


def test_the_admin_shows_statuses_read_only_and_moves_them_through_the_writers(
    program: Program, manager: User, outsider: User
) -> None:
    program.requires_approval = True
    program.save()
    pending = enroll(program, outsider, Enrollment.Role.MENTEE)
    staff = User.objects.create_superuser(email="staff@example.org", password=PASSWORD)
    client = Client()
    client.force_login(staff)

    change = client.get(reverse("admin:programs_enrollment_change", args=[pending.pk]))
    assert 'name="status"' not in change.content.decode()
    client.post(
        reverse("admin:programs_enrollment_changelist"),
        {"action": "approve", "_selected_action": [pending.pk]},
    )
    assert moves(pending)[-1] == ("pending", "active", staff.email)
    client.post(
        reverse("admin:programs_program_changelist"),
        {"action": "move_to_running", "_selected_action": [program.pk]},
    )
    program.refresh_from_db()
    assert program.state == Program.State.RUNNING
    assert ProgramStateChange.objects.get(program=program).changed_by == staff
    assert client.get(reverse("admin:programs_enrollmentevent_changelist")).status_code == 200
    assert client.get(reverse("admin:programs_enrollmentevent_add")).status_code == 403


def test_the_tables_describe_themselves() -> None:
    table = ENROLLMENT_LIFECYCLE.as_markdown()
    assert "| Not enrolled | Enrolled |" in table
    assert "enrollment submit" in table
