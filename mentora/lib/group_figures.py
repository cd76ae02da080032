"""Figures by self-identified group that resist differencing.

The small-numbers rule (`mentora.lib.suppression`) keeps a figure of fewer than five people off
the page, but alone it does not stop a manager from *subtracting* two views: record the match rate
of every gender group, pair one person, record it again, and the one group whose figure moved is
that person's gender. The same works on a match run's fairness view (pin or forbid one pair,
re-run, compare), and by subtracting the shown groups from a program total (a complement) to read
a suppressed cell. This module is the rule every view of figures by group follows instead; the
program dashboard's comparison (`mentora.reports.groups`) and the fairness view of a match run's
draft (`mentora.matching.fairness`) both release their figures through a `GroupRelease`.

How it works:

1. **Noisy counts.** Every count a group view shows (people, mentees, matched mentees, raters) is
   the true count plus integer noise, and every sum behind a mean (check-in ratings, match scores)
   the true sum plus continuous noise in the unit of one person's whole range. The noise follows a
   Laplace law of scale `NOISE_SCALE` (2 people), truncated at `NOISE_BOUND` (16): one person's
   contribution (1 to a count, at most one range to a sum) is well below the noise (standard
   deviation about 2.8 people), so the change one person makes cannot be told from the noise.
   Rates and means are computed from the noisy counts and sums.

2. **Drawn from a key over the whole view.** The noise is not random at each request: it is drawn
   from an HMAC of every input of the view (every participant's roles and pairing status, every
   self-identified group, every rating or score, people who did not self-identify included) under
   a secret of the program derived from the site's `SECRET_KEY`. So the same data always shows the
   same numbers (reloading the page or asking the API gives nothing new to average), while any
   change of any input, whoever it concerns, redraws the noise of *every* group at once: after
   pairing one person every group's figures move, not just that person's group, and whether the
   person self-identified at all is not revealed either. Changes that do not touch the view's
   inputs (a meeting, a goal) redraw nothing, so they give no fresh draw to average either. The
   manager never learns the key, so the noise cannot be computed and subtracted.

3. **Suppression on the true numbers, kept.** A group is listed only when it truly has at least
   five people (`MIN_PEOPLE`), and a rate or mean only when at least five people are truly behind
   it; a suppressed figure shows no value, and its `n` only as "fewer than five". Because every
   shown cell carries its own noise, no complement (a program total minus the shown groups, a
   table's rows against another's) subtracts to a suppressed cell's exact value: the subtraction
   carries the noise of every cell it used.

4. **Useful at scale.** The noise does not grow with the group, so its effect shrinks as groups
   grow: a rate of a group of 1,000 is within about ±0.6 points of its noise-free value, of a group
   of 50 within about ±12. Every shown figure carries its 95% interval for the noise (`low`,
   `high`), so a manager sees which differences are real; the count's interval is ±`COUNT_MARGIN`.

What it does not promise: a manager able to create dozens of different states that differ only
in the person of interest (for example dozens of re-runs of a draft with different pins) gets
that many independent draws and can start averaging them, as with any noise of fixed size; every
such change is a recorded action (a run, a relationship) that other managers see. And a group
that grows from four to five people appears: if the fifth person's enrollment was the one change,
they are in that group. Both are stated in docs/program-dashboard.md.
"""

from __future__ import annotations

import bisect
import hashlib
import hmac
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.crypto import salted_hmac

from mentora.lib.suppression import MIN_PEOPLE, Figure

NOISE_SCALE = 2.0
# Noise never exceeds this many people (or ranges, for a sum); the true value is always within it.
NOISE_BOUND = 16
Z_95 = 1.959963984540054
_KEY_SALT = "mentora.lib.group_figures"

_DECAY = math.exp(-1 / NOISE_SCALE)
_OFFSETS = list(range(-NOISE_BOUND, NOISE_BOUND + 1))
_WEIGHTS = [_DECAY ** abs(offset) for offset in _OFFSETS]
_TOTAL = sum(_WEIGHTS)
_CUMULATIVE = [sum(_WEIGHTS[: index + 1]) / _TOTAL for index in range(len(_WEIGHTS))]
# The variance of the integer noise, and of the continuous noise in units of one range.
COUNT_VARIANCE = sum(w * o * o for w, o in zip(_WEIGHTS, _OFFSETS, strict=True)) / _TOTAL
SUM_VARIANCE = 2 * NOISE_SCALE**2
# Half-width of the count noise's 95% interval: the smallest k with P(|noise| <= k) >= 0.95.
COUNT_MARGIN = next(
    k
    for k in range(NOISE_BOUND + 1)
    if sum(w for w, o in zip(_WEIGHTS, _OFFSETS, strict=True) if abs(o) <= k) / _TOTAL >= 0.95
)


@dataclass(frozen=True)
class GroupFigure(Figure):
    """A figure of a group view: noisy `value`, the 95% interval of its noise, and `n`, the
    approximate number of people behind it (below five only as "fewer than five")."""

    low: float | None = None
    high: float | None = None

    @property
    def margin(self) -> float | None:
        """Half the interval's width: the value is this close to its noise-free value (95%)."""
        if self.low is None or self.high is None:
            return None
        return (self.high - self.low) / 2

    def as_dict(self) -> dict[str, float | int | bool | None]:
        return {**super().as_dict(), "low": self.low, "high": self.high}


def _canonical(value: object) -> str:
    if isinstance(value, float):
        return format(value, ".6f")
    if isinstance(value, (list, tuple, frozenset, set)):
        items = (
            sorted(_canonical(item) for item in value)
            if isinstance(value, (set, frozenset))
            else [_canonical(item) for item in value]
        )
        return "(" + ",".join(items) + ")"
    return repr(value)


def state_digest(rows: Iterable[Sequence[object]]) -> bytes:
    """A digest of a view's inputs, whatever order the rows come in."""
    lines = sorted(_canonical(tuple(row)) for row in rows)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.digest()


class GroupRelease:
    """The noise of one release of a group view, drawn from the program's secret and the view's
    inputs: the same inputs give the same figures, any changed input redraws all of them."""

    def __init__(self, *, program_id: int, view: str, inputs: Iterable[Sequence[object]]) -> None:
        secret = salted_hmac(_KEY_SALT, f"{view}:{program_id}", algorithm="sha256").digest()
        self._key = hmac.new(secret, state_digest(inputs), hashlib.sha256).digest()

    def _uniform(self, cell: str) -> float:
        """A number in (0, 1) drawn for one cell of the view."""
        draw = hmac.new(self._key, cell.encode(), hashlib.sha256).digest()
        return (int.from_bytes(draw[:8], "big") + 0.5) / 2**64

    def count_noise(self, cell: str) -> int:
        """The integer noise of one count: Laplace of scale NOISE_SCALE, within ±NOISE_BOUND."""
        index = bisect.bisect_left(_CUMULATIVE, self._uniform(cell))
        return _OFFSETS[min(index, len(_OFFSETS) - 1)]

    def sum_noise(self, cell: str) -> float:
        """The continuous noise of a sum, in units of one person's range, within ±NOISE_BOUND."""
        edge = 0.5 * math.exp(-NOISE_BOUND / NOISE_SCALE)
        u = edge + self._uniform(cell) * (1 - 2 * edge)
        if u < 0.5:
            return NOISE_SCALE * math.log(2 * u)
        return -NOISE_SCALE * math.log(2 * (1 - u))

    def count(self, true: int, *, cell: str, floor: int = 0) -> int:
        """A noisy count, never below `floor` (MIN_PEOPLE for a group known to have five)."""
        return max(true + self.count_noise(cell), floor)

    def share(self, part: int, whole: int, *, cell: str, digits: int = 3) -> GroupFigure:
        """part / whole from noisy counts, with its 95% interval; withheld below five people."""
        noisy_whole = self.count(whole, cell=cell + ":whole")
        if not whole >= MIN_PEOPLE:
            return GroupFigure(value=None, n=min(noisy_whole, MIN_PEOPLE - 1))
        shown_whole = max(noisy_whole, MIN_PEOPLE)
        noisy_part = part + self.count_noise(cell + ":part")
        value = min(max(noisy_part / shown_whole, 0.0), 1.0)
        margin = Z_95 * math.sqrt(COUNT_VARIANCE * (1 + value**2)) / shown_whole
        return GroupFigure(
            value=round(value, digits),
            n=shown_whole,
            low=round(max(value - margin, 0.0), digits),
            high=round(min(value + margin, 1.0), digits),
        )

    def mean(
        self,
        values: Sequence[float],
        *,
        cell: str,
        lowest: float,
        highest: float,
        digits: int = 2,
    ) -> GroupFigure:
        """The mean of values between `lowest` and `highest` (one per person) from a noisy sum and
        a noisy count, with its 95% interval; withheld below five people."""
        noisy_n = self.count(len(values), cell=cell + ":n")
        if len(values) < MIN_PEOPLE:
            return GroupFigure(value=None, n=min(noisy_n, MIN_PEOPLE - 1))
        shown_n = max(noisy_n, MIN_PEOPLE)
        middle, spread = (lowest + highest) / 2, highest - lowest
        centred = sum(value - middle for value in values) + spread * self.sum_noise(cell + ":sum")
        value = min(max(middle + centred / shown_n, lowest), highest)
        offset = value - middle
        margin = Z_95 * math.sqrt(SUM_VARIANCE * spread**2 + offset**2 * COUNT_VARIANCE) / shown_n
        return GroupFigure(
            value=round(value, digits),
            n=shown_n,
            low=round(max(value - margin, lowest), digits),
            high=round(min(value + margin, highest), digits),
        )


def describe_noise() -> dict[str, Any]:
    """The noise's parameters, for documentation and the API's description."""
    return {
        "scale": NOISE_SCALE,
        "bound": NOISE_BOUND,
        "count_margin": COUNT_MARGIN,
        "count_sd": round(math.sqrt(COUNT_VARIANCE), 2),
    }
