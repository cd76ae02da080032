"""Import and export of a program's participants; included inside the `programs` namespace
under a path that captures `program_id`."""

from __future__ import annotations

from django.urls import URLPattern, path

from mentora.programs import views_import

urlpatterns: list[URLPattern] = [
    path("import/", views_import.upload, name="import"),
    path("import/<str:token>/", views_import.confirm, name="import_confirm"),
    path("export/", views_import.export, name="export"),
]
