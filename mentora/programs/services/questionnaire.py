"""A program's enrollment questionnaire: its questions, and checking the answers people give."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mentora.lib.text import clean_line, contains_nul
from mentora.programs.access import PROGRAM_CAPABILITIES, program_roles, require
from mentora.programs.models import Program, Question

if TYPE_CHECKING:
    from mentora.accounts.models import User

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 5000
CHOICE_MAX = 200
TEXT_MAX = Question._meta.get_field("text").max_length or 300
HELP_TEXT_MAX = Question._meta.get_field("help_text").max_length or 300
QUESTION_FIELDS = frozenset(
    {"text", "help_text", "kind", "choices", "required", "audience", "matching_rule", "weight"}
)


def _require_change(*, user: User, program: Program) -> None:
    require(
        PROGRAM_CAPABILITIES,
        roles=program_roles(program=program, user=user),
        to="manage",
        refusal="Only the program's managers can change its questionnaire.",
    )


def _clean_choices(*, kind: str, choices: Sequence[str]) -> list[str]:
    if isinstance(choices, str):
        raise ValidationError({"choices": "Give the choices as a list."})
    cleaned = [
        clean_line(str(c), field="choices", label="A choice", limit=CHOICE_MAX, required=False)
        for c in choices
    ]
    cleaned = [c for c in cleaned if c]
    if kind in {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE}:
        if len(cleaned) < 2:
            raise ValidationError({"choices": "A choice question needs at least two choices."})
        if len({c.lower() for c in cleaned}) != len(cleaned):
            raise ValidationError({"choices": "Each choice must be different."})
        return cleaned
    return []


def _clean_question(question: Question) -> None:
    question.text = clean_line(question.text, field="text", label="The question", limit=TEXT_MAX)
    question.help_text = clean_line(
        question.help_text,
        field="help_text",
        label="The help text",
        limit=HELP_TEXT_MAX,
        required=False,
    )
    question.choices = _clean_choices(kind=question.kind, choices=question.choices)
    _validate_matching_rule(question)
    question.full_clean()


@transaction.atomic
def question_create(
    *,
    program: Program,
    created_by: User,
    text: str,
    kind: str,
    choices: Sequence[str] = (),
    required: bool = False,
    audience: str = Question.Audience.BOTH,
    matching_rule: str = Question.MatchingRule.IGNORE,
    weight: float = 1.0,
    help_text: str = "",
) -> Question:
    """Add a question at the end of a program's questionnaire."""
    _require_change(user=created_by, program=program)
    last = program.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question(
        program=program,
        position=(last or 0) + 1,
        text=text,
        help_text=help_text,
        kind=kind,
        choices=list(choices) if not isinstance(choices, str) else choices,
        required=required,
        audience=audience,
        matching_rule=matching_rule,
        weight=weight,
    )
    _clean_question(question)
    question.save()
    return question


def _validate_matching_rule(question: Question) -> None:
    if question.matching_rule == Question.MatchingRule.IGNORE:
        return
    if question.kind == Question.Kind.LONG_TEXT:
        raise ValidationError({"matching_rule": "Long-text answers cannot be matched by a rule."})
    if question.audience != Question.Audience.BOTH:
        raise ValidationError(
            {"matching_rule": "A question used in matching must be answered by both sides."}
        )


@transaction.atomic
def question_update(*, question: Question, updated_by: User, **fields: Any) -> Question:
    """Change a question; its kind and choices are validated as on creation."""
    _require_change(user=updated_by, program=question.program)
    for name, value in fields.items():
        if name not in QUESTION_FIELDS | {"position"}:
            raise ValidationError(f"Unknown question field {name!r}.")
        setattr(question, name, value)
    _clean_question(question)
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question, deleted_by: User) -> None:
    """Remove a question and its answers."""
    _require_change(user=deleted_by, program=question.program)
    question.delete()


def answer_clean(*, question: Question, value: Any) -> Any:
    """Return the answer in its stored form, or raise a ValidationError saying what is wrong."""
    kind = question.kind
    if value is None or value == "" or value == []:
        return None
    if contains_nul(value):
        raise ValidationError("The answer contains a NUL character, which is not allowed.")
    if kind == Question.Kind.SINGLE_CHOICE:
        if not isinstance(value, str) or value not in question.choices:
            raise ValidationError(f"{value!r} is not one of the choices.")
        return value
    if kind == Question.Kind.MULTIPLE_CHOICE:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
            raise ValidationError("Choose from the list.")
        unknown = [v for v in values if v not in question.choices]
        if unknown:
            raise ValidationError(f"{', '.join(map(repr, unknown))} is not one of the choices.")
        return [c for c in question.choices if c in values]
    if kind == Question.Kind.SCALE:
        # JSON's true and false are not numbers, even though Python counts them as 1 and 0.
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValidationError(f"{value!r} is not a whole number from 1 to 5.")
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(f"{value!r} is not a whole number from 1 to 5.") from None
        if isinstance(value, float) and not value.is_integer():
            raise ValidationError(f"{value!r} is not a whole number from 1 to 5.")
        if not 1 <= number <= 5:
            raise ValidationError(f"{number} is outside the scale of 1 to 5.")
        return number
    limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
    if not isinstance(value, str):
        raise ValidationError("Write your answer as text.")
    text = value.strip()
    if len(text) > limit:
        raise ValidationError(f"Keep the answer under {limit} characters (it has {len(text)}).")
    return text or None


def answers_clean(
    *,
    program: Program,
    role: str,
    answers: Mapping[int, Any] | Mapping[str, Any],
    require_answers: bool = True,
) -> dict[int, Any]:
    """Validate a whole questionnaire; errors are keyed `question_<id>`.

    Without `require_answers`, required questions may stay unanswered (an import cannot answer
    them; the person is asked to later).
    """
    questions = [q for q in program.questions.all() if q.applies_to(role)]
    # Forms give integer keys, JSON gives string keys: accept both.
    given: dict[str, Any] = {str(key): value for key, value in answers.items()}
    by_id = {q.pk: q for q in questions}
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, Any] = {}
    for key in answers:
        if contains_nul(key):
            errors.setdefault("answers", []).append(
                "A question number contains a NUL character, which is not allowed."
            )
            continue
        try:
            qid = int(key)
        except (TypeError, ValueError):
            errors.setdefault("answers", []).append(f"{key!r} is not a question number.")
            continue
        if qid not in by_id:
            errors.setdefault("answers", []).append(
                f"Question {qid} is not part of this questionnaire for a {role}."
            )
    for question in questions:
        raw = given.get(str(question.pk))
        try:
            value = answer_clean(question=question, value=raw)
        except ValidationError as error:
            errors[f"question_{question.pk}"] = list(error.messages)
            continue
        if value is None:
            if question.required and require_answers:
                errors[f"question_{question.pk}"] = ["This question needs an answer."]
            continue
        cleaned[question.pk] = value
    if errors:
        raise ValidationError(errors)
    return cleaned
