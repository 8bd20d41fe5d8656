"""A checklist: the NACC's list of OIT items for one ITA year (and sector variant).

Checklists are data. The package ships the known ones (`generator/checklists/`); a file
with the same `id` in the project's `data/checklists/` replaces a shipped one, and a new
`id` adds a checklist, with no code change.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

from generator.schema.base import BEYear, Indicator, Model, PositiveInt, fail, thai_digits_to_arabic
from generator.schema.dates import Date
from generator.schema.text import Text

Period = Literal[
    "standing",
    "current_fy",
    "previous_fy",
    "multi_year",
    "previous_ita_and_current_fy",
    "first_half_current_fy",
    "previous_academic_year",
    "unknown",
]

BlockType = Literal["text", "documents", "people", "contact", "table", "links"]

PlanKind = Literal["integrity-measures", "anti-corruption-plan", "risk-management-plan"]
PLAN_KINDS: tuple[PlanKind, ...] = (
    "integrity-measures",
    "anti-corruption-plan",
    "risk-management-plan",
)
#: What a measure must state to count, for elements composed from a plan's measures.
MeasureField = Literal[
    "title", "analysis", "risk", "objective", "steps", "period", "units", "budget", "kpis"
]
#: Parts a plan's document adds (schema/measures.py `PlanSection`).
SectionKind = Literal["constraints", "monitoring", "follow_up", "other"]

_O_CODE = re.compile(r"^[oO0๐]\s?0*(\d+)$")
_CODE = re.compile(r"^[a-z][a-z0-9]*\d[a-z0-9-]*$")


def normalize_code(value: str) -> str:
    """`O1`, `o01`, `๐๑` and `O 1` are all item o1; other codes (`MOIT3`) are lower-cased."""
    text = thai_digits_to_arabic(str(value).strip())
    match = _O_CODE.match(text)
    if match:
        return f"o{int(match.group(1))}"
    return text.lower()


def _check_code(value: str) -> str:
    code = normalize_code(value)
    if not _CODE.match(code):
        raise fail(f'"{value}" is not an item code.', "Write it as o1, o2, ... (or MOIT1).")
    return code


ItemCode = Annotated[str, AfterValidator(_check_code)]

_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")


def _check_key(value: str) -> str:
    if not _KEY.match(value):
        raise fail(
            f'"{value}" is not a valid key.',
            "Use lower-case letters, digits, - and _, starting with a letter.",
        )
    return value


Key = Annotated[
    str, AfterValidator(_check_key), WithJsonSchema({"type": "string", "pattern": _KEY.pattern})
]


class Window(Model):
    """The OIT window: when agencies enter their URLs into ITAS.
    / ช่วงเวลาบันทึกข้อมูล OIT ในระบบ ITAS"""

    start: Date = Field(description="First day. / วันเริ่มต้น")
    end: Date = Field(description="Last day. / วันสิ้นสุด")

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end < self.start:
            raise fail("the window ends before it starts.", "Swap start and end.")
        return self


class Source(Model):
    """Data an element is composed from, so that the agency enters it once: the item page
    shows plans (data/<fy>/plans/) or results (data/<fy>/ita-results.yml); blocks of the
    item file may still provide the element.
    / ข้อมูลแผนหรือผลการประเมินที่นำมาแสดงเป็นองค์ประกอบ กรอกครั้งเดียวใช้ได้หลายรายการ"""

    data: PlanKind | Literal["ita-results"] = Field(
        description="integrity-measures, anti-corruption-plan, risk-management-plan or "
        "ita-results. / ชนิดของข้อมูล"
    )
    year: Literal["current", "previous"] = Field(
        "current", description="The item's fiscal year, or the one before. / ปีงบประมาณปัจจุบันหรือปีก่อน"
    )
    show: Literal["analysis", "measures", "progress", "section", "results"] = Field(
        description="analysis: the plan's analysis of the ITA results it is based on; "
        "measures: the plan's measures; progress: its progress rounds; section: a part of the "
        "plan such as its constraints; results: the ITA results. "
        "/ ส่วนที่แสดง: ผลการวิเคราะห์ มาตรการ ความก้าวหน้า ส่วนของแผน หรือผลการประเมิน"
    )
    covers: Literal["indicators", "groups"] = Field(
        "indicators",
        description="For show: analysis, what it must cover: every scored indicator (1-10), "
        "or every group of the plan, each with its own analysis (the 7 issues of ITA 2567 O34). "
        "/ สิ่งที่การวิเคราะห์ต้องครอบคลุม: ทุกตัวชี้วัด หรือทุกประเด็นของแผน",
    )
    section: SectionKind | None = Field(
        None,
        description="For show: section, which part: constraints, monitoring, follow_up. "
        "/ ส่วนของแผนที่แสดง",
    )
    fields: list[MeasureField] = Field(
        default_factory=list,
        description="For show: measures, what every measure must state (and the page shows). "
        "/ รายละเอียดที่ทุกมาตรการต้องมี",
    )
    round: Literal["latest", "final"] = Field(
        "latest",
        description="For show: progress, final when the element needs the closing round "
        "(12-month, Q4 or final). / รอบรายงานที่ต้องแสดง",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Source:
        if (self.show == "results") != (self.data == "ita-results"):
            raise fail(
                "show: results goes with data: ita-results (and only with it).",
                "Use show: analysis, measures or progress for a plan.",
            )
        if self.fields and self.show != "measures":
            raise fail("fields: applies to show: measures only.", "Remove it.")
        if self.round != "latest" and self.show != "progress":
            raise fail("round: applies to show: progress only.", "Remove it.")
        if self.covers != "indicators" and self.show != "analysis":
            raise fail("covers: applies to show: analysis only.", "Remove it.")
        if (self.section is None) == (self.show == "section"):
            raise fail(
                "show: section goes with section: (and only with it).",
                "Add section: constraints (or monitoring, follow_up), or remove section:.",
            )
        return self


class Element(Model):
    """Something an assessor looks for on an item's page.
    / องค์ประกอบที่ผู้ประเมินตรวจในหน้ารายการ"""

    key: Key = Field(
        description="Short key; item files name it in a block's `element:`. / รหัสองค์ประกอบ"
    )
    title: Text = Field(description="What the element is. / ชื่อองค์ประกอบ")
    description: Text | None = Field(None, description="What the assessor checks. / รายละเอียด")
    blocks: list[BlockType] = Field(
        min_length=1,
        description="Block types that can provide this element. / ชนิดบล็อกที่ใช้แสดงองค์ประกอบนี้ได้",
    )
    min: PositiveInt = Field(
        1,
        description="Least number of entries (documents, people, rows, links) needed. / จำนวนขั้นต่ำ",
    )
    required: bool = Field(
        True, description="False for elements that are good practice only. / เป็นองค์ประกอบที่ต้องมีหรือไม่"
    )
    monthly: bool = Field(
        False,
        description="One entry per month is expected: every month of the fiscal year so far "
        "(or all twelve of the previous one). Months come from a table column of type month "
        "or from documents' `covers: YYYY-MM`. / ต้องมีข้อมูลทุกเดือน",
    )
    if_none: str | None = Field(
        None,
        description='Words the page must show when every count is zero, e.g. "ไม่มีเรื่องร้องเรียน". '
        "/ ข้อความที่ต้องแสดงเมื่อไม่มีรายการ",
        max_length=200,
    )
    source: Source | None = Field(
        None,
        description="Plan or results data the element is composed from. "
        "/ ข้อมูลแผนหรือผลการประเมินที่ใช้ประกอบองค์ประกอบนี้",
    )


class Group(Model):
    """A sub-indicator such as 9.1 (basic information). / ตัวชี้วัดย่อย เช่น 9.1 ข้อมูลพื้นฐาน"""

    code: str = Field(description='Sub-indicator number, e.g. "9.1". / เลขตัวชี้วัดย่อย', max_length=10)
    indicator: Indicator = Field(description="Indicator number (9 or 10). / เลขตัวชี้วัด")
    title: Text = Field(description="Name of the sub-indicator that year. / ชื่อตัวชี้วัดย่อย")


class ChecklistItem(Model):
    """One OIT item of a checklist. / รายการ OIT หนึ่งข้อในแบบวัด"""

    code: ItemCode = Field(description="Item code as printed that year, e.g. o11. / รหัสข้อ")
    title: Text | None = Field(
        None,
        description="Title; {fy} and {fy-1} are replaced by the fiscal year and the one before. "
        "Leave out when it is not known: the pages then say so. / ชื่อรายการ",
    )
    group: str | None = Field(
        None, description="Code of its sub-indicator; empty when unknown. / ตัวชี้วัดย่อย"
    )
    period: Period = Field(
        description="Which period the item's data must cover (unknown for an item known only "
        "by its number). / ช่วงเวลาของข้อมูล"
    )
    topic: str | None = Field(
        None, description="Cross-year topic key (not part of any URL). / หัวข้อที่ใช้เทียบข้ามปี"
    )
    elements: list[Element] = Field(
        default_factory=list, description="What the page must show. / องค์ประกอบ"
    )
    confidence: Literal["high", "medium", "low"] | None = Field(
        None,
        description="How sure the title and elements are: high (two sources agree), medium "
        "(one agency's published list), low (one secondary source or an inference); `oit check` "
        "names the low ones an agency publishes. / ระดับความมั่นใจ",
    )
    sources: list[str] = Field(
        default_factory=list, description="Where the item comes from. / แหล่งที่มาของรายการ"
    )
    notes: str | None = Field(None, description="Doubts and observed practice. / หมายเหตุ")


class Checklist(Model):
    """The OIT checklist of one ITA year and sector variant.
    / แบบวัด OIT ของการประเมิน ITA หนึ่งปี"""

    id: Key = Field(description="Identifier that year files use, e.g. ita-2569. / รหัสแบบวัด")
    year: BEYear = Field(description="ITA year (Buddhist Era). / ปีการประเมิน (พ.ศ.)")
    variant: str = Field(
        "general", description="Sector variant, e.g. general, ovec. / ประเภทหน่วยงาน"
    )
    title: Text = Field(description="Name of the checklist. / ชื่อแบบวัด")
    status: Literal["provisional", "verified"] = Field(
        description="provisional until checked against the NACC manual of that year. "
        "/ สถานะการตรวจทาน"
    )
    sources: list[str] = Field(min_length=1, description="Where the list comes from. / แหล่งที่มา")
    notes: str | None = Field(None, description="Caveats. / หมายเหตุ")
    window: Window | None = Field(
        None, description="The OIT window of that year, when known. / ช่วงเวลา OIT"
    )
    groups: list[Group] = Field(default_factory=list, description="Sub-indicators. / ตัวชี้วัดย่อย")
    items: list[ChecklistItem] = Field(min_length=1, description="The items, in order. / รายการ")

    def item(self, code: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.code == code), None)

    def group(self, code: str | None) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)
