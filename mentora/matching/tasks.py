"""Background work of matching, run by the tasks worker (`manage.py db_worker`): match runs and
the publishing of large drafts. The services enqueue these; their bodies live in `execution`."""

from __future__ import annotations

from django.tasks import task

from mentora.matching.execution import match_run_execute, match_run_publish_execute


@task()
def match_run_task(run_id: int) -> None:
    """Run one queued match run (its progress and result are written to the run row)."""
    match_run_execute(run_id=run_id)


@task()
def match_run_publish_task(run_id: int, published_by_id: int) -> None:
    """Publish a large draft (all or nothing); on failure the run is a draft again, with why."""
    match_run_publish_execute(run_id=run_id, published_by_id=published_by_id)
