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

from generator.checks.completeness import ItemStatus, element_name, item_status, providers
from generator.errors import Problem
from generator.format import DateText
from generator.messages import Lang, Message, _, _n, joined
from generator.model.project import FiscalYear, Item, Project
from generator.schema.base import thai_digits_to_arabic
from generator.schema.blocks import DocumentsBlock, TableBlock
from generator.schema.checklist import Element, Window
from generator.schema.dates import (
    BE_OFFSET,
    MONTHS,
    covers_month,
    covers_span,
    fiscal_year_bounds,
    fiscal_year_of,
    month_end,
    months_between,
)
from generator.schema.text import Text

_CURRENT = ("current_fy", "previous_ita_and_current_fy", "first_half_current_fy")


@dataclass(frozen=True)
class Evidence:
    """A period some content of an item is about (or, `published`, when it came out)."""

    block: int
    start: dt.date
    end: dt.date
    published: bool = False  # a document's date without `covers:`
    month: bool = False  # exactly one calendar month (month cells, `covers: 2568-10`)
    #: the month a document's title or date names (no `covers:`): for monthly elements only
    named: bool = False

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and self.end >= start


@dataclass(frozen=True)
class Finding:
    """One period problem of an item: located for editors, short for the table."""

    problem: Problem
    note: Message


@dataclass(frozen=True)
class ItemReadiness:
    item: Item
    status: ItemStatus
    findings: tuple[Finding, ...]

    @property
    def review(self) -> bool:
        """Carried over by `oit new-year` and still marked `# REVIEW`."""
        return self.item.source is not None and self.item.source.review_line > 0

    @property
    def ready(self) -> bool:
        return self.status.state == "complete" and not self.findings and not self.review

    def notes(self) -> list[Message]:
        missing = [_('missing "{key}"', key=gap.element.key) for gap in self.status.missing]
        if self.status.state == "missing":
            missing = [_("no item file")]
        if self.review:
            missing.insert(0, _("needs review (# REVIEW)"))
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

    def window_text(self) -> Message:
        window = self.window
        if window is None:
            return _("OIT window: not known; set oit_window in data/{fy}/year.yml", fy=self.fy)
        span = DateText(window.start, window.end)
        if self.as_of < window.start:
            days = (window.start - self.as_of).days
            return _n(
                "OIT window {span}: opens in {n} day",
                "OIT window {span}: opens in {n} days",
                days,
                span=span,
            )
        left = (window.end - self.as_of).days
        if left < 0:
            return _n(
                "OIT window {span}: closed {n} day ago",
                "OIT window {span}: closed {n} days ago",
                -left,
                span=span,
            )
        if not left:
            return _("OIT window {span}: ends today", span=span)
        return _n(
            "OIT window {span}: {n} day left", "OIT window {span}: {n} days left", left, span=span
        )

    def summary(self) -> Message:
        states = [r.status.state for r in self.items]
        text = _(
            "{ready} of {total} items ready: {complete} complete, {incomplete} incomplete, "
            "{missing} missing; {period} with period problems",
            ready=sum(r.ready for r in self.items),
            total=len(self.items),
            complete=states.count("complete"),
            incomplete=states.count("incomplete"),
            missing=states.count("missing"),
            period=sum(bool(r.findings) for r in self.items),
        )
        review = sum(r.review for r in self.items)
        if review:
            text = _("{summary}; {review} to review (# REVIEW)", summary=text, review=review)
        return text

    def to_json(self, lang: Lang) -> dict[str, Any]:
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
                    "review": r.review,
                    "findings": [f.problem.text(lang) for f in r.findings],
                }
                for r in self.items
            ],
            "summary": self.summary().render(lang) if self.year else None,
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
            _(
                "as of {date}, fiscal year {fy} has begun ({start}) but there is no data/{fy}/ "
                "folder.",
                date=as_of.isoformat(),
                fy=fy,
                start=DateText(start),
            ),
            _(
                "Create data/{fy}/year.yml with the line `checklist: ita-{fy}` once the NACC "
                "publishes that checklist.",
                fy=fy,
            ),
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
    periods = [e for e in evidence if not e.named]
    if period in _CURRENT:
        found += _current(item, fy, periods)
    elif period == "previous_fy":
        found += _previous(item, fy, periods)
    elif period == "multi_year":
        found += _multi_year(item, fy, periods)
    for element in item.spec.elements:
        blocks = providers(item, element)
        if not blocks:
            continue  # not provided: completeness reports it when it is required
        if element.monthly and period in (*_CURRENT, "previous_fy"):
            found += _monthly(item, element, blocks, fy, as_of, evidence)
        if element.if_none:
            found += _if_none(item, element, blocks)
    return found


def _finding(
    item: Item, block: int | None, message: Message, hint: Message, note: Message
) -> Finding:
    assert item.source is not None
    loc: tuple[str | int, ...] = ("blocks",) if block is None else ("blocks", block)
    problem = item.source.problem(loc, message, hint, key=block is None, severity="warning")
    return Finding(problem, note)


def _span(start: dt.date, end: dt.date) -> DateText:
    return DateText(start, end)


def _undated(item: Item, fy: int) -> Finding:
    return _finding(
        item,
        None,
        _(
            "item {code} must show data of fiscal year {fy}, but nothing on it is dated.",
            code=item.code,
            fy=fy,
        ),
        _(
            "Give its documents a `date:` (or `covers: {fy}`), or its table a date or month "
            "column.",
            fy=fy,
        ),
        _("nothing dated"),
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
            _(
                "item {code} must show data of fiscal year {fy} ({start}), but its dates run from "
                "{first}.",
                code=item.code,
                fy=fy,
                start=_span(start, end),
                first=_span(first, last),
            ),
            _("Publish this year's documents and give their dates (or `covers: {fy}`).", fy=fy),
            _("nothing dated in FY{fy}", fy=fy),
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
            _(
                "item {code} must cover the previous fiscal year {previous} ({start}), but its "
                "dates run from {first}.",
                code=item.code,
                previous=fy - 1,
                start=_span(start, end),
                first=_span(first, last),
            ),
            _(
                "Publish the report of fiscal year {previous} (written after it ended) with its "
                "date, or say what a document is about with `covers: {previous}`.",
                previous=fy - 1,
            ),
            _("does not cover FY{previous}", previous=fy - 1),
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
                _(
                    "item {code} needs a plan of several years that covers fiscal year {fy}, but "
                    "no document says which years it covers.",
                    code=item.code,
                    fy=fy,
                ),
                _(
                    "Add `covers:` with the plan's fiscal years to its document, e.g. "
                    "`covers: {first}-{last}`.",
                    first=fy - 3,
                    last=fy + 1,
                ),
                _("plan years unknown"),
            )
        ]
    first, last = min(e.start for e in plans), max(e.end for e in plans)
    return [
        _finding(
            item,
            plans[0].block,
            _(
                "item {code} needs a plan that covers fiscal year {fy}, but its plans cover "
                "fiscal years {first}-{last}.",
                code=item.code,
                fy=fy,
                first=fiscal_year_of(first),
                last=fiscal_year_of(last),
            ),
            _("Publish the plan in force this year and give its `covers:` years."),
            _("no plan covering FY{fy}", fy=fy),
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
    name = element_name(item, element)
    if not have:
        return [
            _finding(
                item,
                blocks[0],
                _(
                    "{name} should show every month, but none of its entries says which month "
                    "it is about.",
                    name=name,
                ),
                _(
                    "Give its table a column of type month, or each document `covers: 2568-10` "
                    "(or the month in its title, e.g. ประจำเดือนตุลาคม 2568)."
                ),
                _('"{key}": months unknown', key=element.key),
            )
        ]
    missing = [month for month in due if month not in have]
    if not missing:
        return []
    names = joined(
        _(
            "{month} ({covers})",
            month=DateText(m, style="month"),
            covers=f"{m.year + BE_OFFSET}-{m.month:02d}",
        )
        for m in missing
    )
    return [
        _finding(
            item,
            blocks[0],
            _("{name} has no entry for {names}.", name=name, names=names or ""),
            _(
                "Add a line (or document) for each month; a month without any also needs one "
                "that says so."
            ),
            _(
                '"{key}": no {months}',
                key=element.key,
                months=joined(DateText(m, style="month") for m in missing) or "",
            ),
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
            _(
                '{name} shows no count above zero and does not say "{if_none}".',
                name=element_name(item, element),
                if_none=element.if_none,
            ),
            _(
                'If there were none, say so in these words: "{if_none}"; if there were some, '
                "give their numbers in a table.",
                if_none=element.if_none,
            ),
            _('"{key}": say "{if_none}"', key=element.key, if_none=element.if_none),
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
                else:
                    if doc.date:
                        found.append(Evidence(b, doc.date, doc.date, published=True))
                    named = document_month(doc.title.th, doc.title.en, doc.date)
                    if named is not None:
                        found.append(Evidence(b, named, month_end(named), month=True, named=True))
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


def document_month(th: str, en: str | None, date: dt.date | None) -> dt.date | None:
    """The month a document without `covers:` is about: the one month its title names
    (`ประจำเดือนกุมภาพันธ์ 2569`, `ก.พ. 69`, `February 2026`; a month without a year is the
    last such month up to its date), else the month of its date; None when the title
    names several months, or a month without a year and there is no date."""
    months = {m for text in (th, en or "") for m in _months_named(text, date)}
    if len(months) > 1 or None in months:
        return None
    if months:
        return months.pop()
    return date.replace(day=1) if date else None


def _month_pattern() -> re.Pattern[str]:
    names: dict[str, int] = {}
    for lang, months in MONTHS.items():
        for number, (full, short) in enumerate(months, start=1):
            names[full.lower()] = number
            if lang == "th" or len(short) == 3:
                names[short.lower().rstrip(".")] = number
    alternatives = "|".join(re.escape(n) + r"\.?" for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"({alternatives})\s*(?:พ\.\s*ศ\.\s*)?(\d{{4}}|\d{{2}}(?!\d))?", re.I)


_MONTH_NAMES = {
    name.lower().rstrip("."): number
    for months in MONTHS.values()
    for number, pair in enumerate(months, start=1)
    for name in pair
}
_MONTH_IN_TEXT = _month_pattern()


def _months_named(text: str, date: dt.date | None) -> set[dt.date | None]:
    """The months `text` names (first days); None for one it names without a year that
    cannot be placed. A Latin abbreviation (May, Jan) or a Thai one (ก.พ., also the Civil
    Service Commission) counts only with a year."""
    found: set[dt.date | None] = set()
    text = thai_digits_to_arabic(text)
    for match in _MONTH_IN_TEXT.finditer(text):
        word, year_text = match.group(1), match.group(2)
        number = _MONTH_NAMES[word.lower().rstrip(".")]
        full = any(word.lower() == names[number - 1][0].lower() for names in MONTHS.values())
        latin = word.isascii()
        if year_text is None and (latin or not full):
            continue
        if latin and match.start() > 0 and text[match.start() - 1].isalpha():
            continue  # inside a word
        if year_text is not None:
            year = int(year_text)
            year = year + 2500 if year < 100 else year
            year = year - BE_OFFSET if year > 2400 else year
            found.add(dt.date(year, number, 1) if 1900 <= year <= 2200 else None)
        elif date is not None:
            year = date.year if number <= date.month else date.year - 1
            found.add(dt.date(year, number, 1))
        else:
            found.add(None)
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
    "standing": _("standing"),
    "current_fy": _("current FY"),
    "previous_fy": _("previous FY"),
    "multi_year": _("multi-year"),
    "previous_ita_and_current_fy": _("last ITA + current FY"),
    "first_half_current_fy": _("first half of FY"),
    "previous_academic_year": _("last academic year"),
    "unknown": _("not known"),
}

#: The states of an item in the readiness table.
STATES = {
    "complete": _("complete"),
    "incomplete": _("incomplete"),
    "missing": _("missing"),
}


def period_label(item: Item) -> Message:
    """The item's period rule in a few words, for the terminal table."""
    return _PERIOD_SHORT[item.spec.period]
