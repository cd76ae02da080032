"""Timezones: which names exist, their offsets, and working hours two people share."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from functools import lru_cache

# Working-hour overlap is taken at its worst over a winter and a summer day, so that daylight
# saving time on either side never makes a pair look better than it is for half of the year.
REFERENCE_INSTANTS = (
    dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC),
    dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC),
)


@lru_cache(maxsize=4096)
def timezone_offsets(name: str) -> tuple[float, ...]:
    """UTC offsets in hours of an IANA timezone at the reference instants."""
    zone = zoneinfo.ZoneInfo(name)
    offsets = []
    for instant in REFERENCE_INSTANTS:
        offset = instant.astimezone(zone).utcoffset()
        offsets.append(offset.total_seconds() / 3600.0 if offset is not None else 0.0)
    return tuple(offsets)


@lru_cache(maxsize=1)
def known_timezones() -> frozenset[str]:
    """Every IANA timezone name this machine knows."""
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def working_hours_overlap(
    offsets_a: Sequence[float], offsets_b: Sequence[float], start: float, end: float
) -> float:
    """Hours both people are in their working day, at the worst of the reference instants."""
    worst = 24.0
    for offset_a, offset_b in zip(offsets_a, offsets_b, strict=True):
        start_a, end_a = start - offset_a, end - offset_a
        start_b, end_b = start - offset_b, end - offset_b
        total = 0.0
        for shift in (-24.0, 0.0, 24.0):
            total += max(0.0, min(end_a, end_b + shift) - max(start_a, start_b + shift))
        worst = min(worst, total)
    return worst
