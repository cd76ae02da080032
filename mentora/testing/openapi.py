"""Checking one API answer against the OpenAPI schema, as a client generated from it would:
its status is documented, and its content type and body are what the schema says."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import schemathesis
from django.http import HttpResponseBase
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.settings import patched_settings
from schemathesis.specs.openapi.schemas import OpenApiSchema
from werkzeug.datastructures import Headers
from werkzeug.test import EnvironBuilder, TestResponse
from werkzeug.wrappers import Request

from mentora.api.schema import SCHEMA_SETTINGS

__all__ = ["assert_documented", "openapi_document"]


def openapi_document() -> dict[str, Any]:
    """The OpenAPI schema exactly as /api/schema/ serves it, as plain JSON."""
    with patched_settings(SCHEMA_SETTINGS):
        # drf-spectacular has no type annotations.
        generator = SchemaGenerator()  # type: ignore[no-untyped-call]
        generated = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
        rendered = OpenApiJsonRenderer().render(generated, renderer_context={})
    document: dict[str, Any] = json.loads(rendered)
    return document


@cache
def _schema() -> OpenApiSchema:
    return schemathesis.openapi.from_dict(openapi_document())


def assert_documented(response: HttpResponseBase, *, path: str, method: str) -> None:
    """Raise when `response`, the answer of `method path` (`path` as the schema writes it, with
    `{program_id}`), is not what the schema says that operation answers."""
    operation = _schema()[path][method.upper()]
    request = Request(EnvironBuilder(path=path, method=method.upper()).get_environ())
    answer = TestResponse(
        [response.content] if hasattr(response, "content") else [],
        str(response.status_code),
        Headers(list(response.items())),
        request,
    )
    operation.validate_response(answer)
