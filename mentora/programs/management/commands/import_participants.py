"""`manage.py import_participants <program_id> <file>`: import participants from CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO, cast

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from mentora.accounts.models import User
from mentora.programs.access import manages_program
from mentora.programs.models import Program
from mentora.programs.participant_io import (
    ImportReport,
    ParticipantImportError,
    participants_import,
    participants_import_preview,
)
from mentora.programs.selectors import first_manager


class Command(BaseCommand):
    help = (
        "Import participants (one row per person and role) from a CSV or XLSX file into a "
        "program. Every problem is listed by row, column and value; nothing is written unless "
        "the whole file is valid, or --only-valid-rows is given. "
        "See docs/importing-participants.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("program_id", type=int, help="The program's number.")
        parser.add_argument("file", type=Path, help="A .csv (UTF-8) or .xlsx file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )
        parser.add_argument(
            "--only-valid-rows",
            action="store_true",
            help="Import the valid rows and leave out the rows with problems.",
        )
        parser.add_argument(
            "--as",
            dest="as_email",
            metavar="EMAIL",
            help="The program manager doing the import (default: the organisation's first).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = (
            Program.objects.select_related("organisation").filter(pk=options["program_id"]).first()
        )
        if program is None:
            raise CommandError(f"There is no program number {options['program_id']}.")
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None
        manager = self._manager(program, options["as_email"])

        report = participants_import_preview(program=program, file_name=path.name, data=data)
        self._print_problems(report)
        if options["dry_run"]:
            self.stdout.write(report.summary(program=program))
            self.stdout.write("Dry run: nothing was written.")
            if report.problems:
                raise CommandError(f"{len(report.problems)} problems in {path.name}.")
            return
        if report.file_problems or (report.problems and not options["only_valid_rows"]):
            raise CommandError(
                f"{len(report.problems)} problems in {path.name}; nothing was imported. Fix the "
                "file, or pass --only-valid-rows to import only the valid rows."
            )

        # The bar goes to the command's own stderr (not wrapped: tqdm writes carriage returns).
        stream = cast("TextIO", self.stderr._out)
        with tqdm(total=report.valid_row_count, unit="row", desc="Importing", file=stream) as bar:

            def progress(done: int, total: int) -> None:
                bar.update(done - bar.n)

            try:
                report = participants_import(
                    program=program,
                    file_name=path.name,
                    data=data,
                    imported_by=manager,
                    only_valid_rows=options["only_valid_rows"],
                    progress=progress,
                )
            except ParticipantImportError as error:
                self._print_problems(error.report)
                raise CommandError("Nothing was imported.") from None
            except PermissionDenied as error:
                raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(report.summary(program=program)))

    def _manager(self, program: Program, email: str | None) -> User:
        if email:
            user = User.objects.filter(email__iexact=email.strip()).first()
            if user is None:
                raise CommandError(f"Nobody has the email address {email}.")
            if not manages_program(user=user, program=program):
                raise CommandError(f"{email} does not manage {program}.")
            return user
        first = first_manager(organisation=program.organisation)
        if first is None:
            raise CommandError(f"{program.organisation} has no program manager; pass --as EMAIL.")
        return first

    def _print_problems(self, report: ImportReport) -> None:
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(str(problem)))
