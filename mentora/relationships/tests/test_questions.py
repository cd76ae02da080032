"""Questions: in mentoring the mentee asks and the mentor answers; in coaching the coach leads."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from mentora.accounts.models import User
from mentora.notifications.models import Notification
from mentora.relationships.models import Lesson, Relationship
from mentora.relationships.services import (
    goal_create,
    lesson_record,
    question_ask,
    question_reply,
)

pytestmark = pytest.mark.django_db


def test_in_mentoring_the_mentee_asks_and_the_mentor_answers_in_a_thread(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    with pytest.raises(PermissionDenied, match="mentee brings"):
        question_ask(relationship=cultivating, by=mentor, text="How are you?")
    question = question_ask(relationship=cultivating, by=mentee, text="How do I ask for a raise?")
    assert Notification.objects.filter(recipient=mentor, kind="question.asked").exists()
    question_reply(question=question, by=mentor, text="With numbers.")
    question_reply(question=question, by=mentee, text="Which numbers?")
    assert [r.author for r in question.replies.all()] == [mentor, mentee]


def test_in_coaching_the_coach_asks_and_records_the_coachees_answers(
    coaching: Relationship, coach: User, coachee: User
) -> None:
    with pytest.raises(PermissionDenied, match="coach asks"):
        question_ask(relationship=coaching, by=coachee, text="Can I ask?")
    question = question_ask(relationship=coaching, by=coach, text="What blocked you this week?")
    with pytest.raises(PermissionDenied, match="coach records"):
        question_reply(question=question, by=coachee, text="Meetings")
    question_reply(question=question, by=coach, text="Too many meetings")
    assert question.replies.get().author == coach


def test_a_mentee_asks_and_the_mentor_answers_through_the_pages(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    mentee_client, mentor_client = Client(), Client()
    mentee_client.force_login(mentee)
    mentor_client.force_login(mentor)
    response = mentee_client.post(
        reverse("relationships:question_create", args=[cultivating.pk]),
        {"question-text": "Should I change teams?"},
    )
    assert response.status_code == 302
    thread = response["Location"]
    mentor_client.post(thread, {"text": "Only for a better manager."})
    html = mentee_client.get(thread).content.decode()
    assert "Should I change teams?" in html
    assert "Only for a better manager." in html


def test_lessons_are_shared_by_the_mentor_and_skills_practised_by_the_mentee(
    cultivating: Relationship, mentor: User, mentee: User
) -> None:
    goal = goal_create(relationship=cultivating, by=mentee, title="Public speaking")
    shared = lesson_record(relationship=cultivating, by=mentor, text="Rehearse twice")
    practised = lesson_record(
        relationship=cultivating, by=mentee, text="Spoke at standup", goal=goal
    )
    assert shared.kind == Lesson.Kind.LESSON_SHARED
    assert practised.kind == Lesson.Kind.SKILL_PRACTISED
    assert list(goal.lessons.all()) == [practised]
