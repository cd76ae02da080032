"""Send the surveys each relationship's stage calls for and remind people of overdue ones."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mentora.surveys.scheduling import survey_schedule_run


class Command(BaseCommand):
    help = (
        "Run the survey schedule once (daily): baselines, check-ins, closing and follow-up "
        "surveys that are due, and one reminder for each overdue survey. Safe to run more than "
        "once: nothing is created or sent twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = survey_schedule_run()
        self.stdout.write(
            f"Survey schedule done. Surveys sent: {result['surveys_sent']}, "
            f"reminders sent: {result['reminders_sent']}."
        )
