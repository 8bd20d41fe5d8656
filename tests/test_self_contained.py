"""The built site loads nothing from other hosts (fonts, scripts, styles, images).

The browser tests record the requests of one page of each kind; this checks every page
and stylesheet of the build for references that would make a browser fetch from elsewhere.
Links (<a href>) and the canonical/hreflang addresses are not fetched by browsers.
"""

from __future__ import annotations

import re
from pathlib import Path

# Attributes that make a browser fetch: src=, and href= on <link> other than
# canonical/alternate (which name the page's own addresses).
_SRC = re.compile(r'\ssrc(?:set)?="((?:https?:)?//[^"]+)"')
_LINK = re.compile(r"<link\s[^>]*>")
_CSS_URL = re.compile(
    r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)|@import\s+['\"]((?:https?:)?//[^'\"]+)"
)


def outside_references(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(site)}: {url}" for url in _SRC.findall(html)]
        for link in _LINK.findall(html):
            if re.search(r'rel="(canonical|alternate)"', link):
                continue
            href = re.search(r'href="((?:https?:)?//[^"]+)"', link)
            if href:
                found.append(f"{path.relative_to(site)}: {href.group(1)}")
    for path in sorted(site.rglob("*.css")):
        for match in _CSS_URL.findall(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(site)}: {''.join(match)}")
    return found


def test_no_page_or_style_loads_from_another_host(built_sample: Path) -> None:
    assert outside_references(built_sample) == []


def test_the_check_finds_outside_references(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://www.example.go.th/ita/">'
        '<script src="//cdn.example.com/x.js"></script><a href="https://nacc.go.th/">NACC</a>',
        encoding="utf-8",
    )
    (tmp_path / "x.css").write_text("@font-face{src:url(https://fonts.gstatic.com/a.woff2)}")
    assert outside_references(tmp_path) == [
        "index.html: //cdn.example.com/x.js",
        "index.html: https://fonts.googleapis.com/css?family=Roboto",
        "x.css: https://fonts.gstatic.com/a.woff2",
    ]
