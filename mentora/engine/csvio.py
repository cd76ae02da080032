"""Reading mentors.csv and mentees.csv, and writing people in the same format.

Rows are numbered as in a spreadsheet: the header is row 1, the first person row 2. Every
problem is an `InputFileError` naming the file, row, column and value: numbers out of their
range, values outside a fixed list, NUL characters, empty required cells, duplicate ids, pins a
mentor or mentee cannot take. Only the documented columns are ever looked up; any other column
(demographic ones among them) is never read.

weights.toml is read by `weights_file.py` and the outputs are written by `outputs.py`; their
names stay importable from here.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from mentora.engine.file_errors import InputFileError, nul_error, shown
from mentora.engine.outputs import atomic_outputs, check_outputs, guard_cell, write_csv
from mentora.engine.records import (
    CADENCES,
    DIRECTIONS,
    FOCUS_AREAS,
    MEETING_FORMATS,
    SENIORITY_YEARS,
    Constraints,
    MenteeRecord,
    MentorRecord,
)
from mentora.engine.taxonomy import normalise_name
from mentora.engine.timezones import known_timezones
from mentora.engine.weights_file import Settings, read_settings

__all__ = [
    "InputFileError",
    "MenteeTable",
    "Settings",
    "atomic_outputs",
    "check_outputs",
    "guard_cell",
    "read_mentees",
    "read_mentors",
    "read_settings",
    "resolve_pairs",
    "shown",
    "write_csv",
    "write_people_csv",
]

LIST_SEPARATOR = ";"
QUESTION_PREFIX = "q:"
# Capacity far above any real mentor (the platform allows 50) that keeps the solvers' integer
# arithmetic small; a longer answer time than a year is a typing error.
MAX_CAPACITY = 10_000
MAX_RESPONSE_HOURS = 24 * 365
SENIORITIES: tuple[str, ...] = tuple(SENIORITY_YEARS)

MENTOR_COLUMNS: tuple[str, ...] = (
    "id", "name", "capacity", "skills", "focus_areas", "industry", "organisation",
    "job_function", "years_experience", "languages", "timezone", "bio",
)  # fmt: skip
MENTOR_OPTIONAL_COLUMNS: tuple[str, ...] = (
    "department", "seniority", "meeting_formats", "hours_per_month", "manager_id", "passion",
    "response_hours", "feedback_rating", "previous_mentees",
)  # fmt: skip
MENTEE_COLUMNS: tuple[str, ...] = (
    "id", "name", "mentors_wanted", "skills_wanted", "goals", "focus_areas", "industry",
    "organisation", "job_function", "years_experience", "languages", "timezone", "manager_id",
)  # fmt: skip
MENTEE_OPTIONAL_COLUMNS: tuple[str, ...] = (
    "department", "seniority", "meeting_formats", "cadence", "industry_preference",
    "organisation_preference", "job_function_preference", "previous_mentors",
    "excluded_mentors", "pinned_mentors",
)  # fmt: skip


@dataclass
class MenteeTable:
    """Mentees read from a file, with the pairs they name (resolved against the mentors later)."""

    records: list[MenteeRecord]
    excluded: list[tuple[str, str, int]]  # (mentee id, mentor id, row)
    pinned: list[tuple[str, str, int]]


def _read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Header and numbered rows of a UTF-8 CSV; errors for empty or non-UTF-8 files."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row, column = _cell_at(raw, error.start)
        raise InputFileError(
            path,
            f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save it as CSV UTF-8",
            row=row,
            column=column,
        ) from error
    if not text.strip():
        raise InputFileError(path, "is empty: it needs a header row and one row per person")
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as error:
        raise InputFileError(path, f"is not valid CSV ({error})", row=1) from error
    for name in header:
        if "\x00" in name:
            raise InputFileError(path, nul_error("the column name ", name), row=1)

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for row in reader:
                number += 1
                if not any(cell.strip() for cell in row):
                    continue
                yield number, row
        except csv.Error as error:
            raise InputFileError(path, f"is not valid CSV ({error})", row=number + 1) from error

    return header, rows()


def _cell_at(raw: bytes, offset: int) -> tuple[int, str | None]:
    """Row number and column name of the cell holding byte `offset` (the valid text before it)."""
    before = raw[:offset].decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(before, newline="")))
    if not records or before.endswith(("\n", "\r")):
        records.append([""])
    row = len(records)
    position = len(records[-1]) - 1
    header = [name.strip() for name in records[0]] if row > 1 else []
    return row, header[position] if position < len(header) else None


class _Row:
    """Typed access to one row's cells, raising errors that say where."""

    def __init__(self, path: Path, number: int, cells: list[str], index: dict[str, int]) -> None:
        self.path, self.row_number, self.cells, self.index = path, number, cells, index

    def error(self, column: str, message: str) -> InputFileError:
        return InputFileError(self.path, message, row=self.row_number, column=column)

    def text(self, column: str) -> str:
        position = self.index.get(column)
        if position is None or position >= len(self.cells):
            return ""
        value = self.cells[position]
        if "\x00" in value:
            raise self.error(column, nul_error("", value))
        return value.strip()

    def items(self, column: str) -> tuple[str, ...]:
        return tuple(
            item.strip() for item in self.text(column).split(LIST_SEPARATOR) if item.strip()
        )

    def number(
        self, column: str, *, whole: bool = False, low: float = 0.0, high: float = math.inf
    ) -> float | None:
        value = self.text(column)
        if value == "":
            return None
        kind = "a whole number" if whole else "a number"
        try:
            number = float(value.replace(",", ".")) if not whole else float(value)
        except ValueError:
            raise self.error(column, f"{shown(value)} is not {kind}") from None
        if whole and math.isfinite(number) and not number.is_integer():
            raise self.error(column, f"{shown(value)} is not {kind}")
        if not math.isfinite(number) or number < low or number > high:
            if not math.isfinite(high):
                bound = f"{low:g} or more"
            elif number < low:
                bound = f"{low:g} or more, and at most {high:g}"
            else:
                bound = f"between {low:g} and {high:g}"
            raise self.error(column, f"{shown(value)} is out of range: it must be {bound}")
        return number

    def choice[C: str](self, column: str, choices: Sequence[C]) -> C | None:
        value = self.text(column).lower()
        if value == "":
            return None
        for choice in choices:
            if choice == value:
                return choice
        raise self.error(column, f"{shown(value)} is not one of {', '.join(choices)}")

    def word(self, column: str, choices: tuple[str, ...]) -> str:
        """A value of a fixed list or empty, kept as written (see `_check_word`)."""
        value = self.text(column)
        if value:
            self._check_word(column, value, choices)
        return value

    def words(self, column: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        """Items of a fixed list, kept as written (see `_check_word`)."""
        items = self.items(column)
        for item in items:
            self._check_word(column, item, choices)
        return items

    def _check_word(self, column: str, value: str, choices: tuple[str, ...]) -> None:
        # Spelt as the engine folds names when it compares them: case, spaces, hyphens and
        # underscores do not matter ("In person" is "in_person").
        if value not in choices and normalise_name(value) not in _folded(choices):
            raise self.error(column, f"{shown(value)} is not one of {', '.join(choices)}")

    def timezone(self, column: str = "timezone") -> str:
        value = self.text(column)
        if value == "":
            raise self.error(column, "is empty: give an IANA timezone such as Europe/Lisbon")
        if value not in known_timezones():
            raise self.error(
                column,
                f"unknown timezone {shown(value)} (use an IANA name such as Europe/Lisbon)",
            )
        return value


@functools.cache
def _folded(choices: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise_name(choice) for choice in choices)


def _table(
    path: Path, required: Sequence[str], kind: str
) -> tuple[dict[str, int], Iterator[_Row], list[str]]:
    header, rows = _read_rows(path)
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        if name in index:
            raise InputFileError(path, f"the column '{name}' appears twice", row=1, column=name)
        index[name] = position
    missing = [name for name in required if name not in index]
    if missing:
        raise InputFileError(
            path,
            f"missing column '{missing[0]}' ({kind} files need: {', '.join(required)})",
            row=1,
            column=missing[0],
        )

    def typed_rows() -> Iterator[_Row]:
        for number, cells in rows:
            yield _Row(path, number, cells, index)

    question_columns = [name for name in header if name.startswith(QUESTION_PREFIX)]
    return index, typed_rows(), question_columns


def _answers(row: _Row, question_columns: Sequence[str]) -> dict[str, tuple[str, ...]]:
    answers = {}
    for column in question_columns:
        items = row.items(column)
        if items:
            answers[column[len(QUESTION_PREFIX) :]] = items
    return answers


def _check_id(row: _Row, seen: dict[str, int]) -> str:
    identifier = row.text("id")
    if not identifier:
        raise row.error("id", "is empty: every person needs an id")
    if identifier in seen:
        raise row.error("id", f"duplicate id {shown(identifier)} (first on row {seen[identifier]})")
    seen[identifier] = row.row_number
    return identifier


def read_mentors(
    path: Path, *, progress: Callable[[int], None] | None = None
) -> list[MentorRecord]:
    """Mentor records from mentors.csv."""
    _, rows, question_columns = _table(path, MENTOR_COLUMNS, "mentor")
    mentors: list[MentorRecord] = []
    seen: dict[str, int] = {}
    for row in rows:
        identifier = _check_id(row, seen)
        capacity = row.number("capacity", whole=True, high=MAX_CAPACITY)
        if capacity is None:
            raise row.error("capacity", "is empty: give how many mentees (0 or more)")
        mentors.append(
            MentorRecord(
                id=identifier,
                name=row.text("name"),
                capacity=int(capacity),
                skills=row.items("skills"),
                focus_areas=row.words("focus_areas", FOCUS_AREAS),
                industry=row.text("industry"),
                organisation=row.text("organisation"),
                department=row.text("department"),
                job_function=row.text("job_function"),
                years_experience=row.number("years_experience", high=80),
                seniority=row.word("seniority", SENIORITIES),
                languages=tuple(x.lower() for x in row.items("languages")),
                timezone=row.timezone(),
                meeting_formats=row.words("meeting_formats", MEETING_FORMATS),
                hours_per_month=row.number("hours_per_month", high=744),
                bio=row.text("bio"),
                manager_id=row.text("manager_id"),
                passion=row.number("passion", high=1),
                response_hours=row.number("response_hours", high=MAX_RESPONSE_HOURS),
                feedback_rating=row.number("feedback_rating", low=1, high=5),
                previous_mentee_ids=row.items("previous_mentees"),
                answers=_answers(row, question_columns),
            )
        )
        if progress is not None and len(mentors) % 10_000 == 0:
            progress(10_000)
    if not mentors:
        raise InputFileError(path, "has a header but no mentors")
    return mentors


def read_mentees(path: Path, *, progress: Callable[[int], None] | None = None) -> MenteeTable:
    """Mentee records from mentees.csv, with the excluded and pinned mentors they name."""
    _, rows, question_columns = _table(path, MENTEE_COLUMNS, "mentee")
    mentees: list[MenteeRecord] = []
    excluded: list[tuple[str, str, int]] = []
    pinned: list[tuple[str, str, int]] = []
    seen: dict[str, int] = {}
    for row in rows:
        identifier = _check_id(row, seen)
        wanted = row.number("mentors_wanted", whole=True, low=1, high=50)
        mentees.append(
            MenteeRecord(
                id=identifier,
                name=row.text("name"),
                mentors_wanted=1 if wanted is None else int(wanted),
                skills_wanted=row.items("skills_wanted"),
                goals=row.text("goals"),
                focus_areas=row.words("focus_areas", FOCUS_AREAS),
                industry=row.text("industry"),
                organisation=row.text("organisation"),
                department=row.text("department"),
                job_function=row.text("job_function"),
                years_experience=row.number("years_experience", high=80),
                seniority=row.word("seniority", SENIORITIES),
                languages=tuple(x.lower() for x in row.items("languages")),
                timezone=row.timezone(),
                meeting_formats=row.words("meeting_formats", MEETING_FORMATS),
                cadence=row.choice("cadence", CADENCES) or "monthly",
                industry_preference=row.choice("industry_preference", DIRECTIONS),
                organisation_preference=row.choice("organisation_preference", DIRECTIONS),
                job_function_preference=row.choice("job_function_preference", DIRECTIONS),
                manager_id=row.text("manager_id"),
                previous_mentor_ids=row.items("previous_mentors"),
                answers=_answers(row, question_columns),
            )
        )
        excluded.extend((identifier, m, row.row_number) for m in row.items("excluded_mentors"))
        pinned.extend((identifier, m, row.row_number) for m in row.items("pinned_mentors"))
        if progress is not None and len(mentees) % 10_000 == 0:
            progress(10_000)
    if not mentees:
        raise InputFileError(path, "has a header but no mentees")
    return MenteeTable(mentees, excluded, pinned)


def resolve_pairs(
    path: Path, table: MenteeTable, mentors: Sequence[MentorRecord], constraints: Constraints
) -> Constraints:
    """Add the file's excluded and pinned mentors to the constraints, checking the mentor ids."""
    capacities = {m.id: m.capacity for m in mentors}
    for column, pairs in (("excluded_mentors", table.excluded), ("pinned_mentors", table.pinned)):
        for _, mentor_id, row in pairs:
            if mentor_id not in capacities:
                raise InputFileError(
                    path, f"unknown mentor id {shown(mentor_id)}", row=row, column=column
                )
    excluded = {(a, b) for a, b, _ in table.excluded}
    pinned = {(a, b) for a, b, _ in table.pinned}
    for a, b, row in table.pinned:
        if (a, b) in excluded:
            raise InputFileError(
                path,
                f"mentor {shown(b)} is both pinned and excluded",
                row=row,
                column="pinned_mentors",
            )
    _check_pin_counts(path, table, capacities)
    return Constraints(
        **{
            **{f.name: getattr(constraints, f.name) for f in fields(Constraints)},
            "excluded_pairs": constraints.excluded_pairs | excluded,
            "pinned_pairs": constraints.pinned_pairs | pinned,
        }
    )


def _check_pin_counts(path: Path, table: MenteeTable, capacities: Mapping[str, int]) -> None:
    """No mentor pinned to more mentees than their capacity, no mentee to more than wanted."""
    wanted = {r.id: r.mentors_wanted for r in table.records}
    mentees_of: dict[str, set[str]] = {}
    mentors_of: dict[str, list[str]] = {}
    for mentee_id, mentor_id, row in table.pinned:
        mentees = mentees_of.setdefault(mentor_id, set())
        mentees.add(mentee_id)
        if len(mentees) > capacities[mentor_id]:
            raise InputFileError(
                path,
                f"mentor {shown(mentor_id)} is pinned to {len(mentees)} mentees but has "
                f"capacity {capacities[mentor_id]}",
                row=row,
                column="pinned_mentors",
            )
        mentors = mentors_of.setdefault(mentee_id, [])
        if mentor_id not in mentors:
            mentors.append(mentor_id)
        if len(mentors) > wanted[mentee_id]:
            raise InputFileError(
                path,
                f"{shown(LIST_SEPARATOR.join(mentors))} pins {len(mentors)} mentors but "
                f"mentors_wanted is {wanted[mentee_id]}",
                row=row,
                column="pinned_mentors",
            )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_people_csv(
    path: Path,
    records: Sequence[MentorRecord] | Sequence[MenteeRecord],
    *,
    extra_columns: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Write mentor or mentee records in the documented format (extra columns appended)."""
    mentors = bool(records) and isinstance(records[0], MentorRecord)
    if mentors:
        columns = [*MENTOR_COLUMNS, *MENTOR_OPTIONAL_COLUMNS]
        renamed = {"previous_mentees": "previous_mentee_ids"}
    else:
        columns = [
            *MENTEE_COLUMNS,
            *(
                c
                for c in MENTEE_OPTIONAL_COLUMNS
                if c not in {"excluded_mentors", "pinned_mentors"}
            ),
        ]
        renamed = {"previous_mentors": "previous_mentor_ids"}
    extra = extra_columns or {}
    people: list[MentorRecord | MenteeRecord] = list(records)
    question_ids = sorted({q for r in people for q in r.answers})
    header = [*columns, *(QUESTION_PREFIX + q for q in question_ids), *extra]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row, record in enumerate(people):
            cells = [_cell(getattr(record, renamed.get(c, c))) for c in columns]
            cells += [_cell(tuple(record.answers.get(q, ()))) for q in question_ids]
            cells += [values[row] for values in extra.values()]
            writer.writerow(cells)
