"""Background work: the daily relationship health check, for a scheduler to enqueue."""

from __future__ import annotations

from django.tasks import task

from mentora.relationships.health import relationships_health_check


@task()
def relationship_health(inactivity_days: int | None = None) -> dict[str, int]:
    """Run the relationship health check (idempotent: nothing is sent twice).

    Each program's own inactivity period applies unless `inactivity_days` overrides it.
    """
    return relationships_health_check(inactivity_days=inactivity_days)
