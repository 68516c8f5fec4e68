"""The dashboard's SVG charts: round axis values, the goal line, and what stays readable."""

import datetime

from django.utils import translation

from campagnes.mecenat import charts

DAY = datetime.timedelta(days=1)
START = datetime.date(2026, 9, 1)


def test_axis_values_are_round_and_cover_the_highest_point():
    assert [charts.nice_ceiling(value) for value in (1, 3, 7, 23, 60, 100, 2_100)] == [
        1,
        5,
        10,
        25,
        100,
        100,
        2_500,
    ]
    with translation.override("fr"):
        chart = charts.line_chart(
            [(START, 0), (START + DAY, 1_234_500)], title="t", description="d"
        )
    labels = [tick.label for tick in chart.y_ticks]
    assert labels[0] == "0\u00a0€"
    assert labels[-1] == "15\u00a0000\u00a0€"  # 12,345 € and the room for its label
    assert chart.y_ticks[-1].position == chart.top


def test_the_goal_line_sits_at_the_goal_and_the_last_point_says_its_amount():
    series = [(START + n * DAY, n * 10_000) for n in range(11)]
    with translation.override("fr"):
        chart = charts.line_chart(
            series, title="t", description="d", goal_cents=200_000, goal_label="Objectif"
        )
    ratio = (chart.bottom - chart.goal.y) / (chart.bottom - chart.last.y)
    assert round(ratio, 2) == 2.0  # the goal is twice what is raised
    assert chart.last.label == "1\u00a0000\u00a0€"
    assert chart.line.startswith(f"M{chart.left:.1f},{chart.bottom:.1f} ")


def test_a_long_campaign_is_drawn_a_point_a_week_and_dated_with_years():
    series = [(START + n * DAY, n) for n in range(400)]
    chart = charts.line_chart(series, title="t", description="d")
    assert len(chart.series) == 58
    assert chart.series[-1] == series[-1]
    with translation.override("en"):
        chart = charts.line_chart(series, title="t", description="d")
    assert chart.x_ticks[0].label == "Sep 2026"


def test_bars_carry_their_value_while_there_is_room():
    weeks = [(START + 7 * n * DAY, n) for n in range(5)]
    chart = charts.bar_chart(weeks, title="t", description="d", width=charts.HALF_WIDTH)
    assert chart.labelled
    assert [bar.label for bar in chart.bars] == ["0", "1", "2", "3", "4"]
    assert chart.bars[0].height == 0
    year = [(START + 7 * n * DAY, n) for n in range(52)]
    assert not charts.bar_chart(year, title="t", description="d").labelled


def test_nothing_to_draw_draws_nothing():
    assert charts.line_chart([], title="t", description="d").line == ""
    assert charts.bar_chart([], title="t", description="d").bars == []
