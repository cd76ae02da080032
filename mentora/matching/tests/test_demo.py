"""The demo's match run: a finished draft for the mentoring program, none for coaching."""

from __future__ import annotations

import random

import pytest

from mentora.accounts.models import User
from mentora.matching.demo import matching_demo_seed
from mentora.matching.models import MatchRun
from mentora.programs.demo import MENTORING_PROGRAM_NAME
from mentora.programs.models import Program
from mentora.site.demo import demo_seed
from mentora.testing.matching import populate

pytestmark = pytest.mark.django_db


def test_the_demo_gets_a_draft_once(program: Program, manager: User) -> None:
    populate(program, mentors=3, mentees=4)
    run = matching_demo_seed(program=program, rng=random.Random(1))
    assert run is not None
    assert run.status == MatchRun.Status.DRAFT
    assert run.proposals.count() == 4
    assert matching_demo_seed(program=program, rng=random.Random(1)) is None
    assert MatchRun.objects.count() == 1


def test_coaching_programs_get_no_demo_run(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    program.kind = "coaching"
    program.save()
    assert matching_demo_seed(program=program, rng=random.Random(1)) is None


def test_the_whole_demo_has_a_draft(db: None) -> None:
    demo_seed()
    program = Program.objects.get(name=MENTORING_PROGRAM_NAME)
    run = MatchRun.objects.get(program=program)
    assert run.status == MatchRun.Status.DRAFT, run.error
    assert run.proposals.exists()
    assert run.finished_at is not None
    assert run.started_at is not None
