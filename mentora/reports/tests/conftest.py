"""Reports fixtures: the cohort whose every figure is known (mentora.testing.reports)."""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.testing.reports import Cohort, build_cohort, identify


@pytest.fixture
def cohort(program: Program, manager: User) -> Cohort:
    return build_cohort(program, manager)


@pytest.fixture
def identified(cohort: Cohort) -> Cohort:
    """Five women (mentees E1-E5), six men (E6, E7, M1-M4), one prefers not to say (E8)."""
    return identify(cohort)
