"""The ITAS sheet: what an agency enters into the NACC's ITAS system for each OIT item.

For every checklist item of a fiscal year: its code and titles, the absolute address of
its page in Thai (what ITAS takes) and in English, and the explanation of where on the
page each required element sits. The explanation is generated from the data: each
element the item provides is named with a deep link to the anchor its first block gets
on the page (`urls.anchor_for_element`); an item file's `itas_note` replaces it. The
rows feed the year's `/<fy>/itas/` page (render.py), its CSV and XLSX downloads, and
`oit itas`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from generator import urls
from generator.checks.completeness import State, item_status
from generator.labels import label
from generator.model.project import FiscalYear, Item, Project
from generator.schema.checklist import Element
from generator.schema.text import Text
from generator.site.exports import spreadsheet_text
from generator.site.workbook import itas_workbook


@dataclass(frozen=True)
class ElementLine:
    """Where one element of an item is on its page (url None: not provided yet)."""

    number: int
    element: Element
    heading: Text | None  # the section heading, when it differs from the element's title
    count: int
    anchor: str | None  # id of the element's first block on the page


@dataclass(frozen=True)
class ItasRow:
    """One line of the ITAS sheet."""

    item: Item
    state: State
    path: str  # site path of the item's page
    urls: dict[str, str]  # by language: absolute address of the item's page
    lines: tuple[ElementLine, ...]

    @property
    def code(self) -> str:
        return self.item.code.upper()

    @property
    def note(self) -> Text | None:
        return self.item.content.itas_note if self.item.content else None

    def explanation(self, lang: str = "th") -> str:
        """The text to paste into ITAS (in Thai; English for the English page)."""
        if self.note is not None:
            return self.note.get(lang).text.strip()
        if self.state == "missing":
            return label("no_content", lang)
        if not self.lines:
            return f"{label('itas_whole_page', lang)} {self.urls[lang]}"
        return "\n".join(self._line(line, lang) for line in self.lines)

    def _line(self, line: ElementLine, lang: str) -> str:
        text = f"{line.number}) {line.element.title.get(lang).text}"
        if line.anchor is None:
            return f"{text}: {label('not_provided', lang)}"
        if line.heading is not None:
            text += f" ({label('itas_section', lang)} “{line.heading.get(lang).text}”)"
        if line.element.min > 1:
            text += f" {line.count} {label('itas_entries', lang)}"
        return f"{text}: {self.urls[lang]}#{line.anchor}"


def itas_rows(project: Project, year: FiscalYear) -> list[ItasRow]:
    """The sheet of one fiscal year, one row per checklist item in checklist order."""
    site_url = project.agency.site_url
    rows = []
    for item in year.items:
        path = urls.url_for_item(year.fy, item.code)
        page = {lang: urls.absolute(site_url, path, lang) for lang in urls.LANGS}
        status = item_status(item)
        lines: list[ElementLine] = []
        for es in status.elements:
            if not es.element.required and not es.blocks and not es.data:
                continue  # optional and not provided: nothing to point at
            heading = anchor = None
            if es.data:  # composed from plan or results data: a section of its own
                anchor = urls.anchor_for_element(es.element.key)
            elif es.blocks and item.content is not None:
                title = item.content.blocks[es.blocks[0]].title
                heading = title if title is not None and title != es.element.title else None
                anchor = urls.anchor_for_element(es.element.key)
            lines.append(ElementLine(len(lines) + 1, es.element, heading, es.count, anchor))
        rows.append(ItasRow(item, status.state, path, page, tuple(lines)))
    return rows


def _columns() -> list[str]:
    keys = ("code", "itas_title_th", "itas_title_en", "itas_url_th", "itas_url_en_column")
    return [label(key, "th") for key in (*keys, "itas_explanation")]


def _values(row: ItasRow) -> list[str]:
    title = row.item.title
    return [
        row.code,
        title.th,
        title.en or "",
        row.urls["th"] if row.item.published else "",
        row.urls["en"] if row.item.published else "",
        row.explanation("th"),
    ]


def itas_table(rows: list[ItasRow]) -> list[list[str]]:
    """The sheet's cells: the header, then one line per row."""
    return [_columns(), *map(_values, rows)]


def itas_csv(rows: list[ItasRow]) -> str:
    """UTF-8 with a byte-order mark, so that Excel shows the Thai text."""
    out = io.StringIO()
    table = [[spreadsheet_text(cell) for cell in line] for line in itas_table(rows)]
    csv.writer(out, lineterminator="\n").writerows(table)
    return "\ufeff" + out.getvalue()


def itas_xlsx(rows: list[ItasRow], fy: int, modified: dt.date | None = None) -> bytes:
    """The same sheet as an Excel workbook (`workbook.itas_workbook`)."""
    return itas_workbook(itas_table(rows), fy, modified)


def sheet_names(fy: int) -> tuple[str, str]:
    """File names of the CSV and XLSX sheets (beside the ITAS page, and from `oit itas`)."""
    return f"itas-{fy}.csv", f"itas-{fy}.xlsx"
