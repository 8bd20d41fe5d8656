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
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.messages import Lang, Message, _

_SKIPPED_SCHEMES = ("mailto", "tel", "data", "javascript")
_SKIPPED_PREFIXES = tuple(f"{scheme}:" for scheme in _SKIPPED_SCHEMES)


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the HTML file, relative to the site
    link: str  # as written in the page
    reason: Message

    def format(self, lang: Lang) -> str:
        return f"{self.page}: {self.link} ({self.reason.render(lang)})"


_HIDDEN = re.compile(r"<!--.*?-->|(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.S | re.I)
# Only the attributes that matter: references, and the ids they may point at.
_REF = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_A_NAME = re.compile(r"""<a\s[^>]*?\bname\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


@dataclass
class PageRefs:
    """The references and ids of one HTML file.

    Why regular expressions and not html.parser: they give the same answers on MkDocs'
    output in a fraction of the time, which matters for sites with many years of pages.
    Comments and the insides of script and style elements are skipped.
    """

    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, path: Path) -> PageRefs:
        page = cls()
        text = path.read_text(encoding="utf-8", errors="replace")
        text = _HIDDEN.sub(lambda m: (m.group(1) or "") + (m.group(3) or ""), text)
        for match in _REF.finditer(text):
            value = html.unescape(match.group(2) if match.group(2) is not None else match.group(3))
            if match.group(1).lower() == "id":
                page.ids.add(value)
            else:
                page.links.append(value.strip())
        for match in _A_NAME.finditer(text):
            page.ids.add(html.unescape(match.group(1) or match.group(2) or ""))
        return page


def html_files(site_dir: Path) -> list[str]:
    """Every HTML file of the site, relative to it."""
    return [path.relative_to(site_dir).as_posix() for path in sorted(site_dir.rglob("*.html"))]


@dataclass
class _Site:
    root: Path
    pages: dict[str, PageRefs] = field(default_factory=dict)  # read so far
    files: set[str] = field(default_factory=set)  # every file of the site, relative
    answers: dict[tuple[str, str], Message | None] = field(default_factory=dict)

    def root_path(self, site_url: str) -> str:
        return urlsplit(site_url).path or "/"

    def __post_init__(self) -> None:
        self.files = {
            p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()
        }

    def page(self, rel: str) -> PageRefs:
        if rel not in self.pages:
            self.pages[rel] = PageRefs.read(self.root / rel)
        return self.pages[rel]


def check_links(site_dir: Path, site_url: str) -> list[BrokenLink]:
    """Every broken internal reference of the site at `site_dir`, page by page."""
    site = _Site(site_dir)
    broken: list[BrokenLink] = []
    for rel in html_files(site_dir):
        folder = rel.rpartition("/")[0]
        for link in site.page(rel).links:
            # Pages of one folder share most links (navigation, assets): answer each once.
            key = (folder, link)
            if key not in site.answers:
                site.answers[key] = _check(site, site_url, rel, link)
            reason = site.answers[key]
            if reason:
                broken.append(BrokenLink(rel, link, reason))
    return broken


def _check(site: _Site, site_url: str, page: str, link: str) -> Message | None:
    """Why `link` on `page` does not resolve, or None when it does (or is external)."""
    if link.startswith(_SKIPPED_PREFIXES):
        return None
    root = site.root_path(site_url)
    if "://" in link or link.startswith("//"):  # a full address: ours only under site_url
        url = urlsplit(link if "://" in link else "https:" + link)
        base = urlsplit(site_url)
        if url.scheme in _SKIPPED_SCHEMES or (url.scheme, url.netloc) != (base.scheme, base.netloc):
            return None  # another host: external
        if not url.path.startswith(root):
            return None  # a full address elsewhere on the agency's host: external
        path, fragment = url.path[len(root) :], url.fragment
    else:
        written, _hash, fragment = link.partition("#")
        written = written.partition("?")[0]
        if written.startswith("/"):
            if not written.startswith(root):
                return _("outside the site's folder {root}", root=root)
            path = written[len(root) :]
        elif written:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), written))
            if joined == ".." or joined.startswith("../"):
                return _("outside the site's folder {root}", root=root)
            path = "" if joined == "." else joined + ("/" if written.endswith("/") else "")
        else:
            path = page  # "#fragment" on the same page
    target = unquote(path)
    if target == "" or target.endswith("/"):
        target += "index.html"
    if target not in site.files:
        if f"{target}/index.html" not in site.files:
            return _("no such file or page")
        target += "/index.html"
    fragment = unquote(fragment)
    if fragment and target.endswith(".html") and fragment not in site.page(target).ids:
        return _("no #{fragment} on that page", fragment=fragment)
    return None
