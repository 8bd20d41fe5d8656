"""Static SVG charts: accessible names, escaping, scale and determinism."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from generator.site.charts import Bar, BarChart, Series, Timeline


def bars(chart: BarChart) -> list[tuple[str, float]]:
    found = re.findall(
        r'<rect class="oit-chart-(\w+)" x="0" y="(\d+)" width="([\d.]+)"', chart.svg()
    )
    return [(kind, float(width)) for kind, y, width in found if y != "4"]  # not the legend


CHART = BarChart(
    "chart-x",
    "Scores <by> tool",
    'Bars & "lines"',
    ("IIT", "EIT <2>"),
    (
        Series("ITA 2568", (Decimal("90.52"), None), "previous"),
        Series("ITA 2569", (Decimal(50), Decimal(120)), "current"),
    ),
    threshold=Decimal(85),
    threshold_label="target 85",
)


def test_chart_has_an_accessible_name_and_description() -> None:
    svg = CHART.svg()
    assert svg.startswith(
        '<svg class="oit-chart-svg" role="img" aria-labelledby="chart-x-title chart-x-desc"'
    )
    assert '<title id="chart-x-title">Scores &lt;by&gt; tool</title>' in svg
    assert '<desc id="chart-x-desc">Bars &amp; &quot;lines&quot;</desc>' in svg
    assert ">EIT &lt;2&gt;</text>" in svg and "<2>" not in svg


def test_bars_are_to_scale_and_clamped() -> None:
    # The plot is 584 units wide for 0-100; a missing value draws no bar.
    assert bars(CHART) == [
        ("previous", 528.6),
        ("current", 292.0),
        ("current", 584.0),  # 120 is drawn at the full scale
    ]
    assert 'x1="496.4"' in CHART.svg()  # the threshold at 85


def test_values_are_written_with_the_given_formatter() -> None:
    svg = CHART.svg(lambda v: f"<{v}>")
    assert "&lt;90.52&gt;" in svg and "&lt;50&gt;" in svg


def test_same_input_same_bytes() -> None:
    assert CHART.svg() == CHART.svg()


def test_timeline_clamps_bars_to_the_year_and_marks_a_day() -> None:
    start, end = dt.date(2025, 10, 1), dt.date(2026, 9, 30)
    chart = Timeline(
        "t",
        "When",
        "Periods",
        start,
        end,
        tuple("ONDJFMAMJJAS"),
        (
            Bar("1", dt.date(2025, 10, 1), dt.date(2026, 9, 30), "done", "all year"),
            Bar("2", dt.date(2025, 4, 1), dt.date(2025, 6, 30), "none", "outside"),
            Bar("3", None, None, "none"),
        ),
        marker=dt.date(2026, 3, 31),
        marker_label="as of 31 Mar",
    )
    svg = chart.svg()
    rects = re.findall(r'<rect class="oit-chart-(\w+)" x="([\d.]+)" y="\d+" width="([\d.]+)"', svg)
    assert rects == [("done", "40.0", "600.0"), ("none", "40.0", "2")]
    assert svg.count("<line") == 12 + 1  # a line per month and the marker
    assert "<title>all year</title>" in svg and ">as of 31 Mar</text>" in svg
