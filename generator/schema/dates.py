"""Dates as editors write them: ISO `YYYY-MM-DD`, in the Common or the Buddhist Era.

A year above 2400 is read as Buddhist Era (พ.ศ.) and converted (CE = BE - 543).
The loader hands dates over as text, so 2567-02-29 (a valid date in BE 2567 = CE 2024)
is converted before it is checked.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from generator.schema.base import fail, thai_digits_to_arabic

BE_OFFSET = 543
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise fail("expected a date.", "Write it as YYYY-MM-DD, e.g. 2569-01-15 or 2026-01-15.")
    text = thai_digits_to_arabic(value.strip())
    match = _ISO.match(text)
    if not match:
        raise fail(
            f'"{value}" is not a date in the form YYYY-MM-DD.',
            "Write it as YYYY-MM-DD, e.g. 2569-01-15 (Buddhist Era) or 2026-01-15.",
        )
    year, month, day = (int(g) for g in match.groups())
    if year > 2400:
        year -= BE_OFFSET
    if not 1900 <= year <= 2200:
        raise fail(
            f'the year in "{value}" is not plausible.',
            "Use a Buddhist Era year (e.g. 2569) or a Common Era year (e.g. 2026).",
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise fail(
            f'"{value}" is not a real calendar date.',
            "Check the month (1-12) and the day of the month.",
        ) from None


#: The form editors write, for editors' tools (JSON Schema's `format: date` would refuse
#: BE dates such as 2567-02-29 and Thai digits, which `parse_date` accepts).
DATE_PATTERN = r"^\s*[0-9๐-๙]{4}-[0-9๐-๙]{1,2}-[0-9๐-๙]{1,2}\s*$"

#: A calendar date; BE years are converted to CE on reading.
Date = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN, "examples": ["2569-01-15"]}),
]


def fiscal_year_of(day: dt.date) -> int:
    """The Thai fiscal year (BE) a date falls in: FY N runs 1 Oct (N-544) to 30 Sep (N-543)."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(fy: int) -> tuple[dt.date, dt.date]:
    ce = fy - BE_OFFSET
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)
