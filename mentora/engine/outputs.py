"""Writing `mentora match`'s outputs: all or nothing, with formula cells guarded.

Outputs are written to temporary files beside their destinations and renamed only when every
one is complete, after checking that each destination can be a file.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from mentora.engine.file_errors import InputFileError

# The formula guard of the platform's exports, mirrored because the engine imports no Mentora
# app: `mentora.programs.participant_io.guard` (used by every export in `mentora.reports.exports`)
# puts a single quote before a text cell that begins with =, +, -, @, a tab or a carriage return
# (or with the quote itself, so the guard can be removed exactly), so that a spreadsheet shows it
# as text instead of running it. Keep both rules the same.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
GUARDED_STARTS = (*FORMULA_STARTS, GUARD)


def guard_cell(value: object) -> object:
    """A cell as written to a CSV: text a spreadsheet would run as a formula gets a quote first.

    Numbers are left as they are, as in the platform's exports.
    """
    if isinstance(value, str) and value[:1] in GUARDED_STARTS:
        return GUARD + value
    return value


def check_outputs(paths: Sequence[Path]) -> None:
    """Refuse, before any work, output paths that cannot be files (a missing folder, a folder)."""
    for path in paths:
        if not path.resolve().parent.is_dir():
            raise InputFileError(path, "cannot be written: its folder does not exist")
        if path.is_dir():
            raise InputFileError(path, "cannot be written: it is a folder, not a file")
    resolved = [path.resolve() for path in paths]
    for position, path in enumerate(paths):
        if resolved[position] in resolved[:position]:
            raise InputFileError(path, "is given as two different outputs")


@contextmanager
def atomic_outputs(paths: Sequence[Path]) -> Iterator[list[IO[str]]]:
    """Text files that appear at `paths` together, only if the block ends without an exception.

    Each is written to a temporary file beside its destination and renamed at the end, so a
    failure never leaves a partial or stale-looking output behind. Paths are checked first
    (`check_outputs`), so that a later rename cannot fail after an earlier one happened.
    """
    check_outputs(paths)
    handles: list[IO[str]] = []
    try:
        for path in paths:
            try:
                handle: IO[str] = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed and renamed below
                    "w",
                    encoding="utf-8",
                    newline="",
                    dir=path.resolve().parent,
                    prefix=f".{path.name}.",
                    suffix=".tmp",
                    delete=False,
                )
            except OSError as error:
                raise InputFileError(path, f"cannot be written ({error.strerror})") from error
            handles.append(handle)
        yield handles
        for handle in handles:
            handle.close()
        for handle, path in zip(handles, paths, strict=True):
            try:
                os.replace(handle.name, path)
            except OSError as error:
                raise InputFileError(path, f"cannot be written ({error.strerror})") from error
    except BaseException:
        for handle in handles:
            handle.close()
            Path(handle.name).unlink(missing_ok=True)
        raise


def write_csv(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a header and rows, formula cells guarded; returns the number of rows."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow([guard_cell(name) for name in header])
    count = 0
    for row in rows:
        writer.writerow([guard_cell(value) for value in row])
        count += 1
    return count
