"""One permission layer: the roles function, the capabilities table, and every rule a page used
to enforce alone, now refused by the services and therefore by the REST API too."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.relationships.access import (
    AUTHOR,
    MANAGER,
    MENTEE,
    MENTOR,
    access_meeting,
    access_relationship,
    private_note_roles,
    relationship_roles,
)
from mentora.relationships.models import PrivateNote, Relationship, Stage
from mentora.relationships.selectors import relationships_for_user, relationships_managed_by
from mentora.relationships.services import (
    goal_create,
    meeting_schedule,
    private_note_save,
    relationship_end,
)
from mentora.testing.relationships import pair, walk_to

pytestmark = pytest.mark.django_db
BASE = "/api/relationships/"


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


# -- Roles and capabilities ------------------------------------------------------------------


def test_each_person_s_roles_toward_a_relationship(
    relationship: Relationship,
    mentor: User,
    mentee: User,
    manager: User,
    outsider: User,
    other_organisation_program: Program,
) -> None:
    other_manager = User.objects.get(email="other-manager@example.org")
    assert relationship_roles(relationship=relationship, user=mentor) == {MENTOR}
    assert relationship_roles(relationship=relationship, user=mentee) == {MENTEE}
    assert relationship_roles(relationship=relationship, user=manager) == {MANAGER}
    for nobody in (outsider, other_manager, AnonymousUser(), None):
        assert relationship_roles(relationship=relationship, user=nobody) == frozenset()


def test_a_manager_who_is_also_the_mentor_has_both_roles(
    program: Program, manager: User, mentee: User
) -> None:
    enrollment_submit(
        program=program,
        user=manager,
        role=Enrollment.Role.MENTOR,
        answers={},
        mentor_offer={"capacity": 1},
    )
    both = pair(program, mentor=manager, mentee=mentee, by=manager)
    assert relationship_roles(relationship=both, user=manager) == {MENTOR, MANAGER}
    assert access_relationship(user=manager, relationship_id=both.pk, to="work").has(MENTOR)


def test_what_only_the_two_may_do_is_a_404_to_everyone_else(
    relationship: Relationship, mentee: User, manager: User, outsider: User
) -> None:
    assert access_relationship(user=manager, relationship_id=relationship.pk).has(MANAGER)
    for person in (manager, outsider):
        with pytest.raises(Http404):
            access_relationship(user=person, relationship_id=relationship.pk, to="work")
    with pytest.raises(Http404):
        access_relationship(user=outsider, relationship_id=relationship.pk, to="view")
    with pytest.raises(PermissionDenied):
        access_relationship(user=mentee, relationship_id=relationship.pk, to="manage")
    with pytest.raises(Http404):
        access_relationship(user=mentee, relationship_id=relationship.pk + 1000, to="view")


def test_a_part_is_reached_only_through_its_own_relationship(
    cultivating: Relationship, coaching: Relationship, coachee: User
) -> None:
    meeting = meeting_schedule(
        relationship=cultivating, by=coachee, starts_at=timezone.now() + datetime.timedelta(1)
    )
    assert access_meeting(user=coachee, relationship_id=cultivating.pk, meeting_id=meeting.pk)
    with pytest.raises(Http404):
        access_meeting(user=coachee, relationship_id=coaching.pk, meeting_id=meeting.pk)


def test_a_private_note_is_its_author_s_alone(
    cultivating: Relationship, mentor: User, mentee: User, manager: User
) -> None:
    meeting = meeting_schedule(
        relationship=cultivating, by=mentee, starts_at=timezone.now() + datetime.timedelta(1)
    )
    note = private_note_save(meeting=meeting, author=mentee, text="Only mine")
    assert isinstance(note, PrivateNote)
    assert private_note_roles(note=note, user=mentee) == {AUTHOR}
    for other in (mentor, manager, AnonymousUser()):
        assert private_note_roles(note=note, user=other) == frozenset()


def test_the_lists_agree_with_the_roles(
    relationship: Relationship, coaching: Relationship, mentor: User, manager: User, coach: User
) -> None:
    for person in (mentor, manager, coach):
        mine = set(relationships_for_user(user=person))
        managed = set(relationships_managed_by(user=person))
        for candidate in (relationship, coaching):
            roles = relationship_roles(relationship=candidate, user=person)
            assert (candidate in mine) == bool(roles & {MENTOR, MENTEE})
            assert (candidate in managed) == (MANAGER in roles)


# -- Rules the pages enforced, now in the services: tried through the API ------------------


def test_in_coaching_the_coachee_neither_asks_nor_records_answers(
    coaching: Relationship, coach: User, coachee: User
) -> None:
    r = f"{BASE}{coaching.pk}/"
    assert api(coachee).post(r + "questions/", {"text": "Mine?"}, format="json").status_code == 403
    question = api(coach).post(r + "questions/", {"text": "What blocked you?"}, format="json")
    assert question.status_code == 201
    replies = f"{r}questions/{question.json()['id']}/replies/"
    assert api(coachee).post(replies, {"text": "Meetings"}, format="json").status_code == 403
    assert api(coach).post(replies, {"text": "Meetings"}, format="json").status_code == 201


def test_in_mentoring_both_talk_in_the_mentee_s_thread(
    cultivating: Relationship, mentor: User, mentee: User, manager: User
) -> None:
    r = f"{BASE}{cultivating.pk}/"
    assert api(mentor).post(r + "questions/", {"text": "Mine?"}, format="json").status_code == 403
    question = api(mentee).post(r + "questions/", {"text": "How?"}, format="json").json()
    replies = f"{r}questions/{question['id']}/replies/"
    for person in (mentor, mentee):
        assert api(person).post(replies, {"text": "So."}, format="json").status_code == 201
    assert api(manager).post(replies, {"text": "Hi"}, format="json").status_code == 404


def test_only_the_mentee_writes_getting_acquainted(
    relationship: Relationship, mentor: User, mentee: User
) -> None:
    url = f"{BASE}{relationship.pk}/acquaintance/"
    body = {"career_goals": "Lead", "why_this_mentor": "She did"}
    assert api(mentor).put(url, body, format="json").status_code == 403
    assert api(mentee).put(url, body, format="json").status_code == 200


def test_the_thank_you_is_the_mentee_s_and_its_publication_the_mentor_s(
    relationship: Relationship, mentor: User, mentee: User, manager: User
) -> None:
    r = f"{BASE}{relationship.pk}/"
    early = api(mentee).put(r + "acknowledgment/", {"text": "Thanks"}, format="json")
    assert early.status_code == 400  # not before separation
    walk_to(relationship, Stage.SEPARATION)
    assert api(mentor).put(r + "acknowledgment/", {"text": "Me"}, format="json").status_code == 403
    assert (
        api(mentee).put(r + "acknowledgment/", {"text": "Thanks"}, format="json").status_code == 200
    )
    public = r + "acknowledgment/public/"
    assert api(mentee).post(public, {"public": True}, format="json").status_code == 403
    assert api(manager).post(public, {"public": True}, format="json").status_code == 404
    assert api(mentor).post(public, {"public": True}, format="json").json()["is_public"]


@pytest.mark.parametrize(
    ("stage", "path", "body"),
    [
        (Stage.INITIATION, "separation/", {"reflection": "Ready"}),
        (Stage.CULTIVATION, "reflection/", {"learned": "A", "application": "B"}),
        (Stage.CULTIVATION, "redefinition/", {"relation": "peers"}),
        (Stage.REDEFINITION, "goals/", {"title": "Another"}),
        (Stage.REDEFINITION, "questions/", {"text": "Still?"}),
    ],
)
def test_what_a_stage_does_not_allow_is_a_400(
    relationship: Relationship, stage: str, path: str, body: dict[str, object]
) -> None:
    if stage != Stage.INITIATION:
        walk_to(relationship, stage)
    method = "put" if path in {"reflection/", "redefinition/"} else "post"
    response = getattr(api(relationship.mentee), method)(
        f"{BASE}{relationship.pk}/{path}", body, format="json"
    )
    assert response.status_code == 400, response.content
    relationship.refresh_from_db()
    assert relationship.stage == stage


def test_an_ended_relationship_takes_no_new_content(
    cultivating: Relationship, mentee: User
) -> None:
    relationship_end(relationship=cultivating, by=mentee, reason="Moved away")
    response = api(mentee).post(
        f"{BASE}{cultivating.pk}/meetings/", {"starts_at": "2030-05-01T10:00:00Z"}, format="json"
    )
    assert response.status_code == 400


def test_a_goal_or_meeting_of_another_relationship_is_a_400_naming_it(
    cultivating: Relationship, coaching: Relationship, coach: User, mentee: User
) -> None:
    other_goal = goal_create(
        relationship=coaching,
        by=coach,
        title="Talks",
        target_value=3,
        unit="talks",
        due_on=datetime.date(2030, 6, 30),
    )
    other_meeting = meeting_schedule(
        relationship=coaching, by=coach, starts_at=timezone.now() + datetime.timedelta(1)
    )
    r = f"{BASE}{cultivating.pk}/"
    lesson = api(mentee).post(r + "lessons/", {"text": "x", "goal": other_goal.pk}, format="json")
    assert lesson.status_code == 400
    assert "goal" in lesson.json()
    question = api(mentee).post(
        r + "questions/", {"text": "x", "meeting": other_meeting.pk}, format="json"
    )
    assert question.status_code == 400
    assert "meeting" in question.json()
    assert not cultivating.lessons.exists()
    assert not cultivating.questions.exists()


def test_managers_and_outsiders_never_write_a_private_note(
    cultivating: Relationship, mentee: User, manager: User, outsider: User
) -> None:
    meeting = meeting_schedule(
        relationship=cultivating, by=mentee, starts_at=timezone.now() + datetime.timedelta(1)
    )
    url = f"{BASE}{cultivating.pk}/meetings/{meeting.pk}/private-note/"
    for person in (manager, outsider):
        assert api(person).put(url, {"text": "Mine now"}, format="json").status_code == 404
    assert not PrivateNote.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "events/",
        "agreement/",
        "meetings/",
        "goals/",
        "questions/",
        "lessons/",
        "resources/",
        "separation/",
        "reflection/",
        "redefinition/",
        "acknowledgment/",
    ],
)
def test_outsiders_and_other_managers_get_404_and_anonymous_401(
    relationship: Relationship, outsider: User, other_organisation_program: Program, path: str
) -> None:
    other_manager = User.objects.get(email="other-manager@example.org")
    url = f"{BASE}{relationship.pk}/{path}"
    for person in (outsider, other_manager):
        assert api(person).get(url).status_code == 404
    assert APIClient().get(url).status_code == 401
