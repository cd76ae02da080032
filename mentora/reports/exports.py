"""Exports of a program for its managers: participants, relationships, meetings, survey responses.

Rows are read in chunks and written as they come (CSV is streamed; XLSX is written by openpyxl's
write-only mode to a spooled temporary file), so a program with a hundred thousand participants
exports in constant memory. Every text cell is guarded against formula injection with the same
rule as the participants export (`mentora.programs.participant_io.guard`).

Exports hold what managers may already see: no meeting notes, agendas or locations, no private
text between the two people, and never the self-identification (demographics), which exists only
in aggregate on the dashboard. With `pseudonymise`, people appear as stable pseudonyms that are
new for every export (a random key per export), and names and emails are left out.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import hashlib
import hmac
import secrets
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font

from mentora.programs.models import Enrollment, Program
from mentora.programs.participant_io import guard
from mentora.relationships.models import Goal, Meeting, Relationship, Stage
from mentora.relationships.times import zone_for
from mentora.reports import outcomes
from mentora.reports.access import REPORTS_CAPABILITIES, dashboard_roles

if TYPE_CHECKING:
    from mentora.accounts.models import User

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK = 2000
# XLSX files are built in memory up to this size, then on disk.
SPOOL_BYTES = 16 * 1024 * 1024


class Pseudonyms:
    """Stable pseudonyms within one export: the same person always gets the same one, and a new
    random key per export means pseudonyms cannot be linked across exports."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def of(self, user_id: int, *, prefix: str = "P") -> str:
        message = f"{prefix}:{user_id}".encode()
        return f"{prefix}-{hmac.new(self._key, message, hashlib.sha256).hexdigest()[:12]}"


def _id(value: int | None, pseudonyms: Pseudonyms | None, prefix: str) -> Any:
    """A record's id; a pseudonym in a pseudonymised export, so files cannot be joined."""
    if value is None or pseudonyms is None:
        return value
    return pseudonyms.of(value, prefix=prefix)


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str
    description: str
    rows: Callable[[Program, Pseudonyms | None, Any], tuple[list[str], Iterator[list[Any]]]]


def _people_columns(prefix: str, pseudonyms: Pseudonyms | None) -> list[str]:
    if pseudonyms is not None:
        return [prefix]
    return [f"{prefix}_name", f"{prefix}_email"]


def _person(user: User, pseudonyms: Pseudonyms | None) -> list[Any]:
    if pseudonyms is not None:
        return [pseudonyms.of(user.pk)]
    return [user.display_name, user.email]


def _participants(
    program: Program, pseudonyms: Pseudonyms | None, zone: Any
) -> tuple[list[str], Iterator[list[Any]]]:
    columns = [
        *_people_columns("person", pseudonyms),
        "role",
        "status",
        "enrolled_at",
        "decided_at",
        "withdrawn_at",
        "relationships",
        "live_relationships",
        "first_relationship_at",
    ]

    def rows() -> Iterator[list[Any]]:
        counts: Counter[tuple[int, str]] = Counter()
        live: Counter[tuple[int, str]] = Counter()
        first: dict[tuple[int, str], datetime.datetime] = {}
        for mentor_id, mentee_id, stage, created_at in Relationship.objects.filter(
            program=program
        ).values_list("mentor_id", "mentee_id", "stage", "created_at"):
            sides: tuple[tuple[int, str], ...] = (
                (mentor_id, Enrollment.Role.MENTOR),
                (mentee_id, Enrollment.Role.MENTEE),
            )
            for key in sides:
                counts[key] += 1
                if stage != Stage.ENDED:
                    live[key] += 1
                if key not in first or created_at < first[key]:
                    first[key] = created_at
        enrollments = (
            Enrollment.objects.filter(program=program)
            .select_related("user__profile")
            .order_by("pk")
        )
        for enrollment in enrollments.iterator(chunk_size=CHUNK):
            key = (enrollment.user_id, str(enrollment.role))
            yield [
                *_person(enrollment.user, pseudonyms),
                enrollment.role,
                enrollment.status,
                enrollment.created_at,
                enrollment.decided_at,
                enrollment.withdrawn_at,
                counts[key],
                live[key],
                first.get(key),
            ]

    return columns, rows()


STAGE_DATES = [Stage.INITIATION, Stage.CULTIVATION, Stage.SEPARATION, Stage.REDEFINITION]


def _relationships(
    program: Program, pseudonyms: Pseudonyms | None, zone: Any
) -> tuple[list[str], Iterator[list[Any]]]:
    columns = [
        "relationship_id",
        *_people_columns("mentor", pseudonyms),
        *_people_columns("mentee", pseudonyms),
        "kind",
        "origin",
        "stage",
        "created_at",
        *(f"{stage}_at" for stage in STAGE_DATES),
        "ended_at",
        "stage_changed_at",
        "last_activity_at",
        "meetings_held",
        "goals",
        "goals_met",
    ]

    def rows() -> Iterator[list[Any]]:
        now = timezone.now()
        held = dict(
            Meeting.objects.filter(
                relationship__program=program,
                status=Meeting.Status.SCHEDULED,
                starts_at__lt=now,
            )
            .values_list("relationship_id")
            .annotate(count=Count("pk"))
            .values_list("relationship_id", "count")
            .order_by()
        )
        goals = {
            relationship_id: (total, met)
            for relationship_id, total, met in Goal.objects.filter(relationship__program=program)
            .values_list("relationship_id")
            .annotate(total=Count("pk"), met=Count("pk", filter=Q(met_at__isnull=False)))
            .values_list("relationship_id", "total", "met")
            .order_by()
        }
        entered = {
            f"{stage}_at": Min("events__created_at", filter=Q(events__to_stage=stage))
            for stage in STAGE_DATES
        }
        relationships = (
            Relationship.objects.filter(program=program)
            .select_related("mentor__profile", "mentee__profile")
            .annotate(**entered)
            .order_by("pk")
        )
        for relationship in relationships.iterator(chunk_size=CHUNK):
            total, met = goals.get(relationship.pk, (0, 0))
            yield [
                _id(relationship.pk, pseudonyms, "R"),
                *_person(relationship.mentor, pseudonyms),
                *_person(relationship.mentee, pseudonyms),
                relationship.kind,
                relationship.origin,
                relationship.stage,
                relationship.created_at,
                *(getattr(relationship, f"{stage}_at") for stage in STAGE_DATES),
                relationship.ended_at,
                relationship.stage_changed_at,
                relationship.last_activity_at,
                held.get(relationship.pk, 0),
                total,
                met,
            ]

    return columns, rows()


def _meetings(
    program: Program, pseudonyms: Pseudonyms | None, zone: Any
) -> tuple[list[str], Iterator[list[Any]]]:
    columns = [
        "meeting_id",
        "relationship_id",
        *_people_columns("mentor", pseudonyms),
        *_people_columns("mentee", pseudonyms),
        "starts_at",
        "duration_minutes",
        "status",
        "held",
        "mentor_attended",
        "mentee_attended",
    ]

    def rows() -> Iterator[list[Any]]:
        now = timezone.now()
        meetings = (
            Meeting.objects.filter(relationship__program=program)
            .select_related("relationship__mentor__profile", "relationship__mentee__profile")
            .order_by("pk")
        )
        for meeting in meetings.iterator(chunk_size=CHUNK):
            relationship = meeting.relationship
            yield [
                _id(meeting.pk, pseudonyms, "M"),
                _id(relationship.pk, pseudonyms, "R"),
                *_person(relationship.mentor, pseudonyms),
                *_person(relationship.mentee, pseudonyms),
                meeting.starts_at,
                meeting.duration_minutes,
                meeting.status,
                meeting.status == Meeting.Status.SCHEDULED and meeting.starts_at < now,
                meeting.mentor_attended,
                meeting.mentee_attended,
            ]

    return columns, rows()


def _responses(
    program: Program, pseudonyms: Pseudonyms | None, zone: Any
) -> tuple[list[str], Iterator[list[Any]]]:
    return outcomes.response_export(
        program=program,
        person=lambda user: _person(user, pseudonyms),
        person_columns=_people_columns("respondent", pseudonyms),
        relationship=lambda pk: _id(pk, pseudonyms, "R"),
        response=lambda pk: _id(pk, pseudonyms, "S"),
    )


def _totals(
    program: Program, pseudonyms: Pseudonyms | None, zone: Any
) -> tuple[list[str], Iterator[list[Any]]]:
    return outcomes.item_totals_export(program=program)  # totals name nobody


DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        Dataset(
            "participants",
            "Participants",
            "Every enrollment: role, status, dates and how many relationships.",
            _participants,
        ),
        Dataset(
            "relationships",
            "Relationships",
            "Every pair: origin, stage, the date it entered each stage, meetings and goals.",
            _relationships,
        ),
        Dataset(
            "meetings",
            "Meetings",
            "Every meeting's date, length, status and attendance (never notes or agendas).",
            _meetings,
        ),
        Dataset(
            "responses",
            "Survey responses",
            "Every answer to the program's named surveys, one row per answer. Confidential "
            "surveys (every built-in one) are exported only as totals (next).",
            _responses,
        ),
        Dataset(
            "survey_totals",
            "Survey totals",
            "Every scale question of every survey, confidential ones included, by occasion and "
            "role: how many answered, the mean and how many gave each answer; a row from fewer "
            "than 5 answers keeps only its count. Free text is never included.",
            _totals,
        ),
    )
}


def export_cell(value: Any, *, zone: datetime.tzinfo) -> Any:
    """A value as a spreadsheet cell: numbers stay numbers, text is guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return value.astimezone(zone).isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return guard(str(value))


@dataclass(frozen=True)
class Export:
    dataset: Dataset
    file_format: str
    file_name: str
    columns: list[str]
    rows: Iterator[list[Any]]

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.file_format]


def program_export(
    *,
    program: Program,
    exported_by: User,
    dataset: str,
    file_format: str = "csv",
    pseudonymise: bool = False,
    now: datetime.datetime | None = None,
) -> Export:
    """One dataset of a program, ready to stream: only for the program's managers."""
    if not REPORTS_CAPABILITIES.allows(
        dashboard_roles(program=program, user=exported_by), "export"
    ):
        raise PermissionDenied(REPORTS_CAPABILITIES.refusals["export"])
    if dataset not in DATASETS:
        raise ValidationError(
            {"dataset": f"{dataset!r} is not an export; choose one of {', '.join(DATASETS)}."}
        )
    if file_format not in FORMATS:
        raise ValidationError(
            {"file_format": f"{file_format!r} is not a file format; choose csv or xlsx."}
        )
    zone = zone_for(exported_by)
    columns, raw = DATASETS[dataset].rows(program, Pseudonyms() if pseudonymise else None, zone)
    rows = ([export_cell(value, zone=zone) for value in row] for row in raw)
    day = (now or timezone.now()).astimezone(zone).date().isoformat()
    suffix = "-pseudonymised" if pseudonymise else ""
    return Export(
        dataset=DATASETS[dataset],
        file_format=file_format,
        file_name=f"{program.slug}-{dataset}{suffix}-{day}.{file_format}",
        columns=columns,
        rows=rows,
    )


class _Line:
    """A file-like object for csv.writer that hands back each line instead of storing it."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(export: Export) -> Iterator[bytes]:
    """The export as CSV, line by line (UTF-8 with a byte-order mark so Excel reads it)."""
    writer = csv.writer(_Line())
    yield "\ufeff".encode() + writer.writerow(export.columns).encode()
    batch: list[str] = []
    for row in export.rows:
        batch.append(writer.writerow(row))
        if len(batch) >= 500:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def xlsx_file(export: Export) -> IO[bytes]:
    """The export as an XLSX workbook in a (spooled) temporary file, positioned at its start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(export.dataset.label[:31])
    header = []
    for name in export.columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    sheet.freeze_panes = "A2"
    for row in export.rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned open
    workbook.save(target)
    target.seek(0)
    return target


def export_datasets() -> Iterable[Dataset]:
    return DATASETS.values()


def export_response(export: Export) -> StreamingHttpResponse | FileResponse:
    """The HTTP download of an export: streamed CSV, or the XLSX file."""
    if export.file_format == "csv":
        response: StreamingHttpResponse | FileResponse = StreamingHttpResponse(
            csv_chunks(export), content_type=export.content_type
        )
        response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
    else:
        response = FileResponse(
            xlsx_file(export),
            as_attachment=True,
            filename=export.file_name,
            content_type=export.content_type,
        )
    response["Cache-Control"] = "no-store"
    return response
