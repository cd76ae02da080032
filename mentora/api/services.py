"""Writes the API itself owns: its authentication tokens."""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from mentora.accounts.models import User


@transaction.atomic
def api_token_issue(*, user: User) -> Token:
    """Return the person's API token, creating it on first use."""
    token, _ = Token.objects.get_or_create(user=user)
    return token


@transaction.atomic
def api_token_revoke(*, user: User) -> None:
    """Delete the person's API token so that it no longer authenticates anyone."""
    Token.objects.filter(user=user).delete()
