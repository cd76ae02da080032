"""The interactive API docs, served entirely from this site (no external network)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override
from drf_spectacular.settings import patched_settings, spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView
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


# Redoc styles its page with style elements carrying the nonce it is handed (api/redoc.html),
# except two its bundle adds as it loads, before it can know the nonce: perfect-scrollbar's rules
# and an empty one, allowed by their hashes (a browser test fails when a sidecar update changes
# them). It builds its search index in a worker started from a blob: URL. Its sidebar always asks
# cdn.redoc.ly for a logo, which the page refuses (the docs load nothing from outside) without
# reporting it, since every visit would.
REDOC_STYLE_HASHES = [
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
]
REDOC_POLICY: dict[str, list[str] | str] = {
    **{name: value for name, value in settings.SECURE_CSP.items() if name != "report-uri"},
    "style-src": [*settings.SECURE_CSP["style-src"], *REDOC_STYLE_HASHES],
    "worker-src": [CSP.SELF, "blob:"],
}


@method_decorator(csp_override(REDOC_POLICY), name="dispatch")
class RedocView(SpectacularRedocView):
    """Redoc from the sidecar's static files, under its own Content-Security-Policy."""

    template_name = "api/redoc.html"
