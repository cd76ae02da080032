"""The organisation is a wall (issue 10, finding 2).

The finding, reproduced through the doors that had it: any verified user created an organisation
and a program through the API, uploaded a CSV naming other people's emails, learnt from the
preview how many of them had accounts, enrolled them without their consent by confirming, could
then read their profiles (`/api/profiles/{id}/`, the export), and had filled the empty fields of
their profiles with the file's values. Each test below tries one step of that attack; together
they describe the rule that replaced it: membership is explicit, a manager enrolls only the
organisation's people, everyone else is invited and enrolls only by accepting.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.access import is_member
from mentora.programs.models import (
    Enrollment,
    EnrollmentEvent,
    Invitation,
    Organisation,
    OrganisationDomain,
    OrganisationMembership,
    Program,
)
from mentora.programs.participant_io import participants_import, participants_import_preview
from mentora.programs.services import (
    enrollment_submit,
    organisation_create,
    organisation_domain_add,
    organisation_domain_verify,
)
from mentora.programs.tests.participant_files import csv_bytes
from mentora.testing import PASSWORD, make_person
from mentora.testing.programs import make_member, verify_domain

pytestmark = pytest.mark.django_db

ApiAs = Callable[[User], APIClient]

# A row naming someone outside the organisation, with a phishing link for their empty profile.
STRANGER_ROW = {
    "email": "victim@elsewhere.example",
    "display_name": "Vera Victim",
    "role": "mentee",
    "headline": "Clicks every link",
    "profile_url": "https://phishing.example/login",
    "career_goals": "Trust the importer",
}


@pytest.fixture
def victim(db: None) -> User:
    """Someone with an account, outside the organisation, whose profile leaves fields empty."""
    return make_person("victim@elsewhere.example", "Vera Victim")


def _upload(client: Client, program: Program, rows: list[dict[str, str]]) -> str:
    """Upload a file on the import page; the preview page's HTML."""
    upload = client.post(
        reverse("programs:import", kwargs={"program_id": program.pk}),
        {"file": SimpleUploadedFile("people.csv", csv_bytes(rows), content_type="text/csv")},
    )
    assert upload.status_code == 302, upload.content.decode()[:2000]
    return client.get(upload["Location"]).content.decode()


def _confirm(client: Client, program: Program, rows: list[dict[str, str]]) -> None:
    upload = client.post(
        reverse("programs:import", kwargs={"program_id": program.pk}),
        {"file": SimpleUploadedFile("people.csv", csv_bytes(rows), content_type="text/csv")},
    )
    done = client.post(upload["Location"], {"mode": "all"})
    assert done.status_code == 302, done.content.decode()[:3000]


# --- Who may create an organisation ---------------------------------------------------------------


def test_a_verified_user_cannot_create_an_organisation_by_default(
    api_as: ApiAs, client: Client, outsider: User
) -> None:
    response = api_as(outsider).post("/api/organisations/", {"name": "Evil Corp"}, format="json")
    client.force_login(outsider)
    page = client.get(reverse("programs:manage")).content.decode()
    posted = client.post(reverse("programs:manage"), {"name": "Evil Corp", "description": ""})

    assert response.status_code == 403
    assert "Create an organisation" not in page
    assert posted.status_code == 200
    with pytest.raises(PermissionDenied):
        organisation_create(name="Evil Corp", created_by=outsider)
    assert not Organisation.objects.filter(name="Evil Corp").exists()


def test_site_staff_create_an_approved_organisation_for_its_first_manager(outsider: User) -> None:
    staff = User.objects.create_user(email="staff@example.org", password=PASSWORD, is_staff=True)

    organisation = organisation_create(name="Initech", created_by=staff, first_manager=outsider)

    assert organisation.is_approved
    assert list(organisation.managers.values_list("user__email", flat=True)) == [outsider.email]
    assert is_member(user=outsider, organisation_id=organisation.pk)
    with pytest.raises(PermissionDenied):
        organisation_create(name="Initech 2", created_by=outsider, first_manager=staff)


@override_settings(ORGANISATION_CREATION="approval")
def test_under_approval_anyone_may_ask_and_nothing_is_set_up_until_staff_approve(
    api_as: ApiAs, outsider: User, victim: User
) -> None:
    client = api_as(outsider)
    asked = client.post("/api/organisations/", {"name": "Helping Hands"}, format="json")
    organisation_id = asked.json()["id"]
    program = client.post(
        "/api/programs/", {"organisation": organisation_id, "name": "Pilot"}, format="json"
    )
    invite = client.post(
        f"/api/organisations/{organisation_id}/managers/",
        {"email": victim.email},
        format="json",
    )

    assert asked.status_code == 201
    assert (asked.json()["approved"], asked.json()["manages"]) == (False, True)
    assert program.status_code == 400
    assert "approval" in str(program.json())
    assert invite.status_code == 400
    assert not Invitation.objects.exists()

    staff = User.objects.create_superuser(email="staff@example.org", password=PASSWORD)
    admin = Client()
    admin.force_login(staff)
    admin.post(
        reverse("admin:programs_organisation_changelist"),
        {"action": "approve", "_selected_action": [organisation_id]},
    )
    approved = client.post(
        "/api/programs/", {"organisation": organisation_id, "name": "Pilot"}, format="json"
    )
    assert approved.status_code == 201
    assert Organisation.objects.get(pk=organisation_id).approved_by == staff


# --- The import's preview tells nobody who uses Mentora -------------------------------------------


def _without(text: str, *words: str) -> str:
    for word in words:
        text = text.replace(word, "EMAIL")
    text = re.sub(r"(CSRFToken\": \"|csrfmiddlewaretoken\" value=\")[^\"]+", r"\1TOKEN", text)
    # Each response has its own Content-Security-Policy nonce.
    text = re.sub(r'nonce="[^"]+"', 'nonce="NONCE"', text)
    return re.sub(r"/import/[A-Za-z0-9_-]+/", "/import/TOKEN/", text)


def test_the_preview_says_the_same_for_an_address_with_and_without_an_account(
    client: Client, manager: User, program: Program, victim: User, tmp_path: Path
) -> None:
    ghost_row = {**STRANGER_ROW, "email": "ghost@elsewhere.example"}

    with_account = participants_import_preview(
        program=program, file_name="p.csv", data=csv_bytes([STRANGER_ROW])
    )
    without = participants_import_preview(
        program=program, file_name="p.csv", data=csv_bytes([ghost_row])
    )
    assert with_account.summary(program=program) == without.summary(program=program)
    assert (with_account.people_to_enroll, with_account.people_to_invite) == (0, 1)
    assert (without.people_to_enroll, without.people_to_invite) == (0, 1)
    assert [r.enroll_now for r in with_account.rows] == [r.enroll_now for r in without.rows]

    client.force_login(manager)
    page_with = _upload(client, program, [STRANGER_ROW])
    page_without = _upload(client, program, [ghost_row])
    assert _without(page_with, victim.email) == _without(page_without, "ghost@elsewhere.example")

    outputs = []
    for row in (STRANGER_ROW, ghost_row):
        path = tmp_path / "people.csv"
        path.write_bytes(csv_bytes([row]))
        out = io.StringIO()
        call_command("import_participants", program.pk, str(path), "--dry-run", stdout=out)
        outputs.append(_without(out.getvalue(), row["email"]))
    assert outputs[0] == outputs[1]


# --- Confirming enrolls nobody outside the organisation -------------------------------------------


def test_confirming_an_import_invites_people_outside_the_organisation(
    client: Client,
    api_as: ApiAs,
    manager: User,
    program: Program,
    victim: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(client, program, [STRANGER_ROW, {**STRANGER_ROW, "email": "ghost@else.example"}])

    assert not Enrollment.objects.filter(program=program, user=victim).exists()
    invitation = Invitation.objects.get(program=program, email=victim.email)
    assert (invitation.role, invitation.accepted_at) == ("mentee", None)
    assert invitation.data["profile"]["profile_url"] == "https://phishing.example/login"
    assert {message.to[0] for message in mail.outbox} == {victim.email, "ghost@else.example"}
    assert not User.objects.filter(email="ghost@else.example").exists()
    # Nothing of the victim's profile changed, not even the fields they had left empty.
    victim.profile.refresh_from_db()
    assert (victim.profile.headline, victim.profile.profile_url) == ("", "")
    # The importer cannot read them.
    assert api_as(manager).get(f"/api/profiles/{victim.profile.pk}/").status_code == 404
    page = client.get(reverse("programs:profile", kwargs={"profile_id": victim.profile.pk}))
    assert page.status_code == 404
    export = client.get(reverse("programs:export", kwargs={"program_id": program.pk}))
    assert victim.email not in export.content.decode("utf-8-sig")


def test_an_invited_person_enrolls_only_by_accepting_with_the_data_the_file_carried(
    client: Client, manager: User, program: Program, victim: User
) -> None:
    participants_import(
        program=program, file_name="p.csv", data=csv_bytes([STRANGER_ROW]), imported_by=manager
    )
    invitation = Invitation.objects.get(program=program, email=victim.email)

    client.force_login(victim)
    landing = client.get(reverse("programs:invitation", kwargs={"token": invitation.token}))
    form = client.get(landing["Location"])
    html = form.content.decode()
    assert "Clicks every link" in html  # the file's headline, for a field they left empty
    assert "Trust the importer" in html  # the file's goals, in the mentee side
    accepted = client.post(
        landing["Location"],
        {
            "role": "mentee",
            "profile-display_name": "Vera Victim",
            "profile-timezone": "Europe/London",
            "profile-headline": "Careful reader",
            "side-career_goals": "Learn to spot phishing",
            "side-meeting_cadence": "monthly",
            "side-organisation_preference": "any",
            "side-industry_preference": "any",
            "side-job_function_preference": "any",
        },
    )

    assert accepted.status_code == 302, accepted.content.decode()[:3000]
    enrollment = Enrollment.objects.get(program=program, user=victim)
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.mentee_needs.career_goals == ["Learn to spot phishing"]
    victim.profile.refresh_from_db()
    assert (victim.profile.headline, victim.profile.profile_url) == ("Careful reader", "")
    invitation.refresh_from_db()
    assert invitation.accepted_by == victim
    membership = OrganisationMembership.objects.get(user=victim)
    assert membership.source == OrganisationMembership.Source.INVITATION
    event = EnrollmentEvent.objects.get(enrollment=enrollment)
    assert (event.from_status, event.to_status, event.actor) == ("", "active", victim)


def test_the_organisations_people_are_enrolled_at_once(
    manager: User, program: Program, organisation: Organisation, victim: User
) -> None:
    verify_domain(organisation, "acme.example")
    member = make_person("member@partner.example", "Mel Member")
    make_member(organisation, member)
    rows = [
        {**STRANGER_ROW, "email": "new.hire@acme.example", "display_name": "Nia New"},
        {**STRANGER_ROW, "email": member.email, "display_name": "Renamed"},
        STRANGER_ROW,
    ]

    report = participants_import(
        program=program, file_name="p.csv", data=csv_bytes(rows), imported_by=manager
    )

    assert (report.people_to_enroll, report.people_to_invite) == (2, 1)
    enrolled = set(
        Enrollment.objects.filter(program=program, status="active").values_list(
            "user__email", flat=True
        )
    )
    assert enrolled == {"new.hire@acme.example", member.email}
    new_hire = User.objects.get(email="new.hire@acme.example")
    assert new_hire.profile.display_name == "Nia New"
    assert not new_hire.has_usable_password()
    assert not EmailAddress.objects.get(user=new_hire).verified
    member.profile.refresh_from_db()
    assert member.profile.display_name == "Mel Member"
    assert Invitation.objects.filter(email=victim.email).exists()
    imported = EnrollmentEvent.objects.get(enrollment__user=member)
    assert (imported.actor, imported.to_status) == (manager, "active")


def test_a_manager_enrolls_only_members_whatever_the_door(
    manager: User, program: Program, organisation: Organisation, victim: User
) -> None:
    with pytest.raises(ValidationError, match="only members"):
        enrollment_submit(
            program=program, user=victim, role="mentee", answers={}, enrolled_by=manager
        )
    assert not Enrollment.objects.filter(user=victim).exists()

    make_member(organisation, victim)
    enrollment = enrollment_submit(
        program=program, user=victim, role="mentee", answers={}, enrolled_by=manager
    )
    assert enrollment.status == Enrollment.Status.ACTIVE


# --- Membership and domains -----------------------------------------------------------------------


def test_a_verified_domain_makes_verified_addresses_members(
    organisation: Organisation, victim: User
) -> None:
    unverified = User.objects.create_user(email="unproven@acme.example", password=PASSWORD)
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)
    proven = make_person("proven@acme.example", "Pat Proven")
    assert not is_member(user=proven, organisation_id=organisation.pk)

    verify_domain(organisation, "acme.example")

    assert is_member(user=proven, organisation_id=organisation.pk)
    assert not is_member(user=unverified, organisation_id=organisation.pk)
    assert not is_member(user=victim, organisation_id=organisation.pk)


def test_only_site_staff_verify_a_domain_and_never_a_public_one(
    organisation: Organisation, manager: User
) -> None:
    staff = User.objects.create_superuser(email="staff@example.org", password=PASSWORD)
    with pytest.raises(PermissionDenied):
        organisation_domain_add(organisation=organisation, domain="acme.example", added_by=manager)
    with pytest.raises(ValidationError, match="public email service"):
        organisation_domain_add(organisation=organisation, domain="gmail.com", added_by=staff)
    domain = organisation_domain_add(
        organisation=organisation, domain="@Acme.Example", added_by=staff
    )
    assert (domain.domain, domain.is_verified) == ("acme.example", False)
    with pytest.raises(PermissionDenied):
        organisation_domain_verify(domain=domain, verified_by=manager)

    client = Client()
    client.force_login(staff)
    client.post(
        reverse("admin:programs_organisationdomain_changelist"),
        {"action": "verify", "_selected_action": [domain.pk]},
    )
    assert OrganisationDomain.objects.get(pk=domain.pk).verified_by == staff
