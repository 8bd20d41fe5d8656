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

from generator.checks.consistency import check_plan, check_results
from generator.checks.dates import check_dates
from generator.errors import Problem
from generator.model.compose import Composition
from generator.model.project import FiscalYear, Item, Project
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
    composed: Composition | None = None  # for elements the checklist composes from data

    @property
    def data(self) -> bool:
        """Does plan or results data provide this element?"""
        return self.composed is not None and self.composed.present

    @property
    def ok(self) -> bool:
        if self.data:
            assert self.composed is not None
            return self.composed.ok
        return self.count >= self.element.min

    @property
    def provided(self) -> bool:
        """Does the page show something for this element?"""
        return bool(self.blocks) or self.data


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


def element_status(item: Item, element: Element) -> ElementStatus:
    composed = item.composed.get(element.key)
    if composed is not None and composed.present:
        return ElementStatus(element, composed.count, providers(item, element), composed)
    blocks = providers(item, element)
    return ElementStatus(element, sum(entries(item, i) for i in blocks), blocks, composed)


def item_status(item: Item) -> ItemStatus:
    elements = tuple(element_status(item, e) for e in item.spec.elements)
    has_blocks = item.content is not None and bool(item.content.blocks)
    if not has_blocks and not any(e.data for e in elements):
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
            files = [f"data/{year.fy}/oit/{_file_stem(item.code)}-<name>.yml"]
            files += sorted({c.fix for c in item.composed.values()})
            problems.append(
                Problem(
                    where.path,
                    1,
                    1,
                    "warning",
                    f"FY{year.fy} item {item.code} ({title}) has no content.",
                    "Add its content under `blocks:` in this file."
                    if item.source is not None
                    else f"Create {' or '.join(files)}.",
                )
            )
        elif status.state == "incomplete":
            for gap in status.missing:
                problems.append(_gap_warning(year, item, gap))
    return problems


def _gap_warning(year: FiscalYear, item: Item, gap: ElementStatus) -> Problem:
    what = f'item {item.code}: element "{gap.element.key}" ({gap.element.title.th})'
    block_hint = (
        f"a block of type {' or '.join(gap.element.blocks)} with `element: {gap.element.key}`"
    )
    if gap.data:
        assert gap.composed is not None
        reason = gap.composed.reason or (
            f"has {gap.count}, needs {gap.element.min}" if gap.count else "is empty"
        )
        return Problem(
            gap.composed.fix, 1, 1, "warning", f"{what} {reason}.", f"Fill in {gap.composed.fix}."
        )
    have = f"has {gap.count}, needs {gap.element.min}" if gap.count else "is missing"
    hint = f"Add {block_hint}."
    if gap.composed is not None:
        hint = f"Create {gap.composed.fix}, or add {block_hint}."
    source = item.source or year.source
    return source.problem(("blocks",), f"{what} {have}.", hint, key=True, severity="warning")


def check_project(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    for year in project.years.values():
        problems.extend(check_year(year))
        problems.extend(check_confidence(year))
        problems.extend(check_dates(year))
        for plan in year.plans.values():
            problems.extend(check_plan(plan))
    for results in project.results.values():
        problems.extend(check_results(results, project.ita_checklist(results.year)))
    return problems


def check_confidence(year: FiscalYear) -> list[Problem]:
    """One warning naming the items the agency publishes content for whose checklist entry
    is uncertain (low confidence, or an unknown title): the NACC's manual may word or number
    them differently, and an assessor opens the URL the agency enters for that number."""
    checklist = year.checklist
    doubtful = [
        item.code
        for item in year.items
        if (item.spec.confidence == "low" or item.spec.title is None)
        and item_status(item).state != "missing"  # a template waiting for content says nothing
    ]
    if not doubtful:
        return []
    return [
        year.source.problem(
            ("checklist",),
            f"FY{year.fy} publishes {len(doubtful)} item(s) that the {checklist.id} checklist "
            f"lists with low confidence or without a known title: {', '.join(doubtful)}.",
            f"Check their titles and elements against the NACC's ITA {checklist.year} manual; "
            f"a corrected list can go in data/checklists/{checklist.id}.yml.",
            severity="warning",
        )
    ]


def _file_stem(code: str) -> str:
    head = code.rstrip("0123456789")
    number = code[len(head) :]
    return f"{head}{int(number):02d}" if number else code


def translation_gaps(item: Item) -> int:
    """How many texts of an item have no English (English pages show them in Thai),
    counting the plans, rounds and results its page is composed from (each once)."""
    used: dict[int, BaseModel] = {}
    for comp in item.composed.values():
        if not comp.present:
            continue
        if comp.plan is not None:
            used[id(comp.plan.plan)] = comp.plan.plan
            if comp.source.show == "progress" and comp.plan.latest is not None:
                used[id(comp.plan.latest.round)] = comp.plan.latest.round
        if comp.results is not None:
            used[id(comp.results.results)] = comp.results.results
    own = _count_gaps(item.content) if item.content else 0
    return own + sum(_count_gaps(model) for model in used.values())


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


@dataclass(frozen=True)
class YearSummary:
    """How far a fiscal year's items are, for the summaries of `oit check` and of CI."""

    items: int
    complete: int
    incomplete: int
    missing: int
    gaps: int  # texts without English
    cells: int  # table cells in Thai only


def summarize_year(year: FiscalYear) -> YearSummary:
    states = [item_status(item).state for item in year.items]
    return YearSummary(
        len(states),
        states.count("complete"),
        states.count("incomplete"),
        states.count("missing"),
        sum(translation_gaps(item) for item in year.items),
        sum(untranslated_cells(item) for item in year.items),
    )
