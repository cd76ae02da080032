"""Background work: the daily survey run, for a scheduler to enqueue."""

from __future__ import annotations

from django.tasks import task

from mentora.surveys.scheduling import survey_schedule_run


@task()
def survey_schedule() -> dict[str, int]:
    """Send due surveys and remind people of overdue ones (idempotent: nothing is sent twice)."""
    return survey_schedule_run()
