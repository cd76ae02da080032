"""The small-numbers rule, in one helper used by every figure."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mentora.lib.suppression import MIN_PEOPLE, SUPPRESSED_TEXT, figure, ratio


def test_a_figure_from_four_people_is_withheld_and_from_five_is_shown() -> None:
    assert figure(3.2, n=4).value is None
    assert figure(3.2, n=4).suppressed
    assert figure(3.2, n=5).value == 3.2
    assert not figure(3.2, n=5).suppressed


def test_a_suppressed_figure_keeps_its_n() -> None:
    assert figure(0.5, n=3).as_dict() == {"value": None, "n": 3, "suppressed": True}


def test_ratio_of_nothing_is_suppressed() -> None:
    assert ratio(0, 0).suppressed


def test_the_notice_names_the_threshold() -> None:
    assert MIN_PEOPLE == 5
    assert SUPPRESSED_TEXT == "fewer than 5 — not shown"


@given(value=st.floats(-1e6, 1e6), n=st.integers(0, 10_000))
def test_a_value_is_shown_exactly_when_five_or_more_are_behind_it(value: float, n: int) -> None:
    shown = figure(value, n=n)

    assert (shown.value is not None) == (n >= MIN_PEOPLE)
