"""Exporting a program's participants in the import format (CSV or XLSX), formula cells guarded."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from mentora.accounts.models import User
from mentora.profiles.models import MenteeNeeds, MentorOffer, Profile
from mentora.programs.access import PROGRAM_CAPABILITIES, program_roles, require
from mentora.programs.lifecycle import LIVE
from mentora.programs.models import Enrollment, Program
from mentora.programs.participant_io.columns import (
    COLUMN_NAMES,
    PROFILE_COLUMNS,
    guard,
    join_list,
)


def _export_rows(program: Program) -> list[list[object]]:
    enrollments = (
        Enrollment.objects.filter(program=program, status__in=LIVE)
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
                values[name] = join_list(value) if isinstance(value, list) else value
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
            values["skills"] = join_list(sorted(s.name for s in side.skills.all()))
            values["focus_areas"] = join_list(side.focus_areas)
            for name in names:
                value = getattr(side, name)
                values[name] = join_list(value) if isinstance(value, list) else value
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
    require(
        PROGRAM_CAPABILITIES,
        roles=program_roles(program=program, user=exported_by),
        to="manage",
        refusal="Only the program's managers can export participants.",
    )
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
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # pragma: no cover - a new workbook has one sheet
        raise TypeError("A new workbook has no worksheet.")
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
