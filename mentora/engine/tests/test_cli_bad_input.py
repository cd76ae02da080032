"""`mentora match` on bad input: exit 2, a message naming file, row, column and value, no output.

Every case goes through the console script's entry point (`main`), with both outputs asked for
(`--out` and `--scores-out`), so "writes nothing" covers both files and their temporary files.
A property test then spoils random cells with hostile values: the run either succeeds or stops
with exit 2 and writes nothing, never a traceback.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentora.engine.csvio import (
    MENTEE_COLUMNS,
    MENTEE_OPTIONAL_COLUMNS,
    MENTOR_COLUMNS,
    MENTOR_OPTIONAL_COLUMNS,
)
from mentora.engine.tests.cli_files import copy_examples, edit, outputs, run, set_cell

Spoil = Callable[[Path], object]


@dataclass(frozen=True)
class Case:
    spoil: Spoil
    expected: tuple[str, ...]  # fragments of the message, in any order
    extra: tuple[str, ...] = ()


def cell(name: str, row: int, column: str, value: str) -> Spoil:
    return lambda folder: set_cell(folder / name, row, column, value)


def text(name: str, old: str, new: str) -> Spoil:
    return lambda folder: edit(folder / name, old, new)


def content(name: str, data: bytes) -> Spoil:
    return lambda folder: (folder / name).write_bytes(data)


def settings_file(body: str) -> Spoil:
    return lambda folder: (folder / "weights.toml").write_text(body, encoding="utf-8")


def both(first: Spoil, second: Spoil) -> Spoil:
    def spoil(folder: Path) -> None:
        first(folder)
        second(folder)

    return spoil


TWENTY_DIGITS = "99999999999999999999"

CASES: dict[str, Case] = {
    # Huge numbers.
    "20-digit capacity": Case(
        cell("mentors.csv", 3, "capacity", TWENTY_DIGITS),
        ("mentors.csv", "row 3", "column 'capacity'", f"'{TWENTY_DIGITS}'", "out of range"),
    ),
    "capacity 1e300": Case(
        cell("mentors.csv", 4, "capacity", "1e300"),
        ("mentors.csv", "row 4", "column 'capacity'", "'1e300'", "out of range"),
    ),
    "20-digit mentors wanted": Case(
        cell("mentees.csv", 2, "mentors_wanted", TWENTY_DIGITS),
        ("mentees.csv", "row 2", "column 'mentors_wanted'", f"'{TWENTY_DIGITS}'"),
    ),
    "20-digit years of experience": Case(
        cell("mentees.csv", 5, "years_experience", TWENTY_DIGITS),
        ("mentees.csv", "row 5", "column 'years_experience'", f"'{TWENTY_DIGITS}'"),
    ),
    "huge response hours": Case(
        cell("mentors.csv", 2, "response_hours", "1e308"),
        ("mentors.csv", "row 2", "column 'response_hours'", "'1e308'", "out of range"),
    ),
    # Negative numbers.
    "negative response hours": Case(
        cell("mentors.csv", 3, "response_hours", "-5"),
        ("mentors.csv", "row 3", "column 'response_hours'", "'-5'", "out of range"),
    ),
    "negative passion": Case(
        cell("mentors.csv", 5, "passion", "-0.5"),
        ("mentors.csv", "row 5", "column 'passion'", "'-0.5'", "out of range"),
    ),
    "negative hours per month": Case(
        cell("mentors.csv", 6, "hours_per_month", "-1"),
        ("mentors.csv", "row 6", "column 'hours_per_month'", "'-1'", "out of range"),
    ),
    # Not numbers.
    "years in words": Case(
        cell("mentors.csv", 2, "years_experience", "ten"),
        ("mentors.csv", "row 2", "column 'years_experience'", "'ten' is not a number"),
    ),
    "capacity not a number": Case(
        cell("mentors.csv", 2, "capacity", "NaN"),
        ("mentors.csv", "row 2", "column 'capacity'", "'NaN'"),
    ),
    "mentors wanted in words": Case(
        cell("mentees.csv", 3, "mentors_wanted", "two"),
        ("mentees.csv", "row 3", "column 'mentors_wanted'", "'two' is not a whole number"),
    ),
    "feedback rating infinite": Case(
        cell("mentors.csv", 2, "feedback_rating", "inf"),
        ("mentors.csv", "row 2", "column 'feedback_rating'", "'inf'"),
    ),
    # NUL characters, in every kind of cell that is read.
    "NUL in a name": Case(
        cell("mentors.csv", 2, "name", "Ana\x00Costa"),
        ("mentors.csv", "row 2", "column 'name'", "'Ana\\x00Costa'", "NUL"),
    ),
    "NUL in an id": Case(
        cell("mentees.csv", 4, "id", "E\x0003"),
        ("mentees.csv", "row 4", "column 'id'", "'E\\x0003'", "NUL"),
    ),
    "NUL in a list": Case(
        cell("mentees.csv", 2, "skills_wanted", "SQL;py\x00thon"),
        ("mentees.csv", "row 2", "column 'skills_wanted'", "'SQL;py\\x00thon'", "NUL"),
    ),
    "NUL in free text": Case(
        cell("mentees.csv", 6, "goals", "Grow\x00"),
        ("mentees.csv", "row 6", "column 'goals'", "'Grow\\x00'", "NUL"),
    ),
    "NUL in a timezone": Case(
        cell("mentors.csv", 3, "timezone", "Europe/Lis\x00bon"),
        ("mentors.csv", "row 3", "column 'timezone'", "'Europe/Lis\\x00bon'", "NUL"),
    ),
    "NUL in a questionnaire answer": Case(
        cell("mentors.csv", 2, "q:style", "hands\x00on"),
        ("mentors.csv", "row 2", "column 'q:style'", "'hands\\x00on'", "NUL"),
    ),
    "NUL in a header": Case(
        text("mentees.csv", ",gender,", ",gen\x00der,"),
        ("mentees.csv", "row 1", "'gen\\x00der'", "NUL"),
    ),
    "NUL in a question of weights.toml": Case(
        text("weights.toml", 'text = "Preferred mentoring style"', 'text = "Style\\u0000"'),
        ("weights.toml", "[questions.style]", "text", "'Style\\x00'", "NUL"),
        ("--weights", "{folder}/weights.toml"),
    ),
    # Empty required cells.
    "empty id": Case(
        cell("mentors.csv", 4, "id", ""),
        ("mentors.csv", "row 4", "column 'id'", "is empty"),
    ),
    "empty capacity": Case(
        cell("mentors.csv", 5, "capacity", " "),
        ("mentors.csv", "row 5", "column 'capacity'", "is empty"),
    ),
    "empty timezone": Case(
        cell("mentees.csv", 7, "timezone", ""),
        ("mentees.csv", "row 7", "column 'timezone'", "is empty"),
    ),
    "missing required column": Case(
        text("mentees.csv", "id,name,mentors_wanted,", "id,name,"),
        ("mentees.csv", "row 1", "column 'mentors_wanted'", "missing column"),
    ),
    # Values outside a fixed list.
    "unknown cadence": Case(
        cell("mentees.csv", 2, "cadence", "daily"),
        ("mentees.csv", "row 2", "column 'cadence'", "'daily' is not one of"),
    ),
    "unknown preference": Case(
        cell("mentees.csv", 3, "organisation_preference", "maybe"),
        ("mentees.csv", "row 3", "column 'organisation_preference'", "'maybe' is not one of"),
    ),
    "unknown seniority": Case(
        cell("mentors.csv", 4, "seniority", "wizard"),
        ("mentors.csv", "row 4", "column 'seniority'", "'wizard' is not one of", "senior"),
    ),
    "unknown meeting format": Case(
        cell("mentees.csv", 5, "meeting_formats", "video;pigeon"),
        ("mentees.csv", "row 5", "column 'meeting_formats'", "'pigeon' is not one of", "video"),
    ),
    "unknown focus area": Case(
        cell("mentors.csv", 3, "focus_areas", "networking;fame"),
        ("mentors.csv", "row 3", "column 'focus_areas'", "'fame' is not one of", "networking"),
    ),
    "unknown organisation rule": Case(
        text("weights.toml", 'organisation_rule = "any"', 'organisation_rule = "sometimes"'),
        ("weights.toml", "[constraints] organisation_rule", "'sometimes'"),
        ("--weights", "{folder}/weights.toml"),
    ),
    # Duplicates.
    "duplicate mentor id": Case(
        cell("mentors.csv", 5, "id", "M02"),
        ("mentors.csv", "row 5", "column 'id'", "duplicate id 'M02' (first on row 3)"),
    ),
    "duplicate column": Case(
        text("mentors.csv", "id,name,capacity,", "id,name,name,"),
        ("mentors.csv", "row 1", "column 'name'", "appears twice"),
    ),
    # Pins the mentor or mentee cannot take.
    "more pins than capacity": Case(
        both(
            cell("mentees.csv", 2, "pinned_mentors", "M08"),
            cell("mentees.csv", 3, "pinned_mentors", "M08"),
        ),
        ("mentees.csv", "row 5", "column 'pinned_mentors'", "'M08'", "capacity 2"),
    ),
    "more pins than mentors wanted": Case(
        cell("mentees.csv", 2, "pinned_mentors", "M01;M03"),
        ("mentees.csv", "row 2", "column 'pinned_mentors'", "'M01;M03'", "mentors_wanted is 1"),
    ),
    # Files that are not UTF-8 CSV, empty or missing.
    "not UTF-8": Case(
        lambda folder: (folder / "mentees.csv").write_bytes(
            (folder / "mentees.csv").read_bytes().replace(b"Weber", "Wéber".encode("latin-1"))
        ),
        ("mentees.csv", "row 3", "column 'name'", "not UTF-8", "0xe9"),
    ),
    "UTF-16": Case(
        lambda folder: (folder / "mentors.csv").write_bytes(
            (folder / "mentors.csv").read_text(encoding="utf-8").encode("utf-16")
        ),
        ("mentors.csv", "row 1", "not UTF-8"),
    ),
    "weights.toml not UTF-8": Case(
        content("weights.toml", b"[weights]\nskills = 3 # \xff\n"),
        ("weights.toml", "not UTF-8"),
        ("--weights", "{folder}/weights.toml"),
    ),
    "empty mentors file": Case(content("mentors.csv", b""), ("mentors.csv", "is empty")),
    "only a header": Case(
        lambda folder: (folder / "mentors.csv").write_text(
            (folder / "mentors.csv").read_text(encoding="utf-8").splitlines()[0] + "\n\n ,  \n"
        ),
        ("mentors.csv", "no mentors"),
    ),
    "missing mentees file": Case(
        lambda folder: (folder / "mentees.csv").unlink(),
        ("mentees.csv", "cannot be read", "No such file"),
    ),
    "missing weights file": Case(
        lambda folder: None,
        ("absent.toml", "cannot be read"),
        ("--weights", "{folder}/absent.toml"),
    ),
    # weights.toml values that are numbers only in name.
    "infinite weight": Case(
        settings_file("[weights]\nskills = inf\n"),
        ("weights.toml", "skills", "inf"),
        ("--weights", "{folder}/weights.toml"),
    ),
    "weights that overflow": Case(
        settings_file("[weights]\nskills = 1e308\ngoals = 1e308\n"),
        ("weights.toml", "skills", "1e+308"),
        ("--weights", "{folder}/weights.toml"),
    ),
    "huge session length": Case(
        settings_file("[scoring]\nsession_hours = 1e308\n"),
        ("weights.toml", "session_hours", "1e+308"),
        ("--weights", "{folder}/weights.toml"),
    ),
    "reversed working hours": Case(
        settings_file("[scoring]\nworking_hours = [17, 9]\n"),
        ("weights.toml", "working_hours", "17"),
        ("--weights", "{folder}/weights.toml"),
    ),
    "a section that is not a table": Case(
        settings_file("weights = 3\n"),
        ("weights.toml", "[weights]", "3"),
        ("--weights", "{folder}/weights.toml"),
    ),
    "a question that is not a table": Case(
        settings_file("[questions]\nstyle = 3\n"),
        ("weights.toml", "[questions.style]", "table"),
        ("--weights", "{folder}/weights.toml"),
    ),
    # Outputs that cannot be written.
    "scores-out is a folder": Case(
        lambda folder: (folder / "pairs").mkdir(),
        ("pairs", "cannot be written", "folder"),
        ("--scores-out", "{folder}/pairs"),
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_bad_input_exits_2_names_where_and_writes_nothing(
    files: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[kind]
    case.spoil(files)
    extra = [argument.format(folder=files) for argument in case.extra]
    if "--scores-out" not in extra:
        extra += ["--scores-out", str(files / "pairs.csv")]
    before = outputs(files)

    assert run(files, *extra) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    message = captured.err
    assert message.startswith("mentora match: error: ")
    assert message.count("\n") == 1, message
    for fragment in case.expected:
        assert fragment in message, message
    assert outputs(files) == before


def test_a_later_output_that_fails_leaves_no_earlier_one(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """matches.csv is not written when pairs.csv cannot be, even though it comes first."""
    (files / "pairs.csv").mkdir()
    assert run(files, "--scores-out", str(files / "pairs.csv")) == 2
    assert "pairs.csv: cannot be written" in capsys.readouterr().err
    assert outputs(files) == ["pairs.csv"]


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--seed", "-1", "must be a whole number from 0 to 4294967295, not -1"),
        (
            "--seed",
            TWENTY_DIGITS,
            f"must be a whole number from 0 to 4294967295, not {TWENTY_DIGITS}",
        ),
        ("--seed", "one", "'one' is not a whole number"),
        ("--top-k", "0", "must be 1 or more, not 0"),
        ("--top-k", "1.5", "'1.5' is not a whole number"),
    ],
)
def test_bad_options_exit_2_naming_the_option_and_the_value(
    files: Path, option: str, value: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(files, option, value, "--scores-out", str(files / "pairs.csv"))
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert f"argument {option}: {expected}" in message
    assert outputs(files) == []


HOSTILE_NUMBERS = [
    TWENTY_DIGITS, "-" + TWENTY_DIGITS, "1e300", "1e400", "-1e400", "1e-400", "nan", "-inf",
    "0x1F", "1_000", "٣", "-0", "-1", "0", "3.5", "1,5", "9" * 400,
]  # fmt: skip
HOSTILE_TEXTS = [
    " ", "", "\x00", "a\x00b", "\t", "\r", "=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "-M01",
    "'quoted", '"', "a;b;;c", ";", "\u202e", "€", "x" * 5000, "Europe/Lisbon", "UTC", "same",
    "weekly", "video", "senior", "M01", "E01", "M01;M02;M03", "hands-on",
]  # fmt: skip
NUMBER_COLUMNS = {
    "capacity", "mentors_wanted", "years_experience", "hours_per_month", "passion",
    "response_hours", "feedback_rating",
}  # fmt: skip
MENTOR_FIELDS = [*MENTOR_COLUMNS, *MENTOR_OPTIONAL_COLUMNS, "q:style", "gender"]
MENTEE_FIELDS = [*MENTEE_COLUMNS, *MENTEE_OPTIONAL_COLUMNS, "q:style", "nationality"]
IGNORED = {"gender", "nationality"}
Change = tuple[str, int, str, str]


@st.composite
def spoiled_cells(draw: st.DrawFn) -> list[Change]:
    changes = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(["mentors.csv", "mentees.csv"]))
        columns = MENTOR_FIELDS if name == "mentors.csv" else MENTEE_FIELDS
        rows = 9 if name == "mentors.csv" else 11
        column = draw(st.sampled_from(columns))
        values = HOSTILE_NUMBERS if column in NUMBER_COLUMNS else HOSTILE_TEXTS
        value = draw(st.sampled_from(values) | st.text(max_size=12))
        changes.append((name, draw(st.integers(2, rows)), column, value))
    return changes


def cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [value for row in csv.reader(handle) for value in row]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=spoiled_cells())
def test_hostile_cells_never_end_in_a_traceback(
    changes: list[Change], capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0 with both outputs and no cell a spreadsheet would run, or exit 2 with nothing."""
    with tempfile.TemporaryDirectory() as name:
        folder = copy_examples(Path(name))
        for file_name, row, column, value in changes:
            set_cell(folder / file_name, row, column, value)
        status = run(folder, "--scores-out", str(folder / "pairs.csv"), "--explain")
        captured = capsys.readouterr()
        assert status in (0, 2)
        if status == 2:
            assert captured.err.startswith("mentora match: error: ")
            assert "mentors.csv" in captured.err or "mentees.csv" in captured.err
            assert outputs(folder) == []
            return
        assert outputs(folder) == ["matches.csv", "pairs.csv"]
        # A later change to the same cell replaces an earlier one.
        final = {(file_name, row, column): value for file_name, row, column, value in changes}
        assert not any(
            "\x00" in value for (*_, column), value in final.items() if column not in IGNORED
        )
        for output in ("matches.csv", "pairs.csv"):
            assert not [
                c for c in cells(folder / output) if c[:1] in ("=", "+", "-", "@", "\t", "\r")
            ]
