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
from generator.schema.measures import Measure
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
    plan says no budget is used."""
    keys: dict[str, tuple[str, ColumnType]] = {
        "no": ("no", "number"),
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
    }
    columns = [
        Column(
            key=key, type=kind, words=False, title=Text(th=label(name, "th"), en=label(name, "en"))
        )
        for key, (name, kind) in keys.items()
    ]
    return TableData(columns, [_measure_row(m) for m in plan.plan.measures])


def _measure_row(m: Measure) -> list[Cell]:
    budget = m.budget
    return [
        Decimal(m.no),
        m.title,
        m.risk,
        m.objective,
        ", ".join(map(str, m.indicators)) or None,
        ", ".join(m.questions) or None,
        _joined([s.text for s in m.steps], numbered=True),
        m.period.start if m.period else None,
        m.period.end if m.period else None,
        ", ".join(m.units) or None,
        None if budget is None else (Decimal(0) if budget.no_cost else budget.value),
        _joined([k.title for k in m.kpis], numbered=False),
    ]


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
