"""Recommendations: only this program's unpaused mentors, full ones on request, fast enough."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from mentora.accounts.models import User
from mentora.finding.pauses import mentor_pause, mentor_resume
from mentora.finding.ranking import rank_mentors
from mentora.finding.recommendations import Filters, recommendation_page
from mentora.profiles.models import MentorOffer, Profile
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.testing.finding import add_mentee, add_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def ids(program: Program, mentee: User, *, has_room: bool = True) -> list[int]:
    page = recommendation_page(program=program, mentee=mentee, filters=Filters(has_room=has_room))
    return [card.mentor_id for card in page.cards]


def test_pause_hides_a_mentor_until_they_resume(
    program: Program, mentor: User, second_mentor: User, mentee: User
) -> None:
    assert set(ids(program, mentee)) == {mentor.pk, second_mentor.pk}

    mentor_pause(program=program, mentor=mentor)
    assert ids(program, mentee) == [second_mentor.pk]

    mentor_resume(program=program, mentor=mentor)
    assert set(ids(program, mentee)) == {mentor.pk, second_mentor.pk}


def test_only_mentors_of_the_same_program(
    program: Program, other_organisation_program: Program, mentor: User, mentee: User
) -> None:
    other_organisation_program.state = Program.State.OPEN
    other_organisation_program.save()
    stranger = add_mentor(other_organisation_program, "far@example.org", "Far Away")

    assert stranger.pk not in ids(program, mentee)


def test_full_mentors_are_left_out_unless_asked_for(program: Program, mentee: User) -> None:
    full = add_mentor(program, "full@example.org", "Fay Full", capacity=1)
    taken = add_mentee(program, "t@example.org", "Tom Taken")
    Relationship.objects.create(
        program=program, mentor=full, mentee=taken, kind="mentoring", origin="manager_pair"
    )

    assert full.pk not in ids(program, mentee)
    assert full.pk in ids(program, mentee, has_room=False)


def test_mentee_with_all_their_mentors_gets_none(
    program: Program, mentor: User, second_mentor: User, mentee: User
) -> None:
    Relationship.objects.create(
        program=program, mentor=second_mentor, mentee=mentee, kind="mentoring", origin="request"
    )

    page = recommendation_page(program=program, mentee=mentee, filters=Filters())
    assert page.cards == []
    assert not page.wants_more


def test_ranking_is_cached_and_refreshed_when_people_change(
    program: Program, mentor: User, mentee: User, django_assert_max_num_queries: object
) -> None:
    first = rank_mentors(program=program, mentee=mentee)
    again = rank_mentors(program=program, mentee=mentee)
    assert [m.mentor_id for m in again.mentors] == [m.mentor_id for m in first.mentors]
    assert again.engine_input is None  # from the cache

    newcomer = add_mentor(program, "new@example.org", "Ned New")
    refreshed = rank_mentors(program=program, mentee=mentee)
    assert newcomer.pk in [m.mentor_id for m in refreshed.mentors]


def test_many_mentors_rank_quickly(program: Program, mentee: User) -> None:
    users = [
        User.objects.create_user(email=f"bulk{i}@example.org", password="x") for i in range(300)
    ]
    Profile.objects.bulk_create(
        Profile(
            user=u,
            display_name=f"Bulk {i}",
            languages=["en"],
            timezone="Europe/London",
            industry="healthcare" if i % 2 else "technology",
        )
        for i, u in enumerate(users)
    )
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(program=program, user=u, role="mentor", status="active") for u in users
    )
    MentorOffer.objects.bulk_create(MentorOffer(enrollment=e, capacity=2) for e in enrollments)

    started = time.perf_counter()
    page = recommendation_page(
        program=program, mentee=mentee, filters=Filters(industry="healthcare")
    )
    elapsed = time.perf_counter() - started

    assert page.total == 150
    assert len(page.cards) == 10
    assert elapsed < 5
