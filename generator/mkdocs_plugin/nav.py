"""Navigation scoped to one fiscal year.

Why: Material renders the whole navigation into every page, so a site with ten fiscal
years of 30+ pages each grows quadratically (measured: 400 pages x 2 languages gave
577 KB per page). MkDocs keeps the full flat navigation (for search, sitemap and
previous/next links); each page is rendered with a small navigation of its own: the
hand-written pages, the fiscal year it belongs to (or the newest), and the years index.
This touches only MkDocs' own structure classes (Navigation, Section), not Material's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs.structure.nav import Navigation, Section

from generator import caches, urls
from generator.format import Formatter
from generator.labels import label
from generator.model.project import Project

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page


def page_sources(files: dict[str, str | bytes]) -> list[str]:
    """The generated pages in reading order (default-language sources), for the flat nav."""
    return [name for name in files if name.endswith("index.md")]


@dataclass
class _NavIndex:
    """What every page's scoped navigation looks up in the site's full navigation, computed
    once per language build (per page it would make the build quadratic in pages)."""

    nav: Navigation
    by_url: dict[str, Page]
    by_year: dict[int, list[Page]]  # a year's other pages (measures, results...), in order
    own: set[int]  # ids of the generated pages

    @classmethod
    def of(cls, nav: Navigation) -> _NavIndex:
        index = caches.NAVIGATION.get(nav)
        if index is None:
            by_year: dict[int, list[Page]] = {}
            for p in nav.pages:
                if p.meta.get("oit_fy") and p.meta.get("oit_kind") not in _LISTED_ELSEWHERE:
                    by_year.setdefault(p.meta["oit_fy"], []).append(p)
            index = caches.NAVIGATION.put(
                nav,
                cls(
                    nav,
                    {p.url: p for p in nav.pages},
                    by_year,
                    {id(p) for p in nav.pages if p.meta.get("oit_kind")},
                ),
            )
        return index


#: Kinds of generated pages that the year section does not list as pages of their own.
_LISTED_ELSEWHERE = ("year", "checklist", "item", "table-page")


def scoped_nav(nav: Navigation, page: Page | None, project: Project, lang: str) -> Navigation:
    """A navigation for `page`: its own fiscal year only, other years through the index.
    Pages outside any year (and templates without a page, such as 404.html) get the newest
    year."""
    index = _NavIndex.of(nav)
    by_url = index.by_url
    prefix = "" if lang == urls.DEFAULT_LANG else f"{lang}/"
    meta = page.meta if page is not None else {}
    fy = meta.get("oit_fy") or (project.latest_year.fy if project.latest_year else None)
    fmt = Formatter(lang, thai_digits=project.agency.settings.thai_digits)

    def find(path: str) -> Page | None:
        return by_url.get(prefix + path)

    generated: list[object] = []
    year = project.years.get(fy) if fy else None
    if year is not None:
        # With Material's navigation.indexes a section's first page (an index.md) becomes the
        # section's own link: the year links to its overview, "OIT checklist" to the table.
        items = [find(urls.url_for_checklist(year.fy))]
        items += [find(urls.url_for_item(year.fy, item.code)) for item in year.items]
        checklist = Section(label("oit_checklist", lang), [p for p in items if p is not None])
        # Other pages of the year (measures, results, ...) follow, in reading order; a page
        # naming an `oit_parent` (a measure) goes into a section led by that page.
        others = index.by_year.get(year.fy, [])
        children: dict[str, list[Page]] = {}
        for p in others:
            if p.meta.get("oit_parent"):
                children.setdefault(prefix + p.meta["oit_parent"], []).append(p)
        grouped: list[Page | Section] = []
        for p in others:
            if p.meta.get("oit_parent"):
                continue
            if p.url in children:
                group = Section(label(f"{p.meta['oit_kind']}_page", lang), [p, *children[p.url]])
                group.active = page in group.children
                grouped.append(group)
            else:
                grouped.append(p)
        section = Section(
            fmt.fiscal_year(year.fy),
            [p for p in (find(urls.url_for_year(year.fy)), checklist, *grouped) if p],
        )
        checklist.parent = section
        for entry in grouped:
            if isinstance(entry, Section):
                entry.parent = section
                section.active = section.active or entry.active
        if page in section.children:
            section.active = True
        if page in checklist.children:
            checklist.active = True
        generated.append(section)
    elif fy in project.results and index.by_year.get(fy):
        # A year whose folder holds only its ITA results has that one page.
        section = Section(fmt.fiscal_year(fy), list(index.by_year[fy]))
        section.active = page in section.children
        generated.append(section)
    years_page = find(urls.url_for_years())
    if years_page is not None:
        generated.append(years_page)

    own = index.own
    entries: list[object] = []
    for entry in nav.items:
        if id(entry) in own:
            continue
        entries.append(entry)
        if entry is nav.homepage:
            entries.extend(generated)
            generated = []
    scoped = Navigation(entries + generated, nav.pages)
    scoped.homepage = nav.homepage
    return scoped
