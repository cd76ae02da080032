"""Mentora's own account pages, next to allauth's under /accounts/."""

from __future__ import annotations

from django.urls import path

from mentora.accounts import views

app_name = "accounts"
urlpatterns = [
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:token_id>/revoke/", views.api_token_revoke_view, name="api_token_revoke"),
]
