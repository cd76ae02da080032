"""The finding pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "finding"

urlpatterns: list[URLPattern | URLResolver] = []
