"""One OIT item's content for one fiscal year: `data/<fy>/oit/<code>-<name>.yml`.

The file name starts with the item code (o1-structure.yml, o02-executives.yml); that is
the only place the code is written, so a file cannot claim to be another item.
"""

from __future__ import annotations

from pydantic import Field

from generator.schema.base import Model
from generator.schema.blocks import Block
from generator.schema.dates import Date
from generator.schema.text import LongText, Text


class ItemFile(Model):
    """The content of one OIT item page. / เนื้อหาของหน้ารายการ OIT หนึ่งข้อ"""

    updated: Date | None = Field(
        None, description="When the content was last checked or changed (YYYY-MM-DD). / ปรับปรุงล่าสุด"
    )
    intro: LongText | None = Field(
        None, description="Text at the top of the page (Markdown). / ข้อความนำ"
    )
    itas_note: Text | None = Field(
        None,
        description="Explanation to paste into ITAS instead "
        "of the generated one. / คำอธิบายสำหรับ ITAS",
    )
    blocks: list[Block] = Field(default_factory=list, description="The content, in order. / เนื้อหา")
