"""Enrollment: choose a role, complete profile and questionnaire, enrolled or awaiting approval."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Invitation, Organisation, Program, Question
from mentora.programs.services import (
    enrollment_approve,
    enrollment_submit,
    enrollment_withdraw,
    invitation_create,
    question_create,
)
from mentora.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def style_question(program: Program, manager: User) -> Question:
    return question_create(
        program=program,
        created_by=manager,
        text="Working style",
        required=True,
        kind=Question.Kind.SINGLE_CHOICE,
        choices=["Structured", "Relaxed"],
        matching_rule=Question.MatchingRule.SHOULD_MATCH,
        weight=2,
    )


def _form(role: str, question: Question | None = None, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "role": role,
        "profile-display_name": "Nia New",
        "profile-timezone": "Europe/Berlin",
        "profile-languages": ["en", "de"],
        "profile-meeting_formats": ["video"],
        "profile-years_experience": "3",
        "profile-industry": "healthcare",
        "side-career_goals": "Become a team lead\nLearn SQL",
        "side-meeting_cadence": "monthly",
        "side-organisation_preference": "any",
        "side-industry_preference": "same",
        "side-job_function_preference": "any",
        "side-capacity": "2",
        "side-hours_per_month": "4",
    }
    if question is not None:
        data[f"q-question_{question.pk}"] = "Structured"
    data.update(extra)
    return data


def test_mentee_enrolls_with_profile_and_questionnaire(
    client: Client, outsider: User, program: Program, style_question: Question
) -> None:
    client.force_login(outsider)
    url = reverse("programs:enroll", kwargs={"program_id": program.pk})
    response = client.post(url, _form("mentee", style_question))
    assert response.status_code == 302, response.content.decode()[:3000]
    enrollment = Enrollment.objects.get(user=outsider, program=program)
    assert enrollment.role == "mentee"
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.answers.get().value == "Structured"
    assert enrollment.mentee_needs.career_goals == ["Become a team lead", "Learn SQL"]
    outsider.profile.refresh_from_db()
    assert outsider.profile.languages == ["en", "de"]


def test_required_question_left_empty_is_shown_on_the_form(
    client: Client, outsider: User, program: Program, style_question: Question
) -> None:
    client.force_login(outsider)
    url = reverse("programs:enroll", kwargs={"program_id": program.pk})
    response = client.post(url, _form("mentee"))
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Enrollment.objects.filter(user=outsider).exists()


def test_unknown_timezone_is_refused_with_a_clear_message(
    client: Client, outsider: User, program: Program
) -> None:
    client.force_login(outsider)
    url = reverse("programs:enroll", kwargs={"program_id": program.pk})
    response = client.post(url, _form("mentee", None, **{"profile-timezone": "Mars/Olympus"}))
    assert response.status_code == 200
    assert "is not an IANA timezone name" in response.content.decode()


def test_enrollment_waits_for_approval_when_the_program_says_so(
    program: Program, manager: User, outsider: User
) -> None:
    program.requires_approval = True
    program.save()
    enrollment = enrollment_submit(program=program, user=outsider, role="mentor", answers={})
    assert enrollment.status == Enrollment.Status.PENDING
    enrollment_approve(enrollment=enrollment, approved_by=manager)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.decided_by == manager


def test_one_person_cannot_be_mentor_and_mentee_unless_the_program_allows(
    program: Program, mentee: User
) -> None:
    with pytest.raises(ValidationError, match="both"):
        enrollment_submit(program=program, user=mentee, role="mentor", answers={})
    program.allow_dual_role = True
    program.save()
    enrollment = enrollment_submit(program=program, user=mentee, role="mentor", answers={})
    assert enrollment.status == Enrollment.Status.ACTIVE


def test_enrolling_twice_in_one_role_is_refused(program: Program, mentee: User) -> None:
    with pytest.raises(ValidationError, match="already enrolled"):
        enrollment_submit(program=program, user=mentee, role="mentee", answers={})


def test_a_closed_program_takes_no_enrollment(program: Program, outsider: User) -> None:
    program.state = Program.State.DRAFT
    program.save()
    with pytest.raises(ValidationError, match="not open"):
        enrollment_submit(program=program, user=outsider, role="mentee", answers={})


def test_an_invitation_opens_an_unlisted_program(
    client: Client, program: Program, manager: User
) -> None:
    program.listed = False
    program.save()
    guest = make_person("guest@example.org", "Gus Guest")
    client.force_login(guest)
    assert (
        client.get(reverse("programs:detail", kwargs={"program_id": program.pk})).status_code == 404
    )
    invitation = invitation_create(
        organisation=program.organisation,
        program=program,
        email="Guest@Example.org",
        role=Invitation.Role.MENTEE,
        invited_by=manager,
    )
    response = client.get(reverse("programs:invitation", kwargs={"token": invitation.token}))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_manager_invitation_makes_a_new_manager(
    client: Client,
    organisation: Organisation,
    manager: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            organisation=organisation,
            email="second@example.org",
            role="manager",
            invited_by=manager,
        )
    assert invitation.token in mail.outbox[-1].body
    second = make_person("second@example.org", "Sol Second")
    client.force_login(second)
    client.post(reverse("programs:invitation", kwargs={"token": invitation.token}))
    assert second.managed_organisations.filter(organisation=organisation).exists()


def test_withdrawn_enrollment_can_be_renewed(program: Program, mentee: User) -> None:
    enrollment = Enrollment.objects.get(user=mentee)
    enrollment_withdraw(enrollment=enrollment, withdrawn_by=mentee)
    again = enrollment_submit(program=program, user=mentee, role="mentee", answers={})
    assert again.pk == enrollment.pk
    assert again.status == Enrollment.Status.ACTIVE
