"""`manage.py export_participants <program_id>`: a program's participants as CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.programs.models import Program
from mentora.programs.participant_io import participants_export
from mentora.programs.selectors import first_manager


class Command(BaseCommand):
    help = (
        "Export a program's active and pending participants in the import format "
        "(see docs/importing-participants.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("program_id", type=int, help="The program's number.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--out", type=Path, help="Write to this file (default: standard output, CSV only)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = (
            Program.objects.select_related("organisation").filter(pk=options["program_id"]).first()
        )
        if program is None:
            raise CommandError(f"There is no program number {options['program_id']}.")
        manager = first_manager(organisation=program.organisation)
        if manager is None:
            raise CommandError(f"{program.organisation} has no program manager.")
        fmt = options["format"]
        data = participants_export(program=program, exported_by=manager, fmt=fmt)
        out: Path | None = options["out"]
        if out is None:
            if fmt == "xlsx":
                raise CommandError("Give --out FILE for an XLSX export.")
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            return
        try:
            out.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror or error}.") from None
        self.stderr.write(f"Wrote {out}.")
