"""Reads of the accounts app: a person's own API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from mentora.accounts.models import ApiToken, User


def api_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    """The person's tokens that are not revoked (expired ones too, until they are revoked)."""
    return ApiToken.objects.filter(user=user, revoked__isnull=True).order_by("-created", "-pk")


def get_api_token_for_user(*, user: User, token_id: int) -> ApiToken:
    """One of the person's own unrevoked tokens; 404 for anyone else's."""
    token = api_tokens_for_user(user=user).filter(pk=token_id).first()
    if token is None:
        raise Http404("No such API token.")
    return token
