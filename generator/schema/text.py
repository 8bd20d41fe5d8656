"""Human-readable text: a plain Thai string, or Thai and English side by side.

Every text an editor writes uses this one type. English pages show the English text
where it is given; otherwise the Thai text, marked so that the page can set
`lang="th"` on it and the translation gap can be counted.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Collection
from typing import Any, NamedTuple

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from pydantic import Field, GetJsonSchemaHandler, ValidationInfo, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.messages import Message, _
from generator.schema.base import Model, fail
from generator.schema.refs import address_problem

LANGS = ("th", "en")

#: Thai script, to mark plain data strings (table cells) as Thai on English pages.
THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]")

#: Titles, names and other one-line texts.
SHORT_MAX = 2000
#: Markdown bodies.
LONG_MAX = 200_000


class Resolved(NamedTuple):
    """A text in one language, and whether it fell back to Thai."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text


class Text(Model):
    """A text in Thai, optionally with its English translation.
    / ข้อความภาษาไทย จะมีคำแปลภาษาอังกฤษด้วยก็ได้

    In YAML either `title: ข้อมูลผู้บริหาร` (Thai only) or
    `title: {th: ข้อมูลผู้บริหาร, en: Executives}`.
    """

    th: str = Field(
        description="Thai text (required). / ข้อความภาษาไทย (ต้องมี)",
        min_length=1,
        max_length=SHORT_MAX,
    )
    en: str | None = Field(
        default=None,
        max_length=SHORT_MAX,
        description="English text; when missing, English pages show the "
        "Thai text. / ข้อความภาษาอังกฤษ",
    )

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_thai(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"th": value}
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise fail(
                _("expected text, not a number."),
                _('Put this value in quotes: "{value}".', value=value),
            )
        if isinstance(value, dict) and "th" not in value and "en" in value:
            raise fail(
                _("this text has English but no Thai."),
                _("Add the Thai text as `th: ...` (Thai is the main language of the site)."),
            )
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Both forms an editor may write: a plain (Thai) string, or `{th: ..., en: ...}`."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        th = schema["properties"]["th"]
        plain = {"type": "string", "minLength": th["minLength"], "maxLength": th["maxLength"]}
        both = {
            k: schema.pop(k) for k in ("type", "properties", "required", "additionalProperties")
        }
        schema["anyOf"] = [plain, both]
        return schema

    def get(self, lang: str) -> Resolved:
        if lang == "en" and self.en:
            return Resolved(self.en, "en", False)
        return Resolved(self.th, "th", lang != "th")

    def format(self, **values: object) -> Text:
        """The text with `{fy}`-style placeholders filled in, in both languages."""
        # Both parts were validated already: skip validation (this runs once per page).
        return Text.model_construct(
            th=_fill(self.th, values), en=_fill(self.en, values) if self.en is not None else None
        )


#: The Markdown extensions of the site's pages (mkdocs.yml) that change where links are
#: found; the build checks the pages it makes again (generator/mkdocs_plugin/safety.py).
MARKDOWN_EXTENSIONS = ("admonition", "tables", "md_in_html", "attr_list", "toc")


#: Python-Markdown takes time that grows with the square of the unclosed brackets of a
#: paragraph, and of the depth of nested lists and quotes, and recurses with nested
#: emphasis: 4,000 `[` in a paragraph took 22 s. Texts stay far below these bounds.
MAX_BRACKETS = 2_000
MAX_BRACKETS_IN_A_PARAGRAPH = 200
MAX_HEADINGS = 200
MAX_DEPTH = 20  # quotes (`>`) or list levels on one line
#: Each < and & becomes a character reference or a piece of HTML, and each { of a data text
#: a character reference, which Python-Markdown puts aside and back with time that grows
#: with the square of their number: 100,000 took 47 s, 10,000 take 0.2 s.
MAX_MARKUP = 10_000
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_HEADING = re.compile(r"^[ ]{0,3}#", re.MULTILINE)
_PREFIX = re.compile(r"^[ \t>]*", re.MULTILINE)


def markdown_limits(text: str) -> tuple[Message, Message] | None:
    """Why a Markdown text would take the build too long to render, or None."""
    hint = _("Split the text into shorter ones, or put it in a document file.")
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return (
            _(
                "this text has {count:,} [ brackets; at most {limit:,}.",
                count=brackets,
                limit=MAX_BRACKETS,
            ),
            hint,
        )
    markup = text.count("<") + text.count("&") + text.count("{")
    if markup > MAX_MARKUP:
        return (
            _(
                "this text has {count:,} of the characters < & {{; at most {limit:,}.",
                count=markup,
                limit=MAX_MARKUP,
            ),
            hint,
        )
    crowded = max((p.count("[") for p in _PARAGRAPHS.split(text)), default=0)
    if crowded > MAX_BRACKETS_IN_A_PARAGRAPH:
        return (
            _(
                "a paragraph of this text has {count} [ brackets; at most {limit}.",
                count=crowded,
                limit=MAX_BRACKETS_IN_A_PARAGRAPH,
            ),
            _("Break the paragraph up, or write [ as \\[ where it is not a link."),
        )
    headings = len(_HEADING.findall(text))
    if headings > MAX_HEADINGS:
        return (
            _(
                "this text has {count:,} headings; at most {limit}.",
                count=headings,
                limit=MAX_HEADINGS,
            ),
            hint,
        )
    depth = max((_depth(prefix) for prefix in _PREFIX.findall(text)), default=0)
    if depth > MAX_DEPTH:
        return (
            _(
                "this text nests quotes or lists {depth} levels deep; at most {limit}.",
                depth=depth,
                limit=MAX_DEPTH,
            ),
            _("Flatten the lists and quotes."),
        )
    return None


def _depth(prefix: str) -> int:
    """Nesting levels a line's start opens: each `>`, and each 4 columns of indent."""
    return prefix.count(">") + len(prefix.replace(">", "").expandtabs(4)) // 4


def check_markdown_links(text: str, image_hosts: Collection[str] = ()) -> None:
    """Refuse a Markdown text the build could not render in good time, or whose parsed
    links or images the site may not publish: `javascript:` and other schemes (in any form
    Python-Markdown reads, reference definitions in quotes and lists included), and images
    from other sites."""
    too_much = markdown_limits(text)
    if too_much:
        raise fail(*too_much)
    try:
        addresses = markdown_addresses(text)
    except RecursionError:
        raise fail(
            _("this text nests emphasis (* or _) too deeply to be shown."),
            _("Remove the stray * and _ characters, or write them as \\* and \\_."),
        ) from None
    for tag, address in addresses:
        problem = address_problem(address, tag == "img", image_hosts)
        if problem:
            raise fail(*problem)


@functools.lru_cache(maxsize=4096)
def markdown_addresses(text: str) -> tuple[tuple[str, str], ...]:
    """(tag, address) of every link and image of `text` as Python-Markdown parses it."""
    found: list[tuple[str, str]] = []

    class Collect(Treeprocessor):
        def run(self, root: etree.Element) -> None:
            for element in root.iter():
                for name in ("href", "src"):
                    if name in element.attrib:
                        found.append((element.tag, element.attrib[name]))

    class Extension_(Extension):
        def extendMarkdown(self, md: Markdown) -> None:
            md.treeprocessors.register(Collect(md), "oit_collect", 0)

    # Raw HTML and attribute lists are neutralised when pages are rendered (site/context.py).
    neutral = text.replace("<", "&lt;").replace("{", "&#123;")
    Markdown(extensions=[*MARKDOWN_EXTENSIONS, Extension_()]).convert(neutral)
    return tuple(found)


class LongText(Text):
    """Markdown text (paragraphs, lists, links) in Thai, optionally with English.
    / ข้อความแบบ Markdown (ย่อหน้า รายการ ลิงก์) ภาษาไทย จะมีภาษาอังกฤษด้วยก็ได้"""

    th: str = Field(
        description="Thai Markdown text. / ข้อความภาษาไทย (Markdown)",
        min_length=1,
        max_length=LONG_MAX,
    )
    en: str | None = Field(
        default=None,
        max_length=LONG_MAX,
        description="English Markdown text. / ข้อความภาษาอังกฤษ (Markdown)",
    )

    @model_validator(mode="after")
    def _safe_links(self, info: ValidationInfo) -> LongText:
        hosts = (info.context or {}).get("image_hosts", ())
        check_markdown_links(self.th, hosts)
        if self.en:
            check_markdown_links(self.en, hosts)
        return self


def _fill(template: str, values: dict[str, object]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template
