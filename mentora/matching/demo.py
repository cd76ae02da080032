"""The matching part of the demo, called by mentora.programs.demo after relationships are seeded."""

from __future__ import annotations

import random

from mentora.matching.models import MatchRun
from mentora.matching.services import match_run_start
from mentora.programs.models import Program
from mentora.programs.selectors import first_manager


def matching_demo_seed(*, program: Program, rng: random.Random) -> MatchRun | None:
    """A finished draft over the demo mentoring program's mentees still waiting for a mentor.

    The engine runs synchronously here (a few seconds at most), so `make run` opens with a draft
    to review. Coaching programs get none. A second call adds nothing.
    """
    del rng  # the engine is deterministic for its fixed seed
    if program.kind != Program.Kind.MENTORING or MatchRun.objects.filter(program=program).exists():
        return None
    manager = first_manager(organisation=program.organisation)
    if manager is None:
        return None
    return match_run_start(program=program, started_by=manager, background=False)
