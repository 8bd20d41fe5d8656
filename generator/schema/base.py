"""Shared building blocks of the data model: the strict base class and value parsers."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def fail(message: str, hint: str = "") -> PydanticCustomError:
    """A validation error in our own words; `errors.py` shows `message` and `hint` as they are."""
    return PydanticCustomError("oit", "{message}", {"message": message, "hint": hint})


class Model(BaseModel):
    """Base of every data-file model: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, populate_by_name=True
    )


def thai_digits_to_arabic(text: str) -> str:
    return text.translate(THAI_DIGITS)


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_number(value: Any) -> Any:
    """Numbers as editors type them: Thai digits and thousands separators are accepted."""
    if isinstance(value, bool):
        raise fail("expected a number, not true/false.")
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if isinstance(value, str):
        text = thai_digits_to_arabic(value.strip()).replace(" ", "")
        if _NUMBER.match(text):
            try:
                return Decimal(text.replace(",", ""))
            except InvalidOperation:
                pass
        raise fail(
            f'"{value}" is not a number.',
            "Write digits only, e.g. 1290000 or 1,290,000.50 (Thai digits are fine).",
        )
    raise fail("expected a number.", "Write digits only, e.g. 1290000.")


#: A number as given in the data (stored exactly; never recomputed).
Number = Annotated[Decimal, BeforeValidator(parse_number)]
