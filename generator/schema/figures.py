"""Published figures: numbers stored as given, with what the source says about them.

Source documents print the same fact two ways (1,289,999.22 in the report, 1,299,999.22
in the memo), write amounts in words beside the digits, and say "no cost"
(ไม่มีค่าใช้จ่าย) where a figure would go. A `Figure` keeps the value the agency
publishes, plus the other printings it noticed; an `Amount` of money also knows "no
budget", which is not the same as "not stated" (the field left out). Nothing here
recomputes a value: `consistency.py` compares and warns.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.messages import _
from generator.schema.base import NUMBER_FORMS, Model, Number, fail, with_shorthands

#: Words that mean "this costs nothing" in a budget or cost field.
NO_COST_WORDS = ("none", "ไม่มีค่าใช้จ่าย", "ไม่ใช้งบประมาณ")

#: `NO_COST_WORDS` for editors' tools, which compare them as `_shorthand` does (any case).
NO_COST_PATTERN = (
    r"^\s*("
    + "|".join(
        "".join(f"[{c}{c.upper()}]" if c.isascii() and c.isalpha() else re.escape(c) for c in w)
        for w in NO_COST_WORDS
    )
    + r")\s*$"
)


class OtherValue(Model):
    """The same fact printed with another value elsewhere in the source.
    / ข้อมูลเดียวกันที่ต้นฉบับระบุค่าไว้ต่างกันในอีกแห่ง"""

    value: Number = Field(description="The other value, as a number. / ค่าที่พิมพ์ไว้อีกแห่ง")
    where: str = Field(
        description='Where the source prints it, e.g. "memo §2.1". / ตำแหน่งในเอกสารต้นฉบับ',
        min_length=1,
        max_length=200,
    )
    printed: str | None = Field(
        None,
        max_length=200,
        description='The value exactly as printed, when it is not a plain number, e.g. "๑,๒๙๐,๐๐". '
        "/ ข้อความตามที่พิมพ์",
    )


def _plain_to_mapping(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    return {"value": value}


class Figure(Model):
    """A number as published: `12` or `{value: 12, also_given: [...]}`.
    / ตัวเลขตามที่เผยแพร่: ระบุเป็นตัวเลข เช่น `12` หรือ `{value: 12, also_given: [...]}`"""

    value: Number = Field(description="The value the agency publishes. / ค่าที่เผยแพร่")
    also_given: list[OtherValue] = Field(
        default_factory=list,
        description="Other values the source prints for the same fact (each gives a warning). "
        "/ ค่าอื่นที่ต้นฉบับระบุไว้สำหรับข้อมูลเดียวกัน",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return _plain_to_mapping(value)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return with_shorthands(core_schema, handler, *NUMBER_FORMS)


class Amount(Model):
    """Money: `150000`, `none` (no budget needed), or `{value: ..., words: ...}`.
    / จำนวนเงิน (บาท): ระบุเป็นตัวเลข ระบุ `none` หรือ ไม่มีค่าใช้จ่าย เมื่อไม่ใช้งบประมาณ
    หรือระบุเป็น `{value: ..., words: ...}`"""

    value: Number | None = Field(None, description="Amount in baht. / จำนวนเงิน (บาท)")
    no_cost: bool = Field(
        False,
        description="True when the source says no budget is used (ไม่มีค่าใช้จ่าย / "
        "ไม่ใช้งบประมาณ); write `none`. / ไม่ใช้งบประมาณ",
    )
    words: str | None = Field(
        None,
        max_length=300,
        description="The amount in Thai words as printed, e.g. หนึ่งล้านสองแสนเก้าหมื่นบาทถ้วน; "
        "checked against the digits. / จำนวนเงินเป็นตัวอักษร",
    )
    also_given: list[OtherValue] = Field(
        default_factory=list,
        description="Other amounts the source prints for the same fact. / จำนวนเงินที่ระบุไว้อีกแห่ง",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in NO_COST_WORDS:
            return {"no_cost": True}
        return _plain_to_mapping(value)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = with_shorthands(
            core_schema, handler, *NUMBER_FORMS, {"type": "string", "pattern": NO_COST_PATTERN}
        )
        # `_value_or_no_cost`: a value, or `no_cost: true` without one.
        schema["anyOf"][-1]["anyOf"] = [
            {
                "required": ["value"],
                "properties": {"value": {"not": {"type": "null"}}, "no_cost": {"const": False}},
            },
            {
                "required": ["no_cost"],
                "properties": {"value": {"type": "null"}, "no_cost": {"const": True}},
            },
        ]
        return schema

    @model_validator(mode="after")
    def _value_or_no_cost(self) -> Amount:
        if self.no_cost and self.value is not None:
            raise fail(
                _("an amount cannot be both a number and no cost."),
                _("Write the number, or `none` when no budget is used."),
            )
        if not self.no_cost and self.value is None:
            raise fail(
                _("this amount has no value."),
                _(
                    "Write the number of baht, or `none` when no budget is used; leave the field "
                    "out when the source does not say."
                ),
            )
        return self

    @property
    def amount(self) -> Decimal:
        """The value for sums: no cost counts as zero."""
        return Decimal(0) if self.no_cost or self.value is None else self.value
