"""Exports re-read with the csv module and openpyxl and compared with the data; formulas
neutralised; pseudonyms stable within a file and new in every file; only what managers may see."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mentora.profiles.models import Profile
from mentora.programs.models import Enrollment
from mentora.programs.services import enrollment_submit
from mentora.relationships.models import Meeting
from mentora.reports.exports import csv_chunks, program_export, xlsx_file
from mentora.surveys.instruments import CHECK_IN
from mentora.surveys.models import Anonymity, Instrument, InstrumentVersion, Item
from mentora.testing import PASSWORD, make_person
from mentora.testing.reports import NOW, T1, Cohort, answer_survey

pytestmark = pytest.mark.django_db

EVIL = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tTab", "\rReturn"]


def read_csv(cohort: Cohort, dataset: str, **options: Any) -> list[dict[str, str]]:
    export = program_export(
        program=cohort.program, exported_by=cohort.manager, dataset=dataset, **options
    )
    text = b"".join(csv_chunks(export)).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def read_xlsx(cohort: Cohort, dataset: str, **options: Any) -> list[dict[str, Any]]:
    export = program_export(
        program=cohort.program,
        exported_by=cohort.manager,
        dataset=dataset,
        file_format="xlsx",
        **options,
    )
    sheet = load_workbook(xlsx_file(export)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(name) for name in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_participants_csv_matches_the_enrollments(cohort: Cohort) -> None:
    rows = read_csv(cohort, "participants")

    assert len(rows) == 14
    by_email = {row["person_email"]: row for row in rows}
    e1 = by_email["e1@example.org"]
    assert (e1["person_name"], e1["role"], e1["status"]) == ("Mentee 1", "mentee", "active")
    assert (e1["relationships"], e1["live_relationships"]) == ("1", "1")
    assert e1["first_relationship_at"].startswith("2026-01-15T09:00")
    assert by_email["m1@example.org"]["relationships"] == "2"
    assert by_email["e8@example.org"]["first_relationship_at"] == ""
    assert by_email["e6@example.org"]["live_relationships"] == "0"


def test_relationships_xlsx_has_each_stage_date(cohort: Cohort) -> None:
    rows = {row["mentee_email"]: row for row in read_xlsx(cohort, "relationships")}

    assert len(rows) == 7
    e2 = rows["e2@example.org"]
    assert e2["stage"] == "redefinition"
    for stage in ("initiation", "cultivation", "separation", "redefinition"):
        assert str(e2[f"{stage}_at"]).startswith("2026-01-15T09:00"), stage
    assert (e2["goals"], e2["goals_met"]) == (1, 1)
    pending = rows["e7@example.org"]
    assert pending["stage"] == "pending_acceptance"
    assert pending["initiation_at"] in ("", None)
    assert rows["e6@example.org"]["ended_at"].startswith("2026-01-15")


def test_meetings_csv_holds_dates_and_status_never_content(cohort: Cohort) -> None:
    meeting = Meeting.objects.filter(relationship=cohort.relationships["E1"]).first()
    assert meeting is not None
    Meeting.objects.filter(pk=meeting.pk).update(
        agenda="Salary worries", shared_notes="Private things", location="Room 4"
    )
    with time_machine.travel(NOW, tick=False):
        rows = read_csv(cohort, "meetings")

    assert len(rows) == 12
    assert sum(row["held"] == "yes" for row in rows) == 11
    assert sum(row["status"] == "cancelled" for row in rows) == 1
    flat = repr(rows)
    assert "Salary worries" not in flat
    assert "Private things" not in flat
    assert "Room 4" not in flat
    assert {"agenda", "shared_notes", "location"}.isdisjoint(rows[0])


@pytest.fixture
def evil_names(cohort: Cohort) -> Cohort:
    with time_machine.travel(T1, tick=False):
        for index, name in enumerate(EVIL):
            user = make_person(f"evil{index}@example.org", "Evil")
            # Written past the profile service, which trims names: older data may hold them.
            Profile.objects.filter(user=user).update(display_name=name)
            enrollment_submit(
                program=cohort.program, user=user, role=Enrollment.Role.MENTEE, answers={}
            )
    return cohort


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_formulas_are_neutralised(evil_names: Cohort, file_format: str) -> None:
    reader = read_csv if file_format == "csv" else read_xlsx
    rows = reader(evil_names, "participants")

    names = {row["person_email"]: row["person_name"] for row in rows}
    for index, name in enumerate(EVIL):
        # XML turns a carriage return into a line feed; the guard is what matters.
        expected = name if file_format == "csv" else name.replace("\r", "\n")
        assert names[f"evil{index}@example.org"] == "'" + expected


def test_xlsx_has_no_formula_cells(evil_names: Cohort) -> None:
    export = program_export(
        program=evil_names.program,
        exported_by=evil_names.manager,
        dataset="participants",
        file_format="xlsx",
    )
    sheet = load_workbook(xlsx_file(export)).active
    assert sheet is not None

    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_pseudonymised_export_has_no_names_or_emails(cohort: Cohort) -> None:
    rows = read_csv(cohort, "relationships", pseudonymise=True)

    flat = repr(rows)
    for person in [*cohort.mentors, *cohort.mentees]:
        assert person.email not in flat
        assert person.display_name not in flat
    assert set(rows[0]) >= {"mentor", "mentee"}
    assert all(row["relationship_id"].startswith("R-") for row in rows)


def test_pseudonyms_are_stable_within_an_export_and_new_in_the_next(cohort: Cohort) -> None:
    first = read_csv(cohort, "relationships", pseudonymise=True)
    second = read_csv(cohort, "relationships", pseudonymise=True)

    # Mentor 1 has two mentees: the same pseudonym twice in one file.
    mentors = [row["mentor"] for row in first]
    assert len(set(mentors)) == 4
    assert len(mentors) == 7
    assert {row["mentor"] for row in first}.isdisjoint({row["mentor"] for row in second})


@pytest.fixture
def named_survey(cohort: Cohort) -> Instrument:
    """A program's own named pulse survey, answered by two mentees (one with a formula)."""
    instrument = Instrument.objects.create(
        key="pulse", program=cohort.program, title="Pulse", anonymity=Anonymity.NAMED
    )
    version = InstrumentVersion.objects.create(instrument=instrument, number=1)
    Item.objects.create(version=version, key="mood", text="My mood", kind=Item.Kind.AGREE_1_5)
    Item.objects.create(version=version, key="note", text="A note", kind=Item.Kind.TEXT)
    for name, level, note in (("E1", 4, '=HYPERLINK("http://evil")'), ("E2", 2, "Fine")):
        relationship = cohort.relationships[name]
        answer_survey(
            instrument=instrument,
            respondent=relationship.mentee,
            role="mentee",
            relationship=relationship,
            occasion="custom",
            at=T1 + datetime.timedelta(days=3),
            level=level,
            texts={"note": note},
        )
    # A confidential built-in check-in that must never be exported row by row.
    answer_survey(
        instrument_key=CHECK_IN,
        respondent=cohort.mentees[2],
        role="mentee",
        relationship=cohort.relationships["E3"],
        occasion="check_in",
        at=T1 + datetime.timedelta(days=3),
        level=1,
        texts={"comment": "Confidential remark"},
    )
    return instrument


def test_responses_export_lists_named_surveys_only(
    named_survey: Instrument, cohort: Cohort
) -> None:
    rows = read_csv(cohort, "responses")

    assert len(rows) == 4  # two people, two items each
    assert {row["instrument"] for row in rows} == {"Pulse"}
    assert "Confidential remark" not in repr(rows)
    mine = {row["item"]: row for row in rows if row["respondent_email"] == "e1@example.org"}
    assert mine["mood"]["number"] == "4"
    assert mine["note"]["text"] == '\'=HYPERLINK("http://evil")'
    assert mine["mood"]["relationship_id"] == str(cohort.relationships["E1"].pk)


def test_pseudonymised_responses(named_survey: Instrument, cohort: Cohort) -> None:
    rows = read_xlsx(cohort, "responses", pseudonymise=True)

    assert len(rows) == 4
    assert "respondent_email" not in rows[0]
    assert "respondent_name" not in rows[0]
    assert len({row["respondent"] for row in rows}) == 2
    assert all(str(row["relationship_id"]).startswith("R-") for row in rows)
    assert "Mentee 1" not in repr(rows)


def test_only_managers_may_export(cohort: Cohort) -> None:
    with pytest.raises(PermissionDenied):
        program_export(program=cohort.program, exported_by=cohort.mentees[0], dataset="meetings")


def test_unknown_dataset_and_format_are_named(cohort: Cohort) -> None:
    with pytest.raises(ValidationError, match="'secrets' is not an export"):
        program_export(program=cohort.program, exported_by=cohort.manager, dataset="secrets")
    with pytest.raises(ValidationError, match="'pdf' is not a file format"):
        program_export(
            program=cohort.program,
            exported_by=cohort.manager,
            dataset="meetings",
            file_format="pdf",
        )


def test_download_over_http(cohort: Cohort) -> None:
    client = Client()
    client.login(email=cohort.manager.email, password=PASSWORD)

    csv_response = client.get(
        reverse("reports:export", args=[cohort.program.pk, "participants", "csv"])
    )
    xlsx_response = client.get(
        reverse("reports:export", args=[cohort.program.pk, "relationships", "xlsx"]),
        {"pseudonymise": "1"},
    )

    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in csv_response["Content-Disposition"]
    assert f"{cohort.program.slug}-participants-" in csv_response["Content-Disposition"]
    assert isinstance(csv_response, StreamingHttpResponse)
    body = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(body)))) == 14
    assert "-relationships-pseudonymised-" in xlsx_response["Content-Disposition"]
    assert isinstance(xlsx_response, StreamingHttpResponse)
    workbook = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content)))
    assert workbook.active is not None
    assert workbook.active.max_row == 8


def test_survey_totals_cover_confidential_surveys_as_totals_only(cohort: Cohort) -> None:
    """Five mentees answer the confidential check-in (levels 1-5); a sixth answers a baseline."""
    for index, name in enumerate(["E1", "E2", "E3", "E4", "E5"]):
        relationship = cohort.relationships[name]
        answer_survey(
            instrument_key=CHECK_IN,
            respondent=relationship.mentee,
            role="mentee",
            relationship=relationship,
            occasion="check_in",
            at=T1 + datetime.timedelta(days=10),
            level=index + 1,
            texts={"comment": f"secret remark {index}"},
        )

    rows = read_csv(cohort, "survey_totals")

    quality = [r for r in rows if r["item"] == "quality" and r["occasion"] == "check_in"]
    assert len(quality) == 1
    row = quality[0]
    assert (row["confidential"], row["role"], row["answers"]) == ("yes", "mentee", "5")
    assert row["mean"] == "3.0"
    assert [row[f"answered_{v}"] for v in range(1, 6)] == ["1", "1", "1", "1", "1"]
    assert "secret remark" not in repr(rows)
    assert "respondent" not in " ".join(rows[0])


def test_survey_totals_from_fewer_than_five_keep_only_the_count(cohort: Cohort) -> None:
    for name in ["E1", "E2"]:
        relationship = cohort.relationships[name]
        answer_survey(
            instrument_key=CHECK_IN,
            respondent=relationship.mentee,
            role="mentee",
            relationship=relationship,
            occasion="check_in",
            at=T1 + datetime.timedelta(days=10),
            level=5,
        )

    rows = read_xlsx(cohort, "survey_totals")

    quality = next(r for r in rows if r["item"] == "quality")
    assert quality["answers"] == 2
    assert quality["mean"] is None
    assert all(quality[f"answered_{v}"] is None for v in range(0, 11))
