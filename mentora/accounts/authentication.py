"""The REST API's token authentication: `Authorization: Token <key>` with Mentora's own tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from mentora.accounts.models import ApiToken, User
from mentora.accounts.services import api_token_authenticate

if TYPE_CHECKING:
    from drf_spectacular.openapi import AutoSchema

KEYWORD = "Token"


class ApiTokenAuthentication(BaseAuthentication):
    """A live `ApiToken` (not expired, not revoked) of an active person; 401 otherwise."""

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Send the header as `Token <key>`.")
        try:
            key = parts[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("That token is not valid.") from None
        token = api_token_authenticate(key=key)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("That token is not valid, expired or revoked.")
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call, unused-ignore]
    """How the OpenAPI schema describes the token (as DRF's own token authentication was)."""

    target_class = "mentora.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'An API token with the prefix "Token ", e.g. "Token abc123".',
        }
