"""Writes of the accounts app: issuing, using and revoking API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentora.accounts.models import ApiToken, User
from mentora.lib.text import clean_line

# `last_used` is written at most this often per token, so that busy clients cost no write a call.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
DEFAULT_TOKEN_NAME = "API log-in"  # noqa: S105 - a label, not a secret


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its key, which exists only here: the database keeps its digest."""

    token: ApiToken
    key: str


def api_token_digest(key: str) -> str:
    """The SHA-256 digest under which a key is stored and looked up."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, user: User, name: str = "") -> IssuedToken:
    """Issue a new token for the person, valid for API_TOKEN_DAYS days; `name` (one line, at most
    100 characters) says what it is for."""
    name = clean_line(name, field="name", label="The token's name", limit=100, required=False)
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name or DEFAULT_TOKEN_NAME,
        digest=api_token_digest(key),
        created=now,
        expires=now + datetime.timedelta(days=settings.API_TOKEN_DAYS),
    )
    return IssuedToken(token=token, key=key)


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The live token with this key (not revoked, not expired), noting when it was last used."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=api_token_digest(key), revoked__isnull=True, expires__gt=now)
        .first()
    )
    if token is None:
        return None
    if token.last_used is None or now - token.last_used >= LAST_USED_PRECISION:
        # A conditional update: of the calls in one minute, only one writes.
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used__isnull=True) | Q(last_used__lte=now - LAST_USED_PRECISION)
        ).update(last_used=now)
        token.last_used = now
    return token


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke one token: it no longer authenticates anyone."""
    if token.revoked is None:
        token.revoked = timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked__isnull=True).update(revoked=token.revoked)
    return token


@transaction.atomic
def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every live token of the person (after a change of password or second factor)."""
    return ApiToken.objects.filter(user=user, revoked__isnull=True).update(revoked=timezone.now())


# How long a token that expired or was revoked stays on the person's list before it is deleted.
DEAD_TOKENS_KEPT = datetime.timedelta(days=30)


@transaction.atomic
def api_tokens_purge() -> int:
    """Delete the tokens that expired or were revoked more than `DEAD_TOKENS_KEPT` ago."""
    before = timezone.now() - DEAD_TOKENS_KEPT
    deleted, _ = ApiToken.objects.filter(Q(expires__lt=before) | Q(revoked__lt=before)).delete()
    return deleted
