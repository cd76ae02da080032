"""Goals and milestones; coaching goals are measurable and meeting them all suggests separation."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from mentora.accounts.models import User
from mentora.notifications.models import Notification
from mentora.relationships.models import Relationship
from mentora.relationships.selectors import all_goals_met
from mentora.relationships.services import (
    goal_create,
    goal_update_progress,
    milestone_set_done,
    resource_add,
)

pytestmark = pytest.mark.django_db
DEADLINE = datetime.date(2030, 6, 30)


def test_a_mentoring_goal_has_milestones_owner_due_date_and_progress(
    cultivating: Relationship, mentee: User, mentor: User
) -> None:
    goal = goal_create(
        relationship=cultivating,
        by=mentor,
        title="Lead a project",
        due_on=DEADLINE,
        milestones=["Pick a project", "Kick-off", ""],
    )
    assert goal.owner == mentee
    assert [m.title for m in goal.milestones.all()] == ["Pick a project", "Kick-off"]
    milestone = goal.milestones.first()
    assert milestone is not None
    milestone_set_done(milestone=milestone, by=mentee, done=True)
    goal = goal_update_progress(goal=goal, by=mentee, progress=60)
    assert goal.progress == 60
    assert not goal.is_met
    goal = goal_update_progress(goal=goal, by=mentee, progress=100)
    assert goal.is_met
    with pytest.raises(ValidationError, match="0 to 100"):
        goal_update_progress(goal=goal, by=mentee, progress=150)


def test_a_coaching_goal_must_be_measurable(coaching: Relationship, coach: User) -> None:
    with pytest.raises(ValidationError) as error:
        goal_create(relationship=coaching, by=coach, title="Be better")
    assert set(error.value.message_dict) == {"target_value", "unit", "due_on"}


def test_meeting_every_coaching_goal_suggests_separation(
    coaching: Relationship, coach: User, coachee: User
) -> None:
    talks = goal_create(
        relationship=coaching,
        by=coach,
        title="Give talks",
        target_value=3,
        unit="talks",
        due_on=DEADLINE,
    )
    nps = goal_create(
        relationship=coaching,
        by=coach,
        title="Raise NPS",
        target_value="40",
        unit="points",
        due_on=DEADLINE,
    )
    talks = goal_update_progress(goal=talks, by=coachee, current_value=2)
    assert talks.progress == 66
    assert not talks.is_met
    goal_update_progress(goal=talks, by=coachee, current_value=3)
    assert not all_goals_met(relationship=coaching)
    goal_update_progress(goal=nps, by=coachee, current_value="41.5")
    assert all_goals_met(relationship=coaching)
    assert Notification.objects.filter(recipient=coachee, kind="goal.all_met").exists()
    client = Client()
    client.force_login(coachee)
    html = client.get(reverse("relationships:detail", args=[coaching.pk])).content.decode()
    assert "Every goal is met" in html


def test_a_measured_value_must_be_a_number(coaching: Relationship, coach: User) -> None:
    goal = goal_create(
        relationship=coaching,
        by=coach,
        title="Talks",
        target_value=3,
        unit="talks",
        due_on=DEADLINE,
    )
    with pytest.raises(ValidationError, match="not a number"):
        goal_update_progress(goal=goal, by=coach, current_value="lots")


def test_resources_are_links_or_small_files_of_known_types(
    cultivating: Relationship,
    mentor: User,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match="either a link or a file"):
        resource_add(relationship=cultivating, by=mentor, title="Nothing")
    with pytest.raises(ValidationError, match="cannot be shared"):
        resource_add(
            relationship=cultivating,
            by=mentor,
            title="Script",
            file=SimpleUploadedFile("run.exe", b"MZ"),
        )
    big = SimpleUploadedFile("big.pdf", b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="10 MB"):
        resource_add(relationship=cultivating, by=mentor, title="Big", file=big)
    with pytest.raises(ValidationError, match="https"):
        resource_add(relationship=cultivating, by=mentor, title="Bad", url="javascript:alert(1)")
    resource = resource_add(
        relationship=cultivating,
        by=mentor,
        title="Reading list",
        file=SimpleUploadedFile("list.pdf", b"%PDF-1.4 hello"),
    )
    assert resource.size == 14
    client = Client()
    client.force_login(cultivating.mentee)
    url = reverse("relationships:resource_download", args=[cultivating.pk, resource.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 hello"
    client.force_login(User.objects.get(email="manager@example.org"))
    assert client.get(url).status_code == 404
