"""Answers are checked against their item's kind, and responses are scored scale by scale."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError

from mentora.relationships.models import Relationship
from mentora.surveys.instruments import BUILTIN_INSTRUMENTS
from mentora.surveys.scoring import score_answers, score_response, validate_answers
from mentora.testing.surveys import CHECK_IN_ANSWERS, answer, send


@dataclass
class FakeItem:
    key: str
    kind: str
    scale: str = ""
    reverse_scored: bool = False
    required: bool = True
    choices: list[list[str]] = field(default_factory=list)
    text: str = "A question"


AGREE = FakeItem("confidence", "agree_1_5", scale="confidence", text="I trust my judgement.")
TEN = FakeItem("nps", "scale_0_10", scale="recommend", text="How likely are you to recommend us?")
PICK = FakeItem(
    "rhythm", "choice", choices=[["often", "Often"], ["rarely", "Rarely"]], text="Rhythm?"
)
FREE = FakeItem("comment", "text", required=False, text="Anything else?")


def messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


@pytest.mark.parametrize("value", [0, 6, "seven", 2.5, True, None, "", [3]])
def test_agreement_refuses_anything_but_1_to_5(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_answers([AGREE], {"confidence": value})
    text = messages(caught.value)["confidence"][0]
    assert "I trust my judgement." in text


def test_the_message_names_the_item_and_the_value() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_answers([AGREE, TEN], {"confidence": 9, "nps": 11})
    errors = messages(caught.value)
    assert errors["confidence"] == [
        '9 is not an answer to "I trust my judgement.": choose a whole number from 1 to 5.'
    ]
    assert "11" in errors["nps"][0]
    assert "0 to 10" in errors["nps"][0]


def test_numbers_may_come_as_text_from_forms() -> None:
    assert validate_answers([AGREE, TEN], {"confidence": "4", "nps": "0"}) == {
        "confidence": 4,
        "nps": 0,
    }


def test_choice_must_be_one_of_the_values() -> None:
    assert validate_answers([PICK], {"rhythm": "often"}) == {"rhythm": "often"}
    with pytest.raises(ValidationError) as caught:
        validate_answers([PICK], {"rhythm": "sometimes"})
    assert "often, rarely" in messages(caught.value)["rhythm"][0]


def test_optional_text_may_be_left_empty_but_not_too_long() -> None:
    assert validate_answers([FREE], {}) == {"comment": None}
    with pytest.raises(ValidationError) as caught:
        validate_answers([FREE], {"comment": "x" * 5001})
    assert "5001 characters" in messages(caught.value)["comment"][0]


def test_unknown_questions_are_refused_by_name() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_answers([AGREE], {"confidence": 3, "salary": 5})
    assert '"salary" is not a question' in messages(caught.value)["salary"][0]


def test_scale_means_on_known_answers() -> None:
    items = [
        FakeItem("a", "agree_1_5", scale="network"),
        FakeItem("b", "agree_1_5", scale="network", reverse_scored=True),
        FakeItem("c", "agree_1_5", scale="confidence"),
        FakeItem("d", "scale_0_10", scale="recommend", reverse_scored=True),
        PICK,
        FREE,
    ]
    values: dict[str, int | str | None] = {
        "a": 4,
        "b": 2,  # reversed: 4
        "c": 1,
        "d": 3,  # reversed on 0-10: 7
        "rhythm": "often",
        "comment": "fine",
    }
    assert score_answers(items, values) == {"network": 4.0, "confidence": 1.0, "recommend": 7.0}


def test_unanswered_items_do_not_count() -> None:
    items = [FakeItem("a", "agree_1_5", scale="s"), FakeItem("b", "agree_1_5", scale="s")]
    assert score_answers(items, {"a": 5, "b": None}) == {"s": 5.0}


@pytest.mark.django_db
def test_score_response_of_a_stored_mentee_benefits_survey(relationship: Relationship) -> None:
    survey = send(relationship=relationship, person=relationship.mentee, key="mentee_benefits")
    spec = next(s for s in BUILTIN_INSTRUMENTS if s.key == "mentee_benefits")
    # Every item 4; reversed items (organisation_2, satisfaction_2) answered 2, which scores 4.
    values = {item.key: 2 if item.reverse_scored else 4 for item in spec.items}
    values["industry_1"] = 2  # industry knowledge: (2 + 4) / 2
    response = answer(survey, values)
    scores = score_response(response)
    assert scores["industry_knowledge"] == 3.0
    assert scores["organisation_knowledge"] == 4.0
    assert scores["career_satisfaction"] == 4.0
    assert set(scores) == {
        "industry_knowledge",
        "organisation_knowledge",
        "professional_network",
        "soft_skills",
        "professional_development",
        "career_satisfaction",
        "commitment",
        "confidence",
    }


@pytest.mark.django_db
def test_check_in_score_ignores_choice_and_text(relationship: Relationship) -> None:
    survey = send(relationship=relationship, person=relationship.mentee, key="check_in")
    scores = score_response(answer(survey, CHECK_IN_ANSWERS))
    assert scores == {"relationship_quality": 4.0, "honest_feedback": 5.0, "makes_time": 4.0}
