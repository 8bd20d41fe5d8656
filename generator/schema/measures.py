"""Plans with measures, and their progress rounds: `data/<fy>/plans/<kind>.yml`.

One model serves the three tracked plans of a fiscal year (the kind is the file name):
the integrity and transparency measures (มาตรการส่งเสริมคุณธรรมและความโปร่งใส), the
anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต) and the corruption-risk
management plan (แผนบริหารจัดการความเสี่ยงการทุจริต). A plan holds measures; each
progress round is a file of its own, `<kind>-<round>.yml` (e.g.
`integrity-measures-6-month.yml`), because it is written months after the approved
plan, often by another person, and must not risk changing the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.schema.base import (
    BEYear,
    Indicator,
    Int,
    Model,
    Number,
    PositiveInt,
    fail,
    thai_digits_to_arabic,
    with_shorthands,
)
from generator.schema.blocks import Document
from generator.schema.checklist import SectionKind
from generator.schema.dates import Date, PeriodEnd, PeriodStart, read_printed_span
from generator.schema.figures import Amount, Figure
from generator.schema.results import QuestionCode
from generator.schema.text import SHORT_MAX, LongText, Text, check_markdown_links
from generator.urls import measure_slug

RoundKey = Literal["q1", "q2", "6-month", "q3", "9-month", "q4", "12-month", "final"]
ROUND_KEYS: tuple[RoundKey, ...] = (
    "q1",
    "q2",
    "6-month",
    "q3",
    "9-month",
    "q4",
    "12-month",
    "final",
)
#: Rounds that close a plan: their figures are the year's results.
FINAL_ROUNDS = frozenset({"q4", "12-month", "final"})

Status = Literal["not_started", "in_progress", "done", "cancelled"]
AgainstPlan = Literal["below", "on", "above"]
Comparator = Literal["at_least", "more_than", "exactly", "at_most", "less_than"]

#: The pseudo-unit "all units" (ทุกหน่วยงาน), allowed wherever units are listed.
ALL_UNITS = "ทุกหน่วยงาน"

# -- measure numbers --------------------------------------------------------------------

_DOTTED = re.compile(r"^\d{1,3}(\.\d{1,3}){1,3}$")
#: Measure numbers as editors write them, for editors' tools: 3, "1.1", "๗.๑๐".
MEASURE_NO_PATTERN = r"^\s*[0-9๐-๙]{1,3}(\.[0-9๐-๙]{1,3}){0,3}\s*$"


def parse_measure_no(value: Any) -> int | str:
    """A measure number as printed: 3, or "1.1" and "๗.๑๐" kept as text (with Arabic digits).

    Why text: YAML reads 7.10 as the decimal number 7.1, which loses the printed number.
    """
    if isinstance(value, float):
        raise fail(
            f"the number {value} was read as a decimal number, which may have lost a 0 "
            "(YAML reads 7.10 as 7.1).",
            f'Put the number in quotes as printed, e.g. "{value}".',
        )
    text = thai_digits_to_arabic(value.strip()) if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif text is not None and text.isdigit():
        number = int(text)
    elif text is not None and _DOTTED.match(text):
        return text
    else:
        raise fail(
            f'"{value}" is not a measure number.',
            'Write it as printed: 3, "1.1" or "๗.๑๐" (digits, with dots between levels).',
        )
    if not 1 <= number <= 999:
        raise fail(f"{value} is not a measure number.", "Number measures from 1 to 999.")
    return number


#: A measure's (or activity's, or group's) number as printed; part of the measure's URL.
MeasureNo = Annotated[
    int | str,
    BeforeValidator(parse_measure_no),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 999},
                {"type": "string", "pattern": MEASURE_NO_PATTERN},
            ]
        }
    ),
]


#: Keys that are numbers (of a KPI, from 1), for editors' tools: YAML reads `1:` as a
#: number, an editor's tool as the text "1".
NUMBER_KEY_PATTERN = r"^\s*\+?[0-9๐-๙]+\s*$"
_NUMBER_KEYS: dict[str, Any] = {"propertyNames": {"pattern": NUMBER_KEY_PATTERN}}
_MEASURE_KEYS: dict[str, Any] = {"propertyNames": {"pattern": MEASURE_NO_PATTERN}}

# -- responsible units --------------------------------------------------------------------

#: A unit named with an abbreviation in brackets after it: `ศูนย์ข้อมูลเศรษฐกิจการค้า (ศศ.)`.
NAMED_UNIT = re.compile(r"^(?P<name>.*\S)\s*\((?P<abbr>[^()\s]+)\)$")


def looks_like_abbreviation(text: str) -> bool:
    """`สล.`, `กร.1`, `กคพ.สส.`: one word with a dot; names such as กลุ่มงานจริยธรรม are not."""
    return "." in text and not any(c.isspace() or c in "()" for c in text)


def _split_units(value: Any) -> Any:
    """Units as printed: a list, or one text. A text of abbreviations joined by "/" or ","
    (`สล. / ศทส.`, `ศปท./สสธ/ทุกหน่วยงาน`) is split; a name that holds a "/"
    (`ทุกกอง/ศูนย์/กลุ่มงานของสำนักงานเลขานุการกรม (สล.)`) stays whole, as printed."""
    if not isinstance(value, str):
        return value
    parts = [part.strip() for part in re.split(r"[/,]", value) if part.strip()]
    words = all(not any(c.isspace() or c in "()" for c in part) for part in parts)
    if len(parts) > 1 and words and any(p == ALL_UNITS or "." in p for p in parts):
        return parts
    return [value.strip()] if value.strip() else []


class UnitRef(Model):
    """A responsible unit as printed: an abbreviation from data/agency.yml (สล.), ทุกหน่วยงาน,
    or any name (`ทุกกอง/ศูนย์/กลุ่มงานของสำนักงานเลขานุการกรม (สล.)`), with its role when the
    source gives one. / หน่วยงานที่รับผิดชอบตามที่พิมพ์: ชื่อย่อจากทะเบียนหน่วยงาน ทุกหน่วยงาน
    หรือชื่อหน่วยงาน พร้อมบทบาท (ถ้ามี)"""

    name: str = Field(
        min_length=1,
        max_length=SHORT_MAX,
        description="Abbreviation (สล.), ทุกหน่วยงาน, or the name as printed; an abbreviation "
        "in brackets after a name is looked up too. / ชื่อย่อหรือชื่อหน่วยงาน",
    )
    en: str | None = Field(
        None,
        max_length=SHORT_MAX,
        description="English name, for a name the registry does not hold. / ชื่อภาษาอังกฤษ",
    )
    role: Text | None = Field(None, description="Its role, e.g. ผู้ประสานงาน (coordinator). / บทบาท")

    @model_validator(mode="before")
    @classmethod
    def _plain_name(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @property
    def text(self) -> Text:
        """The name as a text in both languages (English only where given)."""
        return Text.model_construct(th=self.name, en=self.en)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return with_shorthands(
            core_schema, handler, {"type": "string", "minLength": 1, "maxLength": SHORT_MAX}
        )


class _TextOrList:
    """A list, or one text in its place (which `_split_units` reads)."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string"}, handler(core_schema)]}


#: Responsible units: a list, or one text (abbreviations joined by "/" are split).
Units = Annotated[list[UnitRef], BeforeValidator(_split_units), _TextOrList()]

_UNITS_DESCRIPTION = (
    "Responsible units: abbreviations from data/agency.yml, ทุกหน่วยงาน, or names as printed; "
    "a list, or one text of abbreviations separated by / (ศปท. / กตส.). / ผู้รับผิดชอบ"
)


# -- periods, steps, reporting ------------------------------------------------------------


class OtherSpan(Model):
    """The same period printed differently elsewhere in the source.
    / ช่วงเวลาเดียวกันที่ต้นฉบับระบุไว้ต่างกันในอีกแห่ง"""

    start: PeriodStart | None = Field(None, description="First day. / วันเริ่มต้น")
    end: PeriodEnd | None = Field(None, description="Last day. / วันสิ้นสุด")
    text: str | None = Field(None, max_length=200, description="As printed. / ข้อความตามที่พิมพ์")
    where: str = Field(
        min_length=1, max_length=200, description="Where the source prints it. / ตำแหน่งในต้นฉบับ"
    )


class Span(Model):
    """When a measure runs: dates (YYYY-MM-DD, BE or CE; a month YYYY-MM or มี.ค. 2564 for a
    month's first or last day) and the text as printed. An end without a start is a due date
    ("ภายใน มี.ค. 2564"). / ช่วงระยะเวลาดำเนินการ: วันที่ (ปปปป-ดด-วว เป็น พ.ศ. หรือ ค.ศ.
    หรือเดือน) และข้อความตามที่พิมพ์ ระบุเฉพาะวันสิ้นสุดเมื่อเป็นกำหนดเสร็จ"""

    start: PeriodStart | None = Field(None, description="First day (or month). / วันเริ่มต้น")
    end: PeriodEnd | None = Field(
        None, description="Last day (or month): alone, the date it is due by. / วันสิ้นสุด"
    )
    text: str | None = Field(
        None,
        max_length=200,
        description='The period as printed, e.g. "๑ ธ.ค. ๖๘ – ๓๐ ก.ย. ๖๙" or '
        '"ตลอดปีงบประมาณ"; shown beside the dates when it says more than they do. '
        "/ ช่วงเวลาตามที่พิมพ์",
    )
    also_given: list[OtherSpan] = Field(
        default_factory=list,
        description="Other periods the source prints for the same measure. "
        "/ ช่วงเวลาอื่นที่ต้นฉบับระบุไว้สำหรับมาตรการเดียวกัน",
    )

    @model_validator(mode="after")
    def _something(self) -> Span:
        if self.start is None and self.end is None and not self.text:
            raise fail("this period is empty.", "Add start: and end: (or text: as printed).")
        if self.start and self.end and self.end < self.start:
            raise fail("the period ends before it starts.", "Check start and end.")
        return self

    @property
    def text_differs(self) -> bool:
        """Does the printed text say more than the dates (so that the page shows it too)?"""
        if not self.text:
            return False
        if self.start is None and self.end is None:
            return True
        printed = read_printed_span(self.text)
        if printed is None:
            return True
        if self.start is None:  # a due date: "มี.ค. ๖๔" names its end
            return printed[1] != self.end
        return printed != (self.start, self.end)


class StepText(Text):
    """A step's text: plain text, where Markdown links `[name](https://...)` and
    `<https://...>` are links. / ข้อความของขั้นตอน เขียนลิงก์แบบ Markdown ได้"""

    @model_validator(mode="after")
    def _safe_links(self) -> StepText:
        check_markdown_links(self.th)
        if self.en:
            check_markdown_links(self.en)
        return self


class Step(Model):
    """A step or activity of a measure: text, or `{no, text, units, steps}`.
    / ขั้นตอนหรือกิจกรรมของมาตรการ: ระบุเป็นข้อความ หรือ `{no, text, units, steps}`"""

    no: PositiveInt | None = Field(
        None, description="Number as printed (gaps are reported). / ลำดับขั้นตอน"
    )
    text: StepText = Field(
        description="What is done; Markdown links are links. / ขั้นตอนหรือวิธีการดำเนินการ"
    )
    units: Units = Field(
        default_factory=list,
        description="Units for this step only, by abbreviation or name: a list, or one text "
        "separated by / (ศปท. / กตส.). / หน่วยงานที่รับผิดชอบขั้นตอนนี้",
    )
    steps: list[Step] = Field(
        default_factory=list,
        description="Sub-steps (1.1, 1.2 ... under step 1), in order. / ขั้นตอนย่อย",
    )

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        # `- some text` and `- {th: ..., en: ...}` are steps with text only.
        if isinstance(value, str) or (isinstance(value, dict) and "th" in value):
            return {"text": value}
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = with_shorthands(core_schema, handler)
        text = schema["anyOf"][-1]["properties"]["text"]["$ref"]
        schema["anyOf"].insert(0, {"$ref": text})  # a Text on its own, as `_plain_text` reads it
        return schema


ReportingCycle = Literal["monthly", "quarterly", "6-month", "12-month", "end"]
REPORTING_CYCLES: tuple[ReportingCycle, ...] = (
    "monthly",
    "quarterly",
    "6-month",
    "12-month",
    "end",
)

#: How documents print a reporting cycle (after Thai digits are read): "๖ เดือน", "รายไตรมาส".
_PRINTED_CYCLES: tuple[tuple[re.Pattern[str], ReportingCycle], ...] = (
    (re.compile(r"^(ทุก|รอบ)?\s*6\s*เดือน$"), "6-month"),
    (re.compile(r"^(ทุก|รอบ)?\s*(12\s*เดือน|ปี)$|^(รายปี|ประจำปี|ปีละ\s*1?\s*ครั้ง)$"), "12-month"),
    (re.compile(r"^(ราย|ทุก)\s*ไตรมาส$|^(ทุก|รอบ)?\s*3\s*เดือน$"), "quarterly"),
    (re.compile(r"^(ราย|ทุก)\s*เดือน$"), "monthly"),
    (re.compile(r"^(เมื่อ)?สิ้นสุด(โครงการ)?$"), "end"),
)


class Reporting(Model):
    """When results are reported: a cycle, the text as printed, to whom and by when.
    `6-month`, `quarterly` or the printed text alone (`๖ เดือน`) are enough.
    / การรายงานผล: รอบการรายงาน ข้อความตามที่พิมพ์ รายงานต่อใคร และภายในวันใด"""

    every: ReportingCycle | None = Field(
        None,
        description="monthly, quarterly, 6-month, 12-month or end (of the project). / รอบการรายงาน",
    )
    text: str | None = Field(
        None, max_length=200, description="As printed, e.g. ๖ เดือน. / ข้อความตามที่พิมพ์"
    )
    to: Text | None = Field(None, description="Reported to whom. / รายงานต่อ")
    due: Date | None = Field(None, description="Reported by this date. / กำหนดส่งรายงาน")

    @model_validator(mode="before")
    @classmethod
    def _printed(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = {"every": value} if value in REPORTING_CYCLES else {"text": value}
        if isinstance(value, dict) and value.get("text") and not value.get("every"):
            words = " ".join(thai_digits_to_arabic(str(value["text"])).split())
            cycle = next((c for pattern, c in _PRINTED_CYCLES if pattern.match(words)), None)
            value = {**value, "every": cycle} if cycle else value
        return value

    @model_validator(mode="after")
    def _something(self) -> Reporting:
        if self.every is None and not self.text and self.due is None:
            raise fail(
                "this reporting rule is empty.",
                "Write the cycle (6-month, quarterly ...) or the text as printed.",
            )
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return with_shorthands(core_schema, handler, {"type": "string", "minLength": 1})


class Kpi(Model):
    """A key performance indicator (ตัวชี้วัด) with its target. / ตัวชี้วัดและค่าเป้าหมาย"""

    title: Text = Field(description="What is measured. / ตัวชี้วัด")
    unit: Text | None = Field(
        None, description="Unit of the value, e.g. ร้อยละ, คน, คะแนน. / หน่วยนับ"
    )
    comparator: Comparator = Field(
        "at_least",
        description="How the actual is compared with the target: at_least (ไม่น้อยกว่า), "
        "more_than, exactly, at_most (ไม่เกิน), less_than. / เกณฑ์เทียบเป้าหมาย",
    )
    target: Figure | None = Field(None, description="Target value. / ค่าเป้าหมาย")
    kind: Literal["quantitative", "qualitative"] | None = Field(
        None,
        description="quantitative (เชิงปริมาณ) or qualitative (เชิงคุณภาพ). / ประเภทตัวชี้วัด",
    )


# -- the analysis of the results a plan is based on ------------------------------------------


class IndicatorAnalysis(Model):
    """The agency's analysis of one ITA indicator of the year it analyses.
    / ผลการวิเคราะห์ผลการประเมิน ITA รายตัวชี้วัดของหน่วยงาน"""

    indicator: Indicator = Field(description="Indicator number (1-10). / ตัวชี้วัดที่")
    questions: list[QuestionCode] = Field(
        default_factory=list,
        description="The questions or OIT items the analysis looks at (their scores come "
        "from the results file). / ข้อคำถามที่วิเคราะห์",
    )
    finding: LongText = Field(
        description="What the analysis found and proposes. / ผลการวิเคราะห์และแนวทางปรับปรุง"
    )
    note: Text | None = Field(
        None,
        description='A remark, e.g. "all questions above 90; the lowest was used". / หมายเหตุ',
    )


class GroupAnalysis(Model):
    """A group's own analysis (an issue's, a strategy's): the text as printed and the scores
    it looks at. / ผลการวิเคราะห์ของประเด็น: ข้อความตามที่พิมพ์และคะแนนที่นำมาวิเคราะห์"""

    text: LongText | None = Field(
        None, description="The analysis as printed (Markdown). / ผลการวิเคราะห์"
    )
    indicators: list[Indicator] = Field(
        default_factory=list,
        description="Indicators whose scores it looks at (1-10). / ตัวชี้วัดที่นำมาวิเคราะห์",
    )
    questions: list[QuestionCode] = Field(
        default_factory=list,
        description="Questions and OIT items whose scores it looks at, e.g. i1, e14, o11; the "
        "scores come from the results file. / ข้อคำถามและข้อ OIT ที่นำมาวิเคราะห์",
    )
    threshold: Number | None = Field(
        None,
        description="Its own threshold, when it differs from the plan's. / เกณฑ์คะแนนของประเด็นนี้",
    )
    findings: LongText | None = Field(
        None, description="What it proposes (Markdown). / แนวทางที่ได้จากการวิเคราะห์"
    )
    note: Text | None = Field(None, description="A remark. / หมายเหตุ")

    @model_validator(mode="after")
    def _something(self) -> GroupAnalysis:
        if not (self.text or self.indicators or self.questions or self.findings):
            raise fail(
                "this analysis is empty.",
                "Add text: (the analysis as printed) or the questions: it looks at.",
            )
        return self


# -- measures, activities, groups, plans ---------------------------------------------------


class PlannedActivity(Model):
    """An activity planned under a measure, with its own steps, period, units, budget and
    KPIs. / กิจกรรมภายใต้มาตรการ มีขั้นตอน ช่วงเวลา ผู้รับผิดชอบ งบประมาณ และตัวชี้วัดของตนเอง"""

    no: MeasureNo | None = Field(
        None, description="Number as printed, e.g. 5.1; progress rounds refer to it. / ลำดับ"
    )
    title: Text = Field(description="Name of the activity. / ชื่อกิจกรรม")
    steps: list[Step] = Field(default_factory=list, description="Steps, in order. / ขั้นตอนการปฏิบัติ")
    period: Span | None = Field(
        None, description="When it runs, or the date it is due by. / ระยะเวลาหรือกำหนดเสร็จ"
    )
    units: Units = Field(default_factory=list, description=_UNITS_DESCRIPTION)
    budget: Amount | None = Field(
        None, description="Budget in baht, or `none`; leave out when not stated. / งบประมาณ"
    )
    kpis: list[Kpi] = Field(default_factory=list, description="Indicators of success. / ตัวชี้วัด")
    reporting: Reporting | None = Field(None, description="How it is reported. / การรายงานผล")
    note: Text | None = Field(None, description="A note about the source. / หมายเหตุ")

    def key(self, index: int) -> int | str:
        """How progress rounds name the activity: its number, else its place (1, 2, ...)."""
        return self.no if self.no is not None else index + 1


#: What a measure takes from its group when it does not state it itself.
INHERITED = ("indicators", "steps", "period", "units", "budget", "reporting")


class Measure(Model):
    """A measure, project or activity of a plan. / มาตรการ โครงการ หรือกิจกรรมตามแผน"""

    no: MeasureNo = Field(
        description='Measure number as printed: 3, "1.1" or "๗.๑๐"; part of its URL. / มาตรการที่'
    )
    title: Text = Field(description="Name of the measure. / ชื่อมาตรการ")
    short_title: Text | None = Field(
        None,
        description="A short name for menus and charts, when the title is a long sentence. "
        "/ ชื่อย่อสำหรับเมนู",
    )
    indicators: list[Indicator] = Field(
        default_factory=list,
        description="ITA indicators (1-10) it answers; their analysis is the plan's. "
        "/ ตัวชี้วัดที่สอดคล้อง",
    )
    questions: list[QuestionCode] = Field(
        default_factory=list,
        description="Questions or OIT items it answers, e.g. i10, e7, o20. / ข้อคำถามที่สอดคล้อง",
    )
    risk: Text | None = Field(
        None, description="For a risk management plan: the risk it controls. / ความเสี่ยง"
    )
    objective: LongText | None = Field(None, description="Objective. / วัตถุประสงค์")
    steps: list[Step] = Field(
        default_factory=list, description="Steps or method, in order. / ขั้นตอนหรือวิธีการดำเนินการ"
    )
    period: Span | None = Field(None, description="Implementation period. / ช่วงระยะเวลาดำเนินการ")
    units: Units = Field(default_factory=list, description=_UNITS_DESCRIPTION)
    budget: Amount | None = Field(
        None,
        description="Budget allocated in baht, or `none` when no budget is used; "
        "leave out when not stated. / งบประมาณ",
    )
    kpis: list[Kpi] = Field(default_factory=list, description="Indicators of success. / ตัวชี้วัด")
    activities: list[PlannedActivity] = Field(
        default_factory=list,
        description="Activities under the measure, each with its own steps, period, units, "
        "budget and KPIs. / กิจกรรมภายใต้มาตรการ",
    )
    reporting: Reporting | None = Field(
        None, description="How results are reported, e.g. 6-month. / การรายงานผล"
    )
    note: Text | None = Field(
        None,
        description="A note about the source, e.g. where it gives another version. / หมายเหตุ",
    )

    @property
    def slug(self) -> str:
        return measure_slug(self.no)

    def activity(self, key: int | str) -> PlannedActivity | None:
        return next((a for n, a in enumerate(self.activities) if a.key(n) == key), None)


class MeasureGroup(Model):
    """Measures under one heading of the document: an issue (ประเด็น), an indicator, a
    strategy. The group's analysis comes first; its steps, period, units, budget and
    reporting are those of every measure under it that does not state its own.
    / กลุ่มมาตรการตามหัวข้อของเอกสาร เช่น ประเด็น ตัวชี้วัด ยุทธศาสตร์ มาตรการในกลุ่มใช้ขั้นตอน
    ช่วงเวลา ผู้รับผิดชอบ งบประมาณ และการรายงานของกลุ่ม เว้นแต่ระบุไว้เอง"""

    no: MeasureNo | None = Field(
        None, description="Its number as printed (ประเด็นที่ 1). / ลำดับของกลุ่ม"
    )
    title: Text = Field(description="Heading as printed. / ชื่อประเด็นหรือหัวข้อ")
    short_title: Text | None = Field(None, description="A short name for menus. / ชื่อย่อสำหรับเมนู")
    analysis: GroupAnalysis | None = Field(
        None, description="Its own analysis of the results. / ผลการวิเคราะห์ของประเด็น"
    )
    indicators: list[Indicator] = Field(
        default_factory=list,
        description="ITA indicators its measures answer (1-10). / ตัวชี้วัดที่สอดคล้อง",
    )
    steps: list[Step] = Field(
        default_factory=list, description="Steps shared by its measures. / ขั้นตอนร่วม"
    )
    period: Span | None = Field(None, description="Period shared by its measures. / ช่วงเวลาร่วม")
    units: Units = Field(
        default_factory=list, description="Units shared by its measures. / ผู้รับผิดชอบร่วม"
    )
    budget: Amount | None = Field(
        None, description="Budget of each of its measures, or `none`. / งบประมาณของแต่ละมาตรการ"
    )
    reporting: Reporting | None = Field(
        None, description="How its measures are reported. / การรายงานผล"
    )
    measures: list[Measure] = Field(min_length=1, description="Its measures, in order. / มาตรการ")
    note: Text | None = Field(None, description="A note about the source. / หมายเหตุ")

    @property
    def slug(self) -> str | None:
        return measure_slug(self.no) if self.no is not None else None

    def effective(self, measure: Measure) -> Measure:
        """The measure with what it takes from the group (INHERITED) filled in."""
        given = self.model_fields_set
        update = {
            name: getattr(self, name)
            for name in INHERITED
            if name in given and name not in measure.model_fields_set
        }
        return measure.model_copy(update=update) if update else measure


class PlanSection(Model):
    """A part the document adds: the constraints (ข้อจำกัด) the agency faces, how it monitors,
    what follows; or another part under its own title. / ส่วนที่เอกสารเพิ่มเติม เช่น
    ข้อจำกัด การกำกับติดตาม การดำเนินการต่อไป"""

    kind: SectionKind = Field(
        description="constraints, monitoring, follow_up or other. / ชนิดของส่วน"
    )
    title: Text | None = Field(None, description="Heading; needed for kind: other. / หัวข้อ")
    text: LongText = Field(description="The section (Markdown). / เนื้อหา")

    @model_validator(mode="after")
    def _titled(self) -> PlanSection:
        if self.kind == "other" and self.title is None:
            raise fail("a section of kind other needs a title.", "Add title: ...")
        return self


GroupedBy = Literal["issue", "indicator", "strategy", "goal", "other"]


@dataclass(frozen=True)
class MeasureEntry:
    """A measure as a plan holds it: with what it takes from its group, and where it is in
    the file (`loc`) so that problems point at it."""

    measure: Measure
    group: MeasureGroup | None
    loc: tuple[str | int, ...]


class Plan(Model):
    """A plan of one fiscal year: integrity measures, anti-corruption plan or risk plan.
    Measures are listed under `measures:`, or under the document's own headings in `groups:`.
    / แผนประจำปีงบประมาณ: มาตรการส่งเสริมคุณธรรมและความโปร่งใส แผนปฏิบัติการป้องกันการทุจริต
    หรือแผนบริหารจัดการความเสี่ยงการทุจริต ระบุมาตรการใน measures: หรือตามหัวข้อของเอกสารใน groups:"""

    title: Text = Field(description="Title of the plan. / ชื่อแผนหรือมาตรการ")
    summary: LongText | None = Field(None, description="Introduction (Markdown). / บทนำ")
    based_on: BEYear | None = Field(
        None,
        description="The ITA year whose results the plan analyses (default: the year before). "
        "/ ผลการประเมิน ITA ปีที่นำมาวิเคราะห์",
    )
    threshold: Number | None = Field(
        None,
        description="The agency's own threshold: questions below it need a measure, "
        "e.g. 90. / เกณฑ์คะแนนที่ต้องปรับปรุง",
    )
    analysis_summary: LongText | None = Field(
        None,
        description="The analysis of the results as a whole (Markdown). / สรุปผลการวิเคราะห์",
    )
    analysis: list[IndicatorAnalysis] = Field(
        default_factory=list,
        description="Analysis per ITA indicator (the 2569 O25 asks for all 10). "
        "/ การวิเคราะห์รายตัวชี้วัด",
    )
    programme: Text | None = Field(None, description="Programme (แผนงาน) it belongs to. / แผนงาน")
    goal: Text | None = Field(None, description="The agency goal it serves. / เป้าหมายหน่วยงาน")
    approved: Date | None = Field(None, description="Date of approval. / วันที่อนุมัติ")
    approved_by: Text | None = Field(None, description="Who approved it. / ผู้อนุมัติ")
    budget: Amount | None = Field(None, description="Total budget of the plan. / งบประมาณรวม")
    kpis: list[Kpi] = Field(
        default_factory=list, description="Indicators of the plan as a whole. / ตัวชี้วัดระดับแผน"
    )
    grouped_by: GroupedBy = Field(
        "issue",
        description="What the groups are: issue (ประเด็น), indicator, strategy, goal or other. "
        "/ การจัดกลุ่มมาตรการ",
    )
    groups: list[MeasureGroup] = Field(
        default_factory=list,
        description="The measures under the document's headings, each heading with its "
        "analysis and what its measures share. / มาตรการตามหัวข้อของเอกสาร",
    )
    measures: list[Measure] = Field(
        default_factory=list,
        description="The measures, in order (or under groups:). / มาตรการ",
    )
    reporting: Reporting | None = Field(
        None, description="How the plan's results are reported. / การรายงานผล"
    )
    monitoring: LongText | None = Field(
        None, description="How progress is monitored and reported. / การกำกับติดตาม"
    )
    sections: list[PlanSection] = Field(
        default_factory=list,
        description="Parts the document adds: constraints, monitoring, follow_up, other. "
        "/ ส่วนอื่นของเอกสาร",
    )
    documents: list[Document] = Field(
        default_factory=list, description="The plan as published (PDF, link). / เอกสารแผน"
    )

    @model_validator(mode="after")
    def _measures(self) -> Plan:
        if not self.measures and not self.groups:
            raise fail(
                "this plan has no measures.",
                "List them under measures:, or under the document's headings in groups:.",
            )
        if self.measures and self.groups:
            raise fail(
                "this plan lists measures both under measures: and under groups:.",
                "Put every measure under a group, or drop groups:.",
            )
        if self.monitoring and any(s.kind == "monitoring" for s in self.sections):
            raise fail(
                "the monitoring is given twice, as monitoring: and as a section.",
                "Keep one of them.",
            )
        return self

    @cached_property
    def entries(self) -> list[MeasureEntry]:
        """Every measure in order, with what it takes from its group."""
        if not self.groups:
            return [MeasureEntry(m, None, ("measures", n)) for n, m in enumerate(self.measures)]
        return [
            MeasureEntry(group.effective(m), group, ("groups", g, "measures", n))
            for g, group in enumerate(self.groups)
            for n, m in enumerate(group.measures)
        ]

    @cached_property
    def all_measures(self) -> list[Measure]:
        """Every measure in order, with what it takes from its group."""
        return [e.measure for e in self.entries]

    def measure(self, no: int | str) -> Measure | None:
        return next((m for m in self.all_measures if m.no == no), None)

    def group_of(self, measure: Measure) -> MeasureGroup | None:
        return next((e.group for e in self.entries if e.measure.no == measure.no), None)

    def section(self, kind: str) -> PlanSection | None:
        """The section of `kind`; `monitoring:` counts as the monitoring section."""
        found = next((s for s in self.sections if s.kind == kind), None)
        if found is None and kind == "monitoring" and self.monitoring is not None:
            return PlanSection.model_construct(kind="monitoring", title=None, text=self.monitoring)
        return found


class Part(Model):
    """One part of a figure that is the mean or sum of its parts.
    / องค์ประกอบของค่าที่คำนวณจากค่าเฉลี่ยหรือผลรวมขององค์ประกอบ"""

    label: Text = Field(description="What the part is. / ชื่อองค์ประกอบ")
    value: Number = Field(description="Its value. / ค่าขององค์ประกอบ")


class KpiResult(Model):
    """The actual value of a KPI in a round. / ผลการดำเนินงานตามตัวชี้วัดในรอบการรายงาน"""

    actual: Figure | None = Field(None, description="Actual value. / ผลการดำเนินงาน")
    target: Figure | None = Field(
        None,
        description="Milestone for this round, when it differs from the plan's target. "
        "/ ค่าเป้าหมายของรอบนี้",
    )
    against_plan: AgainstPlan | None = Field(
        None, description="below, on or above plan, as reported. / ผลเทียบกับแผน"
    )
    parts: list[Part] = Field(
        default_factory=list,
        description="Parts the actual is computed from (checked). / องค์ประกอบของผลการดำเนินงาน",
    )
    aggregate: Literal["mean", "sum"] = Field(
        "mean",
        description="How the parts make the actual: mean or sum. "
        "/ วิธีคำนวณจากองค์ประกอบ (ค่าเฉลี่ยหรือผลรวม)",
    )
    note: Text | None = Field(None, description="A remark. / หมายเหตุ")


class Activity(Model):
    """Something done under a measure: an event, a meeting, a publication.
    / กิจกรรมที่ดำเนินการภายใต้มาตรการ เช่น การจัดงาน การประชุม การเผยแพร่ข้อมูล"""

    title: Text = Field(description="What was done. / ชื่อกิจกรรม")
    start: Date | None = Field(None, description="Date, or first day. / วันที่หรือวันเริ่มต้น")
    end: Date | None = Field(None, description="Last day, for several days. / วันสิ้นสุด")
    participants: Number | None = Field(
        None,
        description="Number of participants; leave out when not stated. / จำนวนผู้เข้าร่วม (คน)",
    )
    cost: Amount | None = Field(
        None,
        description="Cost in baht, `none` for no cost; leave out when not stated. / ค่าใช้จ่าย",
    )
    note: Text | None = Field(None, description="A remark. / หมายเหตุ")


class ActivityProgress(Model):
    """Where one planned activity of a measure stands in a round.
    / ความก้าวหน้าของกิจกรรมตามแผนในรอบการรายงาน"""

    status: Status = Field(
        description="not_started, in_progress, done or cancelled. / สถานะการดำเนินงาน"
    )
    against_plan: AgainstPlan | None = Field(
        None, description="below, on or above plan. / ผลเทียบกับแผน"
    )
    percent: Number | None = Field(
        None, ge=0, le=100, description="Progress in per cent, as reported. / ร้อยละความก้าวหน้า"
    )
    result: LongText | None = Field(None, description="What was done (Markdown). / ผลการดำเนินงาน")
    problems: LongText | None = Field(None, description="Problems and obstacles. / ปัญหาอุปสรรค")
    spent: Amount | None = Field(None, description="Budget spent so far. / งบประมาณที่ใช้จ่ายแล้ว")
    kpis: dict[Int, KpiResult] = Field(
        default_factory=dict,
        description="Results of the activity's KPIs, by their number (1 = first). / ผลตามตัวชี้วัด",
        json_schema_extra=_NUMBER_KEYS,
    )
    evidence: list[Document] = Field(
        default_factory=list, description="Evidence documents. / เอกสารหลักฐาน"
    )


class MeasureProgress(Model):
    """Where one measure stands in a round. / ความก้าวหน้าของมาตรการในรอบการรายงาน"""

    status: Status = Field(
        description="not_started, in_progress, done or cancelled. / สถานะการดำเนินงาน"
    )
    against_plan: AgainstPlan | None = Field(
        None, description="below, on or above plan. / ผลเทียบกับแผน"
    )
    percent: Number | None = Field(
        None, ge=0, le=100, description="Progress in per cent, as reported. / ร้อยละความก้าวหน้า"
    )
    result: LongText | None = Field(None, description="What was done (Markdown). / ผลการดำเนินงาน")
    problems: LongText | None = Field(None, description="Problems and obstacles. / ปัญหาอุปสรรค")
    spent: Amount | None = Field(None, description="Budget spent so far. / งบประมาณที่ใช้จ่ายแล้ว")
    participants: Figure | None = Field(
        None, description="People reached in total, as reported. / จำนวนผู้เข้าร่วมทั้งหมด"
    )
    kpis: dict[Int, KpiResult] = Field(
        default_factory=dict,
        description="Results of the measure's KPIs, by their number (1 = first). / ผลตามตัวชี้วัด",
        json_schema_extra=_NUMBER_KEYS,
    )
    activities: list[Activity] = Field(
        default_factory=list, description="What was done, item by item. / กิจกรรมที่ดำเนินการ"
    )
    activity_progress: dict[MeasureNo, ActivityProgress] = Field(
        default_factory=dict,
        description="Progress of the measure's planned activities, by their number (or "
        "place: 1, 2, ...). / ความก้าวหน้ารายกิจกรรมตามแผน",
        json_schema_extra=_MEASURE_KEYS,
    )
    evidence: list[Document] = Field(
        default_factory=list, description="Evidence documents. / เอกสารหลักฐาน"
    )


class Round(Model):
    """A progress report on a plan: `<plan>-<round>.yml` beside the plan, the round being
    q1, q2, q3, q4, 6-month, 9-month, 12-month or final.
    / รายงานความก้าวหน้าการดำเนินงานตามแผน: แฟ้ม `<แผน>-<รอบ>.yml` ในโฟลเดอร์เดียวกับแผน
    รอบการรายงานได้แก่ q1 q2 q3 q4 6-month 9-month 12-month หรือ final"""

    date: Date = Field(description="Date of the report. / วันที่รายงาน")
    as_of: Date | None = Field(None, description="The date the figures are as of. / ข้อมูล ณ วันที่")
    summary: LongText | None = Field(None, description="Summary (Markdown). / สรุปผลการดำเนินงาน")
    problems: LongText | None = Field(None, description="Problems and obstacles. / ปัญหาอุปสรรค")
    next_steps: LongText | None = Field(
        None, description="Recommendations and next steps. / ข้อเสนอแนะและแนวทางต่อไป"
    )
    kpis: dict[Int, KpiResult] = Field(
        default_factory=dict,
        description="Results of the plan's own KPIs, by number. / ผลตามตัวชี้วัดระดับแผน",
        json_schema_extra=_NUMBER_KEYS,
    )
    measures: dict[MeasureNo, MeasureProgress] = Field(
        description='Progress by measure number (3, or "1.1" in quotes). / ความก้าวหน้ารายมาตรการ',
        json_schema_extra=_MEASURE_KEYS,
    )
    documents: list[Document] = Field(
        default_factory=list, description="The report as published. / เอกสารรายงานที่เผยแพร่"
    )
