"""Checks on validated data that never change it: completeness and translation gaps.

An item is *complete* when every required element of its checklist entry is provided by
enough entries (documents, people, rows, links), *incomplete* when some are short, and
*missing* when the agency has no file for it. These are warnings, not errors: a site
with gaps still builds, and `oit check` says what to add.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from generator.errors import Problem
from generator.periods import check_dates
from generator.project import FiscalYear, Item, Project
from generator.schema.blocks import (
    DocumentsBlock,
    LinksBlock,
    PeopleBlock,
    TableBlock,
)
from generator.schema.checklist import Element
from generator.schema.text import THAI_SCRIPT, Text

State = Literal["complete", "incomplete", "missing"]


@dataclass(frozen=True)
class ElementStatus:
    element: Element
    count: int
    blocks: tuple[int, ...]  # indexes of the blocks that provide it

    @property
    def ok(self) -> bool:
        return self.count >= self.element.min


@dataclass(frozen=True)
class ItemStatus:
    state: State
    elements: tuple[ElementStatus, ...]

    @property
    def missing(self) -> tuple[ElementStatus, ...]:
        return tuple(e for e in self.elements if e.element.required and not e.ok)


def entries(item: Item, index: int) -> int:
    """How many entries block `index` of the item holds, for minimum counts."""
    assert item.content is not None
    block = item.content.blocks[index]
    if isinstance(block, DocumentsBlock):
        return len(block.documents)
    if isinstance(block, PeopleBlock):
        return len(block.people)
    if isinstance(block, LinksBlock):
        return len(block.links)
    if isinstance(block, TableBlock):
        table = item.tables.get(index)
        return len(table.rows) if table else 0
    return 1


def providers(item: Item, element: Element) -> tuple[int, ...]:
    """The blocks providing `element`: those tagged with it, else untagged ones of its types."""
    if item.content is None:
        return ()
    blocks = item.content.blocks
    tagged = tuple(i for i, b in enumerate(blocks) if b.element == element.key)
    if tagged:
        return tagged
    return tuple(i for i, b in enumerate(blocks) if b.element is None and b.type in element.blocks)


def item_status(item: Item) -> ItemStatus:
    elements = tuple(
        ElementStatus(e, sum(entries(item, i) for i in providers(item, e)), providers(item, e))
        for e in item.spec.elements
    )
    if item.content is None or not item.content.blocks:
        return ItemStatus("missing", elements)
    if any(e.element.required and not e.ok for e in elements):
        return ItemStatus("incomplete", elements)
    return ItemStatus("complete", elements)


def check_year(year: FiscalYear) -> list[Problem]:
    """A warning for each item that is missing or incomplete."""
    problems = []
    for item in year.items:
        status = item_status(item)
        title = item.title.th
        if status.state == "missing":
            where = item.source or year.source
            problems.append(
                Problem(
                    where.path,
                    1,
                    1,
                    "warning",
                    f"FY{year.fy} item {item.code} ({title}) has no content.",
                    "Add its content under `blocks:` in this file."
                    if item.source is not None
                    else f"Create data/{year.fy}/oit/{_file_stem(item.code)}-<name>.yml.",
                )
            )
        elif status.state == "incomplete":
            assert item.source is not None
            for gap in status.missing:
                have = f"has {gap.count}, needs {gap.element.min}" if gap.count else "is missing"
                problems.append(
                    item.source.problem(
                        ("blocks",),
                        f'item {item.code}: element "{gap.element.key}" '
                        f"({gap.element.title.th}) {have}.",
                        f"Add a block of type {' or '.join(gap.element.blocks)} with "
                        f"`element: {gap.element.key}`.",
                        key=True,
                        severity="warning",
                    )
                )
    return problems


def check_project(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    for year in project.years.values():
        problems.extend(check_year(year))
        problems.extend(check_dates(year))
    return problems


def _file_stem(code: str) -> str:
    head = code.rstrip("0123456789")
    number = code[len(head) :]
    return f"{head}{int(number):02d}" if number else code


def translation_gaps(item: Item) -> int:
    """How many texts of an item have no English (English pages show them in Thai)."""
    return _count_gaps(item.content) if item.content else 0


def untranslated_cells(item: Item) -> int:
    """How many table cells of an item are in Thai only (data such as names of suppliers)."""
    return sum(
        _count_gaps(cell) + (isinstance(cell, str) and bool(THAI_SCRIPT.search(cell)))
        for table in item.tables.values()
        for row in table.rows
        for cell in row
    )


def _count_gaps(value: object) -> int:
    if isinstance(value, Text):
        return 0 if value.en else 1
    if isinstance(value, BaseModel):
        return sum(_count_gaps(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, list | tuple):
        return sum(_count_gaps(v) for v in value)
    if isinstance(value, dict):
        return sum(_count_gaps(v) for v in value.values())
    return 0
