"""What every REST endpoint shares: the signed-in person, input and output through serializers,
and one exception handler that turns a service's refusal into the right 4xx.

Every app keeps its endpoints in an `api/` package (`serializers.py`, `views.py`, `urls.py`) whose
views derive from `ApiView` or `ListApiView`. Reads go through the app's access functions and
selectors, writes through its services; a service's `ValidationError` becomes a 400 with the
service's messages keyed by field, `PermissionDenied` a 403 and `Http404` a 404, here and nowhere
else. Each operation documents those answers with `mentora.lib.api_responses`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from rest_framework import exceptions, generics, serializers
from rest_framework.fields import get_error_detail
from rest_framework.metadata import SimpleMetadata
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

if TYPE_CHECKING:
    # Only for the type of `request_user`: the bottom layer imports no app at run time.
    from mentora.accounts.models import User


def validation_error_from_django(
    error: DjangoValidationError, *, field: str | None = None
) -> exceptions.ValidationError:
    """A service's error as a DRF error: keyed by field, or under `field` (or non_field_errors)."""
    detail: Any = get_error_detail(error)
    if isinstance(detail, dict):
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({field or api_settings.NON_FIELD_ERRORS_KEY: detail})


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with a service's Django `ValidationError` answered as a 400."""
    if isinstance(exc, DjangoValidationError):
        exc = validation_error_from_django(exc)
    return drf_exception_handler(exc, context)


def request_user(request: Request) -> User:
    """The signed-in person (401 for anyone else)."""
    user = request.user
    if user is None or not user.is_authenticated:
        raise exceptions.NotAuthenticated()
    return user


class ApiMetadata(SimpleMetadata):
    """OPTIONS names the view and the media types it reads and writes, for anyone signed in.

    DRF would add each write's fields (`actions`) after looking the object up through
    `get_queryset`, which an `ApiView` never uses (it reads through access functions): that
    failed with a server error. The OpenAPI schema describes every body instead."""

    def determine_actions(self, request: Request, view: Any) -> dict[str, Any]:
        return {}


class ApiView[M: Model](generics.GenericAPIView[M]):
    """A view whose reads go through access functions and selectors, writes through services."""

    # The serializer drf-spectacular documents when a method names no other.
    serializer_class: type[serializers.BaseSerializer[Any]] | None = None
    # Only `ListApiView` pages its answers; a view that answers a short list whole must not be
    # documented as answering a page of it.
    pagination_class: type[BasePagination] | None = None
    metadata_class = ApiMetadata

    @property
    def user(self) -> User:
        return request_user(self.request)

    @property
    def describing_schema(self) -> bool:
        """True while drf-spectacular inspects the view without a real request."""
        return bool(getattr(self, "swagger_fake_view", False))

    def input(self, serializer_class: type[serializers.BaseSerializer[Any]]) -> dict[str, Any]:
        """The request body, validated (400 naming each wrong field)."""
        incoming = serializer_class(data=self.request.data)
        incoming.is_valid(raise_exception=True)
        return dict(incoming.validated_data)

    def query_filters(
        self, serializer_class: type[serializers.BaseSerializer[Any]]
    ) -> dict[str, Any]:
        """The query string, validated (400 naming each wrong parameter)."""
        filters = serializer_class(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return dict(filters.validated_data)

    def output(self, instance: Any, serializer_class: type[serializers.BaseSerializer[Any]]) -> Any:
        return serializer_class(instance, context=self.get_serializer_context()).data


class ListApiView[M: Model](ApiView[M], generics.ListAPIView[M]):
    """A paginated list of what a selector lets the person see."""

    pagination_class = generics.GenericAPIView.pagination_class
