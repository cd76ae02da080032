"""API tokens: exchange an email address and password for a token, or revoke it.

Uses allauth's adapter so that the API applies the same log-in throttling as the pages, and
refuses an unverified email address or a missing two-factor code just as the log-in page does.
"""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mentora.accounts.models import User
from mentora.api.serializers.auth import TokenRequestSerializer, TokenSerializer
from mentora.api.services import api_token_issue, api_token_revoke
from mentora.lib.api import request_user

WRONG_CREDENTIALS = "The email address or the password is not right."


class TokenView(APIView):
    serializer_class = TokenRequestSerializer

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: OpenApiResponse(description="Wrong credentials.")},
        auth=[],
        summary="Exchange an email address and password for an API token",
    )
    def post(self, request: Request) -> Response:
        credentials = TokenRequestSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(credentials.validated_data)
        user = self._authenticate(request, email=data["email"].lower(), password=data["password"])
        self._check_second_factor(user, code=data.get("code") or "")
        token = api_token_issue(user=user)
        return Response(TokenSerializer({"token": token.key}).data)

    @extend_schema(
        operation_id="auth_token_destroy",
        request=None,
        responses={204: None},
        summary="Revoke your API token",
    )
    def delete(self, request: Request) -> Response:
        api_token_revoke(user=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _authenticate(self, request: Request, *, email: str, password: str) -> User:
        django_request = request._request
        try:
            user = get_adapter(django_request).authenticate(
                django_request, email=email, password=password
            )
        except DjangoValidationError as error:
            # allauth refuses after too many failures, like the log-in page.
            raise exceptions.Throttled(detail=" ".join(error.messages)) from None
        if not isinstance(user, User) or not user.is_active:
            raise exceptions.ValidationError({"non_field_errors": [WRONG_CREDENTIALS]})
        if (
            account_settings.EMAIL_VERIFICATION
            == account_settings.EmailVerificationMethod.MANDATORY
            and not EmailAddress.objects.filter(user=user, verified=True).exists()
        ):
            raise exceptions.ValidationError(
                {"non_field_errors": ["Verify your email address before asking for a token."]}
            )
        return user

    def _check_second_factor(self, user: User, *, code: str) -> None:
        if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return
        if not code:
            raise exceptions.ValidationError(
                {"code": ["Your account uses two-factor sign-in: send your authenticator's code."]}
            )
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None or not TOTP(authenticator).validate_code(code):
            raise exceptions.ValidationError({"code": ["That code is not right or was used."]})
