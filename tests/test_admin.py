"""Site staff have a Django admin page for every model, except what only its author may read."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User

pytestmark = pytest.mark.django_db

# Private to their author: no admin page may show them, not even to staff.
PRIVATE_MODELS = {
    "relationships.PrivateNote",
    "finding.MentorConsideration",
}


def mentora_models() -> list[str]:
    return sorted(
        model._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("mentora.")
        for model in config.get_models()
    )


def test_every_model_has_an_admin_page_except_private_ones() -> None:
    registered = {model._meta.label for model in admin.site._registry}
    missing = [label for label in mentora_models() if label not in registered]
    assert [label for label in missing if label not in PRIVATE_MODELS] == []
    assert [label for label in PRIVATE_MODELS if label in registered] == []


def test_every_admin_list_opens_for_staff() -> None:
    staff = User.objects.create_superuser(email="staff@example.org", password="x")
    client = Client()
    client.force_login(staff)
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
