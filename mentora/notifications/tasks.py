"""Background work: the daily digest, for a scheduler to enqueue once a day."""

from __future__ import annotations

from django.tasks import task

from mentora.notifications.services import notification_digests_send


@task()
def send_notification_digest() -> dict[str, int]:
    """Send the daily notification digest to every subscriber (idempotent)."""
    emails, listed = notification_digests_send()
    return {"emails": emails, "notifications": listed}
