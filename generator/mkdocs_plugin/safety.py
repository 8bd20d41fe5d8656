"""What reaches a published page from data and content/ is checked after Markdown parses.

Where it sits: the plugin adds `SafeMarkdown` to MkDocs' Markdown extensions and calls
`check_meta` for every page before it is rendered. Data and hand-written pages arrive in
pull requests from many hands, and some of what they hold reaches code we do not control
(Python-Markdown, Material's templates), so the rules are applied where that code starts:

- page metadata: Material prints a page's `title` and `description` without escaping, and
  other keys choose templates or behaviour; a hand-written page may set only a few keys,
  and every text is escaped here;
- addresses: every link, image and other reference in the parsed Markdown (inline, by
  reference definition, in a blockquote or list, from `md_in_html`) must be http(s),
  mailto, tel or a place on this site; an image must come from this site or a host the
  agency allows (`settings: image_hosts:` in data/agency.yml);
- raw HTML written in a hand-written page is cleaned with an allow-list (nh3, the Ammonia
  sanitizer): no script, style, frame, form or event handler survives. The generator's own
  pages are built from templates that escape every text from data, so their HTML is kept.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, HTML_PLACEHOLDER_RE, STX

from generator.messages import Message, _
from generator.schema.refs import ALLOWED_SCHEMES, address_problem
from generator.schema.text import markdown_addresses, markdown_limits

#: Keys a hand-written page may set in its front matter (`title:` and the like).
PAGE_META = frozenset({"title", "description", "hide", "search"})
#: Metadata texts Material prints as they are.
ESCAPED_META = ("title", "description")
#: Attributes that hold an address a browser follows or loads.
ADDRESS_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "data", "cite")


@dataclass
class Refusal:
    """Something a page held that cannot be published, for the build's error."""

    page: str  # docs-relative source file
    what: Message


@dataclass
class PageSafety:
    """The state of the page being converted: whether its HTML is the generator's own,
    and what was refused, for every page of a build."""

    image_hosts: frozenset[str] = frozenset()
    page: str = ""
    generated: bool = False
    refused: list[Refusal] = field(default_factory=list)

    def refuse(self, what: Message) -> None:
        self.refused.append(Refusal(self.page, what))


def check_meta(meta: MutableMapping[str, Any], generated: bool) -> list[Message]:
    """Escape the page's metadata texts in place; what a hand-written page may not set."""
    keys = [] if generated else [k for k in meta if k not in PAGE_META]
    refused = [_("front matter key `{key}`", key=str(k)) for k in keys]
    for key in keys:
        meta.pop(key)
    for key in ESCAPED_META:
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key])
    return refused


#: Python-Markdown recurses once per level of nested emphasis or HTML and stops at Python's
#: limit of 1,000 frames (about 990 levels of `*a `); a page with fewer of the characters
#: that open a level than this cannot reach it, and is not parsed twice to find out.
NESTING_MARKERS = 300


def check_markdown(markdown: str) -> list[Message]:
    """What keeps a hand-written page's Markdown from rendering in good time (the bounds of
    data texts, schema/text.py); its addresses are checked when the page is converted."""
    too_much = markdown_limits(markdown)
    if too_much:
        return [too_much[0]]
    if sum(map(markdown.count, "*_<>")) < NESTING_MARKERS:
        return []
    try:
        markdown_addresses(markdown)
    except RecursionError:
        return [_("emphasis (* or _) nested too deeply to be shown")]
    return []


class SafeMarkdown(Extension):
    """Python-Markdown extension: addresses filtered on the parsed tree of every page, raw
    HTML of hand-written pages cleaned (see the module docstring)."""

    def __init__(self, state: PageSafety, **kwargs: Any) -> None:
        self.state = state
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20) made the links and images and attr_list (8) set the
        # attributes written as `{: name="value" }`; before the table of contents (5) reads
        # them and before MkDocs' own link processing (0), which only rewrites relative
        # addresses.
        md.treeprocessors.register(_AddressFilter(md, self.state), "oit_addresses", 7)
        # Before the raw HTML is put back into the page (priority 30).
        md.postprocessors.register(_RawHtmlCleaner(md, self.state), "oit_raw_html", 35)


class _AddressFilter(Treeprocessor):
    """Every address of the page checked; on a hand-written page, also the elements and
    attributes that Markdown, `md_in_html` and attr_list (`{: name="value" }`) made, with
    the allow-list of its raw HTML (which the cleaner applies to the rest)."""

    def __init__(self, md: Markdown, state: PageSafety) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        _attributes_as_text(root, self.md)
        hand_written = not self.state.generated
        for parent in root.iter():
            for element in list(parent):
                if hand_written and isinstance(element.tag, str) and element.tag not in _TAGS:
                    parent.remove(element)
                    self.state.refuse(_("a <{tag}> element", tag=str(element.tag)))
        for element in root.iter():
            tag = str(element.tag)
            for name in list(element.attrib):
                lowered = name.lower()
                if hand_written and not _allowed_attribute(tag, lowered):
                    del element.attrib[name]
                    self.state.refuse(_("the attribute {name} on <{tag}>", name=name, tag=tag))
                elif lowered in ADDRESS_ATTRIBUTES:
                    problem = address_problem(
                        _unescaped(element.attrib[name]), tag == "img", self.state.image_hosts
                    )
                    if problem:
                        # MkDocs' own link processing expects every <a> and <img> to keep
                        # its address: the element becomes a plain span.
                        del element.attrib[name]
                        element.tag = "span"
                        self.state.refuse(problem[0])


def _allowed_attribute(tag: str, name: str) -> bool:
    return (
        name in _ATTRIBUTES.get(tag, ())
        or name in _ATTRIBUTES["*"]
        or name.startswith(tuple(_GENERIC_PREFIXES))
    )


#: Python-Markdown's placeholder for a backslash-escaped character, put back at the end.
_ESCAPED = re.compile(f"{STX}([0-9]+){ETX}")


def _unescaped(value: str) -> str:
    """`value` with its backslash-escaped characters as a browser will read them."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1))), value)


def _attributes_as_text(root: etree.Element, md: Markdown) -> None:
    """An attribute written as `{: title="a &amp; b" }` holds a placeholder for each
    character reference or piece of HTML in it, which the raw HTML would replace after the
    tree is written out, inside the attribute's quotes (`&quot;` cleaned to `"` would end
    them). The value gets the text they stand for instead, which the tree escapes."""
    blocks = md.htmlStash.rawHtmlBlocks
    for element in root.iter():
        for name, value in element.attrib.items():
            if HTML_PLACEHOLDER_RE.search(value):
                element.set(
                    name,
                    HTML_PLACEHOLDER_RE.sub(
                        lambda m: html.unescape(str(blocks[int(m.group(1))])), value
                    ),
                )


#: Tags and attributes a hand-written page's raw HTML may keep: Ammonia's defaults plus the
#: structure, classes and accessibility attributes that Markdown pages use.
_TAGS = nh3.ALLOWED_TAGS | {"section", "caption", "tfoot", "figure", "figcaption"}
_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    # What pages commonly write with `{: … }`: a link opened in a new tab, an old anchor,
    # a picture loaded lazily.
    "a": nh3.ALLOWED_ATTRIBUTES["a"] | {"target", "rel", "name"},
    "img": nh3.ALLOWED_ATTRIBUTES["img"] | {"loading", "decoding"},
    "*": {"class", "id", "title", "lang", "dir", "role", "hidden"},
}
_GENERIC_PREFIXES = {"aria-", "data-"}


class _RawHtmlCleaner(Postprocessor):
    def __init__(self, md: Markdown, state: PageSafety) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        if self.state.generated:
            return text
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(blocks):
            scan = _RawHtmlScan(self.state)
            scan.feed(str(block))
            scan.close()
            blocks[index] = nh3.clean(
                str(block),
                tags=_TAGS,
                attributes=_ATTRIBUTES,
                generic_attribute_prefixes=_GENERIC_PREFIXES,
                url_schemes=set(ALLOWED_SCHEMES),
                link_rel=None,
            )
        return text


class _RawHtmlScan(HTMLParser):
    """Names what the cleaner will drop from a hand-written page's raw HTML, so that the
    build says it rather than publishing less than was written."""

    def __init__(self, state: PageSafety) -> None:
        super().__init__(convert_charrefs=True)
        self.state = state

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _TAGS:
            self.state.refuse(_("a <{tag}> element", tag=tag))
            return
        allowed = _ATTRIBUTES.get(tag, set()) | _ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed and not name.startswith(tuple(_GENERIC_PREFIXES)):
                self.state.refuse(_("the attribute {name} on <{tag}>", name=name, tag=tag))
            elif name in ADDRESS_ATTRIBUTES and value is not None:
                problem = address_problem(value, tag == "img", self.state.image_hosts)
                if problem:
                    self.state.refuse(problem[0])
