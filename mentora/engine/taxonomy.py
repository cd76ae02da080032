"""Skill names to canonical skills: case, spacing and synonyms ("ML" is "machine learning")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# A small built-in map; the platform passes its seeded taxonomy (name or synonym -> canonical).
BUILTIN_SYNONYMS: dict[str, str] = {
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "js": "javascript",
    "ts": "typescript",
    "py": "python",
    "postgres": "postgresql",
    "k8s": "kubernetes",
    "ux": "user experience",
    "ui": "user interface",
    "pm": "product management",
    "product manager": "product management",
    "people management": "leadership",
    "team leadership": "leadership",
    "managing people": "leadership",
    "presenting": "public speaking",
    "presentations": "public speaking",
    "speaking": "public speaking",
    "negotiating": "negotiation",
    "stats": "statistics",
    "structured query language": "sql",
    "data analytics": "data analysis",
    "analytics": "data analysis",
    "excel": "spreadsheets",
    "spreadsheet": "spreadsheets",
    "copywriting": "writing",
    "mentoring": "coaching",
}

_SPACES = re.compile(r"[\s_\-]+")


def normalise_name(name: str) -> str:
    """Lower-case a name and collapse spaces, underscores and hyphens to single spaces."""
    return _SPACES.sub(" ", name.strip().lower()).strip()


class Taxonomy:
    """Maps any spelling or synonym of a skill to one canonical name."""

    def __init__(self, synonyms: Mapping[str, str] | None = None, *, builtin: bool = True) -> None:
        mapping: dict[str, str] = {}
        if builtin:
            mapping.update(BUILTIN_SYNONYMS)
        for name, canonical in (synonyms or {}).items():
            mapping[normalise_name(name)] = normalise_name(canonical)
        # Canonical names map to themselves, and chains (a -> b -> c) are followed once here.
        resolved: dict[str, str] = {}
        for name, canonical in mapping.items():
            seen = {name}
            while (
                canonical in mapping and canonical not in seen and mapping[canonical] != canonical
            ):
                seen.add(canonical)
                canonical = mapping[canonical]
            resolved[name] = canonical
        self._canonical = resolved

    def canonical(self, name: str) -> str:
        """The canonical form of one skill name ("" stays "")."""
        key = normalise_name(name)
        return self._canonical.get(key, key)

    def canonical_set(self, names: Iterable[str]) -> tuple[str, ...]:
        """Canonical, de-duplicated skills in first-seen order, empty names dropped."""
        seen: dict[str, None] = {}
        for name in names:
            canonical = self.canonical(name)
            if canonical:
                seen.setdefault(canonical, None)
        return tuple(seen)
