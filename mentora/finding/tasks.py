"""Background work: the daily expiry of requests and reminders, for a scheduler to enqueue."""

from __future__ import annotations

from django.tasks import task

from mentora.finding.services import requests_expire


@task()
def expire_requests() -> dict[str, int]:
    """Remind, expire and resume (idempotent: nothing is sent twice)."""
    return requests_expire()
