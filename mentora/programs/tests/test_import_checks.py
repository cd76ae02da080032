"""Checking a participants file: every problem by row, column and value, before anything is
written (the import's writing, command and pages are in test_import_writing.py)."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress

from mentora.accounts.models import User
from mentora.profiles.models import MenteeNeeds, MentorOffer, Profile
from mentora.programs.models import Enrollment, Organisation, Program, Question
from mentora.programs.participant_io import (
    ImportReport,
    Problem,
    participants_import,
    participants_import_preview,
)
from mentora.programs.selectors import enrollments_missing_answers
from mentora.programs.services import (
    enrollment_answers_update,
    program_create,
    question_create,
)
from mentora.programs.tests.participant_files import (
    EXAMPLE,
    MENTEE,
    MENTOR,
    THIRD,
    csv_bytes,
)
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


# --- Each kind of problem -------------------------------------------------------------------------


def test_a_valid_file_has_no_problems_and_counts_what_it_would_create(
    program: Program, outsider: User
) -> None:
    existing = {**THIRD, "email": outsider.email}
    report = preview(program, [MENTOR, MENTEE, existing])
    assert report.problems == []
    assert report.total_rows == report.valid_row_count == 3
    # Issue 10: the preview counts people to enroll and to invite, never new and existing ones.
    assert (report.people_to_enroll, report.people_to_invite) == (3, 0)
    assert (report.mentors, report.mentees) == (1, 2)


def test_preview_writes_nothing(program: Program) -> None:
    before = snapshot()
    preview(program, [MENTOR, MENTEE])
    assert snapshot() == before


def test_missing_required_column_is_named(program: Program) -> None:
    rows = [{k: v for k, v in row.items() if k != "role"} for row in (MENTOR, MENTEE)]
    report = preview(program, rows)
    problem = only_problem(report)
    assert (problem.row, problem.column, problem.value) == (1, "role", "")
    assert "required column 'role' is missing" in problem.message
    assert report.valid_row_count == 0


def test_empty_required_cell_is_reported(program: Program) -> None:
    problem = only_problem(preview(program, [MENTOR, {**MENTEE, "display_name": ""}]))
    assert (problem.row, problem.column, problem.value) == (3, "display_name", "")


def test_bad_email_is_reported(program: Program) -> None:
    report = preview(program, [MENTOR, {**MENTEE, "email": "grace at example"}])
    problem = only_problem(report)
    assert (problem.row, problem.column, problem.value) == (3, "email", "grace at example")
    assert "not a valid email address" in problem.message
    assert report.valid_row_count == 1


def test_unknown_timezone_is_reported(program: Program) -> None:
    problem = only_problem(preview(program, [{**MENTOR, "timezone": "Mars/Olympus_Mons"}]))
    assert (problem.row, problem.column, problem.value) == (2, "timezone", "Mars/Olympus_Mons")
    assert "IANA timezone" in problem.message


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("years_experience", "ten", "not a whole number"),
        ("years_experience", "71", "between 0 and 70"),
        ("capacity", "2.5", "not a whole number"),
        ("capacity", "-1", "between 0 and 50"),
        ("hours_per_month", "lots", "not a whole number"),
    ],
)
def test_bad_number_says_row_column_and_value(
    program: Program, column: str, value: Any, message: str
) -> None:
    problem = only_problem(preview(program, [THIRD, {**MENTOR, column: value}]))
    assert (problem.row, problem.column, problem.value) == (3, column, value)
    assert message in problem.message


def test_same_person_twice_in_one_role_is_a_duplicate(program: Program) -> None:
    twice = {**MENTOR, "email": "ADA@example.org"}
    problem = only_problem(preview(program, [MENTOR, MENTEE, twice]))
    assert (problem.row, problem.column, problem.value) == (4, "email", "ada@example.org")
    assert "already on row 2" in problem.message


def test_person_already_enrolled_in_that_role_is_a_duplicate(
    program: Program, mentor: User
) -> None:
    problem = only_problem(preview(program, [{**MENTOR, "email": mentor.email}]))
    assert (problem.row, problem.column, problem.value) == (2, "email", mentor.email)
    assert "already enrolled as mentor" in problem.message


def test_unknown_skill_comes_with_suggestions(program: Program) -> None:
    problem = only_problem(preview(program, [{**MENTOR, "skills": "Pyhton; SQL"}]))
    assert (problem.row, problem.column, problem.value) == (2, "skills", "Pyhton")
    assert "Did you mean Python" in problem.message


def test_skills_match_names_and_synonyms_in_any_case(program: Program) -> None:
    assert preview(program, [{**MENTOR, "skills": "python; sql; golang; Excel"}]).problems == []


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("industry", "Aerospace"),
        ("seniority", "Grand wizard"),
        ("meeting_formats", "video; carrier pigeon"),
        ("languages", "en; Klingon"),
        ("focus_areas", "world domination"),
    ],
)
def test_unknown_choice_value_is_reported(program: Program, column: str, value: Any) -> None:
    problem = only_problem(preview(program, [{**MENTOR, column: value}]))
    assert (problem.row, problem.column, problem.value) == (2, column, value)
    assert "not one of" in problem.message


def test_choices_accept_slugs_and_labels_in_any_case(program: Program) -> None:
    row = {
        **MENTEE,
        "industry": "Non profit",
        "job_function": "HUMAN RESOURCES",
        "seniority": "Entry level",
        "meeting_formats": "Video call; in_person",
        "languages": "English; de",
        "meeting_cadence": "Every two weeks",
        "organisation_preference": "Different from mine",
    }
    report = preview(program, [MENTOR, row])
    assert report.problems == []
    values = report.rows[1]
    assert values.profile["industry"] == "non_profit"
    assert values.profile["job_function"] == "human_resources"
    assert values.profile["meeting_formats"] == ["video", "in_person"]
    assert values.profile["languages"] == ["en", "de"]
    assert values.side["meeting_cadence"] == "fortnightly"
    assert values.side["organisation_preference"] == "different"


def test_bad_profile_url_is_reported(program: Program) -> None:
    problem = only_problem(preview(program, [{**MENTOR, "profile_url": "not a url"}]))
    assert (problem.row, problem.column, problem.value) == (2, "profile_url", "not a url")


def test_unknown_manager_email_is_reported(program: Program) -> None:
    row = {**MENTEE, "manager_email": "nobody@example.org"}
    problem = only_problem(preview(program, [MENTOR, row]))
    assert (problem.row, problem.column, problem.value) == (
        3,
        "manager_email",
        "nobody@example.org",
    )
    # Issue 10: the message names membership, never whether an account exists.
    assert "neither in the file nor a member of Acme Health" in problem.message


def test_manager_email_may_name_a_member_of_the_organisation(
    program: Program, outsider: User
) -> None:
    assert preview(program, [{**MENTEE, "manager_email": outsider.email}]).problems == []


def test_both_roles_refused_when_the_program_does_not_allow_it(program: Program) -> None:
    as_mentee = {
        **MENTOR,
        "role": "mentee",
        "capacity": "",
        "hours_per_month": "",
        "motivation": "",
    }
    problem = only_problem(preview(program, [MENTOR, as_mentee]))
    assert (problem.row, problem.column, problem.value) == (3, "role", "mentee")
    assert "also mentor (on row 2)" in problem.message


def test_both_roles_refused_against_an_existing_enrollment(program: Program, mentee: User) -> None:
    problem = only_problem(preview(program, [{**MENTOR, "email": mentee.email}]))
    assert (problem.row, problem.column) == (2, "role")
    assert "already enrolled" in problem.message


def test_both_roles_allowed_when_the_program_allows_it(program: Program) -> None:
    program.allow_dual_role = True
    program.save()
    as_mentee = {
        **MENTOR,
        "role": "mentee",
        "capacity": "",
        "hours_per_month": "",
        "motivation": "",
    }
    report = preview(program, [MENTOR, as_mentee])
    assert report.problems == []
    assert (report.people_to_enroll, report.mentors, report.mentees) == (1, 1, 1)


def test_rows_of_one_person_must_agree_on_their_profile(program: Program) -> None:
    program.allow_dual_role = True
    program.save()
    as_mentee = {
        **MENTOR,
        "role": "mentee",
        "job_title": "Someone else",
        "capacity": "",
        "hours_per_month": "",
        "motivation": "",
    }
    problem = only_problem(preview(program, [MENTOR, as_mentee]))
    assert (problem.row, problem.column, problem.value) == (3, "job_title", "Someone else")
    assert "differs from row 2" in problem.message


def test_mentor_only_column_on_a_mentee_row_is_reported(program: Program) -> None:
    problem = only_problem(preview(program, [MENTOR, {**MENTEE, "capacity": "2"}]))
    assert (problem.row, problem.column, problem.value) == (3, "capacity", "2")
    assert "only for a mentor" in problem.message


def test_unknown_role_is_reported(program: Program) -> None:
    problem = only_problem(preview(program, [{**MENTOR, "role": "sensei"}]))
    assert (problem.row, problem.column, problem.value) == (2, "role", "sensei")


def test_coaching_program_takes_coach_and_coachee(
    organisation: Organisation, manager: User
) -> None:
    coaching = program_create(
        organisation=organisation, created_by=manager, name="Coaching", kind="coaching"
    )
    report = preview(coaching, [{**MENTOR, "role": "Coach"}, {**MENTEE, "role": "coachee"}])
    assert report.problems == []
    assert (report.mentors, report.mentees) == (1, 1)


def test_mentoring_program_refuses_coach(program: Program) -> None:
    problem = only_problem(preview(program, [{**MENTOR, "role": "coach"}]))
    assert (problem.row, problem.column, problem.value) == (2, "role", "coach")
    assert "mentoring program" in problem.message


def test_required_questions_are_left_for_the_imported_people_to_answer(
    program: Program, manager: User
) -> None:
    question = question_create(
        program=program,
        created_by=manager,
        text="Why now?",
        kind=Question.Kind.SHORT_TEXT,
        required=True,
        audience=Question.Audience.MENTEES,
    )
    report = preview(program, [MENTOR, MENTEE])
    assert report.is_valid
    assert any("required questions for mentees" in w for w in report.warnings)
    assert not any("mentors" in w for w in report.warnings)

    participants_import(
        program=program,
        file_name="people.csv",
        data=csv_bytes([MENTOR, MENTEE]),
        imported_by=manager,
    )
    imported = Enrollment.objects.get(program=program, role="mentee")
    assert enrollments_missing_answers(user=imported.user) == [imported]
    enrollment_answers_update(
        enrollment=imported, by=imported.user, answers={question.pk: "Promotion"}
    )
    assert enrollments_missing_answers(user=imported.user) == []


def test_file_that_is_not_utf8_is_named(program: Program) -> None:
    data = "email,display_name,role\nzoë@example.org,Zoë,mentee\n".encode("latin-1")
    report = participants_import_preview(program=program, file_name="équipe.csv", data=data)
    problem = only_problem(report)
    assert problem.row is None
    assert "équipe.csv is not UTF-8" in problem.message


def test_csv_with_byte_order_mark_is_read(program: Program) -> None:
    data = b"\xef\xbb\xbf" + csv_bytes([MENTOR])
    report = participants_import_preview(program=program, file_name="people.csv", data=data)
    assert report.problems == []
    assert report.valid_row_count == 1


def test_header_names_are_read_in_any_case_and_order(program: Program) -> None:
    data = b"Role,E-mail,Display Name\nmentor,ada@example.org,Ada\n"
    # "E-mail" is not "email": the required column is missing and named.
    assert preview_bytes(program, data).problems[0].column == "email"
    data = b"Role,Email,Display Name,Shoe size\r\nmentor,ada@example.org,Ada,38\r\n\r\n,,,\r\n"
    report = preview_bytes(program, data)
    assert report.problems == []
    assert report.total_rows == 1
    assert any("Shoe size" in w for w in report.warnings)


def preview_bytes(program: Program, data: bytes, name: str = "people.csv") -> ImportReport:
    return participants_import_preview(program=program, file_name=name, data=data)


def test_semicolon_separated_file_is_explained(program: Program) -> None:
    problem = only_problem(preview_bytes(program, b"email;display_name;role\na@b.org;A;mentor\n"))
    assert "semicolons" in problem.message


def test_other_file_types_are_refused(program: Program) -> None:
    problem = only_problem(preview_bytes(program, b"whatever", name="people.pdf"))
    assert "neither a .csv nor a .xlsx" in problem.message


def test_broken_xlsx_is_reported_not_raised(program: Program) -> None:
    problem = only_problem(preview_bytes(program, b"PK not really a zip", name="people.xlsx"))
    assert "people.xlsx is not a readable XLSX workbook" in problem.message


def test_every_problem_of_a_row_is_listed_in_column_order(program: Program) -> None:
    row = {**MENTOR, "email": "bad", "timezone": "Nowhere", "capacity": "many"}
    report = preview(program, [row])
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "email"),
        (2, "timezone"),
        (2, "capacity"),
    ]
    assert str(report.problems[0]) == "row 2, column email, value 'bad': not a valid email address."


def test_example_file_in_the_docs_is_valid(program: Program) -> None:
    report = preview_bytes(program, EXAMPLE.read_bytes(), name="participants.csv")
    assert report.problems == []
    assert (report.total_rows, report.mentors, report.mentees) == (10, 5, 5)
