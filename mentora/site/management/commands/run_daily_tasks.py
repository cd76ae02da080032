"""`manage.py run_daily_tasks`: the daily jobs (health check, digests, expiries, surveys...).

Every job is idempotent, so running this more than once a day, or after a restart, sends nothing
twice. In production call it from cron once a day (`--enqueue` hands the jobs to the worker);
`make run` starts it with `--loop`, which enqueues the jobs now and then every 24 hours.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Run the daily jobs now, or hand them to the background worker (--enqueue, --loop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the jobs to the background worker instead of running them here.",
        )
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Enqueue the jobs now and again every --every hours, until stopped.",
        )
        parser.add_argument(
            "--every",
            type=float,
            default=24.0,
            help="Hours between two rounds with --loop (default 24).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if not 0.01 <= every <= 168:
            raise CommandError(f"--every must be between 0.01 and 168 hours, not {every}.")
        tasks = []
        for path in settings.MENTORA_DAILY_TASKS:
            try:
                tasks.append((path, import_string(path)))
            except ImportError as error:
                raise CommandError(f"The daily job {path!r} cannot be imported: {error}") from error
        while True:
            for path, job in tasks:
                if options["enqueue"] or options["loop"]:
                    result = job.enqueue()
                    self.stdout.write(f"Enqueued {path} ({result.id}).")
                else:
                    outcome = job.call()
                    self.stdout.write(f"Ran {path}: {outcome}")
            if not options["loop"]:
                return
            time.sleep(every * 3600)
