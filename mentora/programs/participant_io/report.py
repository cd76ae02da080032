"""What a preview found and an import did: the problems by row, column and value, the rows, and
how many people are enrolled at once and how many invited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from mentora.programs.models import Enrollment, Program


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
    # Whether the address belongs to the organisation (a member, or a verified domain): then the
    # row is enrolled at once; otherwise the person is invited. Never whether an account exists.
    enroll_now: bool = False


@dataclass
class ImportReport:
    """What a preview found, or what an import wrote."""

    file_name: str
    total_rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: list[ParticipantRow] = field(default_factory=list)
    invalid_rows: set[int] = field(default_factory=set)
    people_to_enroll: int = 0
    people_to_invite: int = 0
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
        """One sentence: how many rows are valid, who is enrolled and who is invited."""
        enroll, invite = ("Enrolled", "invited") if self.written else ("Would enroll", "invite")
        mentor = program.role_label(Enrollment.Role.MENTOR).lower()
        mentee = program.role_label(Enrollment.Role.MENTEE).lower()
        return (
            f"{self.valid_row_count} of {self.total_rows} rows valid. {enroll} "
            f"{self.people_to_enroll} people of {program.organisation} and {invite} "
            f"{self.people_to_invite}, who enroll when they accept: "
            f"{self.mentors} {mentor}s and {self.mentees} {mentee}s."
        )


class ParticipantImportError(ValidationError):
    """The file has problems and the import wrote nothing; `report` says what and where."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(
            [str(p) for p in report.problems] or ["The import failed."], code="invalid_import"
        )
