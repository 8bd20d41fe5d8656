"""Machine-readable copies of every data table, published beside its page.

The NACC asks for data that machines can read (CSV, JSON), not only pages; each table
block of an item becomes `<page>/<name>.csv` and `<page>/<name>.json`, where the name
comes from the data (`name:`) or the block's position among the item's tables. A plan's
measures (shown as a table on the items composed from it) become
`/<fy>/measures/<kind>.csv` and `.json` (`plan_table`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

from generator.labels import label
from generator.model.plans import PlanData
from generator.model.project import Item
from generator.model.tables import Cell, TableData
from generator.schema.blocks import Column, ColumnType, TableBlock
from generator.schema.measures import (
    MeasureEntry,
    MeasureGroup,
    PlannedActivity,
    Reporting,
    Step,
    UnitRef,
)
from generator.schema.text import Text


def table_names(item: Item) -> dict[int, str]:
    """{block index: file name without extension} for the item's tables."""
    names: dict[int, str] = {}
    if item.content is None:
        return names
    count = 0
    for index, block in enumerate(item.content.blocks):
        if isinstance(block, TableBlock):
            count += 1
            names[index] = block.name or f"table-{count}"
    return names


def plan_table(plan: PlanData) -> TableData:
    """A plan's measures as one table with the same columns for every plan, so that a
    reader's script works on any agency's file. Budget: empty when not stated, 0 when the
    plan says no budget is used. Later columns came with grouped plans: the group, the
    period as printed, how results are reported, the activities and the note."""
    dotted = any(isinstance(m.no, str) for m in plan.plan.all_measures)
    keys: dict[str, tuple[str, ColumnType]] = {
        "no": ("no", "text" if dotted else "number"),
        "title": ("measure", "text"),
        "risk": ("risk", "text"),
        "objective": ("objective", "text"),
        "indicators": ("indicator", "text"),
        "questions": ("questions_analysed", "text"),
        "steps": ("steps", "text"),
        "start": ("start", "date"),
        "end": ("end", "date"),
        "units": ("units_responsible", "text"),
        "budget": ("budget", "money"),
        "kpis": ("kpis", "text"),
        "group": ("group_column", "text"),
        "period_text": ("period_text", "text"),
        "reporting": ("reporting", "text"),
        "activities": ("activities", "text"),
        "note": ("note", "text"),
    }
    columns = [
        Column(
            key=key, type=kind, words=False, title=Text(th=label(name, "th"), en=label(name, "en"))
        )
        for key, (name, kind) in keys.items()
    ]
    return TableData(columns, [_measure_row(plan, e) for e in plan.plan.entries])


def _measure_row(plan: PlanData, entry: MeasureEntry) -> list[Cell]:
    m, group = entry.measure, entry.group
    budget = m.budget
    return [
        Decimal(m.no) if isinstance(m.no, int) else m.no,
        m.title,
        m.risk,
        m.objective,
        ", ".join(map(str, m.indicators)) or None,
        ", ".join(m.questions) or None,
        _joined([t for n, s in enumerate(m.steps) for t in _step_lines(s, "", n)], numbered=False),
        m.period.start if m.period else None,
        m.period.end if m.period else None,
        _units_text(m.units),
        None if budget is None else (Decimal(0) if budget.no_cost else budget.value),
        _joined([k.title for k in m.kpis], numbered=False),
        _group_text(group),
        m.period.text if m.period else None,
        _reporting_text(m.reporting or plan.plan.reporting),
        _joined([_activity_text(a, n) for n, a in enumerate(m.activities)], numbered=False),
        m.note,
    ]


def _step_lines(step: Step, prefix: str, index: int) -> list[Text]:
    """A step and its sub-steps, one a line, numbered by place (1., 1.1, ...)."""
    number = f"{prefix}{index + 1}"
    lines = [Text.model_construct(th=f"{number}. {step.text.th}", en=_en(number, step.text))]
    for n, sub in enumerate(step.steps):
        lines += _step_lines(sub, f"{number}.", n)
    return lines


def _en(number: str, text: Text) -> str | None:
    return f"{number}. {text.en}" if text.en else None


def _units_text(units: list[UnitRef]) -> str | None:
    """Units as written, each with its role in brackets."""
    parts = [u.name + (f" ({u.role.th})" if u.role else "") for u in units]
    return ", ".join(parts) or None


def _group_text(group: MeasureGroup | None) -> Text | None:
    if group is None:
        return None
    if group.no is None:
        return group.title
    return Text.model_construct(
        th=f"{group.no} {group.title.th}",
        en=f"{group.no} {group.title.en}" if group.title.en else None,
    )


def _reporting_text(reporting: Reporting | None) -> str | None:
    if reporting is None:
        return None
    parts = [reporting.every, reporting.text, reporting.due and reporting.due.isoformat()]
    return " · ".join(p for p in parts if p) or None


def _activity_text(activity: PlannedActivity, index: int) -> Text:
    number = activity.key(index)
    return Text.model_construct(
        th=f"{number} {activity.title.th}",
        en=f"{number} {activity.title.en}" if activity.title.en else None,
    )


def _joined(texts: list[Text], numbered: bool) -> Text | None:
    """Several texts in one cell, one a line; English only when every part has it."""
    if not texts:
        return None

    def line(n: int, text: str) -> str:
        return f"{n}. {text}" if numbered else text

    th = "\n".join(line(n, t.th) for n, t in enumerate(texts, 1))
    en = None
    if all(t.en for t in texts):
        en = "\n".join(line(n, t.en or "") for n, t in enumerate(texts, 1))
    return Text(th=th, en=en)


def table_csv(table: TableData) -> str:
    """UTF-8 with a byte-order mark, so that Excel shows Thai; Thai text for text cells.
    Texts that a spreadsheet would take for a formula are neutralised (`spreadsheet_text`);
    numbers and money stay numbers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([spreadsheet_text(c.key) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [
                _plain(cell, c)
                if c.type in ("number", "money")
                else spreadsheet_text(_plain(cell, c))
                for c, cell in zip(table.columns, row, strict=True)
            ]
        )
    return "\ufeff" + out.getvalue()


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS = re.compile(r"^[+-]?[0-9][0-9,]*(\.[0-9]+)?$|^[-–—\s]+$")


def spreadsheet_text(text: str) -> str:
    """`text` as a spreadsheet cell that Excel or LibreOffice shows and never runs: one
    that starts like a formula gets a leading apostrophe (OWASP's advice), except a plain
    number or a dash, which no spreadsheet evaluates."""
    if text.startswith(_FORMULA_START) and not _HARMLESS.match(text):
        return "'" + text
    return text


def table_json(table: TableData) -> str:
    columns = [
        {"key": c.key, "type": c.type, "title": _json(c.title, c) if c.title else c.key}
        for c in table.columns
    ]
    rows = [
        {c.key: _json(cell, c) for c, cell in zip(table.columns, row, strict=True)}
        for row in table.rows
    ]
    return json.dumps({"columns": columns, "rows": rows}, ensure_ascii=False, indent=1) + "\n"


def _plain(cell: Cell, column: Column) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Text):
        return cell.th
    if isinstance(cell, dt.date):
        return _iso(cell, column)
    return str(cell)


def _json(cell: Cell, column: Column) -> object:
    if isinstance(cell, Text):
        return {"th": cell.th, "en": cell.en} if cell.en else cell.th
    if isinstance(cell, Decimal):
        return int(cell) if cell == cell.to_integral_value() else float(cell)
    if isinstance(cell, dt.date):
        return _iso(cell, column)
    return cell


def _iso(day: dt.date, column: Column) -> str:
    """`2025-10-15`, or `2025-10` in a month column (ISO 8601 year-month)."""
    return day.isoformat()[:7] if column.type == "month" else day.isoformat()
