"""Checking a participants file against a program: every problem by row, column and value, and
which rows would be enrolled at once (people of the organisation) or invited (everyone else).

Nothing here depends on whether an address has an account: the preview tells a manager nothing
about who uses Mentora."""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from mentora.lib.text import LINE_BREAKS, NUL
from mentora.profiles.services import skills_resolve
from mentora.programs.access import email_domain, verified_domains
from mentora.programs.lifecycle import LIVE
from mentora.programs.models import Enrollment, Program
from mentora.programs.participant_io.columns import (
    COLUMN_NAMES,
    COLUMNS,
    COLUMNS_BY_NAME,
    REQUIRED_COLUMNS,
    Column,
    join_list,
    normalise_header,
    split_list,
    unguard,
)
from mentora.programs.participant_io.reading import FileProblem, Table, read_table
from mentora.programs.participant_io.report import ImportReport, ParticipantRow, Problem
from mentora.programs.selectors import member_emails


def _vocabulary_index(vocabulary: Sequence[tuple[str, str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for value, label in vocabulary:
        for key in (value, label, value.replace("_", " "), label.replace(" ", "_")):
            index.setdefault(key.strip().lower(), value)
    return index


_ROLE_WORDS = {
    Enrollment.Role.MENTOR.value: ("mentor", "mentoring"),
    Enrollment.Role.MENTEE.value: ("mentee", "mentoring"),
    "coach": ("mentor", "coaching"),
    "coachee": ("mentee", "coaching"),
}


class _RowReader:
    """Validates the rows of one file against one program, collecting every problem."""

    def __init__(self, *, program: Program, report: ImportReport) -> None:
        self.program = program
        self.report = report
        self.indexes = {c.name: _vocabulary_index(c.vocabulary) for c in COLUMNS if c.vocabulary}
        self.timezones = zoneinfo.available_timezones()
        self.url_validator = URLValidator()

    def problem(self, row: int | None, column: str, value: str, message: str) -> None:
        self.report.problems.append(Problem(row, column, value, message))
        if row is not None:
            self.report.invalid_rows.add(row)

    def role(self, number: int, text: str) -> str | None:
        word = text.strip().lower()
        if not word:
            self.problem(number, "role", text, "a role is required.")
            return None
        found = _ROLE_WORDS.get(word)
        coaching = self.program.is_coaching
        words = "coach or coachee" if coaching else "mentor or mentee"
        if found is None:
            self.problem(number, "role", text, f"not a role; write {words}.")
            return None
        role, kind = found
        if kind == "coaching" and not coaching:
            self.problem(number, "role", text, f"this is a mentoring program; write {words}.")
            return None
        return role

    def value(self, number: int, column: Column, text: str) -> Any:
        """The cleaned value of one non-empty cell, or None after recording a problem."""
        name = column.name
        if NUL in text:
            self.problem(number, name, text, "contains a NUL character, which is not allowed.")
            return None
        if column.one_line and any(character in LINE_BREAKS for character in text):
            self.problem(number, name, text, "must fit on one line (no line breaks).")
            return None
        if column.kind == "email":
            email = text.strip().lower()
            try:
                validate_email(email)
            except ValidationError:
                self.problem(number, name, text, "not a valid email address.")
                return None
            return email
        if column.kind == "int":
            try:
                number_value = int(text.strip())
            except ValueError:
                self.problem(number, name, text, "not a whole number.")
                return None
            if not column.minimum <= number_value <= column.maximum:
                self.problem(
                    number,
                    name,
                    text,
                    f"must be between {column.minimum} and {column.maximum}.",
                )
                return None
            return number_value
        if column.kind == "timezone":
            zone = text.strip()
            if zone not in self.timezones:
                self.problem(
                    number, name, text, "not an IANA timezone name (for example Europe/Lisbon)."
                )
                return None
            return zone
        if column.kind == "url":
            url = text.strip()
            try:
                self.url_validator(url)
            except ValidationError:
                self.problem(number, name, text, "not a valid web address (https://…).")
                return None
            if column.maximum and len(url) > column.maximum:
                self.problem(number, name, text, f"longer than {column.maximum} characters.")
                return None
            return url
        if column.kind == "choice":
            found = self.indexes[name].get(text.strip().lower())
            if found is None:
                allowed = ", ".join(v for v, _ in column.vocabulary)
                self.problem(number, name, text, f"not one of: {allowed}.")
            return found
        if column.kind == "choices":
            values: list[str] = []
            unknown: list[str] = []
            for item in split_list(text):
                slug = self.indexes[name].get(item.lower())
                if slug is None:
                    unknown.append(item)
                elif slug not in values:
                    values.append(slug)
            if unknown:
                allowed = ", ".join(v for v, _ in column.vocabulary)
                self.problem(
                    number,
                    name,
                    text,
                    f"{', '.join(map(repr, unknown))} not one of: {allowed}.",
                )
                return None
            return values
        if column.kind == "list":
            items = split_list(text)
            if column.maximum and len(items) > column.maximum:
                self.problem(number, name, text, f"at most {column.maximum} items.")
                return None
            too_long = [i for i in items if column.item_max and len(i) > column.item_max]
            if too_long:
                self.problem(number, name, text, f"each item at most {column.item_max} characters.")
                return None
            return items
        if column.kind == "skills":
            return split_list(text)
        if column.maximum and len(text) > column.maximum:
            self.problem(number, name, text, f"longer than {column.maximum} characters.")
            return None
        return text


def _column_map(table: Table, reader: _RowReader, report: ImportReport) -> dict[str, int] | None:
    positions: dict[str, int] = {}
    for position, raw in enumerate(table.header):
        name = normalise_header(raw)
        if not name:
            continue
        if name in positions:
            reader.problem(table.header_row, name, raw, "this column appears twice.")
        elif name not in COLUMNS_BY_NAME:
            report.warnings.append(f"Column {raw!r} is not one Mentora knows; it is ignored.")
        positions[name] = position
    for name in REQUIRED_COLUMNS:
        if name not in positions:
            reader.problem(table.header_row, name, "", f"the required column {name!r} is missing.")
    if any(p.row == table.header_row for p in report.problems):
        return None
    return {name: pos for name, pos in positions.items() if name in COLUMNS_BY_NAME}


def _read_rows(*, table: Table, program: Program, report: ImportReport) -> None:
    reader = _RowReader(program=program, report=report)
    positions = _column_map(table, reader, report)
    report.total_rows = len(table.rows)
    if positions is None:
        report.invalid_rows.update(number for number, _ in table.rows)
        return
    required = list(program.questions.filter(required=True))
    required_questions = {
        role: any(q.applies_to(role) for q in required) for role in Enrollment.Role.values
    }
    for number, cells in table.rows:
        texts = {
            name: unguard(cells[pos].strip()) if pos < len(cells) else ""
            for name, pos in positions.items()
        }
        role = reader.role(number, texts.get("role", ""))
        row = ParticipantRow(
            number=number, email="", role=role or "", role_text=texts.get("role", "")
        )
        for column in COLUMNS:
            text = texts.get(column.name, "")
            if column.name == "role":
                continue
            if not text:
                if column.required:
                    reader.problem(number, column.name, text, f"{column.name} is required.")
                continue
            side_only = column.target in {"mentor", "mentee"}
            if role is not None and side_only and column.target != role:
                only = program.role_label(column.target).lower()
                reader.problem(
                    number,
                    column.name,
                    text,
                    f"only for a {only}; leave it empty on a "
                    f"{program.role_label(role).lower()}'s row.",
                )
                continue
            value = reader.value(number, column, text)
            if value is None:
                continue
            if column.name == "email":
                row.email = value
            elif column.name == "display_name":
                row.display_name = value
                row.profile["display_name"] = value
            elif column.name == "manager_email":
                row.manager_email = value
            elif column.target == "profile":
                row.profile[column.name] = value
            else:
                row.side[column.name] = value
        report.rows.append(row)
    _check_skills(reader=reader, program=program, report=report)
    _check_people(reader=reader, program=program, report=report)
    for role in Enrollment.Role.values:
        if required_questions[role] and any(r.role == role for r in report.rows):
            report.warnings.append(
                f"The questionnaire has required questions for "
                f"{program.role_label(role).lower()}s, which a file cannot answer: imported "
                f"{program.role_label(role).lower()}s are asked to answer them on their home page."
            )


def _check_skills(*, reader: _RowReader, program: Program, report: ImportReport) -> None:
    names = sorted({name for row in report.rows for name in row.side.get("skills", [])})
    if not names:
        return
    _, unknown = skills_resolve(names=names, organisation=program.organisation)
    for row in report.rows:
        for name in row.side.get("skills", []):
            if name in unknown:
                suggestions = unknown[name]
                hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
                reader.problem(row.number, "skills", name, f"not a skill of the taxonomy.{hint}")


def _check_people(*, reader: _RowReader, program: Program, report: ImportReport) -> None:
    emails = {row.email for row in report.rows if row.email}
    managers = {row.manager_email for row in report.rows if row.manager_email}
    members = member_emails(organisation_id=program.organisation_id, emails=emails | managers)
    belongs = members | _in_verified_domains(program=program, emails=emails)
    for row in report.rows:
        row.enroll_now = row.email in belongs
    enrolled: dict[str, set[str]] = defaultdict(set)
    for email, role in Enrollment.objects.filter(
        program=program, user__email__in=emails, status__in=LIVE
    ).values_list("user__email", "role"):
        enrolled[email].add(role)
    seen: dict[tuple[str, str], int] = {}
    roles_in_file: dict[str, dict[str, int]] = defaultdict(dict)
    first_profile: dict[str, ParticipantRow] = {}
    for row in report.rows:
        if not row.email or not row.role:
            continue
        label = program.role_label(row.role).lower()
        key = (row.email, row.role)
        if key in seen:
            reader.problem(
                row.number, "email", row.email, f"already on row {seen[key]} as {label}."
            )
            continue
        seen[key] = row.number
        if row.role in enrolled[row.email]:
            reader.problem(
                row.number, "email", row.email, f"already enrolled as {label} in this program."
            )
        other_roles = (enrolled[row.email] | set(roles_in_file[row.email])) - {row.role}
        if other_roles and not program.allow_dual_role:
            other = sorted(other_roles)[0]
            other_row = roles_in_file[row.email].get(other)
            where = f"on row {other_row}" if other_row else "already enrolled"
            reader.problem(
                row.number,
                "role",
                row.role_text,
                f"this person is also {program.role_label(other).lower()} ({where}), and this "
                "program does not let one person take both roles.",
            )
        roles_in_file[row.email][row.role] = row.number
        if row.manager_email and row.manager_email == row.email:
            reader.problem(
                row.number, "manager_email", row.manager_email, "a person cannot manage themselves."
            )
        elif row.manager_email and row.manager_email not in emails | members:
            reader.problem(
                row.number,
                "manager_email",
                row.manager_email,
                f"neither in the file nor a member of {program.organisation}.",
            )
        first = first_profile.setdefault(row.email, row)
        if first is not row:
            given = {**row.profile, "manager_email": row.manager_email}
            earlier = {**first.profile, "manager_email": first.manager_email}
            for name, value in given.items():
                if earlier.get(name) and value and earlier[name] != value:
                    reader.problem(
                        row.number,
                        name,
                        _display(value),
                        f"differs from row {first.number} for the same person.",
                    )
    _drop_rows_whose_manager_is_invalid(reader=reader, report=report, members=members)
    _count(report=report)


def _in_verified_domains(*, program: Program, emails: set[str]) -> set[str]:
    """The addresses in the organisation's verified domains, with or without an account: they
    belong to it, so their rows are enrolled (alongside its members')."""
    domains = verified_domains(organisation_id=program.organisation_id)
    return {email for email in emails if email_domain(email) in domains}


def _drop_rows_whose_manager_is_invalid(
    *, reader: _RowReader, report: ImportReport, members: set[str]
) -> None:
    # With "only the valid rows", a manager named only on invalid rows would not be imported.
    changed = True
    while changed:
        valid_emails = {row.email for row in report.valid_rows}
        changed = False
        for row in report.valid_rows:
            manager = row.manager_email
            if manager and manager not in members and manager not in valid_emails:
                reader.problem(
                    row.number,
                    "manager_email",
                    manager,
                    "this manager's own rows have problems, so they would not be imported.",
                )
                changed = True


def _count(*, report: ImportReport) -> None:
    valid = report.valid_rows
    report.people_to_enroll = len({row.email for row in valid if row.enroll_now})
    report.people_to_invite = len({row.email for row in valid if not row.enroll_now})
    report.enrollments = dict.fromkeys(Enrollment.Role.values, 0)
    for row in valid:
        report.enrollments[row.role] += 1


def _display(value: object) -> str:
    if isinstance(value, list):
        return join_list(value)
    return "" if value is None else str(value)


def participants_import_preview(*, program: Program, file_name: str, data: bytes) -> ImportReport:
    """Validate a participants file against a program and say what an import would do; writes
    nothing."""
    report = ImportReport(file_name=file_name)
    if program.state == Program.State.CLOSED:
        report.problems.append(
            Problem(None, "", "", f"{program} is closed; nobody can join it any more.")
        )
        return report
    try:
        table = read_table(file_name=file_name, data=data)
    except FileProblem as problem:
        report.problems.append(Problem(None, "", "", str(problem)))
        return report
    _read_rows(table=table, program=program, report=report)
    report.problems.sort(key=lambda p: (p.row or 0, _column_order(p.column)))
    return report


def _column_order(name: str) -> int:
    try:
        return COLUMN_NAMES.index(name)
    except ValueError:
        return len(COLUMN_NAMES)
