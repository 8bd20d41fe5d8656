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
from generator.model.load import SourceFile
from generator.model.project import FiscalYear
from generator.model.validate import _describe
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
                        f"the date {_be(day)} is after the end of FY{year.fy} ({_be(end)}).",
                        "Check the year: a Buddhist Era year is the Common Era year + 543 "
                        f"(FY{year.fy} ends in {end.year}, B.E. {end.year + BE_OFFSET}).",
                    )
                )
            elif item.spec.period in CURRENT and loc[-1] == "date" and day < _year_before(start):
                problems.append(
                    _warning(
                        item.source,
                        loc,
                        f"the date {_be(day)} is more than a year before FY{year.fy} began "
                        f"({_be(start)}); item {item.code} is about the current fiscal year.",
                        "Check the year, or replace the document with this year's.",
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


def _warning(source: SourceFile, loc: tuple[str | int, ...], message: str, hint: str) -> Problem:
    return source.problem(loc, _describe(loc) + message, hint, severity="warning")
