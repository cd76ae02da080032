"""Errors about the files `mentora match` reads and writes, saying where: file, row, column."""

from __future__ import annotations

from pathlib import Path

SHOWN_LENGTH = 60


class InputFileError(ValueError):
    """A problem in an input file, with where it is."""

    def __init__(
        self, path: Path | str, message: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        where = str(path)
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


def shown(value: str) -> str:
    """A cell's value quoted for a message: control characters escaped, long values cut."""
    if len(value) > SHOWN_LENGTH:
        value = value[:SHOWN_LENGTH] + "..."
    escaped = "".join(
        character if character.isprintable() else repr(character)[1:-1] for character in value
    )
    return f"'{escaped}'"


def nul_error(what: str, value: str) -> str:
    """The message for a value holding a NUL character (`what` names the value's place)."""
    return f"{what}{shown(value)} contains a NUL character, which no text may hold"
