"""The finding demo: requests waiting for the demo mentor, bookmarks, and response times."""

from __future__ import annotations

import random

import pytest

from mentora.finding.demo import MENTEE_EMAIL, MENTOR_EMAIL, finding_demo_seed
from mentora.finding.models import Bookmark, MentorConsideration, MentorRequest, RequestStatus
from mentora.finding.selectors import mentor_response_hours
from mentora.programs.models import Enrollment, Program
from mentora.programs.services import enrollment_submit
from mentora.testing import make_person
from mentora.testing.finding import add_mentee, add_mentor

pytestmark = pytest.mark.django_db


def test_the_demo_fills_requests_bookmarks_and_response_times(program: Program) -> None:
    demo_mentor = make_person(MENTOR_EMAIL, "Samuel Okafor")
    enrollment_submit(
        program=program,
        user=demo_mentor,
        role=Enrollment.Role.MENTOR,
        answers={},
        mentor_offer={"capacity": 2},
    )
    demo_mentee = add_mentee(program, MENTEE_EMAIL, "Lena Fischer")
    for i in range(6):
        add_mentor(program, f"demo-mentor-{i}@example.org", f"Mentor {i}")
        add_mentee(program, f"demo-mentee-{i}@example.org", f"Mentee {i}")

    finding_demo_seed(program=program, rng=random.Random(3))
    finding_demo_seed(program=program, rng=random.Random(3))  # a second call adds nothing

    waiting = MentorRequest.objects.filter(mentor=demo_mentor, status=RequestStatus.PENDING)
    assert waiting.count() == 3
    assert any(r.messages.count() == 2 for r in waiting)
    assert Bookmark.objects.filter(mentee=demo_mentee).count() == 3
    assert MentorConsideration.objects.filter(mentee=demo_mentee).count() == 1
    assert demo_mentor.pk in mentor_response_hours(program=program)


def test_coaching_and_manager_run_programs_get_nothing(program: Program) -> None:
    program.matching_mode = Program.MatchingMode.MANAGER
    program.save()
    add_mentor(program, "m@example.org", "Mo Mentor")
    add_mentee(program, "e@example.org", "Em Mentee")

    finding_demo_seed(program=program, rng=random.Random(1))

    assert not MentorRequest.objects.exists()
