"""Who sees what: the two people see what they share; managers see stage, dates and counts;
private notes are their author's alone; outsiders get 404 everywhere."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.relationships.models import Meeting, PrivateNote, Question, Relationship, Stage
from mentora.relationships.services import (
    goal_create,
    lesson_record,
    meeting_record,
    meeting_schedule,
    private_note_save,
    question_ask,
    question_reply,
    resource_add,
)

pytestmark = pytest.mark.django_db

SECRET = "my-very-private-thought"


@pytest.fixture
def full(cultivating: Relationship, mentor: User, mentee: User) -> dict[str, object]:
    """A relationship with one of every kind of content."""
    relationship = cultivating
    meeting = meeting_schedule(
        relationship=relationship,
        by=mentee,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        agenda="agenda-text",
    )
    meeting_record(meeting=meeting, by=mentor, shared_notes="shared-notes-text")
    private_note_save(meeting=meeting, author=mentee, text=SECRET)
    private_note_save(meeting=meeting, author=mentor, text="mentor-private-thought")
    question = question_ask(relationship=relationship, by=mentee, text="question-text")
    question_reply(question=question, by=mentor, text="reply-text")
    goal = goal_create(relationship=relationship, by=mentee, title="goal-text")
    lesson_record(relationship=relationship, by=mentor, text="lesson-text", goal=goal)
    resource_add(relationship=relationship, by=mentor, title="resource-text", url="https://x.org")
    relationship.agreement.refresh_from_db()
    return {"relationship": relationship, "meeting": meeting, "question": question, "goal": goal}


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


CONTENT = [
    "agenda-text",
    "shared-notes-text",
    "question-text",
    "reply-text",
    "goal-text",
    "lesson-text",
    "resource-text",
    "Grow as a leader",  # the agreement's goals
    SECRET,
    "mentor-private-thought",
]


def _pages(full: dict[str, object]) -> list[str]:
    relationship = full["relationship"]
    meeting = full["meeting"]
    question = full["question"]
    assert isinstance(relationship, Relationship)
    assert isinstance(meeting, Meeting)
    assert isinstance(question, Question)
    r = relationship.pk
    return [
        reverse("relationships:detail", args=[r]),
        reverse("relationships:acquaintance", args=[r]),
        reverse("relationships:agreement", args=[r]),
        reverse("relationships:meeting", args=[r, meeting.pk]),
        reverse("relationships:meeting_ics", args=[r, meeting.pk]),
        reverse("relationships:question", args=[r, question.pk]),
        reverse("relationships:separation", args=[r]),
        reverse("relationships:redefinition", args=[r]),
        reverse("relationships:goal_create", args=[r]),
        reverse("relationships:meeting_create", args=[r]),
    ]


def test_outsiders_get_404_on_every_page(full: dict[str, object], outsider: User) -> None:
    client = client_for(outsider)
    for url in _pages(full):
        assert client.get(url).status_code == 404, url


def test_a_manager_of_another_organisation_gets_404(
    full: dict[str, object], other_organisation_program: object
) -> None:
    other_manager = User.objects.get(email="other-manager@example.org")
    client = client_for(other_manager)
    for url in _pages(full):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_log_in(full: dict[str, object]) -> None:
    response = Client().get(_pages(full)[0])
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_managers_see_stage_dates_and_counts_but_no_content(
    full: dict[str, object], manager: User
) -> None:
    client = client_for(manager)
    detail, *content_pages = _pages(full)
    response = client.get(detail)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cultivation" in html
    assert "meetings ahead" in html
    for text in CONTENT:
        assert text not in html, text
    for url in content_pages:
        response = client.get(url)
        # The separation page sends managers back to the overview; all others are 404.
        assert response.status_code in {302, 404}, url
        assert SECRET not in response.content.decode()


def test_a_private_note_is_shown_only_to_its_author(
    full: dict[str, object], mentor: User, mentee: User
) -> None:
    meeting_url = _pages(full)[3]
    mine = client_for(mentee).get(meeting_url).content.decode()
    assert SECRET in mine
    assert "mentor-private-thought" not in mine
    theirs = client_for(mentor).get(meeting_url).content.decode()
    assert SECRET not in theirs
    assert "mentor-private-thought" in theirs
    for url in _pages(full):
        assert SECRET not in client_for(mentor).get(url).content.decode()


def test_private_notes_have_no_admin_page(full: dict[str, object]) -> None:
    assert PrivateNote not in admin.site._registry
    staff = User.objects.create_superuser(email="root@example.org", password="x")
    client = client_for(staff)
    relationship = full["relationship"]
    meeting = full["meeting"]
    assert isinstance(relationship, Relationship)
    assert isinstance(meeting, Meeting)
    for url in (
        reverse("admin:relationships_relationship_change", args=[relationship.pk]),
        reverse("admin:relationships_meeting_change", args=[meeting.pk]),
        reverse("admin:relationships_meeting_changelist"),
        reverse("admin:relationships_goal_changelist"),
        reverse("admin:relationships_question_changelist"),
        reverse("admin:relationships_lesson_changelist"),
        reverse("admin:relationships_resource_changelist"),
        reverse("admin:relationships_relationshipevent_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert SECRET not in html
        for shared in ("shared-notes-text", "question-text", "goal-text", "lesson-text"):
            assert shared not in html, (url, shared)


def test_both_people_see_what_they_share(
    full: dict[str, object], mentor: User, mentee: User
) -> None:
    for person in (mentor, mentee):
        html = client_for(person).get(_pages(full)[0]).content.decode()
        for text in ("question-text", "goal-text", "lesson-text", "resource-text"):
            assert text in html


def test_an_outsider_cannot_write_to_a_relationship(
    full: dict[str, object], outsider: User
) -> None:
    relationship = full["relationship"]
    assert isinstance(relationship, Relationship)
    client = client_for(outsider)
    for name in ("question_create", "lesson_create", "end", "accept"):
        url = reverse(f"relationships:{name}", args=[relationship.pk])
        assert client.post(url, {"text": "x", "reason": "x"}).status_code == 404
    relationship.refresh_from_db()
    assert relationship.stage == Stage.CULTIVATION
    assert relationship.questions.count() == 1


def test_only_managers_open_the_pairing_page(
    program: Program, manager: User, mentor: User, outsider: User
) -> None:
    url = reverse("relationships:create", args=[program.pk])
    assert client_for(manager).get(url).status_code == 200
    assert client_for(mentor).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404


def test_a_manager_pairs_a_mentor_and_a_mentee_from_the_page(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    url = reverse("relationships:create", args=[program.pk])
    response = client_for(manager).post(url, {"mentor": mentor.pk, "mentee": mentee.pk})
    relationship = Relationship.objects.get()
    assert response["Location"] == reverse("relationships:detail", args=[relationship.pk])
    again = client_for(manager).post(url, {"mentor": mentor.pk, "mentee": mentee.pk})
    assert again.status_code == 200
    assert "already" in again.content.decode()
