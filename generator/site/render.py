"""Stage 4: the validated project -> Markdown pages, through Jinja2 templates.

`render_site(project)` returns every generated page as {staged file: Markdown}, in Thai
(`x/index.md`) and English (`x/index.en.md`), for mkdocs-static-i18n's suffix layout,
and the data files beside them (CSV, JSON, the ITAS workbook), with the data file each
page is made from. Templates receive a `PageContext` (context.py), which escapes every
text from data.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator import caches, urls
from generator.checks.completeness import (
    item_status,
    translation_gaps,
    untranslated_cells,
)
from generator.model.plans import PLANS_DIR
from generator.model.project import SHIPPED_CHECKLISTS, FiscalYear, Item, Project
from generator.schema.text import Text
from generator.site import dashboards
from generator.site.context import Options, PageContext
from generator.site.exports import plan_table, table_csv, table_json, table_names
from generator.site.itas import itas_csv, itas_rows, itas_table, sheet_names
from generator.site.views import TablePages, block_views, grouped, last_updated, sections
from generator.site.workbook import itas_workbook

Files = dict[str, str | bytes]  # path relative to docs_dir -> text (bytes for workbooks)


@dataclass
class Rendered:
    """Every generated file, in reading order, and the data file each page is made from."""

    files: Files = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # page path (`2569/oit/o4/`) -> file

    def add(self, other: Rendered) -> None:
        self.files |= other.files
        self.origins |= other.origins

    def origin(self, name: str) -> str:
        """The data file that makes the generated file `name` (a page, or a file beside it)."""
        folder = posixpath.dirname(name)
        while folder and folder + "/" not in self.origins:
            folder = posixpath.dirname(folder)
        return self.origins.get(folder + "/", "data/")


class Renderer:
    def __init__(self, project: Project, options: Options | None = None) -> None:
        self.project = project
        self.options = options or Options()
        self.env = _environment()
        self.origins: dict[str, str] = {}  # page path -> the data file it is made from

    def page(self, template: str, path: str, lang: str, **values: Any) -> str:
        context = PageContext(self.project, path, lang, self.options)
        text = self.env.get_template(template).render(page=context, **values)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    def each_lang(self, template: str, path: str, **values: Any) -> dict[str, str]:
        return {
            urls.source_for(path, lang): self.page(template, path, lang, **values)
            for lang in urls.LANGS
        }

    def render_years(self) -> Rendered:
        """Every fiscal year with pages, and every year with ITA results, newest first."""
        numbers = sorted(set(self.project.years) | set(self.project.results), reverse=True)
        files = self.each_lang(
            "years.md.j2",
            urls.url_for_years(),
            years=[(fy, self.project.years.get(fy)) for fy in numbers],
            status=item_status,
        )
        return Rendered(dict(files), {urls.url_for_years(): "data/"})

    def render_year(self, year: FiscalYear) -> Rendered:
        """Every page of a fiscal year, and the files beside them."""
        self.origins = {}
        for path in (urls.url_for_year(year.fy), urls.url_for_checklist(year.fy)):
            self.origins[path] = year.source.path
        pages: Files = {}
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
        pages |= self.render_itas(year) | self.render_measures(year) | self.render_ita(year.fy)
        return Rendered(pages, self.origins)

    def render_itas(self, year: FiscalYear) -> Files:
        """The year's ITAS sheet as a page, with its CSV and XLSX beside it."""
        path = urls.url_for_itas(year.fy)
        self.origins[path] = year.source.path
        rows = itas_rows(self.project, year)
        csv_name, xlsx_name = sheet_names(year.fy)
        files: Files = dict(
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
        files[path + xlsx_name] = itas_workbook(itas_table(rows), year.fy, newest)
        return files

    def render_measures(self, year: FiscalYear) -> dict[str, str]:
        """The year's plans: a dashboard, then one page per measure."""
        if not year.plans:
            return {}
        plans = list(year.plans.values())
        self.origins[urls.url_for_measures(year.fy)] = f"data/{year.fy}/{PLANS_DIR}/"
        pages = self.each_lang(
            "measures.md.j2", urls.url_for_measures(year.fy), year=year, plans=plans
        )
        for plan in plans:
            for entry in plan.plan.entries:
                measure = entry.measure
                path = urls.url_for_measure(year.fy, measure.no, plan.kind)
                self.origins[path] = plan.source.path
                pages |= self.each_lang(
                    "measure.md.j2",
                    path,
                    year=year,
                    plan=plan,
                    measure=measure,
                    group=entry.group,
                    results=self.project.results.get(plan.based_on),
                )
            table = plan_table(plan)
            pages[urls.url_for_plan_data(year.fy, plan.kind, "csv")] = table_csv(table)
            pages[urls.url_for_plan_data(year.fy, plan.kind, "json")] = table_json(table)
        return pages

    def render_ita(self, fy: int) -> dict[str, str]:
        """The agency's results in the ITA held in fiscal year `fy`, beside the year before;
        also for a year whose folder holds only its results."""
        results = self.project.results.get(fy)
        if results is None:
            return {}
        history = [r for year, r in sorted(self.project.results.items()) if year <= fy]
        self.origins[urls.url_for_ita(fy)] = results.source.path
        return self.each_lang(
            "ita.md.j2",
            urls.url_for_ita(fy),
            fy=fy,
            checklist=self.project.ita_checklist(fy),
            results=results,
            previous=self.project.results.get(fy - 1),
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
        self.origins[path] = item.source.path if item.source else year.source.path
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


@functools.cache
def _environment() -> Environment:
    """The templates' environment, made once per process. No custom filters or tests:
    templates call `page` (a PageContext) and the two modules given as globals."""
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=caches.template_cache(),
    )
    env.globals["urls"] = urls
    env.globals["dashboards"] = dashboards
    return env


def render_site(project: Project, options: Options | None = None) -> Rendered:
    """Every generated file: Markdown pages (Thai `index.md`, English `index.en.md`) and
    data files beside them, in reading order, with the data file each page is made from."""
    renderer = Renderer(project, options)
    rendered = Rendered()
    for year in project.years.values():
        if not renderer.options.preview:  # one build: nothing to reuse, memory to keep
            rendered.add(renderer.render_year(year))
            continue
        # `mkdocs serve` rebuilds after every edit: an edit to FY2569 renders FY2569 (and
        # later years) again, not the whole archive.
        key = (project.root, year.fy)
        inputs = _year_inputs(project, year.fy, renderer.options)
        cached = caches.YEARS.get(key)
        if cached is None or cached[0] != inputs:
            cached = caches.YEARS.put(key, (inputs, renderer.render_year(year)))
        rendered.add(cached[1])
    for fy in project.results:
        if fy not in project.years:  # a folder that holds only the ITA results
            renderer.origins = {}
            rendered.add(Rendered(dict(renderer.render_ita(fy)), renderer.origins))
    rendered.add(renderer.render_years())
    return rendered


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
