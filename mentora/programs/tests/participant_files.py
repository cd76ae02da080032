"""Small participants files for the import and export tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "participants.csv"

MENTOR: dict[str, str] = {
    "email": "ada@example.org",
    "display_name": "Ada Lovelace",
    "role": "mentor",
    "job_title": "Principal engineer",
    "industry": "technology",
    "years_experience": "20",
    "timezone": "Europe/London",
    "languages": "en; fr",
    "skills": "Python; SQL",
    "focus_areas": "skill_building",
    "capacity": "3",
    "hours_per_month": "6",
    "motivation": "Paying it forward.",
}
MENTEE: dict[str, str] = {
    "email": "grace@example.org",
    "display_name": "Grace Hopper",
    "role": "mentee",
    "job_title": "Junior engineer",
    "industry": "technology",
    "years_experience": "1",
    "timezone": "America/New_York",
    "manager_email": "ada@example.org",
    "skills": "Public speaking; Negotiation",
    "career_goals": "Lead a team; Give a conference talk",
    "meeting_cadence": "monthly",
}
THIRD: dict[str, str] = {
    "email": "alan@example.org",
    "display_name": "Alan Turing",
    "role": "mentee",
    "timezone": "Europe/London",
    "skills": "Project management",
}


def csv_bytes(rows: Sequence[Mapping[str, str]], *, header: Sequence[str] | None = None) -> bytes:
    """A UTF-8 CSV with the union of the rows' columns (or the given header)."""
    columns = list(header) if header is not None else _columns(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook whose first sheet holds the given rows (the first row names the columns)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _columns(rows: Sequence[Mapping[str, str]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns.extend(c for c in row if c not in columns)
    return columns
