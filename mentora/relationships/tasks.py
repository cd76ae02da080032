"""Background work: the daily relationship health check, for a scheduler to enqueue."""

from __future__ import annotations

from django.tasks import task

from mentora.relationships.health import relationships_health_check
from mentora.relationships.models import DEFAULT_INACTIVITY_DAYS


@task()
def relationship_health(inactivity_days: int = DEFAULT_INACTIVITY_DAYS) -> dict[str, int]:
    """Run the relationship health check (idempotent: nothing is sent twice)."""
    return relationships_health_check(inactivity_days=inactivity_days)
