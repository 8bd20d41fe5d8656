"""Stage 4: the validated project -> Markdown pages, through Jinja2 templates.

`render_site(project)` returns every generated page as {staged file: Markdown}, in Thai
(`x/index.md`) and English (`x/index.en.md`), for mkdocs-static-i18n's suffix layout.
Text from data is escaped here: plain texts become HTML-escaped (inside raw HTML) or
Markdown-escaped (in headings); Markdown bodies keep their Markdown but lose raw HTML
and attribute lists, so nothing an editor writes can inject markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import json
import re
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator import templating, urls
from generator.checks.completeness import (
    ElementStatus,
    ItemStatus,
    item_status,
    translation_gaps,
    untranslated_cells,
)
from generator.format import Formatter
from generator.labels import label
from generator.model.plans import resolve_unit
from generator.model.project import SHIPPED_CHECKLISTS, FiscalYear, Item, Project
from generator.model.tables import Cell, TableData
from generator.schema.blocks import Block, Column
from generator.schema.checklist import Element, Group
from generator.schema.figures import Amount, Figure
from generator.schema.measures import ALL_UNITS, Span
from generator.schema.results import LEVELS
from generator.schema.text import THAI_SCRIPT, Resolved, Text
from generator.site import dashboards
from generator.site.exports import plan_table, table_csv, table_json, table_names
from generator.site.itas import itas_csv, itas_rows, itas_table, sheet_names
from generator.site.workbook import itas_workbook

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
# A run of Thai (with the dots, digits and spaces inside abbreviations such as สขร.1).
_THAI_WORDS = re.compile(r"[\u0e01-\u0e5b](?:[\u0e01-\u0e5b0-9. ]*[\u0e01-\u0e5b0-9])?")


#: Rows of a table shown on one page (about 500 KB of HTML for a wide procurement table).
ROWS_PER_PAGE = 500


@dataclass(frozen=True)
class Options:
    """Rendering choices that are not data: previews show completeness on every page."""

    preview: bool = False


class PageContext:
    """What a template needs to write one page in one language."""

    def __init__(self, project: Project, path: str, lang: str, options: Options) -> None:
        self.project = project
        self.agency = project.agency
        self.path = path  # site path of the page, default-language form
        self.lang = lang
        self.fmt = Formatter(lang, thai_digits=project.agency.settings.thai_digits)
        self.show_status = options.preview or project.agency.settings.show_status

    # -- text ------------------------------------------------------------------

    def label(self, key: str) -> str:
        return label(key, self.lang)

    def plain(self, text: Text | None) -> str:
        return text.get(self.lang).text if text else ""

    def t(self, text: Text | str | None) -> Markup:
        """Text for HTML: escaped, and marked lang="th" where English fell back to Thai."""
        if text is None:
            return Markup("")
        if isinstance(text, str):
            escaped = html.escape(text)
            if self.lang != "th" and THAI_SCRIPT.search(text):
                return Markup(f'<span lang="th">{escaped}</span>')
            return Markup(escaped)
        resolved = text.get(self.lang)
        escaped = html.escape(resolved.text)
        if resolved.fallback:
            return Markup(f'<span lang="th">{escaped}</span>')
        return Markup(self.mark_thai(escaped))

    def heading(self, text: Text | str, anchor: str | None = None) -> Markup:
        """Text for a Markdown heading: Markdown-escaped, with an id and lang attribute."""
        resolved = (
            text.get(self.lang) if isinstance(text, Text) else Resolved(text, self.lang, False)
        )
        escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(resolved.text, quote=False))
        escaped = " ".join(escaped.split())
        attrs = [f"#{anchor}"] if anchor else []
        if resolved.fallback:
            attrs.append('lang="th"')
        else:
            escaped = self.mark_thai(escaped)
        return Markup(f"{escaped} {{ {' '.join(attrs)} }}" if attrs else escaped)

    def markdown(self, text: Text | None) -> Markup:
        """An editor's Markdown: raw HTML and attribute lists are neutralised."""
        if text is None:
            return Markup("")
        resolved = text.get(self.lang)
        body = resolved.text.replace("<", "&lt;").replace("{", "&#123;").strip("\n")
        if resolved.fallback:
            return Markup(f'<div lang="th" markdown="1">\n\n{body}\n\n</div>')
        return Markup(self.mark_thai(body))

    def mark_thai(self, text: str) -> str:
        return mark_thai(text, self.lang)

    # -- links -----------------------------------------------------------------

    def link(self, path: str) -> str:
        """Relative URL from this page to the page at `path`, in this page's language."""
        return urls.relative(urls.in_lang(self.path, self.lang), urls.in_lang(path, self.lang))

    def link_in(self, path: str, lang: str) -> str:
        """Relative URL from this page to the page at `path` in another language."""
        return urls.relative(urls.in_lang(self.path, self.lang), urls.in_lang(path, lang))

    def file(self, name: str) -> str:
        """Relative URL from this page to a file under content/ (published once, at the root)."""
        return urls.relative(urls.in_lang(self.path, self.lang), name)

    def file_info(self, name: str) -> str:
        path = self.project.content_dir / name
        kind = Path(name).suffix.lstrip(".").upper()
        size = path.stat().st_size
        if size >= 1024 * 1024:
            return f"{kind}, {self.fmt.digits(f'{size / 1024 / 1024:.1f}')} MB"
        return f"{kind}, {self.fmt.digits(f'{max(1, round(size / 1024))}')} KB"

    @staticmethod
    def tel(phone: str) -> str:
        main = re.split(r"ต่อ|ext|#", phone)[0]
        return "tel:" + re.sub(
            r"[^\d+]", "", main.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
        )

    # -- values ----------------------------------------------------------------

    def date(self, day: dt.date | None, style: str = "short") -> str:
        return self.fmt.date(day, style)

    def cell(self, value: Any, kind: str, words: bool = False) -> Markup:
        return Markup(self._cell_html(value, kind, words))

    def _cell_html(self, value: Any, kind: str, words: bool = False) -> str:
        """A table cell's content as escaped HTML (a plain string: tables hold many)."""
        if value is None:
            return ""
        if kind == "money":
            amount = html.escape(self.fmt.money(value))
            if words and self.lang == "th":  # bahttext writes Thai only
                spelled = html.escape(self.fmt.baht_words(value))
                return f'{amount}<br><small class="oit-baht-words">({spelled})</small>'
            return amount
        if kind == "number" and isinstance(value, Decimal):
            return html.escape(self.fmt.number(value))
        if kind == "date":
            return (
                f'<time datetime="{value.isoformat()}">{html.escape(self.fmt.date(value))}</time>'
            )
        if kind == "month":
            month = html.escape(self.fmt.month(value))
            return f'<time datetime="{value.isoformat()[:7]}">{month}</time>'
        if kind == "link":
            return f'<a href="{html.escape(value)}">{html.escape(value)}</a>'
        if type(value) is str:
            escaped = html.escape(value)
            if self.lang != "th" and THAI_SCRIPT.search(value):
                return f'<span lang="th">{escaped}</span>'
            return escaped
        return str(self.t(value))

    def table_rows(self, columns: list[Column], rows: list[list[Cell]]) -> Markup:
        """The <tr> rows of a table, built here rather than in the template.

        Why: a procurement table can hold 100,000 cells a year; a Jinja loop with a call
        per cell took ten times as long as this.
        """
        numeric = [
            '<td class="oit-num">' if c.type in ("number", "money") else "<td>" for c in columns
        ]
        kinds = [c.type for c in columns]
        words = [c.words for c in columns]
        out = []
        for row in rows:
            cells = "".join(
                f"{numeric[i]}{self._cell_html(value, kinds[i], words[i])}</td>"
                for i, value in enumerate(row)
            )
            out.append(f"<tr>{cells}</tr>")
        return Markup("\n".join(out))

    def number(self, value: Figure | Decimal | None) -> str:
        """A score or count as published (its own decimals); – when there is none."""
        if isinstance(value, Figure):
            value = value.value
        return "–" if value is None else self.fmt.number(value)

    def quantity(self, value: Figure | Decimal | None, unit: Text | None) -> str:
        """A value with its unit: `200 คน`, but `ร้อยละ 80` (Thai puts percent first)."""
        number = self.number(value)
        if unit is None:
            return number
        name = self.plain(unit)
        return f"{name} {number}" if name == "ร้อยละ" else f"{number} {name}"

    def score(self, value: Figure | Decimal | None) -> str:
        """A score as the NACC prints it: two decimals (86.10), whole values bare (100)."""
        if isinstance(value, Figure):
            value = value.value
        if value is None:
            return "–"
        if value == value.to_integral_value():
            return self.fmt.number(value.to_integral_value())
        return self.fmt.number(value.quantize(Decimal("0.01")))

    def change(self, value: Decimal | None) -> str:
        """A signed difference of scores: +2.61, −1.05, 0."""
        if value is None:
            return "–"
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        return sign + self.score(abs(value))

    def amount(self, amount: Amount | None) -> str:
        """Money with its unit; "no budget" and "not stated" are different things."""
        if amount is None:
            return self.label("not_stated")
        if amount.no_cost:
            return self.label("no_budget")
        return f"{self.fmt.money(amount.value)} {self.label('baht')}"

    def span(self, span: Span | None) -> str:
        if span is None:
            return self.label("not_stated")
        if span.start is None and span.end is None:
            return span.text or ""
        return " – ".join(self.fmt.date(d) for d in (span.start, span.end) if d is not None)

    def units(self, abbrs: list[str]) -> Markup:
        """Responsible units: abbreviations with their names on Thai pages, names in English."""
        shown = []
        for abbr in abbrs:
            key = resolve_unit(abbr, self.agency) or abbr
            if key == ALL_UNITS:
                shown.append(html.escape(self.label("all_units")))
            elif key == self.agency.short_name.th:
                shown.append(str(self.t(self.agency.name if self.lang != "th" else key)))
            elif self.lang == "th":
                name = html.escape(self.agency.units[key].th)
                shown.append(f'<abbr title="{name}">{html.escape(key)}</abbr>')
            else:
                shown.append(str(self.t(self.agency.units[key])))
        return Markup(", ".join(shown))

    def level(self, published: str) -> str:
        """The rating as published on Thai pages; its English name on English pages."""
        if self.lang == "th":
            return published
        level = LEVELS[published]
        return self.label(f"level_{level}") if len(level) > 2 else level

    def front_matter(self, title: str, **meta: Any) -> Markup:
        lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
        lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
        return Markup("\n".join([*lines, "---"]))


def mark_thai(text: str, lang: str) -> str:
    """Thai words inside English text (form names such as สขร.1) marked lang="th", so that
    screen readers read them as Thai (WCAG 3.1.2); Thai pages are left as they are.
    Also a Jinja filter of the theme (`oit_mark_thai`, for the table of contents)."""
    if lang == "th":
        return text
    return _THAI_WORDS.sub(lambda m: f'<span lang="th">{m.group()}</span>', text)


Offload = Callable[..., "Future[Any]"]  # runs a job elsewhere (the build's helper process)
Later = str | bytes | Future[bytes]  # a file, or one being written elsewhere


class Renderer:
    def __init__(
        self, project: Project, options: Options | None = None, offload: Offload | None = None
    ) -> None:
        self.project = project
        self.options = options or Options()
        self.env = _environment()
        self.offload = offload

    def page(self, template: str, path: str, lang: str, **values: Any) -> str:
        context = PageContext(self.project, path, lang, self.options)
        text = self.env.get_template(template).render(page=context, **values)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    def each_lang(self, template: str, path: str, **values: Any) -> dict[str, str]:
        return {
            urls.source_for(path, lang): self.page(template, path, lang, **values)
            for lang in urls.LANGS
        }

    def render_years(self) -> dict[str, str]:
        return self.each_lang(
            "years.md.j2",
            urls.url_for_years(),
            years=list(self.project.years.values()),
            status=item_status,
        )

    def render_year(self, year: FiscalYear) -> dict[str, str | bytes]:
        itas = self.render_itas(year)  # first: its workbook is written meanwhile (offload)
        pages: dict[str, Later] = {}
        pages |= self.each_lang(
            "year.md.j2", urls.url_for_year(year.fy), year=year, status=item_status
        )
        pages |= self.each_lang(
            "checklist.md.j2",
            urls.url_for_checklist(year.fy),
            year=year,
            groups=grouped(year),
            status=item_status,
            last_updated=last_updated,
        )
        for item in year.items:
            if item.published:
                pages |= self.render_item(year, item)
        pages |= itas | self.render_measures(year) | self.render_ita(year)
        return {name: f.result() if isinstance(f, Future) else f for name, f in pages.items()}

    def render_itas(self, year: FiscalYear) -> dict[str, Later]:
        """The year's ITAS sheet as a page, with its CSV and XLSX beside it (the XLSX
        written by `offload` when there is one)."""
        path = urls.url_for_itas(year.fy)
        rows = itas_rows(self.project, year)
        csv_name, xlsx_name = sheet_names(year.fy)
        files: dict[str, Later] = dict(
            self.each_lang(
                "itas.md.j2",
                path,
                year=year,
                rows=rows,
                csv_path=path + csv_name,
                xlsx_path=path + xlsx_name,
            )
        )
        newest = max(filter(None, map(last_updated, year.items)), default=None)
        files[path + csv_name] = itas_csv(rows)
        table = itas_table(rows)
        if self.offload is not None:
            files[path + xlsx_name] = self.offload(itas_workbook, table, year.fy, newest)
        else:
            files[path + xlsx_name] = itas_workbook(table, year.fy, newest)
        return files

    def render_measures(self, year: FiscalYear) -> dict[str, str]:
        """The year's plans: a dashboard, then one page per measure."""
        if not year.plans:
            return {}
        plans = list(year.plans.values())
        pages = self.each_lang(
            "measures.md.j2", urls.url_for_measures(year.fy), year=year, plans=plans
        )
        for plan in plans:
            for measure in plan.plan.measures:
                pages |= self.each_lang(
                    "measure.md.j2",
                    urls.url_for_measure(year.fy, measure.no, plan.kind),
                    year=year,
                    plan=plan,
                    measure=measure,
                    results=self.project.results.get(plan.based_on),
                )
            table = plan_table(plan)
            pages[urls.url_for_plan_data(year.fy, plan.kind, "csv")] = table_csv(table)
            pages[urls.url_for_plan_data(year.fy, plan.kind, "json")] = table_json(table)
        return pages

    def render_ita(self, year: FiscalYear) -> dict[str, str]:
        """The agency's results in the ITA held in this fiscal year, beside the year before."""
        results = self.project.results.get(year.fy)
        if results is None:
            return {}
        history = [r for fy, r in sorted(self.project.results.items()) if fy <= year.fy]
        return self.each_lang(
            "ita.md.j2",
            urls.url_for_ita(year.fy),
            year=year,
            results=results,
            previous=self.project.results.get(year.fy - 1),
            history=history,
        )

    def render_item(self, year: FiscalYear, item: Item) -> dict[str, str]:
        status = item_status(item)
        composed = [es for es in status.elements if es.data]
        parts = sections(item, block_views(item, status), composed)
        title = item.title
        code = item.code.upper()
        heading = Text(th=f"{code} {title.th}", en=f"{code} {title.en}" if title.en else None)
        path = urls.url_for_item(year.fy, item.code)
        tables = {
            index: TablePages(path, name, len(item.tables[index].rows))
            for index, name in table_names(item).items()
        }
        gaps = translation_gaps(item) + untranslated_cells(item)
        files = {
            urls.source_for(path, lang): self.page(
                "item.md.j2",
                path,
                lang,
                year=year,
                item=item,
                heading=heading,
                status=status,
                sections=parts,
                group=year.checklist.group(item.spec.group),
                last_updated=last_updated(item),
                tables=tables,
                gaps=gaps,
                page_url=urls.absolute(self.project.agency.site_url, path, lang),
            )
            for lang in urls.LANGS
        }
        assert item.content is not None or not tables
        for index, pages in tables.items():
            table = item.tables[index]
            files[pages.stem + ".csv"] = table_csv(table)
            files[pages.stem + ".json"] = table_json(table)
            block = item.content.blocks[index]  # type: ignore[union-attr]
            title = block.title or Text.model_construct(th=pages.name, en=pages.name)
            for current in range(2, pages.count + 1):
                files |= self.each_lang(
                    "table-page.md.j2",
                    pages.url(current),
                    year=year,
                    item=item,
                    item_path=path,
                    heading=title,
                    title=title,
                    block=block,
                    table=table,
                    pages=pages,
                    current=current,
                )
        return files


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

    def rows(self, table: TableData, current: int) -> list[list[Cell]]:
        first, last = self.span(current)
        return table.rows[first - 1 : last]


@functools.cache
def _environment() -> Environment:
    """The templates' environment, made once per process so templates compile once."""
    env = templating.environment()
    env.globals["urls"] = urls
    env.globals["dashboards"] = dashboards
    return env


def use_compiled(store: dict[str, bytes]) -> None:
    """Render with templates compiled elsewhere (`templating.compile_templates` in the
    build's helper process) instead of compiling them here."""
    cache = _environment().bytecode_cache
    assert isinstance(cache, templating.MemoryBytecodeCache)
    cache.store.update(store)


def render_site(
    project: Project, options: Options | None = None, offload: Offload | None = None
) -> dict[str, str | bytes]:
    """Every generated file: {path relative to docs_dir: its text}, in reading order;
    Markdown pages (Thai `index.md`, English `index.en.md`) and data files beside them
    (text, or bytes for workbooks). `offload`: where to write the workbooks, e.g. the
    build's helper process (plugin.py)."""
    renderer = Renderer(project, options, offload)
    pages: dict[str, str | bytes] = {}
    for year in project.years.values():
        if not renderer.options.preview:  # one build: nothing to reuse, memory to keep
            pages |= renderer.render_year(year)
            continue
        key = _year_inputs(project, year.fy, renderer.options)
        cached = _YEAR_CACHE.get(year.fy)
        if cached is None or cached[0] != key:
            cached = _YEAR_CACHE[year.fy] = (key, renderer.render_year(year))
        pages |= cached[1]
    return pages | renderer.render_years()


#: The pages of each fiscal year with the digest of everything they were made from, kept
#: while previewing. Why: `mkdocs serve` rebuilds after every edit; an edit to FY2569 then
#: renders FY2569 (and later years) again, not the whole archive.
_YEAR_CACHE: dict[int, tuple[str, dict[str, str | bytes]]] = {}


def _year_inputs(project: Project, fy: int, options: Options) -> str:
    """A digest of what a year's pages depend on: the agency, the checklists, content/, the
    data of that year and of every earlier one (results and plans are compared and composed
    across years), and the rendering options."""
    digest = hashlib.sha256(f"{project.root}\0{fy}\0{options}\n".encode())
    data = project.root / "data"
    folders = [data / "checklists", project.content_dir, SHIPPED_CHECKLISTS]
    folders += [p for p in data.iterdir() if p.is_dir() and p.name.isdigit() and int(p.name) <= fy]
    files = [data / "agency.yml"]
    for folder in folders:
        files += sorted(folder.rglob("*")) if folder.is_dir() else []
    for path in files:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


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
