"""How an item page is laid out from its data: sections, anchors, table pages.

`render.Renderer` asks these for the order of an item's sections (the editor's blocks
and the elements composed from data), the anchor of each checklist element (`#el-<key>`,
which the ITAS sheet links to), how a long table is split over pages, and the date an
item was last updated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import urls
from generator.checks.completeness import ElementStatus, ItemStatus
from generator.model.project import FiscalYear, Item
from generator.model.tables import Cell, TableData
from generator.schema.blocks import Block
from generator.schema.checklist import Element, Group
from generator.schema.text import Text

#: Rows of a table shown on one page (about 500 KB of HTML for a wide procurement table).
ROWS_PER_PAGE = 500


@dataclass(frozen=True)
class TablePages:
    """A table's place on the site: CSV/JSON copies beside the item page, and, when it is
    long, further pages of ROWS_PER_PAGE rows at `<item>/<name>/<n>/` (n >= 2).

    Why: a 10,000-row table on one page would weigh megabytes; no page may exceed 1 MB.
    """

    item_path: str
    name: str
    total: int

    @property
    def stem(self) -> str:
        return self.item_path + self.name

    @property
    def count(self) -> int:
        return max(1, -(-self.total // ROWS_PER_PAGE))

    def url(self, current: int) -> str:
        return self.item_path if current == 1 else f"{self.stem}/{current}/"

    def span(self, current: int) -> tuple[int, int]:
        """First and last row number (from 1) shown on page `current`."""
        first = (current - 1) * ROWS_PER_PAGE + 1
        return first, min(self.total, current * ROWS_PER_PAGE)

    def window(self, current: int, reach: int = 3) -> list[int | None]:
        """The pages the pager of page `current` links: the first and the last, and those
        within `reach` of it; None where pages are left out. Why: linking every page from
        every page would make a long table's pages quadratic in size."""
        shown = sorted(
            {1, self.count, *range(max(1, current - reach), min(self.count, current + reach) + 1)}
        )
        out: list[int | None] = []
        for n in shown:
            if out and out[-1] is not None and n > out[-1] + 1:
                out.append(None)
            out.append(n)
        return out

    def rows(self, table: TableData, current: int) -> list[list[Cell]]:
        first, last = self.span(current)
        return table.rows[first - 1 : last]


@dataclass(frozen=True)
class BlockView:
    """A block as the page shows it: its heading, and the anchors assessors are sent to
    (`#el-<key>` of each element this block is the first to provide)."""

    index: int
    block: Block
    title: Text | None
    element: Element | None
    anchors: tuple[str, ...]

    @property
    def anchor(self) -> str | None:
        """The heading's id; further anchors sit in empty spans before the heading."""
        return self.anchors[0] if self.anchors else None


def block_views(item: Item, status: ItemStatus) -> list[BlockView]:
    """The item's blocks in order, each element anchored at the first block providing it."""
    if item.content is None:
        return []
    first: dict[int, list[Element]] = {}
    for es in status.elements:
        if es.blocks and not es.data:  # composed elements are anchored at their own section
            first.setdefault(es.blocks[0], []).append(es.element)
    views = []
    for index, block in enumerate(item.content.blocks):
        elements = first.get(index, [])
        element = elements[0] if elements else None
        named = element or next((e for e in item.spec.elements if e.key == block.element), None)
        views.append(
            BlockView(
                index,
                block,
                block.title or (named.title if named else None),
                named,
                tuple(urls.anchor_for_element(e.key) for e in elements),
            )
        )
    return views


def sections(
    item: Item, views: list[BlockView], composed: list[ElementStatus]
) -> list[tuple[str, BlockView | ElementStatus]]:
    """The page's sections in order: the editor's blocks as written, and each element the
    checklist composes from data (its own section) just before the first block of a later
    or the same element, so that O21's assessment comes before the plan composed from
    data, as the checklist lists them."""
    order = {e.key: n for n, e in enumerate(item.spec.elements)}
    waiting = list(composed)
    out: list[tuple[str, BlockView | ElementStatus]] = []
    for view in views:
        at = order.get(view.block.element or "")
        while at is not None and waiting and order[waiting[0].element.key] <= at:
            out.append(("data", waiting.pop(0)))
        out.append(("block", view))
    return out + [("data", es) for es in waiting]


def grouped(year: FiscalYear) -> list[tuple[Group | None, list[Item]]]:
    """Items by sub-indicator, in checklist order (items of unknown group last)."""
    groups: list[tuple[Group | None, list[Item]]] = []
    for item in year.items:
        group = year.checklist.group(item.spec.group)
        if groups and groups[-1][0] == group:
            groups[-1][1].append(item)
        else:
            groups.append((group, [item]))
    return groups


def last_updated(item: Item) -> dt.date | None:
    """The item's `updated:` date, else the newest date of its documents."""
    if item.content is None:
        return None
    if item.content.updated:
        return item.content.updated
    dates = [d.date for b in item.content.blocks for d in getattr(b, "documents", []) if d.date]
    return max(dates, default=None)
