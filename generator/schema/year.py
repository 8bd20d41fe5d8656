"""`data/<fy>/year.yml`: which checklist applies to a fiscal year."""

from __future__ import annotations

from pydantic import Field, field_validator

from generator.schema.base import Model, thai_digits_to_arabic
from generator.schema.checklist import Window
from generator.schema.text import LongText


class YearFile(Model):
    """Settings of one fiscal year. / การตั้งค่าของปีงบประมาณ"""

    checklist: str = Field(description="Id of the checklist, e.g. ita-2569. / แบบตรวจที่ใช้")
    oit_window: Window | None = Field(
        None,
        description="The OIT window, when the NACC has "
        "announced it (overrides the checklist's). / ช่วงเวลา OIT",
    )
    intro: LongText | None = Field(
        None, description="Text at the top of the year's overview page (Markdown). / ข้อความนำ"
    )

    @field_validator("checklist", mode="before")
    @classmethod
    def _arabic(cls, value: object) -> object:
        # `ita-๒๕๖๙` names ita-2569: Thai digits are fine here as in every number.
        return thai_digits_to_arabic(value).strip() if isinstance(value, str) else value
