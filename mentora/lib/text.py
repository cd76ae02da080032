"""Cleaning the text people type: trimmed, within its limit, never a NUL character.

Every service that stores free text passes it through `clean_text` (or `clean_line` for names and
titles that end up in email subjects and file names), so the same message reaches the page, the
API, the import and the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

NUL = "\x00"
# Line breaks and the other characters a one-line value (a name, a title) must not contain.
LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def clean_text(
    value: object,
    *,
    field: str,
    label: str,
    limit: int,
    required: bool = True,
) -> str:
    """The text trimmed; a `ValidationError` on `field` when it is empty (and required), longer
    than `limit` characters, or contains a NUL character."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({field: f"{label} must be text."})
    text = value.strip()
    if NUL in text:
        raise ValidationError({field: f"{label} contains a NUL character, which is not allowed."})
    if required and not text:
        raise ValidationError({field: f"{label} cannot be empty."})
    if len(text) > limit:
        raise ValidationError(
            {field: f"{label} has at most {limit:,} characters; this one has {len(text):,}."}
        )
    return text


def clean_line(
    value: object,
    *,
    field: str,
    label: str,
    limit: int,
    required: bool = True,
) -> str:
    """Like `clean_text`, for one line (names, titles): line breaks are refused too."""
    text = clean_text(value, field=field, label=label, limit=limit, required=required)
    if any(character in LINE_BREAKS for character in text):
        raise ValidationError({field: f"{label} must fit on one line (no line breaks)."})
    return text


def contains_nul(value: Any) -> bool:
    """Whether a NUL character hides anywhere in a value decoded from JSON (keys included)."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, Mapping):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(contains_nul(item) for item in value)
    return False


def refuse_nul(value: Any, *, field: str, label: str) -> None:
    """Raise a `ValidationError` on `field` when a NUL character hides anywhere in `value`."""
    if contains_nul(value):
        raise ValidationError({field: f"{label} contains a NUL character, which is not allowed."})
