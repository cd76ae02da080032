"""The reports pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mentora.reports import views

app_name = "reports"

P = "programs/<int:program_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(P, views.dashboard, name="dashboard"),
    path(P + "report/", views.report, name="report"),
    path(P + "exports/", views.export_list, name="exports"),
    path(
        P + "exports/<slug:dataset>.<slug:file_format>",
        views.export_download,
        name="export",
    ),
    path("progress/", views.progress, name="progress"),
]
