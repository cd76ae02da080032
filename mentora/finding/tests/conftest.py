"""Fixtures of the finding tests: a second mentee and a second mentor of the shared program."""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Program
from mentora.testing.finding import add_mentee, add_mentor


@pytest.fixture
def other_mentee(program: Program) -> User:
    return add_mentee(program, "mentee2@example.org", "Nina Second")


@pytest.fixture
def second_mentor(program: Program) -> User:
    return add_mentor(program, "mentor2@example.org", "Pia Second", industry="technology")
