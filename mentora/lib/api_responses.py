"""The responses every REST operation documents besides its success, so that the OpenAPI schema
says what each one really returns (`exception_handler` in `mentora.lib.api` makes the errors):
`reading(...)` for a read, `writing(...)` for a write. Every app's `api/` uses these, and only
these, in its `extend_schema(responses=...)`.

A refusal (401, 403, 404) is a `Refusal` with its reason; a 400 names each field that is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

__all__ = [
    "BAD_REQUEST",
    "FORBIDDEN",
    "NOT_FOUND",
    "UNAUTHORIZED",
    "UNSUPPORTED_MEDIA_TYPE",
    "reading",
    "writing",
]

# A status, or a status and a media type (one operation answering CSV or a workbook).
type Status = int | tuple[int, str]


class RefusalSerializer(serializers.Serializer[dict[str, str]]):
    detail = serializers.CharField(read_only=True, help_text="Why the request was refused.")


BAD_REQUEST = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=(
        "Invalid input: a list of messages for each field that is wrong, keyed by the field's "
        "name (`non_field_errors` for the request as a whole)."
    ),
)
UNAUTHORIZED = OpenApiResponse(response=RefusalSerializer, description="You are not signed in.")
FORBIDDEN = OpenApiResponse(
    response=RefusalSerializer,
    description="You may see this object, but not do this with it.",
)
NOT_FOUND = OpenApiResponse(
    response=RefusalSerializer,
    description="There is no such object, or none you may see (outsiders learn nothing).",
)
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(
    response=RefusalSerializer,
    description="The body is not JSON, a form or a multipart form Mentora can read.",
)


def _successes(ok: Any, status: int) -> dict[Status, Any]:
    """`ok` under `status`, or the successes of an operation that has several (200 and 204)."""
    return dict(ok) if isinstance(ok, Mapping) else {status: ok}


def reading(
    ok: Any, *, bad_request: bool = False, forbidden: bool = False, not_found: bool = True
) -> dict[Status, Any]:
    """The answers of a read: `ok` (200, or a mapping of several successes), 401, 404 (what one
    may not see, or a page of a list that does not exist), 403 when someone may see the object
    but not read this (`forbidden`), and 400 for bad filters (`bad_request`)."""
    answers: dict[Status, Any] = {**_successes(ok, 200), 401: UNAUTHORIZED}
    if forbidden:
        answers[403] = FORBIDDEN
    if not_found:
        answers[404] = NOT_FOUND
    if bad_request:
        answers[400] = BAD_REQUEST
    return answers


def writing(
    ok: Any, *, status: int = 200, bad_request: bool = True, not_found: bool = True
) -> dict[Status, Any]:
    """The answers of a write: `ok` (under `status`), 400 and 415 for a body that is wrong or
    unreadable (`bad_request`), 401, 403, and 404."""
    answers: dict[Status, Any] = {**_successes(ok, status), 401: UNAUTHORIZED, 403: FORBIDDEN}
    if bad_request:
        answers[400] = BAD_REQUEST
        answers[415] = UNSUPPORTED_MEDIA_TYPE
    if not_found:
        answers[404] = NOT_FOUND
    return answers
