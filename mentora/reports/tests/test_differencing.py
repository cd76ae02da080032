"""The differencing attack on the dashboard's comparison by group (issue 10, finding 6).

A manager records the comparison by gender, pairs one person, records it again, and guesses that
person's gender from the difference. Before the protection exactly one group's match rate moved,
so the guess was always right. The attacker here tries both ways of reading the difference: the
sure one (only one group moved) and the best guess (the group whose matched count rose most,
rebuilt from the rate and its n); the protection must leave the first nothing to go on and the
second little better than chance.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.lib.group_figures import COUNT_MARGIN, NOISE_BOUND
from mentora.profiles.services import demographics_update
from mentora.programs.models import Enrollment, Program
from mentora.relationships.models import Relationship
from mentora.relationships.services import relationship_create
from mentora.testing import enroll, make_person

pytestmark = pytest.mark.django_db

# Four groups of mentees; each has five already paired and a few the attack pairs one by one.
GROUPS = {"woman": 9, "man": 9, "non_binary": 9, "self_described": 9}
PAIRED_FIRST = 5
LABELS = {
    "woman": "Woman",
    "man": "Man",
    "non_binary": "Non-binary",
    "self_described": "Self-described",
}


def _program_with_groups(program: Program, manager: User) -> tuple[list[User], dict[int, str]]:
    """Mentors (who do not self-identify) and mentees in four gender groups; returns the mentees
    not paired yet and everyone's group."""
    mentors = []
    for number in range(4):
        mentor = make_person(f"mentor{number}@example.org", f"Mentor {number}")
        enroll(program, mentor, Enrollment.Role.MENTOR, capacity=40)
        mentors.append(mentor)
    program.max_mentors_per_mentee = 1
    program.save(update_fields=["max_mentors_per_mentee"])
    waiting: list[User] = []
    group_of: dict[int, str] = {}
    for gender, size in GROUPS.items():
        for number in range(size):
            mentee = make_person(f"{gender}{number}@example.org", f"{gender} {number}")
            enroll(program, mentee, Enrollment.Role.MENTEE)
            demographics_update(user=mentee, gender=gender)
            group_of[mentee.pk] = LABELS[gender]
            if number < PAIRED_FIRST:
                _pair(program, manager, mentors[number % len(mentors)], mentee)
            else:
                waiting.append(mentee)
    # Every mentor is matched before the attack: only the mentee's side can move.
    return waiting, group_of


def _pair(program: Program, manager: User, mentor: User, mentee: User) -> None:
    relationship_create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        created_by=manager,
        origin=Relationship.Origin.MANAGER_PAIR,
    )


def _groups_view(client: APIClient, program: Program) -> dict[str, dict[str, Any]]:
    response = client.get(f"/api/programs/{program.pk}/dashboard/groups/", {"dimension": "gender"})
    assert response.status_code == 200, response.content
    return {row["name"]: row for row in response.json()["rows"]}


def _matched(row: Mapping[str, Any]) -> float:
    """The matched mentees of a group as the attacker rebuilds them: rate times its n."""
    rate = row["mentee_match_rate"]
    return float(rate["value"] or 0) * int(rate["n"])


def _moved(before: Mapping[str, Any], after: Mapping[str, Any]) -> set[str]:
    return {name for name in before if before[name] != after.get(name)}


def test_pairing_one_person_does_not_tell_their_group(program: Program, manager: User) -> None:
    waiting, group_of = _program_with_groups(program, manager)
    mentor = User.objects.get(email="mentor0@example.org")
    client = APIClient()
    client.force_authenticate(manager)

    sure, right = [], 0
    for person in waiting:
        before = _groups_view(client, program)
        _pair(program, manager, mentor, person)
        after = _groups_view(client, program)

        moved = _moved(before, after)
        if len(moved) == 1:
            sure.append((person.email, moved.pop() == group_of[person.pk]))
        guess = max(after, key=lambda name: _matched(after[name]) - _matched(before[name]))
        right += guess == group_of[person.pk]

    assert not sure, f"only one group moved after pairing: {sure}"
    # Chance is one in four; without the protection the guess was right every time.
    assert right <= len(waiting) * 3 // 4, f"the best guess was right {right} of {len(waiting)}"


def test_the_same_data_shows_the_same_figures(program: Program, manager: User) -> None:
    _program_with_groups(program, manager)
    client = APIClient()
    client.force_authenticate(manager)

    assert _groups_view(client, program) == _groups_view(client, program)


def test_every_figure_stays_within_the_noise_bound(program: Program, manager: User) -> None:
    """However the noise falls, a shown count is within NOISE_BOUND of the truth and a rate's
    n is; the 95% interval of a count is ±COUNT_MARGIN."""
    _program_with_groups(program, manager)
    client = APIClient()
    client.force_authenticate(manager)

    rows = _groups_view(client, program)

    assert set(rows) == set(LABELS.values())
    for row in rows.values():
        assert abs(row["people"] - 9) <= NOISE_BOUND
        rate = row["mentee_match_rate"]
        assert abs(rate["n"] - 9) <= NOISE_BOUND
        assert rate["low"] <= rate["value"] <= rate["high"]
    assert COUNT_MARGIN < NOISE_BOUND
