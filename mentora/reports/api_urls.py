"""The reports endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.reports import api

P = "programs/<int:program_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(P + "dashboard/", api.DashboardView.as_view(), name="program-dashboard"),
    path(
        P + "dashboard/groups/",
        api.GroupComparisonView.as_view(),
        name="program-dashboard-groups",
    ),
    path(P + "exports/<str:dataset>/", api.ExportView.as_view(), name="program-export"),
    path("me/progress/", api.MyProgressView.as_view(), name="my-progress"),
]
