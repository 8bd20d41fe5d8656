"""A checklist: the NACC's list of OIT items for one ITA year (and sector variant).

Checklists are data. The package ships the known ones (`generator/checklists/`); a file
with the same `id` in the project's `data/checklists/` replaces a shipped one, and a new
`id` adds a checklist, with no code change.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from generator.schema.base import Model, fail, thai_digits_to_arabic
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


Key = Annotated[str, AfterValidator(_check_key)]


class Window(Model):
    """The OIT window: when agencies enter their URLs into ITAS."""

    start: Date = Field(description="First day. / วันเริ่มต้น")
    end: Date = Field(description="Last day. / วันสิ้นสุด")

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end < self.start:
            raise fail("the window ends before it starts.", "Swap start and end.")
        return self


class Source(Model):
    """Data an element is composed from, so that the agency enters it once.

    The item page shows the composed content (plans under data/<fy>/plans/, results in
    data/<fy>/ita-results.yml); blocks of the item file may still provide the element.
    """

    data: PlanKind | Literal["ita-results"] = Field(
        description="integrity-measures, anti-corruption-plan, risk-management-plan or ita-results."
    )
    year: Literal["current", "previous"] = Field(
        "current", description="The item's fiscal year, or the one before."
    )
    show: Literal["analysis", "measures", "progress", "results"] = Field(
        description="analysis: the plan's analysis of the ITA results it is based on; "
        "measures: the plan's measures; progress: its progress rounds; results: the ITA results."
    )
    fields: list[MeasureField] = Field(
        default_factory=list,
        description="For show: measures, what every measure must state (and the page shows).",
    )
    round: Literal["latest", "final"] = Field(
        "latest",
        description="For show: progress, final when the element needs the closing round "
        "(12-month, Q4 or final).",
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
        return self


class Element(Model):
    """Something an assessor looks for on an item's page (องค์ประกอบ)."""

    key: Key = Field(description="Short key; item files name it in a block's `element:`.")
    title: Text = Field(description="What the element is. / ชื่อองค์ประกอบ")
    description: Text | None = Field(None, description="What the assessor checks. / รายละเอียด")
    blocks: list[BlockType] = Field(
        min_length=1, description="Block types that can provide this element."
    )
    min: int = Field(
        1,
        ge=1,
        description="Least number of entries (documents, people, rows, links) needed. / จำนวนขั้นต่ำ",
    )
    required: bool = Field(True, description="False for elements that are good practice only.")
    source: Source | None = Field(
        None, description="Plan or results data the element is composed from."
    )


class Group(Model):
    """A sub-indicator (ตัวชี้วัดย่อย) such as 9.1 ข้อมูลพื้นฐาน."""

    code: str = Field(description='Sub-indicator number, e.g. "9.1".', max_length=10)
    indicator: int = Field(description="Indicator number (9 or 10).", ge=1, le=10)
    title: Text = Field(description="Name of the sub-indicator that year.")


class ChecklistItem(Model):
    """One OIT item of a checklist."""

    code: ItemCode = Field(description="Item code as printed that year, e.g. o11.")
    title: Text = Field(
        description="Title; {fy} and {fy-1} are replaced by the fiscal year and the one before."
    )
    group: str | None = Field(None, description="Code of its sub-indicator; empty when unknown.")
    period: Period = Field(description="Which period the item's data must cover.")
    topic: str | None = Field(None, description="Cross-year topic key (not part of any URL).")
    elements: list[Element] = Field(default_factory=list, description="What the page must show.")
    confidence: Literal["high", "medium", "low"] | None = Field(
        None, description="How sure the title and elements are."
    )
    notes: str | None = Field(None, description="Sources, doubts, observed practice.")


class Checklist(Model):
    """The OIT checklist of one ITA year and sector variant."""

    id: Key = Field(description="Identifier that year files use, e.g. ita-2569.")
    year: int = Field(description="ITA year (Buddhist Era).", ge=2500, le=2700)
    variant: str = Field("general", description="Sector variant, e.g. general, ovec.")
    title: Text = Field(description="Name of the checklist.")
    status: Literal["provisional", "verified"] = Field(
        description="provisional until checked against the NACC manual of that year."
    )
    sources: list[str] = Field(min_length=1, description="Where the list comes from.")
    notes: str | None = Field(None, description="Caveats.")
    window: Window | None = Field(None, description="The OIT window of that year, when known.")
    groups: list[Group] = Field(default_factory=list, description="Sub-indicators.")
    items: list[ChecklistItem] = Field(min_length=1, description="The items, in order.")

    def item(self, code: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.code == code), None)

    def group(self, code: str | None) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)
