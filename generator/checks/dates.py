"""Dates checked against the fiscal year they are published for (warnings, never errors).

Where it sits: with `checks.py`, after validation. A date after the end of the fiscal year
is usually a Buddhist/Common Era mix-up (2612 for 2569, or 543 added twice); a date in an
item about the current fiscal year that is more than a year before the year began is
usually last year's document left in place. Both still build: the warning asks a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.errors import Problem
from generator.messages import Message, _
from generator.model.load import SourceFile
from generator.model.project import FiscalYear
from generator.model.validate import at, describe
from generator.schema.dates import BE_OFFSET, fiscal_year_bounds

#: Items about the current fiscal year, whose documents should be of that year.
CURRENT = ("current_fy", "first_half_current_fy")


def check_dates(year: FiscalYear) -> list[Problem]:
    start, end = fiscal_year_bounds(year.fy)
    problems = []
    for item in year.items:
        if item.content is None or item.source is None:
            continue
        for loc, day in _dates(item.content):
            if day > end:
                problems.append(
                    _warning(
                        item.source,
                        loc,
                        _(
                            "the date {day} is after the end of FY{fy} ({end}).",
                            day=_be(day),
                            fy=year.fy,
                            end=_be(end),
                        ),
                        _(
                            "Check the year: a Buddhist Era year is the Common Era year + 543 "
                            "(FY{fy} ends in {year}, B.E. {be}).",
                            fy=year.fy,
                            year=end.year,
                            be=end.year + BE_OFFSET,
                        ),
                    )
                )
            elif item.spec.period in CURRENT and loc[-1] == "date" and day < _year_before(start):
                problems.append(
                    _warning(
                        item.source,
                        loc,
                        _(
                            "the date {day} is more than a year before FY{fy} began ({start}); "
                            "item {code} is about the current fiscal year.",
                            day=_be(day),
                            fy=year.fy,
                            start=_be(start),
                            code=item.code,
                        ),
                        _("Check the year, or replace the document with this year's."),
                    )
                )
    return problems


def _dates(content: object) -> Iterator[tuple[tuple[str | int, ...], dt.date]]:
    updated = getattr(content, "updated", None)
    if updated is not None:
        yield ("updated",), updated
    for b, block in enumerate(getattr(content, "blocks", [])):
        for d, doc in enumerate(getattr(block, "documents", [])):
            if doc.date is not None:
                yield ("blocks", b, "documents", d, "date"), doc.date


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1)


def _be(day: dt.date) -> str:
    return f"{day.year + BE_OFFSET}-{day.month:02d}-{day.day:02d}"


def _warning(
    source: SourceFile, loc: tuple[str | int, ...], message: Message, hint: Message
) -> Problem:
    return source.problem(loc, at(describe(loc), message), hint, severity="warning")
