"""The search index: the copy of each page that Pagefind reads (Thai split as the browser
splits queries, inner words of compounds, ignored parts left out) and the index a build
writes.

The searching itself (the search box, Thai queries, one language per reader) runs in the
browser and is tested in tests/browser/test_search.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import MakeProject, run_oit
from generator.mkdocs_plugin.search import (
    BUNDLE,
    INNER_MARK,
    ZWSP,
    SearchIndex,
    SearchIndexError,
    indexed_copy,
    inner_words,
    thai_words,
    without_ignored,
)


def page(body: str, lang: str = "th") -> str:
    """A page as Material writes it, around `body`."""
    return (
        f'<!doctype html>\n<html lang="{lang}" class="no-js">\n<head><title>t</title></head>'
        '<body><nav><a href="/">หน้าแรกของเว็บไซต์</a></nav>'
        f'<article class="md-content__inner md-typeset">{body}</article>'
        "<footer>ท้ายหน้า</footer></body></html>"
    )


def test_thai_is_split_into_words_as_icu_splits_it() -> None:
    assert thai_words("สรุปผลการจัดซื้อจัดจ้างรายเดือน") == (
        "สรุป",
        "ผล",
        "การ",
        "จัด",
        "ซื้อ",
        "จัด",
        "จ้าง",
        "ราย",
        "เดือน",
    )
    assert thai_words("ปีงบประมาณ") == ("ปีงบประมาณ",)  # a compound ICU keeps whole


def test_the_copy_holds_the_article_with_thai_split_by_zero_width_spaces() -> None:
    copy = indexed_copy(
        page(
            '<h1 id="x">ข้อมูลผู้บริหาร<a class="headerlink" href="#x">&para;</a></h1>'
            "<p>ITA &amp; OIT 2569</p>"
        )
    )
    assert copy is not None
    assert '<html lang="th">' in copy
    assert f'<h1 id="x">ข้อมูล{ZWSP}ผู้{ZWSP}บริหาร</h1>' in copy
    assert "<p>ITA &amp; OIT 2569</p>" in copy
    assert "<article data-pagefind-body>" in copy
    # Only the article: not the navigation or the footer; no permalink sign.
    assert "หน้าแรก" not in copy and "ท้ายหน้า" not in copy and "&para;" not in copy


def test_english_pages_keep_their_language_and_split_their_thai() -> None:
    copy = indexed_copy(page('<p>Complaints <span lang="th">เรื่องร้องเรียน</span></p>', "en"))
    assert copy is not None
    assert '<html lang="en">' in copy
    assert f'<span lang="th">เรื่อง{ZWSP}ร้อง{ZWSP}เรียน</span>' in copy


def test_a_page_without_an_article_is_not_indexed() -> None:
    assert indexed_copy("<html lang='th'><body><p>ข้อความ</p></body></html>") is None


def test_ignored_parts_and_charts_are_left_out() -> None:
    body = (
        "<p>ก่อน</p>"
        '<div class="oit-table" data-pagefind-ignore><div><table><tr><td>บริษัท</td></tr>'
        "</table></div></div>"
        '<svg role="img"><title>แผนภูมิ</title></svg>'
        "<p>หลัง</p>"
    )
    copy = indexed_copy(page(body))
    assert copy is not None
    assert "ก่อน" in copy and "หลัง" in copy
    assert "บริษัท" not in copy and "แผนภูมิ" not in copy and "<table" not in copy


def test_without_ignored_counts_nested_elements() -> None:
    html = "a<div data-pagefind-ignore>b<div>c</div>d</div>e<span data-pagefind-ignore>f</span>g"
    assert without_ignored(html) == "aeg"
    assert without_ignored("a<div data-pagefind-ignore>b") == "a"  # never closed


def test_words_inside_compounds_are_indexed_as_a_query_would_be_split() -> None:
    # ICU keeps ปีงบประมาณ whole; a query งบประมาณ is split งบ|ประมาณ in the browser.
    pieces = inner_words("ปีงบประมาณ", thai_words("ปีงบประมาณ"))
    assert ("งบ", "ประมาณ") in pieces and ("ประมาณ",) in pieces
    # เปิด|บัญชี: ปิดบัญชี begins inside เปิด.
    assert ("ปิด", "บัญชี") in inner_words("เปิดบัญชี", thai_words("เปิดบัญชี"))
    # ผลก|ระ|ทบ: ICU's odd split of ผลกระทบ hides กระทบ.
    assert ("กระทบ",) in inner_words("ผลกระทบ", thai_words("ผลกระทบ"))
    # ICU's own words are not repeated.
    assert ("จัด",) not in inner_words("จัดซื้อ", thai_words("จัดซื้อ"))


def test_inner_words_end_the_page_after_a_mark() -> None:
    copy = indexed_copy(page("<p>ประจำปีงบประมาณ</p><p>ครอบคลุม</p>"))
    assert copy is not None
    article, _, block = copy.partition(INNER_MARK)
    assert "ประจำ" in article and "งบ" + ZWSP + "ประมาณ" not in article
    assert f"งบ{ZWSP}ประมาณ" in block and "คลุม" in block
    assert block.index("ประมาณ") < block.index("คลุม")  # in the order of the page
    assert 'data-pagefind-weight="0.5"' in copy.partition(INNER_MARK)[0][-40:]


def test_text_without_thai_has_no_inner_words() -> None:
    copy = indexed_copy(page("<p>Procurement results, monthly (FY 2026)</p>", "en"))
    assert copy is not None and INNER_MARK not in copy and ZWSP not in copy


def test_a_failing_pagefind_is_reported(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "pages")
    (tmp_path / "site").write_text("a file where the site's folder should be")
    with pytest.raises(SearchIndexError) as error:
        index.write(tmp_path / "site")
    assert error.value.message.render("en").startswith("Pagefind could not index the site:")
    assert error.value.message.render("th").startswith("Pagefind สร้างดัชนีค้นหาของเว็บไซต์ไม่สำเร็จ:")


def fragments(bundle: Path) -> dict[str, dict[str, object]]:
    """The indexed pages of a Pagefind bundle by address: Pagefind's fragment of each."""
    found = {}
    for path in (bundle / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


def test_the_built_site_has_one_index_per_language(built_sample: Path) -> None:
    bundle = built_sample / BUNDLE
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = entry["languages"]
    assert set(languages) == {"th", "en"}
    assert languages["th"]["page_count"] == languages["en"]["page_count"]
    # Material's search index is gone, and so are Pagefind's unused interfaces.
    assert not (built_sample / "search").exists()
    assert sorted(p.name for p in bundle.iterdir() if p.suffix in (".js", ".css")) == [
        "pagefind-worker.js",
        "pagefind.js",
    ]
    pages = fragments(bundle)
    assert len(pages) == languages["th"]["page_count"] * 2
    o11 = pages["/2569/oit/o11/"]
    # Pagefind keeps the zero-width spaces in the text; the search box removes them.
    assert str(o11["content"]).replace(ZWSP, "").startswith("O11 สรุปผลการจัดซื้อจัดจ้าง")
    assert "¶" not in str(o11["meta"]) and "¶" not in str(o11["content"])
    assert pages["/en/2569/oit/o11/"]["content"]
    assert not [url for url in pages if "sitemap" in url or url.endswith(".xml")]


def test_long_tables_and_their_pages_stay_out_of_the_index(make_project: MakeProject) -> None:
    rows = "".join(f"บริษัททดสอบที่{n:04d},{n}\n" for n in range(1, 1204))
    root = make_project(
        {
            "data/2569/oit/o11-procurement.yml": (
                "blocks:\n  - type: table\n    name: procurement\n    file: files/p.csv\n"
            ),
            "content/files/p.csv": "ผู้ขาย,มูลค่า\n" + rows,
        }
    )
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    html = (site / "2569/oit/o11/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-ignore" in html and "บริษัททดสอบที่0001" in html
    pages = fragments(site / BUNDLE)
    assert "/2569/oit/o11/" in pages
    assert "บริษัททดสอบ" not in str(pages["/2569/oit/o11/"]["content"])
    # The further pages of the table are not indexed at all (search: exclude).
    assert (site / "2569/oit/o11/procurement/2/index.html").is_file()
    assert not [url for url in pages if "/procurement/" in url]
