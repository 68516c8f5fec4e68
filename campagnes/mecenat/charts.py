"""Charts drawn on the server as SVG, in the admin's own colours.

They read without colour (a solid line for money, a dashed line for the goal, values written on
the chart) and without the picture: every chart's figures are also given as a table. Geometry
only here; templates/campagnes/viewsets/charts/ draw it.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format

from campagnes.money import format_amount

WIDTH = 720  # a chart across the page; half as wide beside another
HALF_WIDTH = 480
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 88, 28, 24, 36
# Beyond this many days a line is drawn from one point a week: the SVG stays small.
MAX_DAILY_POINTS = 120
X_LABELS = 6


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Point:
    x: float
    y: float
    label: str = ""


@dataclass
class Chart:
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)

    def __post_init__(self):
        self.left, self.top = LEFT, TOP
        self.right, self.bottom = self.width - RIGHT, self.height - BOTTOM


@dataclass
class LineChart(Chart):
    line: str = ""
    area: str = ""
    markers: list[Point] = field(default_factory=list)
    goal: Point | None = None
    last: Point | None = None
    # The (date, cents) drawn, which the chart's table lists.
    series: list = field(default_factory=list)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass
class BarChart(Chart):
    bars: list[Bar] = field(default_factory=list)
    labelled: bool = True


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 2.5 or 5 × 10ⁿ at or above `value`: round numbers on the axis."""
    if value <= 0:
        return 1
    scale = 1
    while scale * 10 < value:
        scale *= 10
    for step in (1, 2, 5, 10):
        if value <= step * scale:
            return step * scale
        if step == 2 and value * 2 <= 5 * scale:
            return 5 * scale // 2
    return 10 * scale


def y_axis(top_value: int, chart: Chart, money: bool) -> float:
    """Round ticks from 0 to a little above `top_value`; returns the pixels per unit."""
    top_value = top_value * 11 // 10  # room above the highest point for its label
    step = nice_ceiling(-(-top_value // 5))
    if money:
        step = max(step, 100)  # whole euros on the axis
    maximum = max(step, -(-top_value // step) * step)
    scale = (chart.bottom - chart.top) / maximum
    for value in range(0, maximum + 1, step):
        label = format_amount(value) if money else number_format(value, force_grouping=True)
        chart.y_ticks.append(Tick(round(chart.bottom - value * scale, 1), label))
    return scale


def x_positions(count: int, chart: Chart) -> list[float]:
    if count == 1:
        return [(chart.left + chart.right) / 2]
    step = (chart.right - chart.left) / (count - 1)
    return [chart.left + n * step for n in range(count)]


def date_ticks(days: list[datetime.date], xs: list[float], label_format: str) -> list[Tick]:
    every = max(1, -(-len(days) // X_LABELS))
    return [Tick(xs[n], date_format(days[n], label_format)) for n in range(0, len(days), every)]


def line_chart(
    series: list[tuple[datetime.date, int]],
    *,
    title: str,
    description: str,
    goal_cents: int | None = None,
    goal_label: str = "",
    monthly: bool = False,
    width: int = WIDTH,
    last_note: str = "",
) -> LineChart:
    """A money line over time; `goal_cents` draws the dashed goal line across it. `last_note`
    qualifies the last value written on the chart (a month under way)."""
    chart = LineChart(title=title, description=description, width=width)
    if not series:
        return chart
    if len(series) > MAX_DAILY_POINTS:
        series = [*series[::7], series[-1]] if (len(series) - 1) % 7 else series[::7]
    chart.series = series
    scale = y_axis(max([cents for _, cents in series] + [goal_cents or 0]), chart, True)
    xs = x_positions(len(series), chart)
    points = [
        Point(round(x, 1), round(chart.bottom - cents * scale, 1), format_amount(cents))
        for x, (_, cents) in zip(xs, series, strict=True)
    ]
    chart.line = "M" + " L".join(f"{p.x},{p.y}" for p in points)
    chart.area = f"{chart.line} L{points[-1].x},{chart.bottom} L{points[0].x},{chart.bottom} Z"
    chart.last = points[-1]
    if last_note:
        chart.last.label = f"{chart.last.label} ({last_note})"
    if monthly:
        chart.markers = points
    days = [day for day, _ in series]
    # Days within half a year read by day and month; longer spans need the year.
    long = (days[-1] - days[0]).days > 183
    chart.x_ticks = date_ticks(days, xs, "M Y" if monthly or long else "j M")
    if goal_cents:
        chart.goal = Point(chart.left, round(chart.bottom - goal_cents * scale, 1), goal_label)
    return chart


def bar_chart(
    series: list[tuple[datetime.date, int]], *, title: str, description: str, width: int = WIDTH
) -> BarChart:
    """Counts as bars, each with its value written above it while there is room."""
    chart = BarChart(title=title, description=description, width=width)
    if not series:
        return chart
    scale = y_axis(max(count for _, count in series), chart, False)
    slot = (chart.right - chart.left) / len(series)
    width = max(slot * 0.7, 1)
    chart.labelled = slot >= 22
    for n, (_, count) in enumerate(series):
        height = count * scale
        chart.bars.append(
            Bar(
                x=round(chart.left + n * slot + (slot - width) / 2, 1),
                y=round(chart.bottom - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                label=str(count),
            )
        )
    centres = [bar.x + bar.width / 2 for bar in chart.bars]
    chart.x_ticks = date_ticks([day for day, _ in series], centres, "j M")
    return chart
