"""Bulk import and export of a program's participants, as CSV or XLSX.

One row per person and role. The first row holds the column names (in any order, any case);
`email`, `display_name` and `role` are required, every other column is optional:

=========================  ==============  ===================================================
column                     applies to      value
=========================  ==============  ===================================================
email                      everyone        the person's email address (their login)
display_name               everyone        the name other people see
role                       everyone        mentor or mentee (coach or coachee in a coaching
                                           program)
pronouns, headline, bio    profile         free text
organisation, department   profile         free text (organisation = employer)
job_title, location        profile         free text
job_function, industry     profile         a slug or label of `profiles.choices`
years_experience           profile         a whole number, 0 to 70
seniority                  profile         a slug or label of `profiles.choices.Seniority`
timezone                   profile         an IANA name such as Europe/Lisbon
languages                  profile         ISO 639-1 codes or language names, `;`-separated
profile_url                profile         a web address
meeting_formats            profile         video, phone, in_person (or labels), `;`-separated
manager_email              profile         the person's own manager: someone in the file or
                                           an existing user
skills                     both roles      skills of the taxonomy (names or synonyms), `;`-sep.
                                           A mentor's expertise, a mentee's skills to develop
focus_areas                both roles      skill_building, networking, career_advancement,
                                           emotional_support, encouragement, `;`-separated
free_tags                  mentor          free tags, `;`-separated (60 characters each, 20)
motivation                 mentor          free text
capacity                   mentor          most mentees at once, 0 to 50
hours_per_month            mentor          0 to 160
career_goals               mentee          goals, `;`-separated (300 characters each, 10)
why_mentor                 mentee          free text
meeting_cadence            mentee          weekly, fortnightly, monthly, quarterly
organisation_preference,   mentee          any, same or different
industry_preference,
job_function_preference
=========================  ==============  ===================================================

Rules the import follows (see also docs/importing-participants.md):

- `participants_import_preview` validates every row and writes nothing. Each problem names the
  row as a spreadsheet shows it (the header is row 1), the column, the value and what is wrong.
- `participants_import` writes nothing unless every row is valid, or the manager explicitly
  asks for only the valid rows; either way in one transaction, so a failure half-way leaves
  nothing behind.
- New people get an account without a password (they set one through "forgot password") and an
  unverified email address. Existing people keep their email, password and every profile field
  they have already filled; the file only fills their empty fields (a timezone still at the
  default UTC counts as empty).
- Imported enrollments are active at once, even in a program that needs approval: the manager
  who imports them approves them.
- An exported cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or with a
  single quote) is prefixed with a single quote so that spreadsheets do not run it as a
  formula; the importer removes that quote again, so an export imports back to the same data.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Literal

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction

from mentora.accounts.models import User
from mentora.profiles.choices import (
    INDUSTRIES,
    JOB_FUNCTIONS,
    LANGUAGES,
    Cadence,
    FocusArea,
    MeetingFormat,
    Preference,
    Seniority,
)
from mentora.profiles.models import MenteeNeeds, MentorOffer, Profile
from mentora.profiles.services import profile_update, skills_resolve
from mentora.programs.models import Enrollment, Program
from mentora.programs.selectors import user_manages_program
from mentora.programs.services import enrollment_approve, enrollment_submit

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

LIST_SEPARATOR = ";"
MAX_ROWS = 10_000
FREE_TAG_MAX, FREE_TAGS_MAX = 60, 20
CAREER_GOAL_MAX, CAREER_GOALS_MAX = 300, 10
# A cell beginning with one of these runs as a formula in a spreadsheet; a leading quote is also
# guarded so that removing the guard on import is exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"

Target = Literal["person", "enrollment", "profile", "both", "mentor", "mentee"]
Kind = Literal["text", "choice", "choices", "int", "email", "timezone", "url", "list", "skills"]


@dataclass(frozen=True)
class Column:
    """One column of the participants file: where its value goes and how it is read."""

    name: str
    target: Target
    kind: Kind = "text"
    vocabulary: tuple[tuple[str, str], ...] = ()
    minimum: int = 0
    maximum: int = 0  # the largest number, or the longest text (0: no limit)
    item_max: int = 0  # for free lists: the longest item
    required: bool = False

    @property
    def applies_to(self) -> str:
        """Who the column is for, in words."""
        return {
            "person": "everyone",
            "enrollment": "everyone",
            "profile": "everyone (profile)",
            "both": "mentors and mentees",
            "mentor": "mentors (coaches)",
            "mentee": "mentees (coachees)",
        }[self.target]

    @property
    def accepts(self) -> str:
        """What a cell of this column may hold, in words."""
        if self.name == "role":
            return "mentor or mentee (coach or coachee in a coaching program)"
        separated = f", separated by {LIST_SEPARATOR}"
        values = ", ".join(value for value, _ in self.vocabulary)
        return {
            "text": f"text of at most {self.maximum} characters" if self.maximum else "text",
            "choice": f"one of {values}",
            "choices": f"any of {values}{separated}",
            "int": f"a whole number from {self.minimum} to {self.maximum}",
            "email": "an email address",
            "timezone": "an IANA timezone such as Europe/Lisbon",
            "url": "a web address",
            "list": f"up to {self.maximum} items{separated}",
            "skills": f"skill names from the taxonomy{separated}",
        }[self.kind]


def _choices(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in pairs)


def _max_length(name: str) -> int:
    return int(Profile._meta.get_field(name).max_length or 0)  # type: ignore[union-attr]


COLUMNS: tuple[Column, ...] = (
    Column("email", "person", "email", required=True),
    Column("display_name", "profile", maximum=_max_length("display_name"), required=True),
    Column("role", "enrollment", required=True),
    Column("pronouns", "profile", maximum=_max_length("pronouns")),
    Column("headline", "profile", maximum=_max_length("headline")),
    Column("bio", "profile"),
    Column("organisation", "profile", maximum=_max_length("organisation")),
    Column("department", "profile", maximum=_max_length("department")),
    Column("job_title", "profile", maximum=_max_length("job_title")),
    Column("job_function", "profile", "choice", _choices(JOB_FUNCTIONS)),
    Column("industry", "profile", "choice", _choices(INDUSTRIES)),
    Column("years_experience", "profile", "int", maximum=70),
    Column("seniority", "profile", "choice", _choices(Seniority.choices)),
    Column("location", "profile", maximum=_max_length("location")),
    Column("timezone", "profile", "timezone"),
    Column("languages", "profile", "choices", _choices(LANGUAGES)),
    Column("profile_url", "profile", "url", maximum=_max_length("profile_url")),
    Column("meeting_formats", "profile", "choices", _choices(MeetingFormat.choices)),
    Column("manager_email", "person", "email"),
    Column("skills", "both", "skills"),
    Column("free_tags", "mentor", "list", maximum=FREE_TAGS_MAX, item_max=FREE_TAG_MAX),
    Column("focus_areas", "both", "choices", _choices(FocusArea.choices)),
    Column("motivation", "mentor"),
    Column("capacity", "mentor", "int", maximum=50),
    Column("hours_per_month", "mentor", "int", maximum=160),
    Column("career_goals", "mentee", "list", maximum=CAREER_GOALS_MAX, item_max=CAREER_GOAL_MAX),
    Column("why_mentor", "mentee"),
    Column("meeting_cadence", "mentee", "choice", _choices(Cadence.choices)),
    Column("organisation_preference", "mentee", "choice", _choices(Preference.choices)),
    Column("industry_preference", "mentee", "choice", _choices(Preference.choices)),
    Column("job_function_preference", "mentee", "choice", _choices(Preference.choices)),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
PROFILE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.target == "profile")


# --- Reports --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (row as a spreadsheet numbers it, column), what value,
    and why. `row` is None for a problem with the whole file."""

    row: int | None
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return f"row {self.row}, column {self.column}, value {self.value!r}: {self.message}"


@dataclass
class ParticipantRow:
    """One valid-looking row, cleaned into what the services take."""

    number: int
    email: str
    role: str
    role_text: str = ""
    display_name: str = ""
    profile: dict[str, Any] = field(default_factory=dict)
    side: dict[str, Any] = field(default_factory=dict)
    manager_email: str = ""


@dataclass
class ImportReport:
    """What a preview found, or what an import wrote."""

    file_name: str
    total_rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: list[ParticipantRow] = field(default_factory=list)
    invalid_rows: set[int] = field(default_factory=set)
    new_people: int = 0
    existing_people: int = 0
    enrollments: dict[str, int] = field(default_factory=dict)
    written: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def valid_rows(self) -> list[ParticipantRow]:
        return [r for r in self.rows if r.number not in self.invalid_rows]

    @property
    def valid_row_count(self) -> int:
        return len(self.valid_rows)

    @property
    def file_problems(self) -> list[Problem]:
        return [p for p in self.problems if p.row is None]

    @property
    def mentors(self) -> int:
        return self.enrollments.get(Enrollment.Role.MENTOR, 0)

    @property
    def mentees(self) -> int:
        return self.enrollments.get(Enrollment.Role.MENTEE, 0)

    def summary(self, *, program: Program) -> str:
        """One sentence: how many rows are valid and what they create."""
        verb = "Imported" if self.written else "Would import"
        return (
            f"{self.valid_row_count} of {self.total_rows} rows valid. {verb} "
            f"{self.new_people} new and {self.existing_people} existing people: "
            f"{self.mentors} {program.role_label('mentor').lower()}s and "
            f"{self.mentees} {program.role_label('mentee').lower()}s."
        )


class ParticipantImportError(ValidationError):
    """The file has problems and the import wrote nothing; `report` says what and where."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(
            [str(p) for p in report.problems] or ["The import failed."], code="invalid_import"
        )


class FileProblem(Exception):
    """The file as a whole cannot be read."""


# --- Reading files --------------------------------------------------------------------------------


@dataclass
class Table:
    """A file read into its header and its data rows, every cell a string."""

    header: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _table_from(file_name: str, records: Iterator[tuple[int, list[str]]]) -> Table:
    header: list[str] | None = None
    header_row = 1
    rows: list[tuple[int, list[str]]] = []
    for number, cells in records:
        if not any(c.strip() for c in cells):
            continue  # blank lines and empty spreadsheet rows are not participants
        if header is None:
            header, header_row = cells, number
            continue
        rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            raise FileProblem(f"{file_name} has more than {MAX_ROWS} rows; split it into parts.")
    if header is None:
        raise FileProblem(f"{file_name} is empty: the first row must name the columns.")
    return Table(header=header, header_row=header_row, rows=rows)


def read_csv(*, file_name: str, data: bytes) -> Table:
    """Read a UTF-8 CSV file (with or without a byte-order mark)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(
            f"{file_name} is not UTF-8 text. Save it as “CSV UTF-8” (or as XLSX) and try again."
        ) from None
    first_line = text.split("\n", 1)[0]
    if ";" in first_line and "," not in first_line:
        raise FileProblem(
            f"{file_name} separates columns with semicolons; save it with commas "
            "(semicolons separate the items of a list inside one cell)."
        )
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        records = [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error as error:
        raise FileProblem(f"{file_name} is not a readable CSV file: {error}.") from None
    return _table_from(file_name, iter(records))


def read_xlsx(*, file_name: str, data: bytes) -> Table:
    """Read the first sheet of an Excel workbook; the first non-empty row names the columns."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileProblem(f"{file_name} is not a readable XLSX workbook ({error}).") from None
    try:
        if not workbook.worksheets:
            raise FileProblem(f"{file_name} has no sheet.")
        sheet = workbook.worksheets[0]
        records = (
            (number, [_cell_text(value) for value in row])
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        return _table_from(file_name, records)
    finally:
        workbook.close()


def read_table(*, file_name: str, data: bytes) -> Table:
    """Read a participants file by its extension: .csv or .xlsx."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".csv":
        return read_csv(file_name=file_name, data=data)
    if suffix == ".xlsx":
        return read_xlsx(file_name=file_name, data=data)
    raise FileProblem(f"{file_name} is neither a .csv nor a .xlsx file.")


def unguard(text: str) -> str:
    """Remove the quote that an export put before a cell that would run as a formula."""
    if len(text) > 1 and text[0] == GUARD and text[1] in (*FORMULA_STARTS, GUARD):
        return text[1:]
    return text


def guard(text: str) -> str:
    """Neutralise a cell that a spreadsheet would run as a formula by prefixing a quote."""
    if text and text[0] in (*FORMULA_STARTS, GUARD):
        return GUARD + text
    return text


def normalise_header(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


# --- Validating -----------------------------------------------------------------------------------


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


def _split(text: str) -> list[str]:
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def _join(items: Iterable[object]) -> str:
    return f"{LIST_SEPARATOR} ".join(str(item) for item in items)


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
            for item in _split(text):
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
            items = _split(text)
            if column.maximum and len(items) > column.maximum:
                self.problem(number, name, text, f"at most {column.maximum} items.")
                return None
            too_long = [i for i in items if column.item_max and len(i) > column.item_max]
            if too_long:
                self.problem(number, name, text, f"each item at most {column.item_max} characters.")
                return None
            return items
        if column.kind == "skills":
            return _split(text)
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
    existing_users = set(
        User.objects.filter(email__in=emails | managers).values_list("email", flat=True)
    )
    enrolled: dict[str, set[str]] = defaultdict(set)
    for email, role in Enrollment.objects.filter(
        program=program,
        user__email__in=emails,
        status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.PENDING],
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
        elif row.manager_email and row.manager_email not in emails | existing_users:
            reader.problem(
                row.number,
                "manager_email",
                row.manager_email,
                "nobody with this email is in the file or has an account.",
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
    _drop_rows_whose_manager_is_invalid(reader=reader, report=report, existing=existing_users)
    _count(report=report, existing=existing_users)


def _drop_rows_whose_manager_is_invalid(
    *, reader: _RowReader, report: ImportReport, existing: set[str]
) -> None:
    # With "only the valid rows", a manager named only on invalid rows would not exist.
    changed = True
    while changed:
        valid_emails = {row.email for row in report.valid_rows}
        changed = False
        for row in report.valid_rows:
            manager = row.manager_email
            if manager and manager not in existing and manager not in valid_emails:
                reader.problem(
                    row.number,
                    "manager_email",
                    manager,
                    "this manager's own rows have problems, so they would not be imported.",
                )
                changed = True


def _count(*, report: ImportReport, existing: set[str]) -> None:
    valid = report.valid_rows
    people = {row.email for row in valid}
    report.new_people = len(people - existing)
    report.existing_people = len(people & existing)
    report.enrollments = dict.fromkeys(Enrollment.Role.values, 0)
    for row in valid:
        report.enrollments[row.role] += 1


def _display(value: object) -> str:
    if isinstance(value, list):
        return _join(value)
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


# --- Writing --------------------------------------------------------------------------------------


def _blank(profile: Profile, name: str) -> bool:
    value = getattr(profile, name)
    if name == "timezone":
        return value in {"", "UTC"}
    return value is None or value == "" or value == []


def _person_profile(rows: Sequence[ParticipantRow]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for row in rows:
        for name, value in row.profile.items():
            merged.setdefault(name, value)
    return merged


def _write(
    *,
    program: Program,
    rows: Sequence[ParticipantRow],
    imported_by: User,
    progress: Callable[[int, int], object] | None,
) -> None:
    by_person: dict[str, list[ParticipantRow]] = defaultdict(list)
    for row in rows:
        by_person[row.email].append(row)
    managers = {row.manager_email for row in rows if row.manager_email}
    users = {
        u.email: u
        for u in User.objects.filter(email__in=set(by_person) | managers).select_related("profile")
    }
    created: set[str] = set()
    done_people: set[str] = set()
    for index, row in enumerate(rows, start=1):
        try:
            if row.email not in done_people:
                done_people.add(row.email)
                _person_save(
                    email=row.email,
                    fields=_person_profile(by_person[row.email]),
                    users=users,
                    created=created,
                )
            enrollment = enrollment_submit(
                program=program,
                user=users[row.email],
                role=row.role,
                answers={},
                mentor_offer=row.side if row.role == Enrollment.Role.MENTOR else None,
                mentee_needs=row.side if row.role == Enrollment.Role.MENTEE else None,
                bypass_window=True,
                require_answers=False,
            )
            if enrollment.status == Enrollment.Status.PENDING:
                enrollment_approve(enrollment=enrollment, approved_by=imported_by)
        except ValidationError as error:
            raise _RowFailed(row.number, "; ".join(error.messages)) from error
        if progress is not None:
            progress(index, len(rows))
    for email, person_rows in by_person.items():
        manager_email = next((r.manager_email for r in person_rows if r.manager_email), "")
        if not manager_email:
            continue
        user = users[email]
        profile = Profile.objects.get(user=user)
        if email in created or profile.manager_id is None:
            profile_update(user=user, editor=None, manager=users[manager_email])


def _person_save(
    *, email: str, fields: dict[str, Any], users: dict[str, User], created: set[str]
) -> None:
    user = users.get(email)
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
        users[email] = user
        created.add(email)
        profile_update(user=user, editor=None, **fields)
        return
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        profile_update(user=user, editor=None, **fields)
        return
    empty = {name: value for name, value in fields.items() if _blank(profile, name)}
    if empty:
        profile_update(user=user, editor=None, **empty)


class _RowFailed(Exception):
    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message


def participants_import(
    *,
    program: Program,
    file_name: str,
    data: bytes,
    imported_by: User,
    only_valid_rows: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> ImportReport:
    """Import a participants file into a program: all rows or, when asked, only the valid ones;
    in one transaction, so nothing is written when it fails."""
    if not user_manages_program(user=imported_by, program=program):
        raise PermissionDenied("Only the program's managers can import participants.")
    report = participants_import_preview(program=program, file_name=file_name, data=data)
    if report.file_problems or (report.problems and not only_valid_rows):
        raise ParticipantImportError(report)
    rows = report.valid_rows
    try:
        with transaction.atomic():
            _write(program=program, rows=rows, imported_by=imported_by, progress=progress)
    except _RowFailed as failure:
        row = next(r for r in rows if r.number == failure.row)
        report.problems.append(
            Problem(failure.row, "email", row.email, f"could not be saved: {failure.message}")
        )
        report.invalid_rows.add(failure.row)
        raise ParticipantImportError(report) from None
    except IntegrityError:
        # Someone else enrolled or created the same person between the check and the write.
        report.problems.append(
            Problem(
                None,
                "",
                "",
                "The program changed while importing; nothing was written. Check the file again.",
            )
        )
        raise ParticipantImportError(report) from None
    report.written = True
    return report


# --- Exporting ------------------------------------------------------------------------------------


def _export_rows(program: Program) -> list[list[object]]:
    enrollments = (
        Enrollment.objects.filter(
            program=program, status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.PENDING]
        )
        .select_related("user", "user__profile", "user__profile__manager")
        .order_by("-role", "user__email")  # mentors first
    )
    offers = {
        o.enrollment_id: o
        for o in MentorOffer.objects.filter(enrollment__in=enrollments).prefetch_related("skills")
    }
    needs = {
        n.enrollment_id: n
        for n in MenteeNeeds.objects.filter(enrollment__in=enrollments).prefetch_related("skills")
    }
    lines: list[list[object]] = []
    for enrollment in enrollments:
        user = enrollment.user
        profile: Profile | None = getattr(user, "profile", None)
        role_word = program.role_label(enrollment.role).lower()
        values: dict[str, object] = {
            "email": user.email,
            "display_name": profile.display_name if profile else user.display_name,
            "role": role_word,
        }
        if profile is not None:
            for name in PROFILE_COLUMNS:
                if name == "display_name":
                    continue
                value = getattr(profile, name)
                values[name] = _join(value) if isinstance(value, list) else value
            values["manager_email"] = profile.manager.email if profile.manager else ""
        side: MentorOffer | MenteeNeeds | None
        if enrollment.role == Enrollment.Role.MENTOR:
            side = offers.get(enrollment.pk)
            names = ["free_tags", "motivation", "capacity", "hours_per_month"]
        else:
            side = needs.get(enrollment.pk)
            names = [
                "career_goals",
                "why_mentor",
                "meeting_cadence",
                "organisation_preference",
                "industry_preference",
                "job_function_preference",
            ]
        if side is not None:
            values["skills"] = _join(sorted(s.name for s in side.skills.all()))
            values["focus_areas"] = _join(side.focus_areas)
            for name in names:
                value = getattr(side, name)
                values[name] = _join(value) if isinstance(value, list) else value
        lines.append([_export_cell(values.get(name)) for name in COLUMN_NAMES])
    return lines


def _export_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    return guard(str(value))


def participants_export(*, program: Program, exported_by: User, fmt: str = "csv") -> bytes:
    """The program's active and pending participants in the import format (CSV or XLSX)."""
    if not user_manages_program(user=exported_by, program=program):
        raise PermissionDenied("Only the program's managers can export participants.")
    lines = _export_rows(program)
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(COLUMN_NAMES)
        writer.writerows(lines)
        # A byte-order mark lets Excel open the file as UTF-8; the importer accepts it.
        return buffer.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        return _xlsx_bytes(lines)
    raise ValidationError(f"{fmt!r} is not an export format; choose csv or xlsx.")


def _xlsx_bytes(lines: Sequence[Sequence[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet: Worksheet = workbook.active  # type: ignore[assignment]
    sheet.title = "Participants"
    sheet.append(list(COLUMN_NAMES))
    for line in lines:
        cells = [ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in line]
        sheet.append(cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORT_CONTENT_TYPES: Mapping[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
