"""What apps above matching know about mentors that the engine weighs, registered, never imported.

The engine's mentor records carry a few measures of a mentor's track record. Some come from
apps below matching, which matching reads directly (past mentees' feedback: surveys). Others come
from apps above it: how fast a mentor answers requests is known to finding, which builds on
matching. Matching must not import finding (the layers contract forbids it), so finding
registers its loader here from its `AppConfig.ready`.

Why a registry filled by the higher app rather than a setting listing dotted paths (as
`MENTORA_DAILY_TASKS` does for jobs): the loader is part of the app's code, not a choice an
operator makes; registering it is a typed call that mypy checks and import-linter sees going the
right way (finding -> matching); and an app that is not installed registers nothing, so its
measure is simply unknown to the engine (scored neutrally) instead of failing on an import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from mentora.programs.models import Program

# A measure's loader: for one program, each mentor's value by user id (mentors without one are
# left out: the engine treats them as unknown).
MentorMeasure = Callable[[Program], Mapping[int, float]]

# The mentor record fields a higher app may fill.
RESPONSE_HOURS = "response_hours"
MEASURE_NAMES = frozenset({RESPONSE_HOURS})

_loaders: dict[str, MentorMeasure] = {}


def register_mentor_measure(name: str, loader: MentorMeasure) -> None:
    """Register the loader of one mentor measure (a higher app calls this from `ready`)."""
    if name not in MEASURE_NAMES:
        raise ValueError(
            f"{name!r} is not a mentor measure; use {', '.join(sorted(MEASURE_NAMES))}."
        )
    _loaders[name] = loader


def registered_measures() -> dict[str, MentorMeasure]:
    """The registered loaders, by measure name."""
    return dict(_loaders)


def load_mentor_measures(program: Program) -> dict[str, Mapping[int, float]]:
    """Every registered measure of the program's mentors (an empty mapping for unregistered)."""
    return {name: _loaders[name](program) if name in _loaders else {} for name in MEASURE_NAMES}
