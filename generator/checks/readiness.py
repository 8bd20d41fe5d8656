"""Readiness for the OIT window: what an assessor would find wrong, as of a given date.

`oit check --as-of DATE` assesses the fiscal year DATE falls in (ITA year N is assessed
during FY N): each checklist item's completeness (`checks.item_status`) and the period
rules of its checklist entry. Content is dated by documents (`covers:` says what period
a document is about; without it, its `date:`, when it was published) and by table columns
of type date and month. The rules:

- current FY (also "previous ITA results + current FY" and "first half"): something on
  the page is dated in the fiscal year;
- previous FY: the page covers the previous fiscal year: content about it, or a document
  published after it ended (a report on a year is written once the year is over);
- multi-year: a document's `covers:` spans the fiscal year (`covers: 2566-2570`);
- an element marked `monthly` has every month from October to the month before DATE
  (all twelve months of the previous year for a previous-FY item);
- an element with `if_none` (complaint statistics) shows a count above zero or says those
  words ("ไม่มีเรื่องร้องเรียน"): an empty table is not a statement of zero;
- the OIT window of the year (year.yml `oit_window`, else the checklist's), with days left.

Findings are warnings located in the item files: a site with gaps still builds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from generator.checks.completeness import ItemStatus, item_status, providers
from generator.errors import Problem
from generator.format import Formatter
from generator.model.project import FiscalYear, Item, Project
from generator.schema.blocks import DocumentsBlock, TableBlock
from generator.schema.checklist import Element, Window
from generator.schema.dates import (
    covers_month,
    covers_span,
    fiscal_year_bounds,
    fiscal_year_of,
    month_end,
    months_between,
)
from generator.schema.text import Text

_THAI = Formatter("th")
_CURRENT = ("current_fy", "previous_ita_and_current_fy", "first_half_current_fy")


@dataclass(frozen=True)
class Evidence:
    """A period some content of an item is about (or, `published`, when it came out)."""

    block: int
    start: dt.date
    end: dt.date
    published: bool = False  # a document's date without `covers:`
    month: bool = False  # exactly one calendar month (month cells, `covers: 2568-10`)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and self.end >= start


@dataclass(frozen=True)
class Finding:
    """One period problem of an item: located for editors, short for the table."""

    problem: Problem
    note: str


@dataclass(frozen=True)
class ItemReadiness:
    item: Item
    status: ItemStatus
    findings: tuple[Finding, ...]

    @property
    def ready(self) -> bool:
        return self.status.state == "complete" and not self.findings

    def notes(self) -> list[str]:
        missing = [f'missing "{gap.element.key}"' for gap in self.status.missing]
        if self.status.state == "missing":
            missing = ["no item file"]
        return missing + [finding.note for finding in self.findings]


@dataclass(frozen=True)
class Readiness:
    """The readiness of the fiscal year `fy` as of `as_of`."""

    as_of: dt.date
    fy: int
    year: FiscalYear | None
    items: tuple[ItemReadiness, ...]
    year_problems: tuple[Problem, ...]

    @property
    def window(self) -> Window | None:
        if self.year is None:
            return None
        return self.year.settings.oit_window or self.year.checklist.window

    def problems(self) -> list[Problem]:
        found = [f.problem for r in self.items for f in r.findings]
        return [*self.year_problems, *found]

    def window_text(self) -> str:
        window = self.window
        if window is None:
            return f"OIT window: not known; set oit_window in data/{self.fy}/year.yml"
        span = f"{_THAI.date(window.start)} – {_THAI.date(window.end)}"
        if self.as_of < window.start:
            return f"OIT window {span}: opens in {(window.start - self.as_of).days} day(s)"
        left = (window.end - self.as_of).days
        if left < 0:
            return f"OIT window {span}: closed {-left} day(s) ago"
        return (
            f"OIT window {span}: {left} day(s) left" if left else f"OIT window {span}: ends today"
        )

    def summary(self) -> str:
        states = [r.status.state for r in self.items]
        return (
            f"{sum(r.ready for r in self.items)} of {len(self.items)} items ready: "
            f"{states.count('complete')} complete, {states.count('incomplete')} incomplete, "
            f"{states.count('missing')} missing; "
            f"{sum(bool(r.findings) for r in self.items)} with period problems"
        )

    def to_json(self) -> dict[str, Any]:
        window = self.window
        return {
            "fiscal_year": self.fy,
            "checklist": self.year.checklist.id if self.year else None,
            "window": {
                "start": window.start.isoformat(),
                "end": window.end.isoformat(),
                "days_left": (window.end - self.as_of).days,
            }
            if window
            else None,
            "items": [
                {
                    "code": r.item.code,
                    "title": r.item.title.th,
                    "state": r.status.state,
                    "period": r.item.spec.period,
                    "ready": r.ready,
                    "missing_elements": [
                        {"key": gap.element.key, "title": gap.element.title.th}
                        for gap in r.status.missing
                    ],
                    "findings": [f.problem.message for f in r.findings],
                }
                for r in self.items
            ],
            "summary": self.summary() if self.year else None,
        }


def check_readiness(project: Project, as_of: dt.date) -> Readiness:
    fy = fiscal_year_of(as_of)
    year = project.years.get(fy)
    if year is None:
        start = fiscal_year_bounds(fy)[0]
        problem = Problem(
            f"data/{fy}/year.yml",
            1,
            1,
            "warning",
            f"as of {as_of.isoformat()}, fiscal year {fy} has begun "
            f"({_THAI.date(start)}) but there is no data/{fy}/ folder.",
            f"Create data/{fy}/year.yml with the line `checklist: ita-{fy}` once the "
            "NACC publishes that checklist.",
        )
        return Readiness(as_of, fy, None, (), (problem,))
    items = tuple(
        ItemReadiness(item, item_status(item), tuple(_findings(item, fy, as_of)))
        for item in year.items
    )
    return Readiness(as_of, fy, year, items, ())


# -- the rules ---------------------------------------------------------------------------


def _findings(item: Item, fy: int, as_of: dt.date) -> list[Finding]:
    if item.content is None or item.source is None or not item.content.blocks:
        return []
    period = item.spec.period
    found: list[Finding] = []
    evidence = item_evidence(item)
    if period in _CURRENT:
        found += _current(item, fy, evidence)
    elif period == "previous_fy":
        found += _previous(item, fy, evidence)
    elif period == "multi_year":
        found += _multi_year(item, fy, evidence)
    for element in item.spec.elements:
        blocks = providers(item, element)
        if not blocks:
            continue  # not provided: completeness reports it when it is required
        if element.monthly and period in (*_CURRENT, "previous_fy"):
            found += _monthly(item, element, blocks, fy, as_of, evidence)
        if element.if_none:
            found += _if_none(item, element, blocks)
    return found


def _finding(item: Item, block: int | None, message: str, hint: str, note: str) -> Finding:
    assert item.source is not None
    loc: tuple[str | int, ...] = ("blocks",) if block is None else ("blocks", block)
    problem = item.source.problem(loc, message, hint, key=block is None, severity="warning")
    return Finding(problem, note)


def _span(start: dt.date, end: dt.date) -> str:
    return f"{_THAI.date(start)} – {_THAI.date(end)}"


def _undated(item: Item, fy: int) -> Finding:
    return _finding(
        item,
        None,
        f"item {item.code} must show data of fiscal year {fy}, but nothing on it is dated.",
        f"Give its documents a `date:` (or `covers: {fy}`), or its table a date or month column.",
        "nothing dated",
    )


def _current(item: Item, fy: int, evidence: list[Evidence]) -> list[Finding]:
    start, end = fiscal_year_bounds(fy)
    if not evidence:
        return [_undated(item, fy)]
    if any(e.overlaps(start, end) for e in evidence):
        return []
    first, last = min(e.start for e in evidence), max(e.end for e in evidence)
    return [
        _finding(
            item,
            None,
            f"item {item.code} must show data of fiscal year {fy} ({_span(start, end)}), "
            f"but its dates run from {_span(first, last)}.",
            f"Publish this year's documents and give their dates (or `covers: {fy}`).",
            f"nothing dated in FY{fy}",
        )
    ]


def _previous(item: Item, fy: int, evidence: list[Evidence]) -> list[Finding]:
    start, end = fiscal_year_bounds(fy - 1)
    if not evidence:
        return [_undated(item, fy - 1)]
    if any((e.start > end) if e.published else e.overlaps(start, end) for e in evidence):
        return []
    first, last = min(e.start for e in evidence), max(e.end for e in evidence)
    return [
        _finding(
            item,
            None,
            f"item {item.code} must cover the previous fiscal year {fy - 1} "
            f"({_span(start, end)}), but its dates run from {_span(first, last)}.",
            f"Publish the report of fiscal year {fy - 1} (written after it ended) with its "
            f"date, or say what a document is about with `covers: {fy - 1}`.",
            f"does not cover FY{fy - 1}",
        )
    ]


def _multi_year(item: Item, fy: int, evidence: list[Evidence]) -> list[Finding]:
    start, end = fiscal_year_bounds(fy)
    plans = [e for e in evidence if not e.published and not e.month]
    if any(e.start <= start and e.end >= end for e in plans):
        return []
    if not plans:
        return [
            _finding(
                item,
                None,
                f"item {item.code} needs a plan of several years that covers fiscal year "
                f"{fy}, but no document says which years it covers.",
                f"Add `covers:` with the plan's fiscal years to its document, e.g. "
                f"`covers: {fy - 3}-{fy + 1}`.",
                "plan years unknown",
            )
        ]
    first, last = min(e.start for e in plans), max(e.end for e in plans)
    return [
        _finding(
            item,
            plans[0].block,
            f"item {item.code} needs a plan that covers fiscal year {fy}, but its plans "
            f"cover fiscal years {fiscal_year_of(first)}-{fiscal_year_of(last)}.",
            "Publish the plan in force this year and give its `covers:` years.",
            f"no plan covering FY{fy}",
        )
    ]


def months_due(period: str, fy: int, as_of: dt.date) -> list[dt.date]:
    """The months a monthly element must show as of `as_of` (first days of months)."""
    if period == "previous_fy":
        return months_between(*fiscal_year_bounds(fy - 1))
    start, end = fiscal_year_bounds(fy)
    last = min(end, as_of.replace(day=1) - dt.timedelta(days=1))
    if period == "first_half_current_fy":
        last = min(last, month_end(dt.date(start.year + 1, 3, 1)))
    return months_between(start, last) if last >= start else []


def _monthly(
    item: Item,
    element: Element,
    blocks: tuple[int, ...],
    fy: int,
    as_of: dt.date,
    evidence: list[Evidence],
) -> list[Finding]:
    due = months_due(item.spec.period, fy, as_of)
    if not due:
        return []
    have = {e.start for e in evidence if e.month and e.block in blocks}
    name = f'item {item.code}: element "{element.key}" ({element.title.th})'
    if not have:
        return [
            _finding(
                item,
                blocks[0],
                f"{name} should show every month, but none of its entries says which month "
                "it is about.",
                "Give its table a column of type month, or each document `covers: 2568-10`.",
                f'"{element.key}": months unknown',
            )
        ]
    missing = [month for month in due if month not in have]
    if not missing:
        return []
    names = ", ".join(f"{_THAI.month(m)} ({m.year + 543}-{m.month:02d})" for m in missing)
    return [
        _finding(
            item,
            blocks[0],
            f"{name} has no entry for {names}.",
            "Add a line (or document) for each month; a month without any also needs one "
            "that says so.",
            f'"{element.key}": no ' + ", ".join(_THAI.month(m) for m in missing),
        )
    ]


def _if_none(item: Item, element: Element, blocks: tuple[int, ...]) -> list[Finding]:
    assert element.if_none is not None and item.content is not None
    numbers = [
        cell
        for b in blocks
        if b in item.tables
        for row in item.tables[b].rows
        for cell in row
        if isinstance(cell, Decimal)
    ]
    if any(number > 0 for number in numbers):
        return []
    wanted = _squash(element.if_none)
    cells = [cell for table in item.tables.values() for row in table.rows for cell in row]
    if any(wanted in _squash(text) for text in _thai_texts([item.content, cells])):
        return []
    return [
        _finding(
            item,
            blocks[0],
            f'item {item.code}: element "{element.key}" ({element.title.th}) shows no count '
            f'above zero and does not say "{element.if_none}".',
            f'If there were none, say so in these words: "{element.if_none}"; if there '
            "were some, give their numbers in a table.",
            f'"{element.key}": say "{element.if_none}"',
        )
    ]


# -- what the content says ------------------------------------------------------------------


def item_evidence(item: Item) -> list[Evidence]:
    """Every dated thing on an item's page, with the block it is in."""
    found: list[Evidence] = []
    if item.content is None:
        return found
    for b, block in enumerate(item.content.blocks):
        if isinstance(block, DocumentsBlock):
            for doc in block.documents:
                if doc.covers:
                    start, end = covers_span(doc.covers)
                    found.append(
                        Evidence(b, start, end, month=covers_month(doc.covers) is not None)
                    )
                elif doc.date:
                    found.append(Evidence(b, doc.date, doc.date, published=True))
        elif isinstance(block, TableBlock) and b in item.tables:
            table = item.tables[b]
            for c, column in enumerate(table.columns):
                if column.type not in ("date", "month"):
                    continue
                for row in table.rows:
                    cell = row[c]
                    if isinstance(cell, dt.date):
                        month = column.type == "month"
                        found.append(
                            Evidence(b, cell, month_end(cell) if month else cell, month=month)
                        )
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _thai_texts(value: object) -> list[str]:
    """Every text in `value` as the Thai page shows it."""
    if isinstance(value, Text):
        return [value.th]
    if isinstance(value, str):
        return [value]
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in _thai_texts(getattr(value, name))]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _thai_texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _thai_texts(v)]
    return []


_PERIOD_SHORT = {
    "standing": "standing",
    "current_fy": "current FY",
    "previous_fy": "previous FY",
    "multi_year": "multi-year",
    "previous_ita_and_current_fy": "last ITA + current FY",
    "first_half_current_fy": "first half of FY",
    "previous_academic_year": "last academic year",
    "unknown": "not known",
}


def period_label(item: Item) -> str:
    """The item's period rule in a few words, for the terminal table."""
    return _PERIOD_SHORT[item.spec.period]
