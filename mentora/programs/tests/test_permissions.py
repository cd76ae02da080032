"""Every page shows a person only what their role in that program allows; outsiders get 404."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.profiles.services import demographics_update, profile_update
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_program(program: Program) -> Program:
    return Program.objects.create(
        organisation=program.organisation, name="Secret pilot", slug="secret-pilot"
    )


def test_outsider_gets_404_for_a_draft_program(
    client: Client, outsider: User, draft_program: Program
) -> None:
    client.force_login(outsider)
    for name in ["programs:detail", "programs:enroll"]:
        url = reverse(name, kwargs={"program_id": draft_program.pk})
        assert client.get(url).status_code == 404


def test_outsider_gets_404_for_another_persons_profile(
    client: Client, outsider: User, mentee: User
) -> None:
    client.force_login(outsider)
    url = reverse("programs:profile", kwargs={"profile_id": mentee.profile.pk})
    assert client.get(url).status_code == 404


def test_outsider_gets_404_for_someone_elses_enrollment(
    client: Client, outsider: User, mentee: User
) -> None:
    client.force_login(outsider)
    enrollment = Enrollment.objects.get(user=mentee)
    response = client.post(reverse("programs:withdraw", kwargs={"enrollment_id": enrollment.pk}))
    assert response.status_code == 404
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE


def test_participant_cannot_decide_enrollments(client: Client, mentor: User, mentee: User) -> None:
    client.force_login(mentor)
    enrollment = Enrollment.objects.get(user=mentee)
    url = reverse(
        "programs:enrollment_decide", kwargs={"enrollment_id": enrollment.pk, "action": "withdraw"}
    )
    assert client.post(url).status_code == 404
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE


def test_mentee_cannot_edit_another_persons_profile(mentee: User, mentor: User) -> None:
    with pytest.raises(PermissionDenied):
        profile_update(user=mentor, editor=mentee, headline="Hijacked")
    mentor.profile.refresh_from_db()
    assert mentor.profile.headline != "Hijacked"


def test_profile_edit_page_only_ever_writes_ones_own_profile(
    client: Client, mentee: User, mentor: User
) -> None:
    client.force_login(mentee)
    response = client.post(
        reverse("profiles:edit"),
        {"display_name": "Mina M.", "timezone": "Europe/Paris", "user": mentor.pk},
    )
    assert response.status_code == 302
    mentee.profile.refresh_from_db()
    mentor.profile.refresh_from_db()
    assert mentee.profile.display_name == "Mina M."
    assert mentor.profile.display_name == "Otto Mentor"


def test_manager_of_one_organisation_cannot_see_another_organisations_program(
    client: Client, manager: User, other_organisation_program: Program
) -> None:
    client.force_login(manager)
    pid = other_organisation_program.pk
    for name in [
        "programs:manage_program",
        "programs:program_edit",
        "programs:questions",
        "programs:detail",
    ]:
        assert client.get(reverse(name, kwargs={"program_id": pid})).status_code == 404


def test_mentees_see_mentors_but_not_other_mentees(
    client: Client, program: Program, mentor: User, mentee: User
) -> None:
    other = make_person("second.mentee@example.org", "Sam Second")
    enrollment_submit(program=program, user=other, role="mentee", answers={}, mentee_needs={})
    client.force_login(mentee)
    assert (
        client.get(
            reverse("programs:profile", kwargs={"profile_id": mentor.profile.pk})
        ).status_code
        == 200
    )
    assert (
        client.get(reverse("programs:profile", kwargs={"profile_id": other.profile.pk})).status_code
        == 404
    )


def test_demographics_never_appear_on_a_profile_page(
    client: Client, mentor: User, mentee: User
) -> None:
    demographics_update(user=mentee, gender="woman", nationality="Portuguese")
    client.force_login(mentor)
    page = client.get(reverse("programs:profile", kwargs={"profile_id": mentee.profile.pk}))
    assert page.status_code == 200
    assert "Portuguese" not in page.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, program: Program) -> None:
    response = client.get(reverse("programs:detail", kwargs={"program_id": program.pk}))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
