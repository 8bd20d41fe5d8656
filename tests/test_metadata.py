"""hreflang alternates and canonical links: full addresses under site_url."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.mkdocs_plugin.hreflang import absolute_alternates

SITE = "https://www.example.go.th/ita/"


def test_alternates_become_absolute_with_an_x_default() -> None:
    html = (
        '<head>\n<link rel="alternate" href="./" hreflang="th">\n'
        '<link rel="alternate" href="../en/about/" hreflang="en">\n</head>\n'
        '<body><a href="../en/about/" hreflang="en">English</a></body>'
    )
    assert absolute_alternates(html, SITE + "about/") == (
        f'<head>\n<link rel="alternate" href="{SITE}about/" hreflang="th">\n'
        f'<link rel="alternate" href="{SITE}about/" hreflang="x-default">\n'
        f'<link rel="alternate" href="{SITE}en/about/" hreflang="en">\n</head>\n'
        '<body><a href="../en/about/" hreflang="en">English</a></body>'
    )


def test_a_page_without_alternates_is_unchanged() -> None:
    html = "<head><title>x</title></head><body></body>"
    assert absolute_alternates(html, SITE) == html


@pytest.mark.parametrize(
    ("path", "th", "en"),
    [
        ("", "", "en/"),
        ("en/", "", "en/"),
        ("about/", "about/", "en/about/"),
        ("years/", "years/", "en/years/"),
        ("2569/oit/o11/", "2569/oit/o11/", "en/2569/oit/o11/"),
        ("en/2569/oit/o11/", "2569/oit/o11/", "en/2569/oit/o11/"),
        ("en/2568/", "2568/", "en/2568/"),
    ],
)
def test_built_pages_link_their_languages(built_sample: Path, path: str, th: str, en: str) -> None:
    html = (built_sample / path / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert f'<link rel="canonical" href="{SITE}{path}">' in head
    alternates = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">', head)
    assert sorted(alternates) == sorted(
        [(SITE + th, "th"), (SITE + th, "x-default"), (SITE + en, "en")]
    )
