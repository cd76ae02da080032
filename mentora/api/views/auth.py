"""API tokens: exchange an email address and password (and second factor) for a new token, list
one's own tokens, and revoke them.

Uses allauth's adapter and its two-factor form so that the API applies the same log-in and
two-factor attempt limits as the pages (counted in the shared cache), refuses a code already used,
and refuses an unverified email address or a missing two-factor code just as the log-in page does.
"""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mentora.accounts.models import ApiToken, User
from mentora.accounts.selectors import api_tokens_for_user, get_api_token_for_user
from mentora.accounts.services import api_token_issue, api_token_revoke, api_tokens_revoke_all
from mentora.api.serializers.auth import ApiTokenSerializer, TokenRequestSerializer, TokenSerializer
from mentora.lib.api import ApiView, ListApiView, request_user
from mentora.lib.api_responses import BAD_REQUEST, reading, writing

WRONG_CREDENTIALS = "The email address or the password is not right."
TOO_MANY_ATTEMPTS = "too_many_login_attempts"


class TokenView(APIView):
    serializer_class = TokenRequestSerializer

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: BAD_REQUEST,
            429: OpenApiResponse(description="Too many failed attempts: wait and try again."),
        },
        auth=[],
        summary="Exchange an email address and password for a new API token",
    )
    def post(self, request: Request) -> Response:
        credentials = TokenRequestSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(credentials.validated_data)
        user = self._authenticate(request, email=data["email"].lower(), password=data["password"])
        self._check_second_factor(user, code=data.get("code") or "")
        issued = api_token_issue(user=user, name=data.get("name") or "")
        return Response(
            TokenSerializer(
                {"token": issued.key, "id": issued.token.pk, "expires": issued.token.expires}
            ).data
        )

    @extend_schema(
        operation_id="auth_token_destroy",
        request=None,
        responses={204: None},
        summary="Revoke the API token of this call (with the session: every token of yours)",
    )
    def delete(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            api_token_revoke(token=request.auth)
        else:
            api_tokens_revoke_all(user=request_user(request))
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
        """allauth's own two-factor form: its attempt limit and its single use of each code."""
        if not is_mfa_enabled(user):
            return
        if not code:
            raise exceptions.ValidationError(
                {"code": ["Your account uses two-factor sign-in: send your authenticator's code."]}
            )
        form = AuthenticateForm(user=user, data={"code": code})
        if form.is_valid():
            form.authenticator.record_usage()
            return
        errors = form.errors.as_data().get("code", [])
        if any(error.code == TOO_MANY_ATTEMPTS for error in errors):
            raise exceptions.Throttled(detail=" ".join(m for e in errors for m in e.messages))
        raise exceptions.ValidationError({"code": ["That code is not right or was used."]})


class ApiTokenListView(ListApiView[ApiToken]):
    serializer_class = ApiTokenSerializer

    def get_queryset(self) -> QuerySet[ApiToken]:
        if self.describing_schema:
            return ApiToken.objects.none()
        return api_tokens_for_user(user=self.user)

    @extend_schema(
        summary="Your API tokens that are not revoked, newest first",
        responses=reading(ApiTokenSerializer(many=True)),
    )
    def get(self, request: Request) -> Response:
        return self.list(request)


class ApiTokenRevokeView(ApiView[ApiToken]):
    serializer_class = ApiTokenSerializer

    @extend_schema(
        summary="Revoke one of your API tokens",
        request=None,
        responses=writing({204: None}, bad_request=False),
    )
    def delete(self, request: Request, token_id: int) -> Response:
        token = get_api_token_for_user(user=self.user, token_id=token_id)
        api_token_revoke(token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)
