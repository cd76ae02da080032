"""The reports part of the demo, called by mentora.programs.demo after relationships are seeded."""

from __future__ import annotations

import random

from mentora.programs.models import Program


def reports_demo_seed(*, program: Program, rng: random.Random) -> None:
    """Add this app's demo data to one demo program (idempotent through demo_seed)."""
