"""The reports endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.reports.api import views

P = "programs/<int:program_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(P + "dashboard/", views.DashboardView.as_view(), name="program-dashboard"),
    path(
        P + "dashboard/groups/",
        views.GroupComparisonView.as_view(),
        name="program-dashboard-groups",
    ),
    path(P + "exports/<str:dataset>/", views.ExportView.as_view(), name="program-export"),
    path("me/progress/", views.MyProgressView.as_view(), name="my-progress"),
]
