"""The error answers REST endpoints document, so that the OpenAPI schema says what each operation
really returns (`exception_handler` in `mentora.lib.api` makes them): `reading(...)` and
`writing(...)` give the responses of a read and a write."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


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
    response=RefusalSerializer, description="There is no such object, or none you may see."
)


def reading(ok: Any, *, bad_request: bool = False, not_found: bool = True) -> dict[int, Any]:
    """The answers of a read: `ok`, 401, 404 (what one may not see, or a page of a list that does
    not exist), and 400 for bad filters."""
    answers: dict[int, Any] = {200: ok, 401: UNAUTHORIZED}
    if not_found:
        answers[404] = NOT_FOUND
    if bad_request:
        answers[400] = BAD_REQUEST
    return answers


def writing(
    ok: Any, *, status: int = 200, not_found: bool = True, bad_request: bool = True
) -> dict[int, Any]:
    """The answers of a write: `ok` (under `status`), 400, 401, 403, and 404."""
    answers: dict[int, Any] = {status: ok, 401: UNAUTHORIZED, 403: FORBIDDEN}
    if bad_request:
        answers[400] = BAD_REQUEST
    if not_found:
        answers[404] = NOT_FOUND
    return answers
