"""The questionnaire: question kinds, matching rules, and answers validated by type."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mentora.accounts.models import User
from mentora.programs.models import Program, Question
from mentora.programs.services import answers_clean, question_create

pytestmark = pytest.mark.django_db


def _q(program: Program, manager: User, kind: str, **kw: Any) -> Question:
    return question_create(
        program=program, created_by=manager, text=f"A {kind} question", kind=kind, **kw
    )


def test_each_kind_accepts_its_own_answers(program: Program, manager: User) -> None:
    single = _q(program, manager, Question.Kind.SINGLE_CHOICE, choices=["Yes", "No"])
    multi = _q(program, manager, Question.Kind.MULTIPLE_CHOICE, choices=["A", "B", "C"])
    scale = _q(program, manager, Question.Kind.SCALE)
    short = _q(program, manager, Question.Kind.SHORT_TEXT)
    long = _q(program, manager, Question.Kind.LONG_TEXT)
    cleaned = answers_clean(
        program=program,
        role="mentee",
        answers={
            single.pk: "Yes",
            multi.pk: ["C", "A"],
            scale.pk: "4",
            short.pk: " hi ",
            long.pk: "x" * 300,
        },
    )
    assert cleaned == {
        single.pk: "Yes",
        multi.pk: ["A", "C"],
        scale.pk: 4,
        short.pk: "hi",
        long.pk: "x" * 300,
    }


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (Question.Kind.SINGLE_CHOICE, "Maybe", "not one of the choices"),
        (Question.Kind.MULTIPLE_CHOICE, ["A", "Z"], "not one of the choices"),
        (Question.Kind.SCALE, 6, "outside the scale"),
        (Question.Kind.SCALE, "four", "not a whole number"),
        (Question.Kind.SHORT_TEXT, "x" * 201, "under 200 characters"),
    ],
)
def test_wrong_answers_are_refused_by_type(
    program: Program, manager: User, kind: str, value: Any, message: str
) -> None:
    question = _q(program, manager, kind, choices=["A", "B"] if "choice" in kind else [])
    with pytest.raises(ValidationError) as error:
        answers_clean(program=program, role="mentee", answers={question.pk: value})
    assert message in str(error.value.message_dict[f"question_{question.pk}"])


def test_required_questions_need_an_answer(program: Program, manager: User) -> None:
    question = _q(program, manager, Question.Kind.SHORT_TEXT, required=True)
    with pytest.raises(ValidationError, match="needs an answer"):
        answers_clean(program=program, role="mentee", answers={})
    assert question.pk


def test_questions_for_mentors_are_not_asked_of_mentees(program: Program, manager: User) -> None:
    question = _q(program, manager, Question.Kind.SHORT_TEXT, audience="mentors", required=True)
    assert answers_clean(program=program, role="mentee", answers={}) == {}
    with pytest.raises(ValidationError, match="not part of this questionnaire"):
        answers_clean(program=program, role="mentee", answers={question.pk: "hello"})


def test_a_choice_question_needs_two_distinct_choices(program: Program, manager: User) -> None:
    with pytest.raises(ValidationError, match="at least two"):
        _q(program, manager, Question.Kind.SINGLE_CHOICE, choices=["Only"])


def test_matching_rules_need_a_question_both_sides_answer(program: Program, manager: User) -> None:
    with pytest.raises(ValidationError, match="both sides"):
        _q(program, manager, Question.Kind.SCALE, audience="mentees", matching_rule="should_match")
    with pytest.raises(ValidationError, match="Long-text"):
        _q(program, manager, Question.Kind.LONG_TEXT, matching_rule="must_match")


def test_outsiders_cannot_add_questions(program: Program, outsider: User) -> None:
    with pytest.raises(PermissionDenied):
        _q(program, outsider, Question.Kind.SCALE)
