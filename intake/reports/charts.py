"""Geometry for the staff page's bar charts, worked out here so the template only draws."""

from __future__ import annotations

from dataclasses import dataclass

from intake.reports.tables import Table


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    label_y: float
    bar_y: float
    width: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]


CHART_WIDTH = 640
CHART_BAR_SPACE = 560  # leaves room for the number after the longest bar
CHART_ROW = 46  # a label line above each bar, then the bar


def bar_chart(table: Table) -> Chart:
    """Geometry for a horizontal bar chart of a table's rows that have cases, biggest first
    (labels above their bars, so long topic names need no truncation). The table beside
    it keeps every row, zeros included."""
    rows = sorted((r for r in table.body if r.count), key=lambda r: -r.count)
    biggest = max([r.count for r in rows] + [1])
    bars = []
    for i, row in enumerate(rows):
        top = i * CHART_ROW
        width = round(CHART_BAR_SPACE * row.count / biggest, 1)
        bars.append(Bar(label=row.label, count=row.count, label_y=top + 16, bar_y=top + 22,
                        width=width, value_x=width + 6))
    return Chart(title=f"Bar chart: {table.title.lower()}, biggest first, leaving out rows with "
                       "no cases. The table gives every number.",
                 width=CHART_WIDTH, height=max(len(rows) * CHART_ROW, CHART_ROW),
                 bar_height=18, bars=tuple(bars))
