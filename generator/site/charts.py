"""Charts as static SVG, drawn at build time: no chart script, no request to another host.

Each chart is inline SVG with `role="img"`, a `<title>` and a `<desc>` (named through
`aria-labelledby`), and the page prints the same figures as an HTML table beside it, for
screen readers and print. Labels sit on their own line above the bars, so long Thai
names never need measuring. Colours come from CSS classes (generator/theme/assets/oit.css), with
fill attributes as a fallback. Output depends only on the input: same data, same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

WIDTH = 640
BAR = 14  # height of one bar
LABEL = 20  # height of a category's label line
GAP = 14  # space between categories
VALUE_ROOM = 56  # room right of the longest bar for its value

Number = Callable[[Decimal], str]


@dataclass(frozen=True)
class Series:
    """One set of values, one per category; `kind` picks its colour (current, previous)."""

    name: str
    values: tuple[Decimal | None, ...]
    kind: str = "current"


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one group per category (e.g. indicators), one bar per series."""

    id: str
    title: str
    desc: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    scale: Decimal = Decimal(100)
    threshold: Decimal | None = None
    threshold_label: str = ""

    def svg(self, number: Number = str) -> Markup:
        legend = 24 if len(self.series) > 1 else 0
        top = legend + (18 if self.threshold is not None else 4)
        group = LABEL + len(self.series) * (BAR + 2) + GAP
        height = top + group * len(self.categories) + 4
        plot = WIDTH - VALUE_ROOM

        def x(value: Decimal) -> float:
            share = max(Decimal(0), min(value, self.scale)) / self.scale
            return round(float(share) * plot, 1)

        parts = [_open(self.id, self.title, self.desc, height)]
        for i, series in enumerate(self.series if legend else ()):
            left = i * 200
            parts.append(
                f'<rect class="oit-chart-{series.kind}" x="{left}" y="4" width="14" height="14" '
                f'fill="{_FILL[series.kind]}"/>'
                f'<text x="{left + 20}" y="16">{_esc(series.name)}</text>'
            )
        for c, category in enumerate(self.categories):
            y = top + c * group
            parts.append(
                f'<text class="oit-chart-label" x="0" y="{y + 14}">{_esc(category)}</text>'
            )
            for s, series in enumerate(self.series):
                value = series.values[c]
                bar_y = y + LABEL + s * (BAR + 2)
                if value is None:
                    continue
                parts.append(
                    f'<rect class="oit-chart-{series.kind}" x="0" y="{bar_y}" '
                    f'width="{x(value)}" height="{BAR}" fill="{_FILL[series.kind]}"/>'
                    f'<text class="oit-chart-value" x="{x(value) + 4}" y="{bar_y + BAR - 2}">'
                    f"{_esc(number(value))}</text>"
                )
        if self.threshold is not None:
            tx = x(self.threshold)
            parts.append(
                f'<line class="oit-chart-threshold" x1="{tx}" y1="{top - 4}" x2="{tx}" '
                f'y2="{height - 4}" stroke="#b3261e" stroke-dasharray="4 3"/>'
                f'<text class="oit-chart-note" x="{tx}" y="{top - 6}" text-anchor="middle">'
                f"{_esc(self.threshold_label)}</text>"
            )
        parts.append("</svg>")
        return Markup("".join(parts))


@dataclass(frozen=True)
class Bar:
    """A row of a timeline: a label and a span of days; `kind` picks its colour."""

    label: str
    start: dt.date | None  # None with an end: a due date, drawn as a mark
    end: dt.date | None
    kind: str
    note: str = ""  # read out as the bar's own <title>


@dataclass(frozen=True)
class Timeline:
    """Bars over a span of months (a fiscal year), with an optional marker day."""

    id: str
    title: str
    desc: str
    start: dt.date
    end: dt.date
    months: tuple[str, ...]  # month labels, one per month from `start`
    bars: tuple[Bar, ...]
    marker: dt.date | None = None
    marker_label: str = ""

    def svg(self) -> Markup:
        left, top, row = 40, 40, 22
        plot = WIDTH - left
        days = (self.end - self.start).days + 1
        height = top + row * len(self.bars) + 8

        def x(day: dt.date) -> float:
            day = min(max(day, self.start), self.end + dt.timedelta(days=1))
            return round(left + (day - self.start).days / days * plot, 1)

        parts = [_open(self.id, self.title, self.desc, height)]
        month = self.start
        for label in self.months:
            mx = x(month)
            parts.append(
                f'<line class="oit-chart-grid" x1="{mx}" y1="{top - 6}" x2="{mx}" '
                f'y2="{height - 4}" stroke="#c4c4c4"/>'
                f'<text class="oit-chart-note" x="{mx + 3}" y="{top - 10}">{_esc(label)}</text>'
            )
            month = _next_month(month)
        for r, bar in enumerate(self.bars):
            y = top + r * row
            parts.append(
                f'<text class="oit-chart-label" x="0" y="{y + 14}">{_esc(bar.label)}</text>'
            )
            if bar.end is not None and bar.start is None:  # a due date: a mark on that day
                mx = x(bar.end + dt.timedelta(days=1))
                parts.append(
                    f'<path class="oit-chart-{bar.kind}" d="M{mx} {y + 3}l6 7l-6 7l-6 -7z" '
                    f'fill="{_FILL[bar.kind]}"><title>{_esc(bar.note)}</title></path>'
                )
                continue
            if bar.start is None or bar.end is None:
                continue
            x1 = x(bar.start)
            width = round(max(x(bar.end + dt.timedelta(days=1)) - x1, 2), 1)
            parts.append(
                f'<rect class="oit-chart-{bar.kind}" x="{x1}" y="{y + 3}" '
                f'width="{width}" height="{BAR}" rx="3" fill="{_FILL[bar.kind]}">'
                f"<title>{_esc(bar.note)}</title></rect>"
            )
        if self.marker is not None and self.start <= self.marker <= self.end:
            mx = x(self.marker)
            parts.append(
                f'<line class="oit-chart-threshold" x1="{mx}" y1="{top - 30}" x2="{mx}" '
                f'y2="{height}" stroke="#b3261e" stroke-dasharray="4 3"/>'
                f'<text class="oit-chart-note" x="{mx + 3}" y="{top - 24}">'
                f"{_esc(self.marker_label)}</text>"
            )
        parts.append("</svg>")
        return Markup("".join(parts))


# Fallback colours when the stylesheet is not there (the CSS classes override them).
_FILL = {
    "current": "#3f51b5",
    "previous": "#8a8a8a",
    "done": "#2e7d32",
    "in_progress": "#1565c0",
    "not_started": "#8a8a8a",
    "cancelled": "#b3261e",
    "none": "#8a8a8a",
}


def _open(id: str, title: str, desc: str, height: int) -> str:
    return (
        f'<svg class="oit-chart-svg" role="img" aria-labelledby="{id}-title {id}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{id}-title">{_esc(title)}</title><desc id="{id}-desc">{_esc(desc)}</desc>'
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> Sequence[dt.date]:
    """First days of the months from `start` to `end`."""
    months, day = [], dt.date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = _next_month(day)
    return months
