"""A mentor's reputation in matching: the mean of mentees' two ratings, from 3 mentees on."""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.relationships.services import relationship_create
from mentora.surveys.selectors import mentor_feedback_ratings
from mentora.testing.surveys import answer, enrolled, send

pytestmark = pytest.mark.django_db


def rate(relationship: Relationship, honest: int, time: int, key: str = "check_in") -> None:
    survey = send(relationship=relationship, person=relationship.mentee, key=key)
    values: dict[str, object] = {"honest_feedback": honest, "makes_time": time}
    if key == "check_in":
        values |= {"quality": 4, "rhythm": "about_right"}
    else:
        values |= {"goals_achieved": 4, "recommend_mentor": 5, "take_part_again": 4}
    answer(survey, values)


def mentees_of(program: Program, manager: User, mentor: User, count: int) -> list[Relationship]:
    return [
        relationship_create(
            program=program,
            mentor=mentor,
            mentee=enrolled(program, f"rater{n}@example.org", f"Rater {n}", Enrollment.Role.MENTEE),
            created_by=manager,
            origin=Relationship.Origin.MANAGER_PAIR,
        )
        for n in range(count)
    ]


@pytest.fixture
def popular(program: Program) -> User:
    return enrolled(program, "popular@example.org", "Pat Popular", Enrollment.Role.MENTOR)


def test_two_mentees_are_not_enough(program: Program, manager: User, popular: User) -> None:
    first, second = mentees_of(program, manager, popular, 2)
    rate(first, 5, 5)
    rate(first, 4, 4)  # the same mentee twice still counts once
    rate(second, 3, 3)
    assert mentor_feedback_ratings(program=program) == {}


def test_three_mentees_give_the_mean_of_both_ratings(
    program: Program, manager: User, popular: User
) -> None:
    first, second, third = mentees_of(program, manager, popular, 3)
    rate(first, 5, 4)
    rate(second, 3, 4, key="closing")
    rate(third, 2, 5)
    assert mentor_feedback_ratings(program=program) == {popular.pk: round(23 / 6, 3)}


def test_the_mentors_own_answers_never_count(
    program: Program, manager: User, popular: User
) -> None:
    relationships = mentees_of(program, manager, popular, 3)
    for relationship in relationships:
        survey = send(relationship=relationship, person=popular, key="check_in")
        answer(survey, {"quality": 5, "rhythm": "about_right"})
    assert mentor_feedback_ratings(program=program) == {}


def test_ratings_stay_within_their_program(
    program: Program, manager: User, popular: User, other_organisation_program: Program
) -> None:
    for relationship in mentees_of(program, manager, popular, 3):
        rate(relationship, 4, 4)
    assert mentor_feedback_ratings(program=other_organisation_program) == {}
    assert mentor_feedback_ratings(program=program) == {popular.pk: 4.0}
