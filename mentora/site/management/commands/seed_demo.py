"""`manage.py seed_demo [--seed N]`: load the demo organisation, programs and people."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.programs.demo import DEFAULT_SEED, DemoError
from mentora.site.demo import demo_accounts_text, demo_seed


class Command(BaseCommand):
    help = (
        "Load a believable demo: an organisation with a mentoring program of about 60 mentors "
        "and 150 mentees, and a small coaching program. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the generator: the same seed gives the same demo ({DEFAULT_SEED}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            summary = demo_seed(seed=options["seed"], stdout=self.stdout)
        except (DemoError, ValidationError) as error:
            raise CommandError(f"The demo could not be loaded: {error}") from error
        if summary.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded {summary.organisation.name}: {summary.mentors} mentors and "
                    f"{summary.mentees} mentees in its mentoring program, {summary.coaches} "
                    f"coaches and {summary.coachees} coachees in its coaching pilot "
                    f"({time.monotonic() - started:.1f} s)."
                )
            )
        self.stdout.write("")
        self.stdout.write(demo_accounts_text())
