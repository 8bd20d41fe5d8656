"""`data/<fy>/ita-results.yml`: the agency's results in the ITA held in fiscal year <fy>.

Scores are stored as published (two decimals, sometimes truncated, sometimes wrong);
`consistency.py` recomputes them only to warn. The rating is stored by its published
name: the 5-level scale of ITA 2566 onwards (ผ่านดีเยี่ยม ... ต้องปรับปรุงโดยด่วน, with
the 2566 names ดีเยี่ยม and ดี) or the older 7-level scale (AA ... F).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from generator.schema.base import Indicator, Model, PositiveInt, fail, thai_digits_to_arabic
from generator.schema.blocks import Document
from generator.schema.checklist import normalize_code
from generator.schema.dates import Date
from generator.schema.figures import Figure
from generator.schema.text import LongText, Text

#: Published rating names -> the level they stand for (5-level scale, then 7-level).
LEVELS: dict[str, str] = {
    "ผ่านดีเยี่ยม": "excellent",
    "ดีเยี่ยม": "excellent",
    "ผ่านดี": "good",
    "ดี": "good",
    "ผ่าน": "pass",
    "ต้องปรับปรุง": "improve",
    "ต้องปรับปรุงโดยด่วน": "urgent",
    **{name: name for name in ("AA", "A", "B", "C", "D", "E", "F")},
}
FIVE_LEVELS = ("excellent", "good", "pass", "improve", "urgent")

Tool = Literal["iit", "eit", "oit"]

_QUESTION = re.compile(r"^([iIeE])\s?0*(\d+)$")
_ITEM = re.compile(r"^o\d+$")


def normalize_question(value: Any) -> str:
    """`I14`, `e๑๔` and `E 14` are i14/e14; OIT item codes (`O20`, `๐20`) become o20."""
    text = thai_digits_to_arabic(str(value).strip())
    match = _QUESTION.match(text)
    if match:
        return f"{match.group(1).lower()}{int(match.group(2))}"
    code = normalize_code(text)
    if _ITEM.match(code):
        return code
    raise fail(
        f'"{value}" is not a question or item code.',
        "Write IIT questions as i1, EIT questions as e1 and OIT items as o1.",
    )


#: The codes `normalize_question` reads, for editors' tools: i4, E 07, o20, O๒๐.
QUESTION_PATTERN = r"^\s*[iIeEoO0๐]\s?[0-9๐-๙]+\s*$"
#: OIT item codes as keys (`normalize_code`): o20, O 20, ๐๒๐.
ITEM_KEY_PATTERN = r"^\s*[oO0๐]\s?[0-9๐-๙]+\s*$"
#: OIT sub-indicators as keys, checked by `ItaResults._codes`: "9.1" ... "10.2".
SUBINDICATOR_PATTERN = r"^([9๙]|[1๑][0๐])\.[0-9๐-๙]$"
#: Indicators 1-10 as keys (YAML reads `9:` as a number, an editor's tool as the text "9").
INDICATOR_KEY_PATTERN = r"^\s*\+?[0๐]*([1-9๑-๙]|[1๑][0๐])\s*$"

#: A question of the year's IIT/EIT (i4, e7) or an OIT item (o20).
QuestionCode = Annotated[
    str,
    AfterValidator(normalize_question),
    WithJsonSchema({"type": "string", "pattern": QUESTION_PATTERN}),
]


def _check_level(value: str) -> str:
    if value not in LEVELS:
        raise fail(
            f'"{value}" is not a rating level.',
            "Write the level as published: ผ่านดีเยี่ยม, ผ่านดี, ผ่าน, ต้องปรับปรุง, "
            "ต้องปรับปรุงโดยด่วน (or ดีเยี่ยม/ดี for ITA 2566, AA to F before).",
        )
    return value


Level = Annotated[
    str, AfterValidator(_check_level), WithJsonSchema({"type": "string", "enum": list(LEVELS)})
]


class Tools(Model):
    """Scores of the assessment tools. / คะแนนรายแบบวัด"""

    iit: Figure | None = Field(None, description="IIT, internal stakeholders. / คะแนน IIT")
    eit: Figure | None = Field(
        None, description="EIT, external stakeholders (both parts together). / คะแนน EIT"
    )
    eit_public: Figure | None = Field(
        None, description="EIT part 1, EIT Public (ส่วนที่ ๑). / คะแนน EIT ส่วนที่ ๑"
    )
    eit_survey: Figure | None = Field(
        None, description="EIT part 2, EIT Survey (ส่วนที่ ๒). / คะแนน EIT ส่วนที่ ๒"
    )
    oit: Figure | None = Field(None, description="OIT, open data. / คะแนน OIT")


class Question(Model):
    """The score of one IIT or EIT question (EIT: one score per part).
    / คะแนนรายข้อคำถามของแบบวัด IIT หรือ EIT (EIT แยกคะแนนตามส่วน)"""

    code: QuestionCode = Field(description="Question code of that year, e.g. i1, e4. / รหัสข้อคำถาม")
    text: Text | None = Field(None, description="The question as printed. / ข้อคำถามตามที่พิมพ์")
    score: Figure | None = Field(None, description="Score (IIT). / คะแนน")
    public: Figure | None = Field(
        None, description="EIT part 1 (Public) score. / คะแนน EIT ส่วนที่ ๑ (Public)"
    )
    survey: Figure | None = Field(
        None, description="EIT part 2 (Survey) score. / คะแนน EIT ส่วนที่ ๒ (Survey)"
    )

    @model_validator(mode="after")
    def _scores(self) -> Question:
        if self.code.startswith("o"):
            raise fail(
                f'"{self.code}" is an OIT item.', "Put OIT item scores under `items:` instead."
            )
        if self.score is None and self.public is None and self.survey is None:
            raise fail(
                f"question {self.code} has no score.",
                "Add `score:` (IIT) or `public:` and `survey:` (EIT).",
            )
        return self

    @property
    def indicator_tool(self) -> Tool:
        return "iit" if self.code.startswith("i") else "eit"


class Recommendation(Model):
    """An assessor's recommendation. / ข้อเสนอแนะของผู้ตรวจประเมิน"""

    tool: Tool | None = Field(None, description="iit, eit or oit. / แบบวัด")
    indicators: list[Indicator] = Field(
        default_factory=list, description="Indicators it is about (1-10). / ตัวชี้วัดที่เกี่ยวข้อง"
    )
    text: LongText = Field(description="The recommendation. / ข้อเสนอแนะ")
    cites: list[QuestionCode] = Field(
        default_factory=list,
        description="Question and item codes it cites, in that year's numbering. "
        "/ ข้อคำถามหรือข้อ OIT ที่อ้างอิง",
    )
    note: Text | None = Field(
        None,
        description="A note about the source, e.g. a code it misprints. / หมายเหตุ",
    )


class ItaResults(Model):
    """The agency's results in one year's ITA, as published by the NACC.
    / ผลการประเมิน ITA ของหน่วยงานในแต่ละปี ตามที่สำนักงาน ป.ป.ช. ประกาศ"""

    overall: Figure = Field(description="Overall ITA score (0-100). / คะแนน ITA ภาพรวม")
    level: Level | None = Field(None, description="Rating as published. / ระดับผลการประเมิน")
    rank: PositiveInt | None = Field(None, description="Rank. / ลำดับที่")
    rank_of: PositiveInt | None = Field(
        None,
        description="How many agencies the rank is out of, when stated. / จำนวนหน่วยงานที่จัดลำดับ",
    )
    rank_group: Text | None = Field(
        None,
        description="The group ranked, e.g. ส่วนราชการระดับกรม. / กลุ่มที่จัดลำดับ",
    )
    assessed: PositiveInt | None = Field(
        None,
        description="Agencies assessed nationwide that year. / จำนวนหน่วยงานที่เข้ารับการประเมินทั่วประเทศ",
    )
    announced: Date | None = Field(
        None, description="When the results were announced. / วันที่ประกาศผล"
    )
    tools: Tools = Field(default_factory=Tools, description="Tool scores. / คะแนนรายแบบวัด")
    indicators: dict[Indicator, Figure] = Field(
        default_factory=dict,
        description="Scores of the 10 indicators, by number. / คะแนนรายตัวชี้วัด",
        json_schema_extra={"propertyNames": {"pattern": INDICATOR_KEY_PATTERN}},
    )
    subindicators: dict[str, Figure] = Field(
        default_factory=dict,
        description='OIT sub-indicator scores by number, in quotes, e.g. "9.1": 100. '
        "/ คะแนนตัวชี้วัดย่อย",
        json_schema_extra={"propertyNames": {"pattern": SUBINDICATOR_PATTERN}},
    )
    questions: list[Question] = Field(
        default_factory=list,
        description="Per-question scores (all, or the low ones). / คะแนนรายข้อคำถาม",
    )
    items: dict[str, Figure] = Field(
        default_factory=dict,
        description="OIT item scores by code, e.g. o20: 0. / คะแนนรายข้อ OIT",
        json_schema_extra={"propertyNames": {"pattern": ITEM_KEY_PATTERN}},
    )
    recommendations: list[Recommendation] = Field(
        default_factory=list, description="The assessors' recommendations. / ข้อเสนอแนะ"
    )
    documents: list[Document] = Field(
        default_factory=list, description="The NACC's result documents. / เอกสารผลการประเมิน"
    )

    @field_validator("subindicators", mode="before")
    @classmethod
    def _arabic_keys(cls, value: Any) -> Any:
        # "๙.๑" is 9.1: Thai digits are fine in keys as in values.
        if isinstance(value, dict):
            return {thai_digits_to_arabic(str(k)).strip(): v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _codes(self) -> ItaResults:
        for key in self.subindicators:
            if not re.match(r"^(9|10)\.\d$", key):
                raise fail(f'"{key}" is not an OIT sub-indicator.', 'Write it as "9.1" ... "10.2".')
        for key in self.items:
            if not _ITEM.match(normalize_code(key)):
                raise fail(f'"{key}" is not an OIT item code.', "Write it as o1, o2, ...")
        seen: set[str] = set()
        for question in self.questions:
            if question.code in seen:
                raise fail(f"question {question.code} is listed twice.", "Keep one of them.")
            seen.add(question.code)
        return self

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)

    def item_score(self, code: str) -> Figure | None:
        return next((v for k, v in self.items.items() if normalize_code(k) == code), None)
