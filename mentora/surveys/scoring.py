"""Checking answers against their items, and scoring a response scale by scale.

`validate_answers` and `score_answers` are pure (no database): they take items and values, so
they are tested on known answers directly; `score_response` applies them to a stored response.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ValidationError

from mentora.lib.forms import error_text
from mentora.lib.text import clean_text, contains_nul

if TYPE_CHECKING:
    from mentora.surveys.models import Response

TEXT_MAX = 5000
RANGES = {"agree_1_5": (1, 5), "scale_0_10": (0, 10)}


class ScoredItem(Protocol):
    """What scoring one answer needs to know of its item."""

    kind: str
    reverse_scored: bool


class ItemLike(Protocol):
    key: str
    kind: str
    scale: str
    reverse_scored: bool
    required: bool
    choices: list[list[str]]
    text: str


def _short(value: object) -> str:
    """A value quoted for a message, control characters (a NUL…) written as escapes."""
    text = f'"{value}"' if isinstance(value, str) and value.isprintable() else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def clean_value(item: ItemLike, value: object) -> int | str | None:
    """The stored form of one answer (None when left empty); ValidationError naming the item."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if item.required:
            raise ValidationError(f'"{item.text}" needs an answer.', code="required")
        return None
    if contains_nul(value):
        # PostgreSQL stores no NUL character, in text or in JSON.
        raise ValidationError(
            f'The answer to "{item.text}" contains a NUL character, which is not allowed.',
            code="invalid",
        )
    if item.kind in RANGES:
        low, high = RANGES[item.kind]
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
            number = int(value.strip())
        if number is None or not low <= number <= high:
            raise ValidationError(
                f'{_short(value)} is not an answer to "{item.text}": choose a whole number from '
                f"{low} to {high}.",
                code="invalid",
            )
        return number
    if item.kind == "choice":
        allowed = [choice[0] for choice in item.choices]
        if not isinstance(value, str) or value not in allowed:
            raise ValidationError(
                f'{_short(value)} is not an answer to "{item.text}": choose one of '
                f"{', '.join(allowed)}.",
                code="invalid",
            )
        return value
    if not isinstance(value, str):
        raise ValidationError(
            f'{_short(value)} is not an answer to "{item.text}": write some text.', code="invalid"
        )
    if len(value.strip()) > TEXT_MAX:
        raise ValidationError(
            f'The answer to "{item.text}" is {len(value.strip())} characters long; '
            f"at most {TEXT_MAX}.",
            code="invalid",
        )
    try:
        return clean_text(
            value,
            field=item.key,
            label=f'The answer to "{item.text}"',
            limit=TEXT_MAX,
            required=False,
        )
    except ValidationError as error:
        raise ValidationError(error_text(error), code="invalid") from None


def validate_answers(
    items: Iterable[ItemLike], values: Mapping[str, object]
) -> dict[str, int | str | None]:
    """Every item's cleaned value by item key; one ValidationError with a message per bad item."""
    items = list(items)
    errors: dict[str, list[ValidationError]] = {}
    known = {item.key for item in items}
    for key in values:
        if key not in known:
            errors[key] = [
                ValidationError(
                    f"{_short(key)} is not a question of this survey; its questions are "
                    f"{', '.join(sorted(known))}.",
                    code="unknown",
                )
            ]
    cleaned: dict[str, int | str | None] = {}
    for item in items:
        try:
            cleaned[item.key] = clean_value(item, values.get(item.key))
        except ValidationError as error:
            errors[item.key] = [error]
    if errors:
        raise ValidationError(errors)
    return cleaned


def scored_value(item: ScoredItem, number: int) -> float:
    """The value an answer adds to its scale: reversed items count from the other end."""
    if not item.reverse_scored:
        return float(number)
    low, high = RANGES[item.kind]
    return float(low + high - number)


def score_answers(
    items: Iterable[ItemLike], values: Mapping[str, int | str | None]
) -> dict[str, float]:
    """The mean of each scale's answered numeric items (reverse-scored items flipped)."""
    by_scale: dict[str, list[float]] = defaultdict(list)
    for item in items:
        value = values.get(item.key)
        if not item.scale or item.kind not in RANGES or not isinstance(value, int):
            continue
        by_scale[item.scale].append(scored_value(item, value))
    return {scale: sum(numbers) / len(numbers) for scale, numbers in by_scale.items()}


def score_response(response: Response) -> dict[str, float]:
    """Per-scale means of a stored response."""
    answers = list(response.answers.select_related("item"))
    return score_answers(
        [answer.item for answer in answers],
        {answer.item.key: answer.number for answer in answers},
    )
