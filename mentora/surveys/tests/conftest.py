"""Survey fixtures: a mentoring pair and a coaching pair of the shared personas, from the
relationship builders (`mentora.testing.relationships`); survey builders: `mentora.testing.surveys`.
"""

from __future__ import annotations

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Organisation, Program
from mentora.relationships.models import Relationship
from mentora.testing.relationships import coaching_pair, pair


@pytest.fixture
def relationship(program: Program, manager: User, mentor: User, mentee: User) -> Relationship:
    return pair(program, mentor=mentor, mentee=mentee, by=manager)


@pytest.fixture
def coaching(organisation: Organisation, manager: User, mentee: User) -> Relationship:
    """A coach of a coaching program for the mentee persona (a coach alongside a mentor)."""
    return coaching_pair(organisation, manager, mentee)
