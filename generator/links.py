"""Link integrity of a built site: every internal link, image and file reference resolves.

Runs once after both languages are built (plugin.py). Each HTML file is read for its
`href` and `src` values; a reference into the site (relative, from the root of the
agency's host, or a full address under site_url) must name a file of the built site or
a folder with an index.html, and a `#fragment` pointing into one of our pages must be an
id on that page (the ITAS sheet sends assessors to `#el-<key>` anchors). A path from the
host's root outside site_url's folder is broken: it would work in a preview but not
under /ita/. Links to other hosts (and to the agency's main site) are left to
`oit check --external`, which CI never runs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_SKIPPED_SCHEMES = ("mailto", "tel", "data", "javascript")


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the HTML file, relative to the site
    link: str  # as written in the page
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.link} ({self.reason})"


_HIDDEN = re.compile(r"<!--.*?-->|(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][\w-]*)((?:\s+[^<>]*?)?)\s*/?>")
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


@dataclass
class _Page:
    """The references and ids of one HTML file.

    Why a regular expression over start tags and not html.parser: it gives the same
    answers on MkDocs' output at a fifth of the time, which matters for sites with many
    years of pages. Comments and the insides of script and style elements are skipped.
    """

    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, text: str) -> _Page:
        page = cls()
        text = _HIDDEN.sub(lambda m: (m.group(1) or "") + (m.group(3) or ""), text)
        for tag in _TAG.finditer(text):
            for attr in _ATTR.finditer(tag.group(2)):
                name = attr.group(1).lower()
                value = html.unescape(next(v for v in attr.groups()[1:] if v is not None))
                if name in ("href", "src"):
                    page.links.append(value.strip())
                elif name == "id" or (name == "name" and tag.group(1).lower() == "a"):
                    page.ids.add(value)
        return page


@dataclass
class _Site:
    root: Path
    pages: dict[str, _Page] = field(default_factory=dict)

    def page(self, rel: str) -> _Page:
        if rel not in self.pages:
            text = (self.root / rel).read_text(encoding="utf-8", errors="replace")
            self.pages[rel] = _Page.read(text)
        return self.pages[rel]


def check_links(site_dir: Path, site_url: str) -> list[BrokenLink]:
    """Every broken internal reference of the site at `site_dir`, page by page."""
    site = _Site(site_dir)
    broken: list[BrokenLink] = []
    for html_file in sorted(site_dir.rglob("*.html")):
        rel = html_file.relative_to(site_dir).as_posix()
        for link in site.page(rel).links:
            reason = _check(site, site_url, rel, link)
            if reason:
                broken.append(BrokenLink(rel, link, reason))
    return broken


def _check(site: _Site, site_url: str, page: str, link: str) -> str | None:
    """Why `link` on `page` does not resolve, or None when it does (or is external)."""
    written = urlsplit(link)
    if written.scheme in _SKIPPED_SCHEMES:
        return None
    base = urlsplit(site_url)
    root = base.path or "/"
    url = urlsplit(urljoin(site_url + page, link))
    if (url.scheme, url.netloc) != (base.scheme, base.netloc):
        return None  # another host: external
    if not url.path.startswith(root):
        if written.netloc:
            return None  # a full address elsewhere on the agency's host: external
        return f"outside the site's folder {root}"
    target = unquote(url.path[len(root) :])
    if target == "" or target.endswith("/"):
        target += "index.html"
    if not (site.root / target).is_file():
        if not (site.root / target / "index.html").is_file():
            return "no such file or page"
        target += "/index.html"
    fragment = unquote(url.fragment)
    if fragment and target.endswith(".html") and fragment not in site.page(target).ids:
        return f"no #{fragment} on that page"
    return None
