"""Stage 4: the validated project -> Markdown pages, through Jinja2 templates.

`render_site(project)` returns every generated page as {staged file: Markdown}, in Thai
(`x/index.md`) and English (`x/index.en.md`), for mkdocs-static-i18n's suffix layout.
Text from data is escaped here: plain texts become HTML-escaped (inside raw HTML) or
Markdown-escaped (in headings); Markdown bodies keep their Markdown but lose raw HTML
and attribute lists, so nothing an editor writes can inject markup.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import urls
from generator.checks import ItemStatus, item_status, translation_gaps, untranslated_cells
from generator.exports import table_csv, table_json, table_names
from generator.format import Formatter
from generator.labels import label
from generator.project import FiscalYear, Item, Project
from generator.schema.blocks import Block
from generator.schema.checklist import Element, Group
from generator.schema.text import THAI_SCRIPT, Text

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
# A run of Thai (with the dots, digits and spaces inside abbreviations such as สขร.1).
_THAI_WORDS = re.compile(r"[\u0e01-\u0e5b](?:[\u0e01-\u0e5b0-9. ]*[\u0e01-\u0e5b0-9])?")


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
        if isinstance(text, str):
            text = Text(th=text, en=text)
        resolved = text.get(self.lang)
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
        if value is None:
            return Markup("")
        if kind == "money":
            amount = html.escape(self.fmt.money(value))
            if words and self.lang == "th":  # bahttext writes Thai only
                spelled = html.escape(self.fmt.baht_words(value))
                return Markup(f'{amount}<br><small class="oit-baht-words">({spelled})</small>')
            return Markup(amount)
        if kind == "number" and isinstance(value, Decimal):
            return Markup(html.escape(self.fmt.number(value)))
        if kind == "date":
            return Markup(
                f'<time datetime="{value.isoformat()}">{html.escape(self.fmt.date(value))}</time>'
            )
        if kind == "link":
            return Markup(f'<a href="{html.escape(value)}">{html.escape(value)}</a>')
        return self.t(value)

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


class Renderer:
    def __init__(self, project: Project, options: Options | None = None) -> None:
        self.project = project
        self.options = options or Options()
        self.env = Environment(
            loader=PackageLoader("generator", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals["urls"] = urls

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

    def render_year(self, year: FiscalYear) -> dict[str, str]:
        pages = self.each_lang(
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
            pages |= self.render_item(year, item)
        return pages

    def render_item(self, year: FiscalYear, item: Item) -> dict[str, str]:
        status = item_status(item)
        views = block_views(item, status)
        anchors = {v.element.key: v.anchor for v in views if v.element and v.anchor}
        title = item.title
        code = item.code.upper()
        heading = Text(th=f"{code} {title.th}", en=f"{code} {title.en}" if title.en else None)
        path = urls.url_for_item(year.fy, item.code)
        downloads = {index: path + name for index, name in table_names(item).items()}
        files = {
            urls.source_for(path, lang): self.page(
                "item.md.j2",
                path,
                lang,
                year=year,
                item=item,
                heading=heading,
                status=status,
                views=views,
                anchors=anchors,
                group=year.checklist.group(item.spec.group),
                last_updated=last_updated(item),
                downloads=downloads,
                gaps=translation_gaps(item) + untranslated_cells(item),
                page_url=urls.absolute(self.project.agency.site_url, path, lang),
            )
            for lang in urls.LANGS
        }
        for index, stem in downloads.items():
            files[stem + ".csv"] = table_csv(item.tables[index])
            files[stem + ".json"] = table_json(item.tables[index])
        return files


def render_site(project: Project, options: Options | None = None) -> dict[str, str]:
    """Every generated file: {path relative to docs_dir: its text}, in reading order;
    Markdown pages (Thai `index.md`, English `index.en.md`) and data files beside them."""
    renderer = Renderer(project, options)
    pages: dict[str, str] = {}
    for year in project.years.values():
        pages |= renderer.render_year(year)
    return pages | renderer.render_years()


@dataclass(frozen=True)
class BlockView:
    """A block as the page shows it: its heading, and the anchor assessors are sent to."""

    index: int
    block: Block
    title: Text | None
    element: Element | None
    anchor: str | None


def block_views(item: Item, status: ItemStatus) -> list[BlockView]:
    """The item's blocks in order; the first block providing an element gets `#el-<key>`."""
    if item.content is None:
        return []
    first = {es.blocks[0]: es.element for es in status.elements if es.blocks}
    views = []
    for index, block in enumerate(item.content.blocks):
        element = first.get(index)
        named = element or next((e for e in item.spec.elements if e.key == block.element), None)
        views.append(
            BlockView(
                index,
                block,
                block.title or (named.title if named else None),
                named,
                f"el-{element.key}" if element else None,
            )
        )
    return views


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
