"""The example files of docs/examples, copied and spoiled cell by cell, run through `main`."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from mentora.engine.cli import main

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
INPUTS = ("mentors.csv", "mentees.csv", "weights.toml")


def copy_examples(folder: Path) -> Path:
    """mentors.csv, mentees.csv and weights.toml from docs/examples in `folder`."""
    for name in INPUTS:
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def run(folder: Path, *extra: str) -> int:
    """`mentora match` on the folder's files, writing matches.csv there."""
    return main(
        [
            "match",
            "--mentors", str(folder / "mentors.csv"),
            "--mentees", str(folder / "mentees.csv"),
            "--out", str(folder / "matches.csv"),
            *extra,
        ]
    )  # fmt: skip


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file (which must contain it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell, rows numbered as in a spreadsheet (header = 1); adds the column if new."""
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    header = table[0]
    if column not in header:
        header.append(column)
        for cells in table[1:]:
            cells.append("")
    cells = table[row - 1]
    cells += [""] * (len(header) - len(cells))
    cells[header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)


def outputs(folder: Path) -> list[str]:
    """Every file in the folder that is not an input (outputs and temporary files)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in INPUTS)
