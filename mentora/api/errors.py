"""Turn the services' Django validation errors into 400 responses instead of 500s."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.settings import api_settings


def validation_error_from_django(
    error: DjangoValidationError, *, field: str | None = None
) -> exceptions.ValidationError:
    """The same messages as a DRF error: keyed by field, or under `field` (or non_field_errors)."""
    detail: Any = get_error_detail(error)
    if isinstance(detail, dict):
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({field or api_settings.NON_FIELD_ERRORS_KEY: detail})


class ServiceErrorsMixin:
    """For API views: a service's `ValidationError` becomes a 400 with the service's messages.

    Django's `PermissionDenied` and `Http404` are already mapped by DRF to 403 and 404.
    """

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, DjangoValidationError):
            exc = validation_error_from_django(exc)
        return super().handle_exception(exc)  # type: ignore[misc]
