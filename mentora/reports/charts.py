"""Charts drawn on the server as inline SVG: no script, readable by screen readers, printable.

Each chart is an `<svg role="img">` named by its own `<title>` and `<desc>`, and carries the table
behind it (`columns` and `rows`), which the template shows under the chart in a `<details>`.
Colours come from classes styled in reports.css, so the print stylesheet can keep them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mentora.lib.suppression import SUPPRESSED_TEXT, Figure

WIDTH = 660
LABEL_WIDTH = 262
# About how many characters of 13px text fit before the label column's edge.
LABEL_CHARACTERS = 36
ROW_HEIGHT = 30
TOP = 10


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    svg: SafeString
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str


@dataclass(frozen=True)
class Interval:
    label: str
    estimate: float | None
    low: float | None
    high: float | None
    text: str
    heading: bool = False  # a row that only names the group of rows below it


@dataclass(frozen=True)
class Scores:
    """One row of a score chart: a person's answers over time on a fixed scale."""

    label: str
    scores: list[float]
    text: str


def percent(value: Figure) -> str:
    """A share as a whole percentage, or the suppression notice."""
    return SUPPRESSED_TEXT if value.value is None else f"{value.value * 100:.0f}%"


def number(value: Figure, *, digits: int = 1, signed: bool = False) -> str:
    if value.value is None:
        return SUPPRESSED_TEXT
    return f"{value.value:{'+' if signed else ''}.{digits}f}"


def _svg(chart_id: str, title: str, description: str, height: float, body: str) -> SafeString:
    return mark_safe(  # every text below went through escape()
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _text(x: float, y: float, text: str, *, css: str = "chart-text", anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}" '
        f'dominant-baseline="middle">{escape(text)}</text>'
    )


def _clip(label: str, length: int = LABEL_CHARACTERS) -> str:
    return label if len(label) <= length else label[: length - 1] + "…"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    columns: list[str],
    rows: list[list[str]],
) -> Chart:
    """Horizontal bars, one per row, each labelled with its value."""
    top = max((bar.value or 0.0) for bar in bars) if bars else 0.0
    scale = (WIDTH - LABEL_WIDTH - 110) / top if top > 0 else 0.0
    parts = []
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2
        parts.append(_text(LABEL_WIDTH - 10, middle, _clip(bar.label), anchor="end"))
        if bar.value is None:
            parts.append(_text(LABEL_WIDTH, middle, bar.text, css="chart-muted"))
            continue
        length = bar.value * scale
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{length:.1f}" '
            f'height="{ROW_HEIGHT - 10}" class="chart-bar" rx="3"/>'
        )
        parts.append(_text(LABEL_WIDTH + length + 6, middle, bar.text))
    parts.append(
        f'<line x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH}" y1="{TOP}" '
        f'y2="{TOP + len(bars) * ROW_HEIGHT}" class="chart-axis"/>'
    )
    height = TOP * 2 + len(bars) * ROW_HEIGHT
    return Chart(
        chart_id, title, description, _svg(chart_id, title, description, height, "".join(parts)),
        columns, rows,
    )  # fmt: skip


def _nice(limit: float) -> float:
    """A round upper bound for an axis: 0.5, 1, 1.5, 2, 3, 4, 5, 10…"""
    if limit <= 0:
        return 1.0
    for step in (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0):
        if limit <= step:
            return step
    return float(math.ceil(limit / 5) * 5)


def interval_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    intervals: Sequence[Interval],
    columns: list[str],
    rows: list[list[str]],
) -> Chart:
    """A dot for each estimate with whiskers for its 95% confidence interval, around zero."""
    reach = max(
        (abs(v) for i in intervals for v in (i.estimate, i.low, i.high) if v is not None),
        default=0.0,
    )
    bound = _nice(reach)
    left, right = LABEL_WIDTH + 10, WIDTH - 90
    axis_y = TOP + len(intervals) * ROW_HEIGHT

    def x_of(value: float) -> float:
        return left + (value + bound) / (2 * bound) * (right - left)

    parts = []
    for tick in (-bound, -bound / 2, 0.0, bound / 2, bound):
        x = x_of(tick)
        css = "chart-zero" if tick == 0 else "chart-grid"
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{axis_y}" class="{css}"/>')
        parts.append(_text(x, axis_y + 12, f"{tick:+g}" if tick else "0", anchor="middle"))
    for index, interval in enumerate(intervals):
        middle = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
        if interval.heading:
            parts.append(_text(8, middle, interval.label, css="chart-heading"))
            continue
        parts.append(_text(LABEL_WIDTH - 10, middle, _clip(interval.label), anchor="end"))
        if interval.estimate is None:
            parts.append(_text(left + 4, middle, interval.text, css="chart-muted"))
            continue
        if interval.low is not None and interval.high is not None:
            low, high = x_of(interval.low), x_of(interval.high)
            parts.append(
                f'<line x1="{low:.1f}" x2="{high:.1f}" y1="{middle}" y2="{middle}" '
                f'class="chart-whisker"/>'
            )
            for x in (low, high):
                parts.append(
                    f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{middle - 6}" y2="{middle + 6}" '
                    f'class="chart-whisker"/>'
                )
        parts.append(
            f'<circle cx="{x_of(interval.estimate):.1f}" cy="{middle}" r="5" class="chart-dot"/>'
        )
        parts.append(_text(right + 8, middle, interval.text))
    height = axis_y + 26
    return Chart(
        chart_id, title, description, _svg(chart_id, title, description, height, "".join(parts)),
        columns, rows,
    )  # fmt: skip


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    columns: list[str],
    rows: list[list[str]],
) -> Chart:
    """Vertical columns over time (months), each labelled with its value."""
    plot_top, plot_bottom, left = 24, 190, 20
    count = max(len(bars), 1)
    slot = min((WIDTH - left * 2) / count, 80.0)
    top = max((bar.value or 0.0) for bar in bars) if bars else 0.0
    scale = (plot_bottom - plot_top) / top if top > 0 else 0.0
    parts = [
        f'<line x1="{left}" x2="{left + slot * count:.1f}" y1="{plot_bottom}" y2="{plot_bottom}" '
        f'class="chart-axis"/>'
    ]
    for index, bar in enumerate(bars):
        x = left + index * slot
        centre = x + slot / 2
        parts.append(_text(centre, plot_bottom + 14, bar.label, anchor="middle"))
        if bar.value is None:
            parts.append(_text(centre, plot_bottom - 10, "n/a", css="chart-muted", anchor="middle"))
            continue
        height = bar.value * scale
        parts.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{plot_bottom - height:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{height:.1f}" class="chart-bar" rx="2"/>'
        )
        parts.append(_text(centre, plot_bottom - height - 9, bar.text, anchor="middle"))
    return Chart(
        chart_id, title, description, _svg(chart_id, title, description, 215, "".join(parts)),
        columns, rows,
    )  # fmt: skip


def score_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[Scores],
    low: float,
    high: float,
    columns: list[str],
    table: list[list[str]],
) -> Chart:
    """Each row's answers on a fixed scale: earlier ones hollow, the latest filled, joined by a
    line from the first to the latest."""
    left, right = LABEL_WIDTH + 10, WIDTH - 90
    axis_y = TOP + len(rows) * ROW_HEIGHT

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    parts = []
    for tick in range(math.ceil(low), math.floor(high) + 1):
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{axis_y}" class="chart-grid"/>'
        )
        parts.append(_text(x, axis_y + 12, str(tick), anchor="middle"))
    for index, row in enumerate(rows):
        middle = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
        parts.append(_text(LABEL_WIDTH - 10, middle, _clip(row.label), anchor="end"))
        if not row.scores:
            continue
        first, last = x_of(row.scores[0]), x_of(row.scores[-1])
        if len(row.scores) > 1:
            parts.append(
                f'<line x1="{first:.1f}" x2="{last:.1f}" y1="{middle}" y2="{middle}" '
                f'class="chart-whisker"/>'
            )
        for score in row.scores[:-1]:
            parts.append(
                f'<circle cx="{x_of(score):.1f}" cy="{middle}" r="4.5" class="chart-dot-earlier"/>'
            )
        parts.append(f'<circle cx="{last:.1f}" cy="{middle}" r="5.5" class="chart-dot"/>')
        parts.append(_text(right + 8, middle, row.text))
    height = axis_y + 26
    return Chart(
        chart_id, title, description, _svg(chart_id, title, description, height, "".join(parts)),
        columns, table,
    )  # fmt: skip
