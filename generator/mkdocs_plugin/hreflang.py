"""Page metadata for search engines: hreflang alternates as full addresses under site_url.

Where it sits: the plugin's `on_post_page` passes every rendered page through
`absolute_alternates`. Material writes one `<link rel="alternate" hreflang>` per language
(from mkdocs-static-i18n's language switch) with an address relative to the page; search
engines want full addresses, and an `x-default` for readers of other languages, which we
point at the Thai page. The canonical link is Material's own, already full (from site_url).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from generator import urls

# Material 9.x writes exactly this shape (base.html, block site_meta).
_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')


def absolute_alternates(html: str, page_url: str) -> str:
    """`html` with the hreflang alternates of its <head> made absolute against `page_url`
    (the page's canonical address), plus an x-default alternate."""
    head, separator, body = html.partition("</head>")
    default: str | None = None

    def absolute(match: re.Match[str]) -> str:
        nonlocal default
        href, lang = urljoin(page_url, match.group(1)), match.group(2)
        link = f'<link rel="alternate" href="{href}" hreflang="{lang}">'
        if lang == urls.DEFAULT_LANG:
            default = href
            link += f'\n<link rel="alternate" href="{href}" hreflang="x-default">'
        return link

    head = _ALTERNATE.sub(absolute, head)
    return head + separator + body if default else html
