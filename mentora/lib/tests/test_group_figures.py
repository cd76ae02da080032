"""The rule for figures by group: noisy counts keyed on the whole view, resisting differencing.

These tests need no database: a release is built from a view's inputs (rows), and the attack is
simulated on thousands of made-up programs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from mentora.lib.group_figures import (
    COUNT_MARGIN,
    NOISE_BOUND,
    GroupFigure,
    GroupRelease,
    state_digest,
)
from mentora.lib.suppression import MIN_PEOPLE

GROUPS = ("a", "b", "c", "d")


def _inputs(groups: dict[int, str], matched: set[int]) -> list[tuple[object, ...]]:
    return [(person, group, person in matched) for person, group in groups.items()]


def _view(program_id: int, groups: dict[int, str], matched: set[int]) -> dict[str, GroupFigure]:
    """A tiny group view: the match rate of each group, released like the dashboard's."""
    release = GroupRelease(program_id=program_id, view="test", inputs=_inputs(groups, matched))
    members: dict[str, list[int]] = {}
    for person, group in groups.items():
        members.setdefault(group, []).append(person)
    return {
        group: release.share(sum(1 for p in people if p in matched), len(people), cell=group)
        for group, people in members.items()
    }


def _matched(figure: GroupFigure) -> float:
    return (figure.value or 0.0) * figure.n


def test_the_same_inputs_give_the_same_noise_in_any_order() -> None:
    rows = [(1, "a", True), (2, "b", False), (3, "a", False)]
    first = GroupRelease(program_id=7, view="v", inputs=rows)
    again = GroupRelease(program_id=7, view="v", inputs=list(reversed(rows)))

    assert [first.count_noise(f"c{i}") for i in range(50)] == [
        again.count_noise(f"c{i}") for i in range(50)
    ]
    assert state_digest(rows) == state_digest(reversed(rows))


def test_another_program_or_view_draws_other_noise() -> None:
    rows = [(1, "a", True)]
    noise = [
        GroupRelease(program_id=7, view="v", inputs=rows).count_noise(f"c{i}") for i in range(50)
    ]

    assert noise != [
        GroupRelease(program_id=8, view="v", inputs=rows).count_noise(f"c{i}") for i in range(50)
    ]
    assert noise != [
        GroupRelease(program_id=7, view="w", inputs=rows).count_noise(f"c{i}") for i in range(50)
    ]


def test_one_changed_input_redraws_every_cell() -> None:
    groups = {person: GROUPS[person % 4] for person in range(40)}
    before = _view(3, groups, set(range(0, 40, 3)))
    after = _view(3, groups, set(range(0, 40, 3)) | {1})

    # Person 1 is in group "b", yet the other groups' figures are redrawn too.
    moved = {group for group in before if before[group] != after[group]}
    assert moved - {"b"}


def test_noise_stays_within_its_bound_and_mostly_within_its_margin() -> None:
    draws = [
        GroupRelease(program_id=1, view="v", inputs=[(i,)]).count_noise("cell") for i in range(4000)
    ]

    assert all(abs(draw) <= NOISE_BOUND for draw in draws)
    within = sum(1 for draw in draws if abs(draw) <= COUNT_MARGIN) / len(draws)
    assert 0.93 <= within <= 0.98
    assert abs(sum(draws) / len(draws)) < 0.2  # no bias


def test_a_figure_of_fewer_than_five_is_withheld_and_says_so() -> None:
    release = GroupRelease(program_id=1, view="v", inputs=[(1,)])

    for whole in range(MIN_PEOPLE):
        figure = release.share(0, whole, cell=f"w{whole}")
        assert figure.suppressed
        assert figure.value is None
        assert figure.n < MIN_PEOPLE
        assert figure.low is None
        assert figure.high is None
    assert not release.share(3, MIN_PEOPLE, cell="five").suppressed
    assert release.mean([4.0] * 4, cell="m", lowest=1, highest=5).suppressed


@settings(max_examples=200, deadline=None)
@given(
    part=st.integers(0, 5000),
    extra=st.integers(0, 5000),
    seed=st.integers(0, 10**6),
)
def test_a_share_is_a_share_with_its_interval(part: int, extra: int, seed: int) -> None:
    whole = max(part + extra, MIN_PEOPLE)
    part = min(part, whole)
    figure = GroupRelease(program_id=seed, view="v", inputs=[(seed,)]).share(part, whole, cell="x")

    assert figure.value is not None
    assert figure.low is not None
    assert figure.high is not None
    assert 0.0 <= figure.low <= figure.value <= figure.high <= 1.0
    assert abs(figure.n - whole) <= NOISE_BOUND
    # Within its bound of the truth: noise of at most NOISE_BOUND on each count.
    if whole > 2 * NOISE_BOUND:
        bound = 2 * NOISE_BOUND / (whole - NOISE_BOUND) + 0.001
        assert abs(figure.value - part / whole) <= bound


def test_a_large_group_keeps_a_useful_figure() -> None:
    release = GroupRelease(program_id=1, view="v", inputs=[(1,)])
    rates = [release.share(600, 1000, cell=f"g{i}") for i in range(200)]

    assert all(abs((rate.value or 0) - 0.6) < 0.02 for rate in rates)
    assert all((rate.margin or 1) < 0.01 for rate in rates)
    mean = release.mean([4.0] * 1000, cell="quality", lowest=1, highest=5)
    assert mean.value is not None
    assert abs(mean.value - 4.0) < 0.1


def test_the_interval_covers_the_noise_free_value_about_95_times_in_100() -> None:
    covered = 0
    for seed in range(2000):
        rate = GroupRelease(program_id=seed, view="v", inputs=[(seed,)]).share(120, 300, cell="x")
        assert rate.low is not None
        assert rate.high is not None
        covered += rate.low <= 0.4 <= rate.high
    assert 0.92 <= covered / 2000 <= 0.99


def _attack(program_id: int, rng: random.Random) -> bool:
    """One differencing attack: pair one person, guess their group from the two views."""
    groups = {person: GROUPS[rng.randrange(4)] for person in range(rng.randrange(40, 200))}
    matched = {person for person in groups if rng.random() < 0.5}
    target = rng.choice([person for person in groups if person not in matched])
    before = _view(program_id, groups, matched)
    after = _view(program_id, groups, matched | {target})
    shown = [group for group in after if after[group].value is not None]
    if not shown:
        return False
    guess = max(shown, key=lambda group: _matched(after[group]) - _matched(before[group]))
    return guess == groups[target]


def test_the_best_guess_is_little_better_than_chance() -> None:
    """Over 3,000 made-up programs with four groups (chance: 25%), the attacker who guesses the
    group whose matched count rose most is right about 32% of the time; without the noise,
    always."""
    rng = random.Random(2026)
    right = sum(_attack(program_id, rng) for program_id in range(3000))

    assert right / 3000 < 0.36


def test_the_sure_attacker_never_sees_only_one_group_move() -> None:
    rng = random.Random(11)
    for program_id in range(500):
        groups = {person: GROUPS[person % 4] for person in range(60)}
        matched = {person for person in groups if rng.random() < 0.5}
        target = rng.choice([p for p in groups if p not in matched])
        before = _view(program_id, groups, matched)
        after = _view(program_id, groups, matched | {target})
        moved: Sequence[str] = [group for group in before if before[group] != after[group]]
        assert len(moved) > 1
