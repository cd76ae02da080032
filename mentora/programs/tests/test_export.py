"""Exporting participants: the import format, a lossless round trip, and no formula injection."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mentora.accounts.models import User
from mentora.profiles.services import profile_update, skills_resolve
from mentora.programs.models import Enrollment, Organisation, Program
from mentora.programs.participant_io import (
    COLUMN_NAMES,
    participants_export,
    participants_import,
    participants_import_preview,
)
from mentora.programs.services import enrollment_withdraw, program_create
from mentora.programs.tests.participant_files import EXAMPLE, MENTOR, csv_bytes, read_csv_rows
from mentora.testing.programs import verify_domain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def people_of_acme(organisation: Organisation) -> None:
    """Acme's verified email domain is example.org: the files' people belong to it."""
    verify_domain(organisation, "example.org")


LIST_COLUMNS = {
    "languages",
    "meeting_formats",
    "skills",
    "free_tags",
    "focus_areas",
    "career_goals",
}


def fresh_program(program: Program, manager: User, name: str) -> Program:
    return program_create(organisation=program.organisation, created_by=manager, name=name)


def comparable(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, object]]:
    """Rows keyed by person and role; list cells as sets, since skills have no order."""
    result: dict[tuple[str, str], dict[str, object]] = {}
    for row in rows:
        values: dict[str, object] = {}
        for name, value in row.items():
            if name in LIST_COLUMNS:
                values[name] = {v.strip() for v in value.split(";") if v.strip()}
            else:
                values[name] = value
        result[(row["email"], row["role"])] = values
    return result


def test_export_has_the_import_columns_and_every_active_participant(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    rows = read_csv_rows(participants_export(program=program, exported_by=manager, fmt="csv"))
    assert list(rows[0]) == list(COLUMN_NAMES)
    assert [(r["email"], r["role"]) for r in rows] == [
        (mentor.email, "mentor"),
        (mentee.email, "mentee"),
    ]
    assert rows[0]["capacity"] == "2"
    assert rows[1]["career_goals"] == "Lead a team within two years"


def test_export_leaves_out_withdrawn_enrollments(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    enrollment_withdraw(
        enrollment=Enrollment.objects.get(user=mentee, program=program), withdrawn_by=mentee
    )
    rows = read_csv_rows(participants_export(program=program, exported_by=manager, fmt="csv"))
    assert [r["email"] for r in rows] == [mentor.email]


def test_export_needs_a_manager_of_the_program(
    program: Program, outsider: User, other_organisation_program: Program
) -> None:
    with pytest.raises(PermissionDenied):
        participants_export(program=program, exported_by=outsider, fmt="csv")
    other_manager = User.objects.get(email="other-manager@example.org")
    with pytest.raises(PermissionDenied):
        participants_export(program=program, exported_by=other_manager, fmt="xlsx")


def test_csv_round_trip_gives_the_same_data(program: Program, manager: User) -> None:
    original = EXAMPLE.read_bytes()
    participants_import(
        program=program, file_name="participants.csv", data=original, imported_by=manager
    )
    first = participants_export(program=program, exported_by=manager, fmt="csv")
    expected = comparable(read_csv_rows(original))
    for values in expected.values():
        # The file may name a skill by a synonym ("Excel"); the export uses the skill's name.
        names = values["skills"]
        assert isinstance(names, set)
        skills, _ = skills_resolve(names=sorted(names))
        values["skills"] = {skill.name for skill in skills}
    assert comparable(read_csv_rows(first)) == expected

    # Into a fresh program, with the people gone so that every profile field comes from the file.
    emails = [row["email"] for row in read_csv_rows(original)]
    User.objects.filter(email__in=emails).delete()
    again = fresh_program(program, manager, "Second round")
    report = participants_import(
        program=again, file_name="export.csv", data=first, imported_by=manager
    )
    assert report.people_to_enroll == 10
    second = participants_export(program=again, exported_by=manager, fmt="csv")
    assert second == first


def test_xlsx_round_trip_gives_the_same_data(program: Program, manager: User) -> None:
    participants_import(
        program=program,
        file_name="participants.csv",
        data=EXAMPLE.read_bytes(),
        imported_by=manager,
    )
    first = participants_export(program=program, exported_by=manager, fmt="xlsx")
    sheet = load_workbook(io.BytesIO(first)).worksheets[0]
    assert [c.value for c in sheet[1]] == list(COLUMN_NAMES)
    assert sheet.max_row == 11

    # The same people join a fresh program: their profiles stay, their enrollments are copied.
    again = fresh_program(program, manager, "Second round")
    report = participants_import(
        program=again, file_name="export.xlsx", data=first, imported_by=manager
    )
    assert (report.people_to_enroll, report.people_to_invite) == (10, 0)
    assert participants_export(program=again, exported_by=manager, fmt="csv") == (
        participants_export(program=program, exported_by=manager, fmt="csv")
    )


DANGEROUS = {
    "display_name": '=HYPERLINK("https://evil.example","click")',
    "headline": "+44 20 7946 0000",
    "job_title": "-1+1",
    "department": "@SUM(A1:A9)",
    "bio": "'quoted already",
    "location": "'=half guarded",
}


@pytest.fixture
def dangerous_mentor(program: Program, manager: User) -> User:
    participants_import(
        program=program, file_name="p.csv", data=csv_bytes([MENTOR]), imported_by=manager
    )
    user = User.objects.get(email=MENTOR["email"])
    profile_update(user=user, editor=user, **DANGEROUS)
    return user


def test_csv_export_neutralises_formulas(
    program: Program, manager: User, dangerous_mentor: User
) -> None:
    data = participants_export(program=program, exported_by=manager, fmt="csv")
    row = read_csv_rows(data)[0]
    assert row["display_name"] == "'" + DANGEROUS["display_name"]
    assert row["headline"] == "'+44 20 7946 0000"
    assert row["job_title"] == "'-1+1"
    assert row["department"] == "'@SUM(A1:A9)"
    assert row["location"] == "''=half guarded"
    assert row["organisation"] == ""


def test_xlsx_export_writes_text_not_formulas(
    program: Program, manager: User, dangerous_mentor: User
) -> None:
    data = participants_export(program=program, exported_by=manager, fmt="xlsx")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    for name in DANGEROUS:
        assert cells[name].data_type == "s", name
        assert str(cells[name].value).startswith("'")
    assert cells["years_experience"].value == 20


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_neutralised_cells_import_back_exactly(
    program: Program, manager: User, dangerous_mentor: User, fmt: str
) -> None:
    data = participants_export(program=program, exported_by=manager, fmt=fmt)
    fresh = fresh_program(program, manager, f"Copy {fmt}")
    report = participants_import_preview(program=fresh, file_name=f"p.{fmt}", data=data)
    assert report.problems == []
    profile = report.rows[0].profile
    for name, value in DANGEROUS.items():
        assert profile[name] == value


def test_export_page_downloads_a_file(
    client: Client, manager: User, program: Program, mentor: User
) -> None:
    client.force_login(manager)
    url = reverse("programs:export", kwargs={"program_id": program.pk})
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert mentor.email in response.content.decode("utf-8-sig")
    response = client.get(url, {"format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert load_workbook(io.BytesIO(response.content)).worksheets[0].max_row == 2
    assert client.get(url, {"format": "pdf"}).status_code == 400


def test_export_page_is_404_for_outsiders_and_other_organisations(
    client: Client,
    program: Program,
    outsider: User,
    mentee: User,
    other_organisation_program: Program,
) -> None:
    url = reverse("programs:export", kwargs={"program_id": program.pk})
    for person in (outsider, mentee, User.objects.get(email="other-manager@example.org")):
        client.force_login(person)
        assert client.get(url).status_code == 404


def test_export_command_writes_csv_and_xlsx(
    program: Program, manager: User, mentor: User, tmp_path: Path
) -> None:
    out = io.StringIO()
    call_command("export_participants", program.pk, stdout=out)
    assert read_csv_rows(out.getvalue().encode())[0]["email"] == mentor.email
    target = tmp_path / "people.xlsx"
    call_command(
        "export_participants", program.pk, "--format", "xlsx", "--out", str(target), stderr=out
    )
    assert load_workbook(target).worksheets[0].max_row == 2
    with pytest.raises(CommandError, match="--out"):
        call_command("export_participants", program.pk, "--format", "xlsx")
    with pytest.raises(CommandError, match="no program number"):
        call_command("export_participants", 987654)
