"""The profiles endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, path

from mentora.profiles.api import views

urlpatterns: list[URLPattern] = [
    path("profiles/me/demographics/", views.MyDemographicsView.as_view(), name="my-demographics"),
]
