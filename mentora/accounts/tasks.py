"""Background work of accounts: forgetting API tokens that ended long ago (a daily job)."""

from __future__ import annotations

from django.tasks import task

from mentora.accounts.services import api_tokens_purge


@task()
def purge_api_tokens() -> dict[str, int]:
    """Delete tokens expired or revoked more than `DEAD_TOKENS_KEPT` ago (idempotent)."""
    return {"deleted": api_tokens_purge()}
