"""Nudge quiet pairs, alert managers, flag long initiations, escalate unanswered separations."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentora.relationships.health import relationships_health_check
from mentora.relationships.models import DEFAULT_INACTIVITY_DAYS


class Command(BaseCommand):
    help = (
        "Run the relationship health check once (daily). Safe to run more than once: every "
        "nudge, alert and reminder is recorded and never sent twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days without activity before both are nudged, for every program (default: each "
            f"program's own setting, {DEFAULT_INACTIVITY_DAYS} unless changed); managers are "
            "alerted after twice as many.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is not None and not 1 <= days <= 365:
            raise CommandError(f"--days must be between 1 and 365, not {days}.")
        sent = relationships_health_check(inactivity_days=days)
        summary = ", ".join(f"{kind.replace('_', ' ')}: {count}" for kind, count in sent.items())
        self.stdout.write(f"Health check done. Sent now — {summary}.")
