"""The typed blocks an item's page is made of.

Each block has a `type` and may say which checklist element it provides (`element:`);
completeness is checked from that, not guessed. Blocks render in the order written.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from generator.schema.agency import Contact, Email, Phone
from generator.schema.base import Model, fail
from generator.schema.checklist import Key
from generator.schema.dates import Covers, Date
from generator.schema.refs import DocumentFile, ImageFile, TableFile, Url
from generator.schema.text import SHORT_MAX, LongText, Text


class BlockBase(Model):
    element: Key | None = Field(
        None,
        description="Key of the checklist element this block "
        "provides (see the item's list of elements). / องค์ประกอบ",
    )
    title: Text | None = Field(None, description="Heading shown above the block. / หัวข้อ")


class TextBlock(BlockBase):
    """Free text in Markdown: paragraphs, lists, links. / ข้อความอิสระแบบ Markdown"""

    type: Literal["text"] = Field(description="Block type: text. / ชนิดบล็อก: ข้อความ")
    body: LongText = Field(description="The text (Markdown). / เนื้อหา")


class Document(Model):
    """A published document: a file under content/ or a link.
    / เอกสารที่เผยแพร่: ไฟล์ใน content/ หรือลิงก์"""

    title: Text = Field(description="Title of the document. / ชื่อเอกสาร")
    file: DocumentFile | None = Field(
        None, description="File under content/, e.g. files/2569/o11-oct.pdf. / ไฟล์"
    )
    url: Url | None = Field(
        None, description="Link, when the document is published elsewhere. / ลิงก์"
    )
    date: Date | None = Field(None, description="Date of the document (YYYY-MM-DD). / วันที่")
    covers: Covers | None = Field(
        None,
        description="The period the document is about, for the readiness check: a month "
        "(2568-10), a fiscal year (2568) or fiscal years (2566-2570). / ช่วงเวลาของข้อมูล",
    )
    description: Text | None = Field(None, description="A line about it. / คำอธิบาย")

    @model_validator(mode="after")
    def _file_or_url(self) -> Document:
        if (self.file is None) == (self.url is None):
            raise fail(
                "a document needs either `file:` or `url:` (one of them).",
                "Add `file: files/...` for a file you publish, or `url: https://...`.",
            )
        return self


class DocumentsBlock(BlockBase):
    """A list of documents (plans, reports, announcements, manuals).
    / รายการเอกสาร (แผน รายงาน ประกาศ คู่มือ)"""

    type: Literal["documents"] = Field(description="Block type: documents. / ชนิดบล็อก: เอกสาร")
    documents: list[Document] = Field(min_length=1, description="The documents. / เอกสาร")


class Person(Model):
    """An executive or contact person. / ผู้บริหารหรือผู้ติดต่อ"""

    name: Text = Field(description="Name and surname. / ชื่อ-นามสกุล")
    position: Text = Field(description="Position. / ตำแหน่ง")
    photo: ImageFile | None = Field(None, description="Photo under content/. / รูปถ่าย")
    phone: Phone | None = Field(None, description='Phone, in quotes: "0 2123 4567". / โทรศัพท์')
    email: Email | None = Field(None, description="E-mail. / อีเมล")
    unit: str | None = Field(
        None,
        max_length=SHORT_MAX,
        description="Unit: an abbreviation from agency.yml, or its name. / หน่วยงาน",
    )


class PeopleBlock(BlockBase):
    """People with name, position, photo and contact (executives, contact persons).
    / บุคคล พร้อมชื่อ ตำแหน่ง รูปถ่าย และช่องทางติดต่อ"""

    type: Literal["people"] = Field(description="Block type: people. / ชนิดบล็อก: บุคคล")
    people: list[Person] = Field(min_length=1, description="The people. / บุคคล")


class ContactBlock(BlockBase, Contact):
    """Contact details; `from_agency: true` shows those of data/agency.yml. / ข้อมูลการติดต่อ"""

    type: Literal["contact"] = Field(description="Block type: contact. / ชนิดบล็อก: การติดต่อ")
    from_agency: bool = Field(
        False,
        description="Show the agency's contact details from agency.yml. / ใช้ข้อมูลติดต่อของหน่วยงาน",
    )

    @model_validator(mode="after")
    def _something_to_show(self) -> ContactBlock:
        own = (
            self.address,
            self.phones,
            self.fax,
            self.email,
            self.saraban_email,
            self.hours,
            self.map_url,
            self.social,
        )
        if not self.from_agency and not any(own):
            raise fail(
                "this contact block has no details.",
                "Add address:, phones:, email: ... or `from_agency: true`.",
            )
        return self


#: What a table column holds, which decides how its cells are read and shown.
ColumnType = Literal["text", "number", "money", "date", "month", "link"]


class Column(Model):
    """A table column. / คอลัมน์ของตาราง"""

    key: str = Field(
        description="Key of the column in `rows`, or its header in the file. / ชื่อคอลัมน์",
        min_length=1,
        max_length=200,
    )
    title: Text | None = Field(None, description="Column heading (defaults to the key). / หัวคอลัมน์")
    type: ColumnType = Field(
        "text",
        description="How values are read and shown; a month column (2568-10 or ตุลาคม 2568) "
        "tells the readiness check which months the table covers. / ชนิดของค่าในคอลัมน์ "
        "(คอลัมน์ชนิด month บอกว่าตารางครอบคลุมเดือนใดบ้าง)",
    )
    words: bool = Field(
        False,
        description="Money only: on Thai pages also write each amount in words "
        "(หนึ่งล้านบาทถ้วน), as official documents do. / แสดงจำนวนเงินเป็นตัวอักษรด้วย",
    )

    @model_validator(mode="after")
    def _words_for_money(self) -> Column:
        if self.words and self.type != "money":
            raise fail("`words:` applies to money columns only.", "Remove it, or set type: money.")
        return self


class TableBlock(BlockBase):
    """A table: rows written here, or a CSV/XLSX file under content/.
    / ตาราง: เขียนแถวในแฟ้มนี้ หรือใช้ไฟล์ CSV/XLSX"""

    type: Literal["table"] = Field(description="Block type: table. / ชนิดบล็อก: ตาราง")
    columns: list[Column] | None = Field(
        None,
        description="Columns; required for inline rows, "
        "optional for files (the header row is used). / คอลัมน์",
    )
    rows: list[dict[str, Any]] | None = Field(
        None, description="Rows, one mapping per row. / แถวของตาราง"
    )
    file: TableFile | None = Field(
        None, description="CSV or XLSX file under content/. / ไฟล์ CSV หรือ XLSX"
    )
    sheet: str | None = Field(
        None, description="Sheet name in an XLSX file (default: first). / ชื่อชีตในไฟล์ XLSX"
    )
    caption: Text | None = Field(None, description="One line under the table. / คำอธิบายตาราง")
    name: Key | None = Field(
        None,
        description="File name of the table's CSV and JSON copies "
        "beside the page (default table-1, table-2, ...). / ชื่อไฟล์ข้อมูล",
    )

    @model_validator(mode="after")
    def _rows_or_file(self) -> TableBlock:
        if (self.rows is None) == (self.file is None):
            raise fail(
                "a table needs either `rows:` or `file:` (one of them).",
                "Write the rows here, or give a CSV/XLSX file under content/files/.",
            )
        if self.rows is not None and not self.columns:
            raise fail(
                "a table with inline rows needs `columns:`.",
                "List the columns with key:, title: and type:.",
            )
        if self.sheet is not None and (self.file or "").lower().endswith(".csv"):
            raise fail("`sheet:` applies to XLSX files only.", "Remove it.")
        return self


class LinkItem(Model):
    """A link to another page or system. / ลิงก์ไปยังหน้าหรือระบบอื่น"""

    title: Text = Field(description="Text of the link. / ข้อความ")
    url: Url = Field(description="Address (http, https, mailto or tel). / ลิงก์")
    description: Text | None = Field(None, description="A line about it. / คำอธิบาย")


class LinksBlock(BlockBase):
    """Links (E-Service, channels, external systems).
    / รายการลิงก์ (E-Service ช่องทาง ระบบภายนอก)"""

    type: Literal["links"] = Field(description="Block type: links. / ชนิดบล็อก: ลิงก์")
    links: list[LinkItem] = Field(min_length=1, description="The links. / ลิงก์")


Block = Annotated[
    TextBlock | DocumentsBlock | PeopleBlock | ContactBlock | TableBlock | LinksBlock,
    Field(discriminator="type"),
]

BLOCK_TYPES = ("text", "documents", "people", "contact", "table", "links")
