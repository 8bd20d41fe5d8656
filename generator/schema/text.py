"""Human-readable text: a plain Thai string, or Thai and English side by side.

Every text an editor writes uses this one type. English pages show the English text
where it is given; otherwise the Thai text, marked so that the page can set
`lang="th"` on it and the translation gap can be counted.
"""

from __future__ import annotations

import html
import re
from typing import Any, NamedTuple

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.messages import _
from generator.schema.base import Model, fail
from generator.schema.refs import ALLOWED_SCHEMES

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


#: Where a Markdown link or image has its address: `](address` and `[label]: address`.
_MD_LINK = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)|^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def check_markdown_links(text: str) -> None:
    """Refuse Markdown links such as `[x](javascript:...)`: Python-Markdown keeps any address.

    The address is read as a browser reads it: character references decoded (so
    `&#106;avascript:` is javascript:) and tabs, line breaks and controls dropped.
    """
    for match in _MD_LINK.finditer(text):
        address = html.unescape(match.group(1) or match.group(2) or "")
        address = re.sub(r"[\x00-\x20\x7f]", "", address).lower()
        scheme = _SCHEME.match(address)
        if scheme and scheme.group(1) not in ALLOWED_SCHEMES:
            raise fail(
                _(
                    'the link to "{link}" may not use "{scheme}:".',
                    link=match.group(1) or match.group(2),
                    scheme=scheme.group(1),
                ),
                _("Only http, https, mailto and tel links (or a page of this site) are allowed."),
            )


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
    def _safe_links(self) -> LongText:
        check_markdown_links(self.th)
        if self.en:
            check_markdown_links(self.en)
        return self


def _fill(template: str, values: dict[str, object]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template
