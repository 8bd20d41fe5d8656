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
from typing import Annotated, Any, Literal

from pydantic import Field, GetJsonSchemaHandler, WithJsonSchema, field_validator, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.messages import _
from generator.schema.base import Model, Number, fail, with_shorthands
from generator.schema.blocks import Document
from generator.schema.dates import Date
from generator.schema.figures import Amount, Figure
from generator.schema.results import Indicator, QuestionCode
from generator.schema.text import LongText, Text

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


def _split_units(value: Any) -> Any:
    """Units as printed: a list, or one string joined by "/" (`สล. / ศทส.`)."""
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[/,]", value) if part.strip()]
    return value


#: Responsible units; the `_units` validators split a string written in place of the list.
Units = Annotated[
    list[str],
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]

#: Keys that are numbers (of a measure or a KPI), for editors' tools: YAML reads `1:` as a
#: number, an editor's tool as the text "1".
NUMBER_KEY_PATTERN = r"^\s*\+?[0-9]+\s*$"
_NUMBER_KEYS: dict[str, Any] = {"propertyNames": {"pattern": NUMBER_KEY_PATTERN}}


class OtherSpan(Model):
    """The same period printed differently elsewhere in the source.
    / ช่วงเวลาเดียวกันที่ต้นฉบับระบุไว้ต่างกันในอีกแห่ง"""

    start: Date | None = Field(None, description="First day. / วันเริ่มต้น")
    end: Date | None = Field(None, description="Last day. / วันสิ้นสุด")
    text: str | None = Field(None, max_length=200, description="As printed. / ข้อความตามที่พิมพ์")
    where: str = Field(
        min_length=1, max_length=200, description="Where the source prints it. / ตำแหน่งในต้นฉบับ"
    )


class Span(Model):
    """When a measure runs: dates (YYYY-MM-DD, BE or CE) and the text as printed.
    / ช่วงระยะเวลาดำเนินการ: วันที่ (ปปปป-ดด-วว เป็น พ.ศ. หรือ ค.ศ.) และข้อความตามที่พิมพ์"""

    start: Date | None = Field(None, description="First day. / วันเริ่มต้น")
    end: Date | None = Field(None, description="Last day. / วันสิ้นสุด")
    text: str | None = Field(
        None,
        max_length=200,
        description='The period as printed, e.g. "๑ ธ.ค. ๖๘ – ๓๐ ก.ย. ๖๙" or '
        '"ตลอดปีงบประมาณ". / ช่วงเวลาตามที่พิมพ์',
    )
    also_given: list[OtherSpan] = Field(
        default_factory=list,
        description="Other periods the source prints for the same measure. "
        "/ ช่วงเวลาอื่นที่ต้นฉบับระบุไว้สำหรับมาตรการเดียวกัน",
    )

    @model_validator(mode="after")
    def _something(self) -> Span:
        if self.start is None and self.end is None and not self.text:
            raise fail(_("this period is empty."), _("Add start: and end: (or text: as printed)."))
        if self.start and self.end and self.end < self.start:
            raise fail(_("the period ends before it starts."), _("Check start and end."))
        return self


class Step(Model):
    """A step or activity of a measure: text, or `{no, text, units}`.
    / ขั้นตอนหรือกิจกรรมของมาตรการ: ระบุเป็นข้อความ หรือ `{no, text, units}`"""

    no: int | None = Field(
        None, ge=1, description="Number as printed (gaps are reported). / ลำดับขั้นตอน"
    )
    text: Text = Field(description="What is done. / ขั้นตอนหรือวิธีการดำเนินการ")
    units: Units = Field(
        default_factory=list,
        description="Units for this step only, by abbreviation: a list, or one text "
        "separated by / (ศปท. / กตส.). / หน่วยงานที่รับผิดชอบขั้นตอนนี้",
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

    @field_validator("units", mode="before")
    @classmethod
    def _units(cls, value: Any) -> Any:
        return _split_units(value)


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


class Measure(Model):
    """A measure, project or activity of a plan. / มาตรการ โครงการ หรือกิจกรรมตามแผน"""

    no: int = Field(ge=1, le=999, description="Measure number; part of its URL. / มาตรการที่")
    title: Text = Field(description="Name of the measure. / ชื่อมาตรการ")
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
    units: Units = Field(
        default_factory=list,
        description="Responsible units by abbreviation from data/agency.yml, or ทุกหน่วยงาน: "
        "a list, or one text separated by / (ศปท. / กตส.). / ผู้รับผิดชอบ",
    )
    budget: Amount | None = Field(
        None,
        description="Budget allocated in baht, or `none` when no budget is used; "
        "leave out when not stated. / งบประมาณ",
    )
    kpis: list[Kpi] = Field(default_factory=list, description="Indicators of success. / ตัวชี้วัด")
    note: Text | None = Field(
        None,
        description="A note about the source, e.g. where it gives another version. / หมายเหตุ",
    )

    @field_validator("units", mode="before")
    @classmethod
    def _units(cls, value: Any) -> Any:
        return _split_units(value)


class Plan(Model):
    """A plan of one fiscal year: integrity measures, anti-corruption plan or risk plan.
    / แผนประจำปีงบประมาณ: มาตรการส่งเสริมคุณธรรมและความโปร่งใส แผนปฏิบัติการป้องกันการทุจริต
    หรือแผนบริหารจัดการความเสี่ยงการทุจริต"""

    title: Text = Field(description="Title of the plan. / ชื่อแผนหรือมาตรการ")
    summary: LongText | None = Field(None, description="Introduction (Markdown). / บทนำ")
    based_on: int | None = Field(
        None,
        ge=2500,
        le=2700,
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
    measures: list[Measure] = Field(min_length=1, description="The measures, in order. / มาตรการ")
    monitoring: LongText | None = Field(
        None, description="How progress is monitored and reported. / การกำกับติดตาม"
    )
    documents: list[Document] = Field(
        default_factory=list, description="The plan as published (PDF, link). / เอกสารแผน"
    )

    def measure(self, no: int) -> Measure | None:
        return next((m for m in self.measures if m.no == no), None)


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
    kpis: dict[int, KpiResult] = Field(
        default_factory=dict,
        description="Results of the measure's KPIs, by their number (1 = first). / ผลตามตัวชี้วัด",
        json_schema_extra=_NUMBER_KEYS,
    )
    activities: list[Activity] = Field(
        default_factory=list, description="What was done, item by item. / กิจกรรมที่ดำเนินการ"
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
    kpis: dict[int, KpiResult] = Field(
        default_factory=dict,
        description="Results of the plan's own KPIs, by number. / ผลตามตัวชี้วัดระดับแผน",
        json_schema_extra=_NUMBER_KEYS,
    )
    measures: dict[int, MeasureProgress] = Field(
        description="Progress by measure number. / ความก้าวหน้ารายมาตรการ",
        json_schema_extra=_NUMBER_KEYS,
    )
    documents: list[Document] = Field(
        default_factory=list, description="The report as published. / เอกสารรายงานที่เผยแพร่"
    )
