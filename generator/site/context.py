"""What a template needs to write one page in one language: `PageContext`.

Text from data is escaped here: plain texts become HTML-escaped (inside raw HTML) or
Markdown-escaped (in headings); Markdown bodies keep their Markdown but lose raw HTML
and attribute lists, so nothing an editor writes can inject markup. Values (dates,
money, scores, units) are formatted for the page's language.
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

from markupsafe import Markup

from generator import urls
from generator.format import Formatter
from generator.labels import label
from generator.model.project import Project
from generator.model.tables import Cell
from generator.model.units import resolve_unit
from generator.schema.blocks import Column
from generator.schema.figures import Amount, Figure
from generator.schema.measures import ALL_UNITS, Span, UnitRef
from generator.schema.refs import ALLOWED_SCHEMES
from generator.schema.results import LEVELS
from generator.schema.text import THAI_SCRIPT, Resolved, Text

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
#: `[name](address)` and `<https://...>` in a step's text.
_INLINE_LINK = re.compile(
    r"\[([^\[\]\n]+)\]\(\s*<?([^()\s<>]+)>?\s*\)|<((?:https?|mailto|tel):[^<>\s]+)>"
)


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
        # A provisional checklist is said so in previews; on the public site when the agency
        # chooses to (a real agency's site would otherwise tell assessors its list is unsure).
        self.show_provisional = options.preview or project.agency.settings.show_provisional

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

    def span(self, span: Span | None) -> Markup:
        """A period: its dates ("ภายใน" a date for a due date), with the text as printed
        beside them when it says more than the dates do."""
        if span is None:
            return Markup(html.escape(self.label("not_stated")))
        if span.start is None and span.end is None:
            return self.t(span.text or "")
        if span.start is not None and span.end is not None:
            dates = f"{self.fmt.date(span.start)} – {self.fmt.date(span.end)}"
        elif span.end is not None:
            dates = self.label("due_by").format(date=self.fmt.date(span.end))
        else:
            dates = self.label("from_date").format(date=self.fmt.date(span.start))
        shown = html.escape(dates)
        if span.text_differs:
            shown += f' <span class="oit-printed">({self.t(span.text)})</span>'
        return Markup(shown)

    def unit_name(self, abbr: str) -> Markup:
        """A unit's full name in this language, from the registry (the abbreviation as
        written when the registry lacks it: reported by `oit check`)."""
        key = resolve_unit(abbr, self.agency)
        return self.t(self.agency.units[key]) if key in self.agency.units else self.t(abbr)

    def units(self, refs: list[UnitRef]) -> Markup:
        """Responsible units: abbreviations with their names on Thai pages, names in English;
        names the registry does not hold, as written; each with its role."""
        shown = []
        for ref in refs:
            key = resolve_unit(ref.name, self.agency)
            if key == ALL_UNITS:
                text = html.escape(self.label("all_units"))
            elif key is not None and key == self.agency.short_name.th:
                text = str(self.t(self.agency.name if self.lang != "th" else key))
            elif key in self.agency.units and self.lang == "th":
                name = html.escape(self.agency.units[key].th)
                text = f'<abbr title="{name}">{html.escape(key)}</abbr>'
            elif key in self.agency.units:
                text = str(self.t(self.agency.units[key]))
            else:
                text = str(self.t(ref.text))
            if ref.role is not None:
                text += f" ({self.t(ref.role)})"
            shown.append(text)
        return Markup(", ".join(shown))

    def inline(self, text: Text) -> Markup:
        """A short text whose Markdown links (`[name](https://...)`, `<https://...>`) are
        links, for steps; everything else is escaped."""
        resolved = text.get(self.lang)

        def plain(part: str) -> str:
            escaped = html.escape(part)
            return escaped if resolved.fallback else self.mark_thai(escaped)

        out, pos = [], 0
        for match in _INLINE_LINK.finditer(resolved.text):
            address = match.group(2) or match.group(3)
            shown = match.group(1) or address.removeprefix("mailto:").removeprefix("tel:")
            out.append(plain(resolved.text[pos : match.start()]))
            scheme = address.split(":", 1)[0].lower() if ":" in address else ""
            if scheme and scheme not in ALLOWED_SCHEMES:  # refused when read; never a link
                out.append(plain(match.group(0)))
            else:
                out.append(f'<a href="{html.escape(address)}">{plain(shown)}</a>')
            pos = match.end()
        out.append(plain(resolved.text[pos:]))
        body = "".join(out)
        return Markup(f'<span lang="th">{body}</span>' if resolved.fallback else body)

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
