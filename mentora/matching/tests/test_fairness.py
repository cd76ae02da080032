"""The fairness view of a match run's draft, and the differencing attack on it (issue 10, 6).

A manager records the fairness view, forbids every pair of one mentee, re-runs, records it again
and guesses the mentee's gender from the difference. Before the protection only that mentee's
group changed (one fewer matched), so the guess was always right.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from rest_framework.test import APIClient

from mentora.accounts.models import User
from mentora.lib.group_figures import NOISE_BOUND
from mentora.matching.fairness import SMALL_GROUPS_LABEL, run_fairness
from mentora.matching.models import MatchRun
from mentora.profiles.services import demographics_update
from mentora.programs.models import Program
from mentora.testing.matching import add_mentee, add_mentor

pytestmark = pytest.mark.django_db

GENDERS = {
    "woman": "Woman",
    "man": "Man",
    "non_binary": "Non-binary",
    "self_described": "Self-described",
}
PER_GROUP = 6
TRIALS = 10


def _program_with_groups(program: Program) -> tuple[list[User], list[User], dict[int, str]]:
    mentors = [add_mentor(program, f"mentor{n}@example.org", capacity=40) for n in range(3)]
    mentees: list[User] = []
    group_of: dict[int, str] = {}
    for gender, label in GENDERS.items():
        for number in range(PER_GROUP):
            mentee = add_mentee(program, f"{gender}{number}@example.org")
            demographics_update(user=mentee, gender=gender)
            group_of[mentee.pk] = label
            mentees.append(mentee)
    return mentors, mentees, group_of


def _run(client: APIClient, program: Program) -> int:
    response = client.post(f"/api/programs/{program.pk}/match-runs/", {}, format="json")
    assert response.status_code == 202, response.content
    run_id = int(response.json()["id"])
    assert MatchRun.objects.get(pk=run_id).status == MatchRun.Status.DRAFT
    return run_id


def _gender_view(client: APIClient, run_id: int) -> dict[str, dict[str, Any]]:
    response = client.get(f"/api/match-runs/{run_id}/fairness/")
    assert response.status_code == 200, response.content
    [gender] = [table for table in response.json() if table["dimension"] == "Gender"]
    return {row["group"]: row for row in gender["rows"]}


def _moved(before: Mapping[str, Any], after: Mapping[str, Any]) -> set[str]:
    return {name for name in before if before[name] != after.get(name)}


def test_forbidding_one_mentee_and_rerunning_does_not_tell_their_group(
    program: Program, manager: User
) -> None:
    mentors, mentees, group_of = _program_with_groups(program)
    client = APIClient()
    client.force_authenticate(manager)
    run_id = _run(client, program)

    sure, right = [], 0
    for person in mentees[::2][:TRIALS]:
        before = _gender_view(client, run_id)
        for mentor in mentors:
            forbidden = client.post(
                f"/api/programs/{program.pk}/match-pins/",
                {"mentee": person.pk, "mentor": mentor.pk, "kind": "forbid"},
                format="json",
            )
            assert forbidden.status_code == 201, forbidden.content
        run_id = _run(client, program)
        after = _gender_view(client, run_id)

        moved = _moved(before, after)
        if len(moved) == 1:
            sure.append((person.email, moved.pop() == group_of[person.pk]))
        guess = min(after, key=lambda name: after[name]["matched"] - before[name]["matched"])
        right += guess == group_of[person.pk]

    assert not sure, f"only one group moved after the re-run: {sure}"
    # Chance is one in four; without the protection the guess was right every time.
    assert right <= TRIALS * 3 // 4, f"the best guess was right {right} of {TRIALS}"


def test_the_same_draft_shows_the_same_fairness(program: Program, manager: User) -> None:
    _program_with_groups(program)
    client = APIClient()
    client.force_authenticate(manager)
    run_id = _run(client, program)

    assert client.get(f"/api/match-runs/{run_id}/fairness/").json() == (
        client.get(f"/api/match-runs/{run_id}/fairness/").json()
    )


def test_fairness_rows_are_within_the_noise_bound(program: Program, manager: User) -> None:
    _program_with_groups(program)
    add_mentee(program, "alone@example.org")  # states no gender: "Not stated"
    client = APIClient()
    client.force_authenticate(manager)
    run = MatchRun.objects.get(pk=_run(client, program))

    [gender, ethnicity, nationality] = run_fairness(run=run)

    rows = {row.group: row for row in gender.rows}
    assert set(GENDERS.values()) <= set(rows)
    for label in GENDERS.values():
        row = rows[label]
        assert abs(row.mentees - PER_GROUP) <= NOISE_BOUND
        assert 0.0 <= row.match_rate <= 1.0
        assert row.match_rate_margin > 0
        assert row.mean_score is not None
        assert 0.0 <= row.mean_score <= 100.0
    # The one mentee who states no gender is a group of one: merged, and not shown.
    assert rows[SMALL_GROUPS_LABEL].mentees == 0
    assert rows[SMALL_GROUPS_LABEL].merged
    # Self-identifying in one dimension leaves the others at "prefer not to say".
    assert [row.group for row in ethnicity.rows] == ["Prefer not to say", SMALL_GROUPS_LABEL]
    assert nationality.dimension == "Nationality"
