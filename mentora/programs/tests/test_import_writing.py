"""Importing participants: all or nothing, only the valid rows when asked, the command and the
manager's pages (the checks of each row are in test_import_checks.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from mentora.accounts.models import User
from mentora.profiles.models import MenteeNeeds, MentorOffer, Profile
from mentora.programs import services
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.programs.participant_io import (
    ImportReport,
    ParticipantImportError,
    Problem,
    importing,
    participants_import,
    participants_import_preview,
)
from mentora.programs.tests.participant_files import (
    MENTEE,
    MENTOR,
    THIRD,
    csv_bytes,
    xlsx_bytes,
)
from mentora.testing import make_person
from mentora.testing.programs import verify_domain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def people_of_acme(organisation: Organisation) -> None:
    """Acme's verified email domain is example.org, the test files' domain: their people belong
    to Acme, so an import enrolls them. What happens to everyone else is in
    test_organisation_wall.py."""
    verify_domain(organisation, "example.org")


def preview(program: Program, rows: list[dict[str, str]], **kwargs: Any) -> ImportReport:
    return participants_import_preview(
        program=program, file_name="people.csv", data=csv_bytes(rows, **kwargs)
    )


def only_problem(report: ImportReport) -> Problem:
    assert len(report.problems) == 1, [str(p) for p in report.problems]
    return report.problems[0]


def snapshot() -> tuple[int, int, int, int, int, int]:
    return (
        User.objects.count(),
        Profile.objects.count(),
        EmailAddress.objects.count(),
        Enrollment.objects.count(),
        MentorOffer.objects.count(),
        MenteeNeeds.objects.count(),
    )


# --- Writing --------------------------------------------------------------------------------------


def test_import_creates_people_profiles_and_active_enrollments(
    program: Program, manager: User
) -> None:
    report = participants_import(
        program=program,
        file_name="people.csv",
        data=csv_bytes([MENTOR, MENTEE]),
        imported_by=manager,
    )
    assert report.written
    ada = User.objects.get(email="ada@example.org")
    grace = User.objects.get(email="grace@example.org")
    assert not ada.has_usable_password()
    assert EmailAddress.objects.get(user=ada).verified is False
    assert ada.profile.display_name == "Ada Lovelace"
    assert ada.profile.languages == ["en", "fr"]
    assert ada.profile.years_experience == 20
    assert grace.profile.manager == ada
    assert grace.profile.timezone == "America/New_York"
    mentor_enrollment = Enrollment.objects.get(program=program, user=ada)
    assert (mentor_enrollment.role, mentor_enrollment.status) == ("mentor", "active")
    offer = mentor_enrollment.mentor_offer
    assert sorted(s.name for s in offer.skills.all()) == ["Python", "SQL"]
    assert (offer.capacity, offer.hours_per_month) == (3, 6)
    needs = Enrollment.objects.get(program=program, user=grace).mentee_needs
    assert needs.career_goals == ["Lead a team", "Give a conference talk"]
    assert needs.meeting_cadence == "monthly"


def test_import_activates_enrollments_even_when_the_program_needs_approval(
    program: Program, manager: User
) -> None:
    program.requires_approval = True
    program.save()
    participants_import(
        program=program, file_name="p.csv", data=csv_bytes([MENTOR]), imported_by=manager
    )
    enrollment = Enrollment.objects.get(program=program, user__email="ada@example.org")
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.decided_by == manager


def test_import_never_changes_an_existing_accounts_profile(program: Program, manager: User) -> None:
    # Issue 10 changes this on purpose: the file used to fill the empty fields of an existing
    # profile (a phishing profile_url, say); now it changes nothing of an account that exists.
    known = make_person("known@example.org", "Known Person", job_title="")
    password = known.password
    row = {
        **MENTEE,
        "email": "Known@Example.org",
        "display_name": "Renamed",
        "job_title": "Analyst",
        "timezone": "Asia/Tokyo",
        "languages": "de",
        "meeting_formats": "phone",
        "manager_email": "",
    }
    report = participants_import(
        program=program, file_name="p.csv", data=csv_bytes([row]), imported_by=manager
    )
    assert (report.people_to_enroll, report.people_to_invite) == (1, 0)
    known.refresh_from_db()
    assert known.profile.display_name == "Known Person"
    assert known.profile.timezone == "Europe/London"
    assert known.profile.languages == ["en"]
    assert known.profile.job_title == ""
    assert known.profile.meeting_formats == []
    assert Enrollment.objects.get(user=known, program=program).status == "active"
    assert known.password == password
    assert known.email == "known@example.org"


def test_import_needs_a_manager_of_the_program(program: Program, outsider: User) -> None:
    with pytest.raises(PermissionDenied):
        participants_import(
            program=program, file_name="p.csv", data=csv_bytes([MENTOR]), imported_by=outsider
        )


def test_nothing_is_written_when_any_row_is_invalid(program: Program, manager: User) -> None:
    before = snapshot()
    with pytest.raises(ParticipantImportError) as caught:
        participants_import(
            program=program,
            file_name="p.csv",
            data=csv_bytes([MENTOR, MENTEE, {**THIRD, "timezone": "Moon/Base"}]),
            imported_by=manager,
        )
    assert isinstance(caught.value, ValidationError)
    assert [(p.row, p.column) for p in caught.value.report.problems] == [(4, "timezone")]
    assert snapshot() == before


def test_failure_half_way_leaves_nothing_behind(
    program: Program, manager: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services.enrollment_submit
    calls = {"n": 0}

    def fail_on_third_row(**kwargs: Any) -> Enrollment:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the database went away")
        return real(**kwargs)

    monkeypatch.setattr(importing, "enrollment_submit", fail_on_third_row)
    before = snapshot()
    with pytest.raises(RuntimeError):
        participants_import(
            program=program,
            file_name="p.csv",
            data=csv_bytes([MENTOR, MENTEE, THIRD]),
            imported_by=manager,
        )
    assert calls["n"] == 3
    assert snapshot() == before


def test_a_row_a_service_refuses_is_reported_and_nothing_is_written(
    program: Program, manager: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services.enrollment_submit

    def refuse_alan(**kwargs: Any) -> Enrollment:
        if kwargs["user"].email == THIRD["email"]:
            raise ValidationError("The program is full.")
        return real(**kwargs)

    monkeypatch.setattr(importing, "enrollment_submit", refuse_alan)
    before = snapshot()
    with pytest.raises(ParticipantImportError) as caught:
        participants_import(
            program=program,
            file_name="p.csv",
            data=csv_bytes([MENTOR, MENTEE, THIRD]),
            imported_by=manager,
        )
    problem = caught.value.report.problems[-1]
    assert (problem.row, problem.column, problem.value) == (4, "email", THIRD["email"])
    assert "The program is full." in problem.message
    assert snapshot() == before


def test_only_valid_rows_writes_exactly_the_valid_rows(program: Program, manager: User) -> None:
    rows = [
        MENTOR,
        {**MENTEE, "email": "broken"},
        THIRD,
        {**THIRD, "email": "x@example.org", "skills": "Underwater basket weaving"},
    ]
    before_users = User.objects.count()
    report = participants_import(
        program=program,
        file_name="p.csv",
        data=csv_bytes(rows),
        imported_by=manager,
        only_valid_rows=True,
    )
    assert report.invalid_rows == {3, 5}
    assert report.valid_row_count == 2
    assert User.objects.count() == before_users + 2
    imported = set(Enrollment.objects.filter(program=program).values_list("user__email", flat=True))
    assert imported == {"ada@example.org", "alan@example.org"}


def test_only_valid_rows_leaves_out_a_row_whose_manager_is_left_out(
    program: Program, manager: User
) -> None:
    rows = [{**MENTOR, "timezone": "Nowhere"}, MENTEE, THIRD]
    report = participants_import(
        program=program,
        file_name="p.csv",
        data=csv_bytes(rows),
        imported_by=manager,
        only_valid_rows=True,
    )
    assert report.invalid_rows == {2, 3}
    assert any(p.row == 3 and p.column == "manager_email" for p in report.problems)
    assert list(
        Enrollment.objects.filter(program=program).values_list("user__email", flat=True)
    ) == ["alan@example.org"]


def test_progress_is_reported_for_every_row(program: Program, manager: User) -> None:
    seen: list[tuple[int, int]] = []
    participants_import(
        program=program,
        file_name="p.csv",
        data=csv_bytes([MENTOR, MENTEE, THIRD]),
        imported_by=manager,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_xlsx_file_is_imported_like_a_csv(program: Program, manager: User) -> None:
    header = list(MENTOR)
    data = xlsx_bytes(
        [
            [],
            header,
            [
                int(MENTOR[c])
                if c in {"years_experience", "capacity", "hours_per_month"}
                else MENTOR[c]
                for c in header
            ],
        ]
    )
    report = participants_import(
        program=program, file_name="People.XLSX", data=data, imported_by=manager
    )
    assert report.written
    ada = User.objects.get(email="ada@example.org")
    assert ada.profile.years_experience == 20
    assert Enrollment.objects.get(user=ada).mentor_offer.capacity == 3


def test_xlsx_problems_use_spreadsheet_row_numbers(program: Program) -> None:
    data = xlsx_bytes(
        [
            ["email", "display_name", "role", "years_experience"],
            ["ok@example.org", "Ok", "mentor", 3],
            [None, None, None, None],
            ["bad", "Bad", "mentee", 2.5],
        ]
    )
    report = participants_import_preview(program=program, file_name="people.xlsx", data=data)
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (4, "email", "bad"),
        (4, "years_experience", "2.5"),
    ]


# --- The management command -----------------------------------------------------------------------


def write(tmp_path: Path, rows: list[dict[str, str]], name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return path


def test_command_dry_run_writes_nothing(program: Program, manager: User, tmp_path: Path) -> None:
    path = write(tmp_path, [MENTOR, MENTEE])
    out = io.StringIO()
    before = snapshot()
    call_command("import_participants", program.pk, str(path), "--dry-run", stdout=out)
    assert snapshot() == before
    assert "2 of 2 rows valid" in out.getvalue()
    assert "nothing was written" in out.getvalue()


def test_command_imports_with_a_progress_bar(
    program: Program, manager: User, tmp_path: Path
) -> None:
    path = write(tmp_path, [MENTOR, MENTEE, THIRD])
    out, err = io.StringIO(), io.StringIO()
    call_command("import_participants", program.pk, str(path), stdout=out, stderr=err)
    assert "Enrolled 3 people of Acme Health and invited 0" in out.getvalue()
    assert "3/3" in err.getvalue()
    assert Enrollment.objects.filter(program=program, user__email=MENTOR["email"]).exists()


def test_command_lists_problems_and_exits_with_an_error(
    program: Program, manager: User, tmp_path: Path
) -> None:
    path = write(tmp_path, [MENTOR, {**MENTEE, "years_experience": "a decade"}])
    out = io.StringIO()
    before = snapshot()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_participants", program.pk, str(path), stdout=out)
    assert "row 3, column years_experience, value 'a decade': not a whole number." in (
        out.getvalue()
    )
    assert snapshot() == before


def test_command_dry_run_with_problems_exits_with_an_error(
    program: Program, manager: User, tmp_path: Path
) -> None:
    path = write(tmp_path, [{**MENTOR, "email": "nope"}])
    with pytest.raises(CommandError):
        call_command(
            "import_participants", program.pk, str(path), "--dry-run", stdout=io.StringIO()
        )


def test_command_only_valid_rows(program: Program, manager: User, tmp_path: Path) -> None:
    path = write(tmp_path, [MENTOR, {**MENTEE, "email": "nope"}])
    call_command(
        "import_participants",
        program.pk,
        str(path),
        "--only-valid-rows",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert list(
        Enrollment.objects.filter(program=program).values_list("user__email", flat=True)
    ) == [MENTOR["email"]]


def test_command_as_someone_who_does_not_manage_the_program(
    program: Program, outsider: User, tmp_path: Path
) -> None:
    path = write(tmp_path, [MENTOR])
    with pytest.raises(CommandError, match="does not manage"):
        call_command("import_participants", program.pk, str(path), "--as", outsider.email)


def test_command_names_a_missing_file_and_program(program: Program, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_participants", program.pk, str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="no program number"):
        call_command("import_participants", 987654, str(tmp_path / "missing.csv"))


# --- The manager's pages --------------------------------------------------------------------------


@pytest.fixture
def uploads(settings: Settings, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path / "imports"


def upload(client: Client, program: Program, data: bytes, name: str = "people.csv") -> Any:
    return client.post(
        reverse("programs:import", kwargs={"program_id": program.pk}),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_upload_preview_and_import_all(
    client: Client, manager: User, program: Program, uploads: Path
) -> None:
    client.force_login(manager)
    page = client.get(reverse("programs:import", kwargs={"program_id": program.pk}))
    assert page.status_code == 200
    assert b"manager_email" in page.content
    response = upload(client, program, csv_bytes([MENTOR, MENTEE]))
    assert response.status_code == 302
    preview_page = client.get(response["Location"])
    text = preview_page.content.decode()
    assert "Nothing has been saved yet" in text
    assert "Import all 2 rows" in text
    assert not Enrollment.objects.filter(user__email=MENTOR["email"]).exists()
    done = client.post(response["Location"], {"mode": "all"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse(
        "programs:manage_program", kwargs={"program_id": program.pk}
    )
    assert "Enrolled 2 people of Acme Health and invited 0" in done.content.decode()
    assert Enrollment.objects.filter(program=program, user__email=MENTEE["email"]).exists()
    assert list(uploads.iterdir()) == []


def test_preview_lists_problems_and_imports_only_valid_rows_when_asked(
    client: Client, manager: User, program: Program, uploads: Path
) -> None:
    client.force_login(manager)
    response = upload(client, program, csv_bytes([MENTOR, {**MENTEE, "timezone": "Atlantis"}]))
    text = client.get(response["Location"]).content.decode()
    assert "Atlantis" in text
    assert "not an IANA timezone name" in text
    assert "Import only the 1 valid row<" in text
    assert 'value="all" class="button" disabled' in text
    refused = client.post(response["Location"], {"mode": "all"})
    assert refused.status_code == 200
    assert "Nothing was imported" in refused.content.decode()
    assert not Enrollment.objects.filter(user__email=MENTOR["email"]).exists()
    client.post(response["Location"], {"mode": "valid"})
    assert Enrollment.objects.filter(program=program, user__email=MENTOR["email"]).exists()
    assert not User.objects.filter(email=MENTEE["email"]).exists()


def test_upload_refuses_other_file_types_and_large_files(
    client: Client, manager: User, program: Program, uploads: Path
) -> None:
    client.force_login(manager)
    response = upload(client, program, b"%PDF", name="people.pdf")
    assert response.status_code == 200
    assert "is not a .csv or .xlsx file" in response.content.decode()
    big = b"email,display_name,role\n" + b"x" * (5 * 1024 * 1024)
    response = upload(client, program, big)
    assert "larger than 5 MB" in response.content.decode()


def test_an_upload_belongs_to_its_session(
    client: Client, manager: User, program: Program, organisation: Organisation, uploads: Path
) -> None:
    client.force_login(manager)
    location = upload(client, program, csv_bytes([MENTOR]))["Location"]
    colleague = make_person("colleague@example.org", "Colin Colleague")
    organisation.managers.create(user=colleague)
    other = Client()
    other.force_login(colleague)
    assert other.get(location).status_code == 404
    assert other.post(location, {"mode": "all"}).status_code == 404
    assert not User.objects.filter(email=MENTOR["email"]).exists()


def test_outsiders_and_other_organisations_get_404(
    client: Client,
    outsider: User,
    mentee: User,
    program: Program,
    other_organisation_program: Program,
    uploads: Path,
) -> None:
    other_manager = User.objects.get(email="other-manager@example.org")
    for person in (outsider, mentee, other_manager):
        client.force_login(person)
        assert (
            client.get(reverse("programs:import", kwargs={"program_id": program.pk})).status_code
            == 404
        )
        assert upload(client, program, csv_bytes([MENTOR])).status_code == 404
        url = reverse(
            "programs:import_confirm", kwargs={"program_id": program.pk, "token": "x" * 32}
        )
        assert client.post(url, {"mode": "all"}).status_code == 404
    assert not User.objects.filter(email=MENTOR["email"]).exists()


def test_import_pages_need_login(client: Client, program: Program) -> None:
    response = client.get(reverse("programs:import", kwargs={"program_id": program.pk}))
    assert response.status_code == 302
    assert "login" in response["Location"]
