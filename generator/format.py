"""How values read on a page, per language: dates, fiscal years, numbers and money.

Thai pages show Buddhist Era dates with Thai month names (PyThaiNLP's `thai_strftime`)
and, when the agency asks for it, Thai digits; English pages show Common Era dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pythainlp.util import arabic_digit_to_thai_digit, bahttext, thai_strftime

from generator.messages import Lang
from generator.schema.dates import MONTHS, fiscal_year_bounds


class Formatter:
    """Formats values for one language, with the agency's digit setting."""

    def __init__(self, lang: str, *, thai_digits: bool = False) -> None:
        self.lang = lang
        self.thai_digits = thai_digits and lang == "th"

    def digits(self, text: str) -> str:
        return arabic_digit_to_thai_digit(text) if self.thai_digits else text

    def date(self, day: dt.date | None, style: str = "short") -> str:
        """`15 ม.ค. 2569` / `15 January 2026`; style "long" spells the Thai month out."""
        if day is None:
            return ""
        if self.lang == "th":
            pattern = "%-d %B %Y" if style == "long" else "%-d %b %Y"
            return self.digits(thai_strftime(dt.datetime(day.year, day.month, day.day), pattern))
        full, short = MONTHS["en"][day.month - 1]
        return f"{day.day} {full if style == 'long' else short} {day.year}"

    def month(self, month: dt.date | None) -> str:
        """`ตุลาคม 2568` / `October 2025`."""
        if month is None:
            return ""
        if self.lang == "th":
            return self.digits(thai_strftime(dt.datetime(month.year, month.month, 1), "%B %Y"))
        return f"{MONTHS['en'][month.month - 1][0]} {month.year}"

    def iso(self, day: dt.date | None) -> str:
        return day.isoformat() if day else ""

    def fiscal_year(self, fy: int) -> str:
        """`ปีงบประมาณ พ.ศ. 2569` / `Fiscal year 2026 (B.E. 2569)`."""
        if self.lang == "th":
            return self.digits(f"ปีงบประมาณ พ.ศ. {fy}")
        return f"Fiscal year {fy - 543} (B.E. {fy})"

    def fiscal_year_short(self, fy: int) -> str:
        return self.digits(f"พ.ศ. {fy}") if self.lang == "th" else f"FY{fy - 543} (B.E. {fy})"

    def fiscal_year_span(self, fy: int) -> str:
        start, end = fiscal_year_bounds(fy)
        return f"{self.date(start, 'long')} – {self.date(end, 'long')}"

    def number(self, value: Decimal | int | None) -> str:
        if value is None:
            return ""
        value = Decimal(value)
        exponent = value.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
        return self.digits(f"{value:,.{places}f}")

    def money(self, value: Decimal | int | None) -> str:
        """`1,290,000` or `1,289,999.22`: two decimals only when not whole."""
        if value is None:
            return ""
        value = Decimal(value)
        text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
        return self.digits(text)

    def baht_words(self, value: Decimal | int) -> str:
        """The amount in Thai words (`หนึ่งล้านสองแสนเก้าหมื่นบาทถ้วน`), as documents print it."""
        return bahttext(float(value))


@dataclass(frozen=True)
class DateText:
    """A date (or a span of dates, or a month) as a parameter of a message to an editor,
    written in the reader's language when the message is shown: `1 ต.ค. 2568` in Thai,
    `1 Oct 2025` in English (`generator.messages.Renderable`)."""

    day: dt.date
    end: dt.date | None = None  # a span: day – end
    style: Literal["short", "long", "month"] = "short"

    def render(self, lang: Lang) -> str:
        formatter = Formatter(lang)
        if self.style == "month":
            return formatter.month(self.day)
        first = formatter.date(self.day, self.style)
        return f"{first} – {formatter.date(self.end, self.style)}" if self.end else first
