"""The matching endpoints, included by mentora/api/urls.py at /api/ (paths are written in full)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
