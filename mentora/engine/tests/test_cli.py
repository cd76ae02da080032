"""`mentora match` from CSV files: success, auditability, and a clear exit 2 for bad input."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog

from mentora.engine.outputs import guard_cell
from mentora.engine.tests.cli_files import edit, rows, run, set_cell


def test_match_writes_pairs_reasons_and_a_summary(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(files, "--weights", str(files / "weights.toml"), "--explain") == 0
    output = rows(files / "matches.csv")
    assert {r["mentee_id"] for r in output} == {f"E{n:02d}" for n in range(1, 11)}
    unmatched = [r for r in output if not r["mentor_id"]]
    assert [(r["mentee_id"], r["reasons"]) for r in unmatched] == [
        ("E10", "No mentor speaks any of your languages (es)")
    ]
    for row in output:
        if row["mentor_id"]:
            assert 2 <= len(row["reasons"].split("; ")) <= 4
            assert float(row["score"]) == pytest.approx(float(row["score"]), abs=1e-6)
            assert "factor_skills" in row
    summary = capsys.readouterr().out
    assert "Matched mentees: 9 of 10" in summary
    assert "Blocking pairs:" in summary


def test_scores_out_lets_anyone_check_optimality(files: Path) -> None:
    """An independent LP over pairs.csv reaches exactly the total the solver reports."""
    assert run(files, "--mode", "optimal", "--scores-out", str(files / "pairs.csv")) == 0
    pairs = rows(files / "pairs.csv")
    assert all(len(p["score"].split(".")[1]) == 6 for p in pairs)
    mentors = {r["id"]: int(r["capacity"]) for r in rows(files / "mentors.csv")}
    wanted = {r["id"]: int(r["mentors_wanted"] or 1) for r in rows(files / "mentees.csv")}
    scores = np.array([float(p["score"]) for p in pairs])
    mentee_ids, mentor_ids = sorted(wanted), sorted(mentors)
    matrix = []
    for mentee_id in mentee_ids:
        matrix.append([1.0 if p["mentee_id"] == mentee_id else 0.0 for p in pairs])
    for mentor_id in mentor_ids:
        matrix.append([1.0 if p["mentor_id"] == mentor_id else 0.0 for p in pairs])
    bounds = [wanted[m] for m in mentee_ids] + [mentors[m] for m in mentor_ids]
    # Lexicographic objective: most pairs first (a bonus above any total), then the score.
    bonus = 100.0 * len(pairs) + 1
    lp = linprog(-(scores + bonus), A_ub=np.array(matrix), b_ub=bounds, bounds=(0, 1))
    chosen = lp.x > 0.5
    matched = [r for r in rows(files / "matches.csv") if r["mentor_id"]]
    assert len(matched) == int(chosen.sum())
    assert sum(float(r["score"]) for r in matched) == pytest.approx(scores[chosen].sum(), abs=1e-5)


def test_demographic_columns_are_never_read(files: Path) -> None:
    assert run(files, "--scores-out", str(files / "pairs.csv")) == 0
    before = (files / "matches.csv").read_text(), (files / "pairs.csv").read_text()
    with (files / "mentees.csv").open(encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    header = table[0]
    for column in ("gender", "ethnicity", "nationality"):
        position = header.index(column)
        values = [row[position] for row in table[1:]]
        for row, value in zip(table[1:], reversed(values), strict=True):
            row[position] = value
    with (files / "mentees.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    assert run(files, "--scores-out", str(files / "pairs.csv")) == 0
    assert ((files / "matches.csv").read_text(), (files / "pairs.csv").read_text()) == before


def test_the_console_script_runs_without_django_settings(files: Path) -> None:
    script = Path(sys.executable).parent / "mentora"
    environment = {"PATH": "/usr/bin:/bin"}
    completed = subprocess.run(
        [
            str(script), "match", "--mentors", str(files / "mentors.csv"),
            "--mentees", str(files / "mentees.csv"), "--out", str(files / "matches.csv"),
            "--mode", "stable",
        ],
        capture_output=True, text=True, env=environment, check=False, timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "Mode: stable" in completed.stdout
    assert (files / "matches.csv").exists()


BAD_INPUTS: dict[str, tuple[Callable[[Path], object], list[str]]] = {
    "missing column": (
        lambda f: edit(f / "mentors.csv", "id,name,capacity,", "id,name,"),
        ["mentors.csv", "row 1", "column 'capacity'", "missing column"],
    ),
    "bad number": (
        lambda f: edit(f / "mentors.csv", "M02,Bruno Silva,1,", "M02,Bruno Silva,one,"),
        ["mentors.csv", "row 3", "column 'capacity'", "'one' is not a whole number"],
    ),
    "duplicate id": (
        lambda f: edit(f / "mentees.csv", "E02,Jonas", "E01,Jonas"),
        ["mentees.csv", "row 3", "column 'id'", "duplicate id 'E01' (first on row 2)"],
    ),
    "unknown timezone": (
        lambda f: edit(f / "mentees.csv", "Africa/Accra", "Mars/Olympus_Mons"),
        ["mentees.csv", "row 4", "column 'timezone'", "unknown timezone 'Mars/Olympus_Mons'"],
    ),
    "negative capacity": (
        lambda f: edit(f / "mentors.csv", "M03,Chen Wei,3,", "M03,Chen Wei,-2,"),
        ["mentors.csv", "row 4", "column 'capacity'", "'-2'", "0 or more"],
    ),
    "empty file": (
        lambda f: (f / "mentees.csv").write_text(""),
        ["mentees.csv", "is empty"],
    ),
    "not UTF-8": (
        lambda f: (f / "mentors.csv").write_bytes(
            (f / "mentors.csv").read_bytes().replace(b"Ana Costa", "Ana Côsta".encode("latin-1"))
        ),
        ["mentors.csv", "row 2", "not UTF-8"],
    ),
    "unknown mentor named in a mentee row": (
        lambda f: edit(f / "mentees.csv", ",M08,female", ",M99,female"),
        ["mentees.csv", "row 5", "column 'pinned_mentors'", "unknown mentor id 'M99'"],
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_file_row_and_column_and_writes_nothing(
    files: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spoil, expected = BAD_INPUTS[kind]
    spoil(files)
    assert run(files, "--scores-out", str(files / "pairs.csv")) == 2
    message = capsys.readouterr().err
    for fragment in expected:
        assert fragment in message
    assert not (files / "matches.csv").exists()
    assert not (files / "pairs.csv").exists()
    assert [p.name for p in files.iterdir() if p.name.startswith(".")] == []


def test_unknown_mode_exits_2_and_writes_nothing(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(files, "--mode", "fastest")
    assert exit_info.value.code == 2
    assert "invalid choice: 'fastest'" in capsys.readouterr().err
    assert not (files / "matches.csv").exists()


def test_bad_weights_file_exits_2(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(files / "weights.toml", "skills = 3", "skils = 3")
    assert run(files, "--weights", str(files / "weights.toml")) == 2
    assert "unknown setting 'skils' in [weights]" in capsys.readouterr().err
    assert not (files / "matches.csv").exists()


def test_a_failed_run_leaves_an_earlier_output_untouched(files: Path) -> None:
    (files / "matches.csv").write_text("earlier\n")
    edit(files / "mentors.csv", "M02,Bruno Silva,1,", "M02,Bruno Silva,x,")
    assert run(files) == 2
    assert (files / "matches.csv").read_text() == "earlier\n"


FORMULA = "=cmd|' /C calc'!A0"


def test_outputs_show_formula_cells_as_text(files: Path) -> None:
    """The rule of the platform's exports: a quote before =, +, -, @, a tab or a return."""
    set_cell(files / "mentors.csv", 2, "name", FORMULA)  # M01, matched to E01 and E08
    set_cell(files / "mentors.csv", 4, "id", "-M03")  # matched to E09
    set_cell(files / "mentees.csv", 2, "name", "+SUM(A1:A9)")
    set_cell(files / "mentees.csv", 3, "name", "@import")
    set_cell(files / "mentees.csv", 4, "name", "-1")
    set_cell(files / "mentees.csv", 8, "id", "'E07")
    assert run(files, "--explain", "--scores-out", str(files / "pairs.csv")) == 0

    matches = rows(files / "matches.csv")
    names = {
        (r["mentee_id"], r["mentor_id"]): (r["mentee_name"], r["mentor_name"]) for r in matches
    }
    assert names[("E01", "M01")] == ("'+SUM(A1:A9)", "'" + FORMULA)
    assert names[("E08", "M01")][1] == "'" + FORMULA
    assert names[("E09", "'-M03")][1] == "Chen Wei"
    assert {r["mentee_name"] for r in matches if r["mentee_id"] in ("E02", "E03")} == {
        "'@import",
        "'-1",
    }
    assert "''E07" in {r["mentee_id"] for r in matches}
    pairs = rows(files / "pairs.csv")
    assert {p["mentor_id"] for p in pairs} >= {"'-M03", "M01"}
    assert "''E07" in {p["mentee_id"] for p in pairs}
    for output in ("matches.csv", "pairs.csv"):
        with (files / output).open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")] == []


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("'quoted", "''quoted"),
        ("Ana = Costa", "Ana = Costa"),
        ("", ""),
        (-1, -1),
        (2.5, 2.5),
    ],
)
def test_the_guard_is_the_rule_of_the_platform_exports(value: object, written: object) -> None:
    """Text cells only (numbers stay numbers), as `mentora.programs.participant_io.guard`."""
    assert guard_cell(value) == written
