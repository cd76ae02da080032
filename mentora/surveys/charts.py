"""A small server-rendered SVG line chart: geometry computed here, drawn by a template."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 280
LEFT = 44
RIGHT = 16
TOP = 16
BOTTOM = 40
INSET = 60
# Colour-blind-safe colours (Okabe-Ito), each with a dash pattern so colour is not the only cue.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D1F"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3"]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    dash: str
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    # Crowded x labels are turned by 35 degrees (the template rotates each around its point).
    slanted: bool
    left: int
    bottom_y: float
    right_x: float
    top: int
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]


def line_chart(
    *, x_labels: list[str], series: dict[str, list[float | None]], y_min: float, y_max: float
) -> LineChart:
    """Lines of values over the same x labels (None leaves a point out)."""
    count = len(x_labels)
    slanted = count > 1 and (WIDTH - LEFT - RIGHT - 2 * INSET) / (count - 1) < 130
    bottom = BOTTOM + (70 if slanted else 0)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    # Points sit inside the plot by INSET, so the labels under the first and last fit.
    span = plot_width - 2 * INSET

    def x_of(index: int) -> float:
        return LEFT + INSET + (span / 2 if count == 1 else span * index / (count - 1))

    def y_of(value: float) -> float:
        return TOP + plot_height * (1 - (value - y_min) / (y_max - y_min))

    lines = [
        Line(
            label=label,
            colour=COLOURS[number % len(COLOURS)],
            dash=DASHES[number % len(DASHES)],
            points=[
                Point(x_of(index), y_of(value), value)
                for index, value in enumerate(values)
                if value is not None
            ],
        )
        for number, (label, values) in enumerate(series.items())
    ]
    steps = int(y_max - y_min)
    return LineChart(
        width=WIDTH,
        height=HEIGHT + bottom - BOTTOM,
        slanted=slanted,
        left=LEFT,
        bottom_y=TOP + plot_height,
        right_x=WIDTH - RIGHT,
        top=TOP,
        lines=lines,
        x_ticks=[Tick(x_of(i), label) for i, label in enumerate(x_labels)],
        y_ticks=[Tick(y_of(y_min + s), f"{y_min + s:g}") for s in range(steps + 1)],
    )
