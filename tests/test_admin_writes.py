"""The admin writes nothing around the services: an empty form posted to any add or change page
is refused (403) or answered with its errors, never a server error, and writes no row.

Every registered admin is tried on the world of `mentora.testing.world` (rows in every table), so
a new admin is covered without anyone remembering to.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from mentora.testing.world import World

pytestmark = pytest.mark.django_db

# Rows that only a service writes: the records of what happened (events, state changes, signals,
# runs, surveys sent), the rows a lifecycle's guards read (an agreement both confirmed, a meeting,
# a separation proposal, new terms, an invitation) and what only its person changes (their
# answers). Staff may read them in the admin, never add or change them there.
RECORDS = {
    "programs.ProgramStateChange",
    "programs.EnrollmentEvent",
    "programs.Answer",
    "programs.Invitation",
    "relationships.RelationshipEvent",
    "relationships.Agreement",
    "relationships.Meeting",
    "relationships.HealthSignal",
    "relationships.SeparationProposal",
    "relationships.RedefinitionTerms",
    "matching.MatchRun",
    "matching.MatchRunEvent",
    "matching.Proposal",
    "matching.UnmatchedMentee",
    "finding.MentorRequest",
    "finding.RequestEvent",
    "surveys.Survey",
    "surveys.Response",
    "surveys.Answer",
}


@pytest.fixture
def superuser(world: World) -> Client:
    # A server error comes back as a 500 response instead of an exception, to be listed.
    client = Client(raise_request_exception=False)
    client.force_login(world.staff)
    return client


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label != "sessions"
    }


def _url(model: type[models.Model], page: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def test_an_empty_add_form_is_refused_or_answered_and_writes_nothing(superuser: Client) -> None:
    before = _counts()
    errors = []
    for model in admin.site._registry:
        url = _url(model, "add")
        status = superuser.post(url, {}).status_code
        if status >= 500:
            errors.append(f"{url}: {status}")
    assert errors == []
    assert _counts() == before


def test_an_empty_change_form_is_refused_or_answered(superuser: Client) -> None:
    errors = []
    for model in admin.site._registry:
        row = model._default_manager.order_by("pk").first()
        if row is None and not model.__module__.startswith("mentora."):
            continue  # another package's admin (groups, tokens, authenticators)
        assert row is not None, f"the world has no {model._meta.label}: add one"
        url = _url(model, "change", row.pk)
        status = superuser.post(url, {}).status_code
        if status >= 500:
            errors.append(f"{url}: {status}")
    assert errors == []


def test_records_are_neither_added_nor_changed_in_the_admin(world: World) -> None:
    request = RequestFactory().get("/admin/")
    request.user = world.staff
    writable = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.label not in RECORDS:
            continue
        row = model._default_manager.first()
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(
            request, row
        ):
            writable.append(model._meta.label)
    assert writable == []
    missing = RECORDS - {model._meta.label for model in admin.site._registry}
    assert missing == set()
