"""The progress chart's geometry: values map onto the plot, crowded labels are slanted."""

from __future__ import annotations

from mentora.surveys.charts import line_chart


def test_values_map_onto_the_plot() -> None:
    chart = line_chart(
        x_labels=["Baseline", "Closing"], series={"Confidence": [1.0, 5.0]}, y_min=1, y_max=5
    )
    low, high = chart.lines[0].points
    assert low.y == chart.bottom_y and high.y == chart.top
    assert low.x < high.x
    assert not chart.slanted
    assert [tick.label for tick in chart.y_ticks] == ["1", "2", "3", "4", "5"]


def test_missing_values_leave_a_point_out() -> None:
    chart = line_chart(x_labels=["a", "b", "c"], series={"s": [2.0, None, 4.0]}, y_min=1, y_max=5)
    assert [p.value for p in chart.lines[0].points] == [2.0, 4.0]


def test_many_points_slant_their_labels_and_make_room() -> None:
    labels = [f"Survey {n}" for n in range(7)]
    chart = line_chart(x_labels=labels, series={"s": [3.0] * 7}, y_min=1, y_max=5)
    assert chart.slanted
    assert chart.height > line_chart(x_labels=labels[:2], series={}, y_min=1, y_max=5).height
