"""Background work of matching: a match run, run by the tasks worker (`manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task

from mentora.matching.services import match_run_execute


@task()
def match_run_task(run_id: int) -> None:
    """Run one queued match run (its progress and result are written to the run row)."""
    match_run_execute(run_id=run_id)
