"""Site staff read metadata in the admin (who, when, status, counts), never what people wrote.

The world (`mentora.testing.world`) has rows in every table. Every text a model stores is planted
with a marker, except the texts listed in `STAFF_MAY_READ` (names, addresses, what a program
publishes, notes staff and managers write themselves...). Then every registered admin's list,
change, delete and history pages are opened as a superuser, and no marker may show; nor may a
search or a filter in the URL ask about a planted text. A new model or a new admin is covered
without anyone remembering to: its texts are someone's content until this file says otherwise.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.test import Client, RequestFactory
from django.urls import reverse

from mentora.accounts.models import User
from mentora.surveys.models import Answer, Response
from mentora.testing.world import World

pytestmark = pytest.mark.django_db

# The texts site staff may read in the admin, by model: who people are, what an organisation or a
# program publishes to its people, and what Mentora or the staff and managers themselves noted.
# Every other text a Mentora model stores is someone's content and never shows in the admin.
STAFF_MAY_READ: dict[str, frozenset[str]] = {
    # Who people are (the password is a hash the admin never shows).
    "accounts.User": frozenset({"email", "first_name", "last_name", "password"}),
    # What a person named an API token (never its digest).
    "accounts.ApiToken": frozenset({"name"}),
    # What an organisation, a program and its questionnaire publish.
    "programs.Organisation": frozenset({"name", "slug", "description"}),
    "programs.OrganisationDomain": frozenset({"domain"}),
    "programs.Program": frozenset({"name", "slug", "description"}),
    "programs.Question": frozenset({"text", "help_text", "choices"}),
    # What managers and staff note on the moves they make.
    "programs.ProgramStateChange": frozenset({"note"}),
    "programs.Enrollment": frozenset({"status_note"}),
    "programs.EnrollmentEvent": frozenset({"note"}),
    # Questionnaire answers are read by the program's managers, who pair people with them.
    "programs.Answer": frozenset({"value"}),
    "programs.Invitation": frozenset({"email", "token", "data"}),
    # The skills taxonomy, and profiles: read by the program's managers and the other side.
    "profiles.SkillCategory": frozenset({"name"}),
    "profiles.Skill": frozenset({"name", "synonyms"}),
    "profiles.Profile": frozenset(
        {
            "display_name",
            "pronouns",
            "headline",
            "bio",
            "photo",
            "organisation",
            "department",
            "job_title",
            "location",
            "timezone",
            "languages",
            "profile_url",
            "meeting_formats",
        }
    ),
    "profiles.MentorOffer": frozenset({"free_tags", "focus_areas", "motivation", "pause_note"}),
    "profiles.MenteeNeeds": frozenset({"career_goals", "why_mentor", "focus_areas"}),
    # Site staff correct a self-identification at the person's request (the list shows none).
    "profiles.DemographicIdentity": frozenset({"ethnicity", "nationality"}),
    # What Mentora itself wrote: which period a signal is about, what a notification is about
    # (its kind and a path of ids), a run's settings, progress, scores and explanations.
    "relationships.HealthSignal": frozenset({"key"}),
    "notifications.Notification": frozenset({"kind", "url"}),
    "notifications.NotificationPreference": frozenset({"muted_kinds"}),
    "matching.MatchingSettings": frozenset({"weights"}),
    "matching.MatchRun": frozenset({"weights", "stage", "error", "metrics"}),
    "matching.Proposal": frozenset({"reasons", "factors"}),
    "matching.UnmatchedMentee": frozenset({"code", "reason"}),
    "matching.MatchRunEvent": frozenset({"note"}),
    # A survey's questions (the answers are not listed here: they are the respondents').
    "surveys.Instrument": frozenset({"key", "title", "description"}),
    "surveys.Item": frozenset({"key", "text", "choices", "scale"}),
    "surveys.Survey": frozenset({"occasion_key"}),
}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)
MARKER = re.compile(r"zqk\d{4}kqz")
# Pages per model: every row of a small table, a few of the first and last rows of a large one.
ROWS_PER_END = 4


def content_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The model's stored texts that are someone's content (not in STAFF_MAY_READ)."""
    if not model.__module__.startswith("mentora."):
        return []
    readable = STAFF_MAY_READ.get(model._meta.label, frozenset())
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS) and not field.choices and field.name not in readable
    ]


def mentora_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("mentora.")]


def _marked(field: models.Field[Any, Any], value: Any, marker: str) -> Any:
    if isinstance(field, models.JSONField):
        return [marker] if isinstance(value, list) else {"text": marker}
    if isinstance(field, models.URLField):
        return f"https://example.org/{marker}"
    if isinstance(field, models.EmailField):
        return f"{marker}@example.org"
    if isinstance(field, models.FileField):
        return f"{Path(str(value)).parent}/{marker}{Path(str(value)).suffix}"
    return marker


def plant_markers() -> dict[str, str]:
    """Replace every non-empty content text of every row with a marker of its own; return where
    each marker was planted."""
    planted: dict[str, str] = {}
    counter = itertools.count()
    for model in mentora_models():
        for field in content_fields(model):
            rows = model._default_manager.exclude(**{field.name: ""}).exclude(
                **{f"{field.name}__isnull": True}
            )
            for pk, value in rows.values_list("pk", field.name):
                if value in ("", [], {}):
                    continue
                marker = f"zqk{next(counter):04d}kqz"
                model._default_manager.filter(pk=pk).update(
                    **{field.name: _marked(field, value, marker)}
                )
                planted[marker] = f"{model._meta.label}.{field.name} of row {pk}"
    return planted


def sample_rows(model: type[models.Model]) -> list[models.Model]:
    rows = list(model._default_manager.order_by("pk"))
    if len(rows) <= 2 * ROWS_PER_END:
        return rows
    return rows[:ROWS_PER_END] + rows[-ROWS_PER_END:]


def admin_pages(model: type[models.Model]) -> Iterator[str]:
    meta = model._meta
    base = f"admin:{meta.app_label}_{meta.model_name}"
    yield reverse(f"{base}_changelist")
    for row in sample_rows(model):
        for page in ("change", "delete", "history"):
            yield reverse(f"{base}_{page}", args=[row.pk])


@pytest.fixture
def staff_client(world: World) -> Client:
    client = Client()
    client.force_login(world.staff)
    return client


def _log_a_change_and_a_deletion_of_each_row(staff: User) -> None:
    """The history pages and the admin's recent actions show what the admin logged."""
    request = RequestFactory().get("/admin/")
    request.user = staff
    for model, model_admin in admin.site._registry.items():
        for row in sample_rows(model):
            model_admin.log_change(request, row, [{"changed": {"fields": ["Nothing"]}}])
        rows = model._default_manager.filter(pk__in=[row.pk for row in sample_rows(model)])
        model_admin.log_deletions(request, rows)


def test_every_content_text_has_rows_in_the_world(world: World) -> None:
    """A table that holds content but has no row in the world would make the walk below prove
    nothing about it: add the table to `mentora.testing.world`."""
    empty = [
        f"{model._meta.label}.{field.name}"
        for model in mentora_models()
        for field in content_fields(model)
        if not model._default_manager.exclude(**{field.name: ""}).exists()
    ]
    assert empty == []


def test_every_admin_page_shows_no_content(world: World, staff_client: Client) -> None:
    planted = plant_markers()
    assert len(planted) > 40
    _log_a_change_and_a_deletion_of_each_row(world.staff)
    leaks: list[str] = []
    pages = [reverse("admin:index")] + [
        url for model in admin.site._registry for url in admin_pages(model)
    ]
    for app_label in {model._meta.app_label for model in admin.site._registry}:
        pages.append(reverse("admin:app_list", args=[app_label]))
    for url in pages:
        response = staff_client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
        for marker in sorted(set(MARKER.findall(response.content.decode()))):
            leaks.append(f"{url} shows {planted.get(marker, marker)}")
    assert leaks == []


def _final_field(model: type[models.Model], path: str) -> tuple[type[models.Model], str] | None:
    """The model and field a search or filter path ends on (None when it names no field)."""
    name = ""
    for part in path.lstrip("^=@").split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            break
        name = part
        if field.is_relation and field.related_model is not None:
            model = field.related_model
            name = ""
    return (model, name) if name else None


def test_no_admin_searches_content(world: World) -> None:
    request = RequestFactory().get("/admin/")
    request.user = world.staff
    searched = []
    for model, model_admin in admin.site._registry.items():
        for path in model_admin.get_search_fields(request):
            final = _final_field(model, path)
            if final and final[1] in {f.name for f in content_fields(final[0])}:
                searched.append(f"{model._meta.label}: {path}")
    assert searched == []


def test_no_admin_list_filters_by_content_in_its_url(world: World, staff_client: Client) -> None:
    """`?title__startswith=a` would answer yes or no about a text, one letter at a time."""
    answered = []
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        for field in content_fields(model):
            url = f"{changelist}?{field.name}__startswith=a"
            if staff_client.get(url).status_code == 200:
                answered.append(url)
    assert answered == []


def test_no_answer_value_shows_in_the_survey_admins(world: World) -> None:
    """Answers are numbers too, which no marker can stand for: their admins name no value."""
    request = RequestFactory().get("/admin/")
    request.user = world.staff
    answer = Answer.objects.select_related("response").first()
    assert answer is not None
    values = {"number", "text", "value"}
    for model_admin, row in (
        (admin.site._registry[Answer], answer),
        (admin.site._registry[Response], answer.response),
    ):
        shown = {
            *model_admin.get_list_display(request),
            *model_admin.get_fields(request, row),
            *(
                name
                for inline in model_admin.get_inline_instances(request, row)
                for name in inline.get_fields(request, row)
            ),
        }
        assert shown.isdisjoint(values), model_admin


def test_the_admin_log_of_earlier_actions_names_rows_not_texts(world: World) -> None:
    """Entries logged while `__str__` still gave the text are rewritten by a migration."""
    goal = world.relationship.goals.get()
    notification = world.mentee.notifications.first()
    assert notification is not None
    for row, text in ((goal, "Run the morning huddle"), (notification, "Mina asked a question")):
        LogEntry.objects.create(
            user=world.staff,
            content_type=ContentType.objects.get_for_model(row),
            object_id=str(row.pk),
            object_repr=text,
            action_flag=DELETION,
        )
    for name in (
        "mentora.relationships.migrations.0004_admin_log_names_rows",
        "mentora.notifications.migrations.0003_admin_log_names_rows",
    ):
        importlib.import_module(name).name_rows_in_the_admin_log(apps, None)

    assert sorted(LogEntry.objects.values_list("object_repr", flat=True)) == [
        f"Goal {goal.pk}",
        f"Notification {notification.pk}",
    ]
