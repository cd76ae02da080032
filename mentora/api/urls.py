"""The REST API's wiring: the OpenAPI schema and its docs, the tokens, and each app's endpoints
(every app keeps its own in `<app>/api/urls.py`)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from mentora.api.schema import SCHEMA_SETTINGS
from mentora.api.views import auth, docs

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(custom_settings=SCHEMA_SETTINGS), name="schema"),
    path("docs/", docs.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        docs.RedocView.as_view(url_name="api:schema"),
        name="redoc",
    ),
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path("auth/tokens/", auth.ApiTokenListView.as_view(), name="tokens"),
    path("auth/tokens/<int:token_id>/", auth.ApiTokenRevokeView.as_view(), name="token-revoke"),
    # Organisations, programs, questionnaires, enrollments, profiles (one's own too), skills.
    path("", include("mentora.programs.api.urls")),
    # One's own self-identification.
    path("", include("mentora.profiles.api.urls")),
    path("notifications/", include("mentora.notifications.api.urls")),
    path("relationships/", include("mentora.relationships.api.urls")),
    # These apps write their paths in full (/api/match-runs/..., /api/programs/<id>/...).
    path("", include("mentora.matching.api.urls")),
    path("", include("mentora.finding.api.urls")),
    path("", include("mentora.surveys.api.urls")),
    path("", include("mentora.reports.api.urls")),
]
