"""Dates as editors write them: ISO `YYYY-MM-DD`, in the Common or the Buddhist Era.

A year above 2400 is read as Buddhist Era (พ.ศ.) and converted (CE = BE - 543).
The loader hands dates over as text, so 2567-02-29 (a valid date in BE 2567 = CE 2024)
is converted before it is checked.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError
from pythainlp.util.date import thai_abbr_months, thai_full_months

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


# -- months and periods (used by month table columns and documents' `covers:`) ---------------

_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_WORDS = re.compile(r"^(\S+?)\.?\s*(\d{2}|\d{4})$")
#: The months' names (full, abbreviated) by language, January first: the one table used to
#: read months in data and to write them on pages. Thai from PyThaiNLP.
MONTHS: dict[str, tuple[tuple[str, str], ...]] = {
    "th": tuple(zip(thai_full_months, thai_abbr_months, strict=True)),
    "en": tuple(
        (name, name[:3])
        for name in (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        )
    ),
}
_MONTH_HINT = "Write the month as YYYY-MM, e.g. 2568-10 (Buddhist Era) or 2025-10, or ตุลาคม 2568."


def _month_number(word: str) -> int | None:
    word = word.strip().rstrip(".").lower()
    for names in MONTHS.values():
        for number, (full, short) in enumerate(names, start=1):
            if word in (full.lower(), short.rstrip(".").lower()):
                return number
    return None


def parse_month(value: Any) -> dt.date:
    """A calendar month as its first day: `2568-10`, `2025-10`, `ตุลาคม 2568`, `ต.ค. 68`."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    if not isinstance(value, str):
        raise fail("expected a month.", _MONTH_HINT)
    text = " ".join(thai_digits_to_arabic(value).replace("พ.ศ.", " ").split())
    iso = _MONTH_ISO.match(text)
    words = _MONTH_WORDS.match(text)
    if iso:
        year, month = int(iso.group(1)), int(iso.group(2))
    elif words and _month_number(words.group(1)) is not None:
        month = _month_number(words.group(1)) or 0
        year = int(words.group(2))
        if year < 100:  # `ต.ค. 68`: a two-digit Buddhist Era year
            year += 2500
    else:
        raise fail(f'"{value}" is not a month.', _MONTH_HINT)
    if year > 2400:
        year -= BE_OFFSET
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise fail(f'"{value}" is not a month.', _MONTH_HINT)
    return dt.date(year, month, 1)


def month_end(month: dt.date) -> dt.date:
    """The last day of the month starting on `month`."""
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from the one holding `first` to the one holding `last`, as first days."""
    months: list[dt.date] = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = month_end(month) + dt.timedelta(days=1)
    return months


_FY = re.compile(r"^(\d{4})$")
_FY_SPAN = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
_COVERS_HINT = (
    "Write a month (2568-10), a fiscal year in Buddhist Era (2568) or a span of "
    "fiscal years (2566-2570)."
)


def parse_covers(value: Any) -> str:
    """What a document covers, normalised: a month `2568-10` (BE), a fiscal year `2568`, or
    fiscal years `2566-2570`. Fiscal years are named in Buddhist Era, so a CE year is refused."""
    text = thai_digits_to_arabic(str(value).strip())
    for pattern in (_FY_SPAN, _FY):
        match = pattern.match(text)
        if match:
            years = [int(g) for g in match.groups()]
            if any(y < 2400 for y in years):
                raise fail(
                    f'"{value}" looks like a Common Era year.',
                    "Fiscal years are named in Buddhist Era: write 2568, not 2025.",
                )
            if years[-1] < years[0]:
                raise fail(f'"{value}" ends before it starts.', "Write the earlier year first.")
            return "-".join(str(y) for y in years)
    month = parse_month(text)
    return f"{month.year + BE_OFFSET}-{month.month:02d}"


def covers_span(covers: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a normalised `covers:` value."""
    parts = covers.split("-")
    if len(parts[-1]) == 2:  # a month, 2568-10
        start = dt.date(int(parts[0]) - BE_OFFSET, int(parts[1]), 1)
        return start, month_end(start)
    return fiscal_year_bounds(int(parts[0]))[0], fiscal_year_bounds(int(parts[-1]))[1]


def covers_month(covers: str) -> dt.date | None:
    """The month a normalised `covers:` value names, or None for fiscal years."""
    return covers_span(covers)[0] if len(covers.split("-")[-1]) == 2 else None


#: What a document covers: a month, a fiscal year or a span of fiscal years (BE).
Covers = Annotated[str, BeforeValidator(parse_covers)]


# -- periods of plans: a start or end may be a month, and the printed text is read back ------


def _period_day(value: Any, *, last: bool) -> dt.date:
    """A date, or a month read as its first (start) or last (end) day: `2564-03`, `มี.ค. 64`."""
    text = thai_digits_to_arabic(value.strip()) if isinstance(value, str) else ""
    if not text or _ISO.match(text) or not isinstance(value, str):
        return parse_date(value)
    try:
        month = parse_month(value)
    except PydanticCustomError:
        raise fail(
            f'"{value}" is not a date or a month.',
            "Write a date as YYYY-MM-DD (2569-01-15) or a month as YYYY-MM (2569-03) or มี.ค. 2569.",
        ) from None
    return month_end(month) if last else month


#: A month as `parse_month` reads it, for editors' tools: 2569-03, มี.ค. 64, มีนาคม พ.ศ. 2564.
_MONTH_NAMES = [
    re.escape(form)
    for names in MONTHS.values()
    for full, short in names
    for form in dict.fromkeys((full, full.lower(), short.rstrip("."), short.rstrip(".").lower()))
]
MONTH_PATTERN = (
    r"^\s*([0-9๐-๙]{4}-[0-9๐-๙]{1,2}|(" + "|".join(_MONTH_NAMES) + r")\.?\s*(พ\.ศ\.)?\s*"
    r"([0-9๐-๙]{2}|[0-9๐-๙]{4}))\s*$"
)
_PERIOD_JSON = WithJsonSchema(
    {
        "anyOf": [
            {"type": "string", "pattern": DATE_PATTERN},
            {"type": "string", "pattern": MONTH_PATTERN},
        ],
        "examples": ["2569-01-15", "2569-03", "มี.ค. 2569"],
    }
)

#: The first day of a period: a date, or a month (its first day).
PeriodStart = Annotated[
    dt.date, BeforeValidator(functools.partial(_period_day, last=False)), _PERIOD_JSON
]
#: The last day of a period: a date, or a month (its last day), as in "ภายใน มี.ค. 64".
PeriodEnd = Annotated[
    dt.date, BeforeValidator(functools.partial(_period_day, last=True)), _PERIOD_JSON
]

_RANGE = re.compile(r"\s*(?:–|—|-|ถึง)\s*")
_PRINTED_DAY = re.compile(r"^(?:(\d{1,2})\s*)?([^\d\s]+?)\.?\s*(\d{4}|\d{2})?$")


def read_printed_span(text: str) -> tuple[dt.date | None, dt.date | None] | None:
    """The dates a printed period names (`๑ เม.ย. – ๓๐ ก.ย. ๖๙`, `6 มีนาคม ถึง 30 เมษายน
    2567`, `ภายใน มี.ค. ๖๔`), or None when the text is not a plain range of dates or months.

    Why: the printed text is shown beside the dates only when it says something else
    ("ตลอดปีงบประมาณ", a different year), not when it merely repeats them.
    """
    words = " ".join(thai_digits_to_arabic(text).replace("พ.ศ.", " ").split())
    end_only = words.startswith("ภายใน")
    words = words.removeprefix("ภายใน").removeprefix("ตั้งแต่").strip()
    parts = [p.removeprefix("วันที่").removeprefix("เดือน").strip() for p in _RANGE.split(words)]
    if not 1 <= len(parts) <= 2:
        return None
    if len(parts) == 2 and parts[0].isdigit():  # `๗ - ๘ กุมภาพันธ์ ๒๕๖๘`: one month
        month = _PRINTED_DAY.match(parts[1])
        parts[0] += " " + month.group(2) if month else ""
    read = [_printed_day(p) for p in parts]
    if any(r is None for r in read):
        return None
    (d1, m1, y1), (d2, m2, y2) = read[0], read[-1]  # type: ignore[misc]
    if y2 is None:
        return None
    year1 = y1 if y1 is not None else (y2 if (m1, d1 or 1) <= (m2, d2 or 1) else y2 - 1)
    try:
        first = dt.date(year1, m1, d1 or 1)
        end_month = dt.date(y2, m2, 1)
        last = end_month.replace(day=d2) if d2 else month_end(end_month)
    except ValueError:
        return None
    if len(parts) == 1:
        return (None, last) if end_only else (first, last if d2 is None else first)
    return first, last


def _printed_day(part: str) -> tuple[int | None, int, int | None] | None:
    """(day, month, CE year) of `1 เม.ย. 69`, `มีนาคม 2567`, `30 ก.ย.`."""
    match = _PRINTED_DAY.match(part)
    month = _month_number(match.group(2)) if match else None
    if match is None or month is None:
        return None
    day = int(match.group(1)) if match.group(1) else None
    year = int(match.group(3)) if match.group(3) else None
    if year is not None and year < 100:
        year += 2500
    if year is not None and year > 2400:
        year -= BE_OFFSET
    return day, month, year
