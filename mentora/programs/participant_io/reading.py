"""Reading a participants file (CSV or the first sheet of an XLSX workbook) into its rows."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath

from openpyxl import load_workbook

from mentora.programs.participant_io.columns import MAX_ROWS


class FileProblem(Exception):
    """The file as a whole cannot be read."""


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
