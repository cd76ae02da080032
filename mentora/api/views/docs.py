"""The interactive API docs, served entirely from this site (no external network)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.settings import patched_settings, spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework.request import Request
from rest_framework.response import Response


class SwaggerView(SpectacularSwaggerView):
    """Swagger UI from the sidecar's static files, without the online validator badge (which
    would send the schema's address to validator.swagger.io), its inline script carrying the
    request's Content-Security-Policy nonce."""

    template_name = "api/swagger_ui.html"

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        offline = {**spectacular_settings.SWAGGER_UI_SETTINGS, "validatorUrl": None}
        # drf-spectacular's view is untyped: name what it returns.
        show: Callable[..., Response] = super().get
        with patched_settings({"SWAGGER_UI_SETTINGS": offline}):
            return show(request, *args, **kwargs)
