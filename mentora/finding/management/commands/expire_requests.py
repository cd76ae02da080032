"""Remind mentors of requests about to expire, expire overdue ones, and end past pauses."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mentora.finding.services import requests_expire


class Command(BaseCommand):
    help = (
        "Daily: remind mentors the day before a request expires, expire requests nobody answered "
        "in time, and resume mentors whose pause has ended. Safe to run more than once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = requests_expire()
        self.stdout.write(
            f"Requests: {counts['reminders']} reminder(s) sent, {counts['expired']} expired; "
            f"{counts['resumed']} mentor(s) resumed after a pause."
        )
