"""The demo relationships: every stage, with meetings, goals and questions."""

from __future__ import annotations

import random

import pytest

from mentora.accounts.models import User
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import program_update
from mentora.relationships.demo import relationships_demo_seed
from mentora.relationships.models import Meeting, Question, Relationship, Stage
from mentora.testing.relationships import enrolled_person as enroll

pytestmark = pytest.mark.django_db


def test_the_demo_holds_relationships_in_every_stage(
    program: Program, manager: User, mentor: User, mentee: User
) -> None:
    program_update(program=program, updated_by=manager, max_mentors_per_mentee=2)
    for i in range(12):
        enroll(program, f"demo-mentor-{i}@example.org", f"Mentor {i}", Enrollment.Role.MENTOR)
        enroll(program, f"demo-mentee-{i}@example.org", f"Mentee {i}", Enrollment.Role.MENTEE)
    created = relationships_demo_seed(program=program, rng=random.Random(7))
    assert {r.stage for r in Relationship.objects.all()} == set(Stage.values)
    assert len(created) == 12
    assert Meeting.objects.exists()
    assert Question.objects.exists()
    assert Relationship.objects.filter(mentee=mentee).exists()
