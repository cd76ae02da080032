"""The dashboard's charts and their tables, built from the figures the selectors computed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from mentora.lib.suppression import SUPPRESSED_TEXT
from mentora.reports.charts import (
    Bar,
    Chart,
    Interval,
    Scores,
    bar_chart,
    column_chart,
    interval_chart,
    number,
    score_chart,
)
from mentora.reports.outcomes import BenefitRow
from mentora.reports.selectors import Dashboard, ProgramProgress


@dataclass(frozen=True)
class DashboardCharts:
    funnel: Chart
    stages: Chart
    meetings: Chart | None
    benefits: Chart | None


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def benefit_text(row: BenefitRow) -> str:
    if row.suppressed:
        return SUPPRESSED_TEXT
    return f"{_signed(row.change.value)} ({_signed(row.ci_low)} to {_signed(row.ci_high)})"


def _funnel(dashboard: Dashboard) -> Chart:
    enrolled = dashboard.funnel[0].count if dashboard.funnel else 0
    bars, rows = [], []
    for step in dashboard.funnel:
        share = f"{step.count / enrolled * 100:.0f}%" if enrolled else "n/a"
        bars.append(Bar(step.label, step.count, f"{step.count} ({share})"))
        rows.append([step.label, str(step.count), share])
    mentees = dashboard.mentee_label.lower() + "s"
    summary = ", ".join(f"{step.label.lower()} {step.count}" for step in dashboard.funnel)
    return bar_chart(
        chart_id="chart-funnel",
        title=f"Funnel of {mentees}",
        description=f"How many {mentees} reached each step: {summary}.",
        bars=bars,
        columns=["Step", mentees.capitalize(), "Of enrolled"],
        rows=rows,
    )


def _stages(dashboard: Dashboard) -> Chart:
    summary = ", ".join(f"{s.label.lower()} {s.count}" for s in dashboard.stages)
    return bar_chart(
        chart_id="chart-stages",
        title="Relationships by stage",
        description=f"{dashboard.relationships} relationships: {summary}.",
        bars=[Bar(s.label, s.count, str(s.count)) for s in dashboard.stages],
        columns=["Stage", "Relationships"],
        rows=[[s.label, str(s.count)] for s in dashboard.stages],
    )


def _meetings(dashboard: Dashboard) -> Chart | None:
    points = dashboard.meetings_by_month
    if not points:
        return None
    shown = [p for p in points if not p.per_relationship.suppressed]
    description = (
        f"Held meetings per live relationship each month from {points[0].label} to "
        f"{points[-1].label}"
        + (
            f"; highest {max(p.per_relationship.value or 0 for p in shown):.2f}."
            if shown
            else "; every month had fewer than 5 relationships."
        )
    )
    return column_chart(
        chart_id="chart-meetings",
        title="Meetings per relationship per month",
        description=description,
        bars=[
            Bar(
                f"{p.month:%b}",
                p.per_relationship.value,
                number(p.per_relationship, digits=1),
            )
            for p in points
        ],
        columns=["Month", "Meetings held", "Live relationships", "Per relationship"],
        rows=[
            [p.label, str(p.meetings), str(p.relationships), number(p.per_relationship, digits=2)]
            for p in points
        ],
    )


def _benefit_intervals(rows: list[BenefitRow]) -> list[Interval]:
    intervals: list[Interval] = []
    side = ""
    for row in rows:
        if row.side != side:
            side = row.side
            intervals.append(Interval(f"{side}s' benefits", None, None, None, "", heading=True))
        intervals.append(
            Interval(
                label=row.label,
                estimate=row.change.value,
                low=row.ci_low,
                high=row.ci_high,
                text=_signed(row.change.value) if not row.suppressed else SUPPRESSED_TEXT,
            )
        )
    return intervals


def _benefits(dashboard: Dashboard) -> Chart | None:
    rows = dashboard.benefits
    if not rows:
        return None
    shown = sum(1 for row in rows if not row.suppressed)
    return interval_chart(
        chart_id="chart-benefits",
        title="Change in each benefit from baseline to the end",
        description=(
            f"Mean change per benefit with its 95% confidence interval; {shown} of {len(rows)} "
            "benefits had at least 5 respondents with both surveys."
        ),
        intervals=_benefit_intervals(rows),
        columns=["Benefit", "Side", "Baseline", "End", "Change", "95% CI", "n"],
        rows=[
            [
                row.label,
                row.side,
                number(row.baseline, digits=2),
                number(row.end, digits=2),
                number(row.change, digits=2, signed=True),
                SUPPRESSED_TEXT
                if row.suppressed or row.ci_low is None
                else f"{_signed(row.ci_low)} to {_signed(row.ci_high)}",
                str(row.n),
            ]
            for row in rows
        ],
    )


def dashboard_charts(dashboard: Dashboard) -> DashboardCharts:
    return DashboardCharts(
        funnel=_funnel(dashboard),
        stages=_stages(dashboard),
        meetings=_meetings(dashboard),
        benefits=_benefits(dashboard),
    )


@dataclass(frozen=True)
class ProgressItem:
    progress: ProgramProgress
    chart: Chart | None

    # The template reads these through the item.
    @property
    def program(self) -> object:
        return self.progress.program

    @property
    def roles(self) -> list[str]:
        return self.progress.roles


def _history_chart(progress: ProgramProgress) -> Chart | None:
    histories = [h for h in progress.benefits if h.points]
    if not histories:
        return None
    rows, table = [], []
    for history in histories:
        scores = [point.score for point in history.points]
        first, last = scores[0], scores[-1]
        rows.append(
            Scores(
                label=history.label,
                scores=scores,
                text=f"{first:g} → {last:g}" if len(scores) > 1 else f"{last:g}",
            )
        )
        table.append(
            [
                history.label,
                history.side,
                "; ".join(
                    f"{p.score:g} ({p.label}, {timezone.localtime(p.answered_at):%-d %b %Y})"
                    for p in history.points
                ),
                _signed(last - first) if len(scores) > 1 else "",
            ]
        )
    return score_chart(
        chart_id=f"chart-progress-{progress.program.pk}",
        title=f"Your benefit scores in {progress.program}",
        description="Each benefit on the scale from 1 (strongly disagree) to 5 (strongly agree): "
        "your earlier answers as hollow dots, your latest as a filled dot; the table lists every "
        "answer with its date.",
        rows=rows,
        low=1,
        high=5,
        columns=["Benefit", "As", "Your scores over time", "Change"],
        table=table,
    )


def progress_items(programs: list[ProgramProgress]) -> list[ProgressItem]:
    return [ProgressItem(progress=p, chart=_history_chart(p)) for p in programs]
