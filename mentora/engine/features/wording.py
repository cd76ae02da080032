"""Small helpers that turn numbers and lists into the words of the reasons."""

from __future__ import annotations

from mentora.engine.taxonomy import normalise_name


def hours(value: float) -> str:
    """A number of hours (or years, days): whole when close to whole, else one decimal."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def plural(count: float, word: str) -> str:
    """'1 skill', '3 skills', '1.5 hours'."""
    return f"{hours(count)} {word}" + ("" if abs(count - 1) < 0.05 else "s")


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def label(value: str) -> str:
    """A name as the reasons show it: lower case, single spaces."""
    return normalise_name(value)
