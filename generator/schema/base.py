"""Shared building blocks of the data model: the strict base class and value parsers."""

from __future__ import annotations

import copy
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

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


#: No figure in agency data comes near this (a budget of a trillion baht has 13 digits);
#: anything larger, infinite or not a number is a mistake, and would break the exports.
MAX_NUMBER = Decimal(10) ** 15


def checked_number(value: Decimal, written: object) -> Decimal:
    """`value`, or an error when it is not a finite number of sensible size."""
    if not value.is_finite() or abs(value) >= MAX_NUMBER:
        shown = str(written) if len(str(written)) <= 40 else str(written)[:40] + "…"
        raise fail(
            f'"{shown}" is not a number the site can show.',
            "Check the number: values from 1,000,000,000,000,000 up, infinity and NaN are "
            "not accepted.",
        )
    return value


def parse_number(value: Any) -> Any:
    """Numbers as editors type them: Thai digits and thousands separators are accepted."""
    if isinstance(value, bool):
        raise fail("expected a number, not true/false.")
    if isinstance(value, int | float | Decimal):
        return checked_number(Decimal(str(value)), value)
    if isinstance(value, str):
        text = thai_digits_to_arabic(value.strip()).replace(" ", "")
        if _NUMBER.match(text):
            try:
                return checked_number(Decimal(text.replace(",", "")), value)
            except InvalidOperation:
                pass
        raise fail(
            f'"{value}" is not a number.',
            "Write digits only, e.g. 1290000 or 1,290,000.50 (Thai digits are fine).",
        )
    raise fail("expected a number.", "Write digits only, e.g. 1290000.")


#: `_NUMBER` for editors' tools, before `parse_number` strips the text, reads Thai digits and
#: drops the spaces: "1,290,000.50", "๑ ๒๙๐ ๐๐๐", " 85 " are numbers.
NUMBER_PATTERN = (
    r"^\s*[+-]?(( *[0-9๐-๙]){1,3}( *,( *[0-9๐-๙]){3})+|( *[0-9๐-๙])+)( *\.( *[0-9๐-๙])+)?\s*$"
)

#: A number in JSON Schema: a number, or a number in quotes.
NUMBER_FORMS: tuple[JsonSchemaValue, ...] = (
    {"type": "number"},
    {"type": "string", "pattern": NUMBER_PATTERN},
)


class _NumberJsonSchema:
    """A number or a number in quotes; pydantic gives a Decimal any string."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)  # {"anyOf": [{"type": "number", limits}, {"type": "string"}]}
        for member in schema.get("anyOf", ()):
            if member["type"] == "string":
                member["pattern"] = NUMBER_PATTERN
        return schema


def with_shorthands(
    core_schema: CoreSchema, handler: GetJsonSchemaHandler, *shorthands: JsonSchemaValue
) -> JsonSchemaValue:
    """A model's JSON Schema that also takes the shorter forms its "before" validator expands
    (a plain number for a figure, a plain text for a step): one of them, or the mapping."""
    schema = handler.resolve_ref_schema(handler(core_schema))
    keys = ("type", "properties", "required", "additionalProperties")
    mapping = {k: schema.pop(k) for k in keys if k in schema}
    schema["anyOf"] = [*copy.deepcopy(shorthands), mapping]
    return schema


#: A number as given in the data (stored exactly; never recomputed).
Number = Annotated[Decimal, BeforeValidator(parse_number), _NumberJsonSchema()]


def parse_int(value: Any) -> Any:
    """Whole numbers and number keys with Thai digits (`rank: ๒๒`, `๙: 100`) read as Arabic;
    pydantic then checks the number as it checks any other."""
    return thai_digits_to_arabic(value) if isinstance(value, str) else value


#: A whole number in quotes or with Thai digits, for editors' tools.
INT_PATTERN = r"^\s*\+?[0-9๐-๙]+\s*$"


class IntJsonSchema:
    """A whole number, or one written with Thai digits (YAML reads `๒๒` as text)."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [handler(core_schema), {"type": "string", "pattern": INT_PATTERN}]}


#: A whole number; Thai digits are fine, as in every number an editor writes. Bounds go
#: inside the annotation (as below), where the JSON Schema sees them.
Int = Annotated[int, BeforeValidator(parse_int), IntJsonSchema()]
#: A count or a rank, from 1.
PositiveInt = Annotated[int, Field(ge=1), BeforeValidator(parse_int), IntJsonSchema()]
#: An ITA indicator, 1-10.
Indicator = Annotated[int, Field(ge=1, le=10), BeforeValidator(parse_int), IntJsonSchema()]
#: A Buddhist Era year of the ITA (2500-2700).
BEYear = Annotated[int, Field(ge=2500, le=2700), BeforeValidator(parse_int), IntJsonSchema()]
