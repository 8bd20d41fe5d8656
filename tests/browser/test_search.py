"""Thai search in Chromium: words inside longer phrases, queries typed without spaces, and
results in the reader's language only (the Done-when of the Thai-first issue)."""

from __future__ import annotations

import json
import re
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from browser.pages import screenshot

ZWSP = "\u200b"


def load_index(site: str) -> list[dict[str, str]]:
    with urllib.request.urlopen(site + "search/search_index.json") as response:
        return json.load(response)["docs"]


def plain(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html).replace(ZWSP, "").lower()


def pages_containing(docs: list[dict[str, str]], text: str, lang: str) -> set[str]:
    """The pages (sections grouped) of one language whose title or text contains `text`."""
    return {
        doc["location"].split("#")[0]
        for doc in docs
        if doc["lang"] == lang and text in plain(doc["title"] + " " + doc["text"])
    }


def search(page: Page, site: str, path: str, query: str) -> list[str]:
    """Type `query` into the search box of the page at `path`; the site paths of all the
    result pages, in the order shown (all results are loaded by scrolling)."""
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.focus()
    # Thai comes from an input method, not key by key; End sends the keyup Material reads.
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "el => /[0-9]|ไม่พบ|No matching/.test(el.textContent)", arg=meta.element_handle()
    )
    text = meta.inner_text()
    count = (
        int(re.sub(r"\D", "", text))
        if re.search(r"\d", text)
        else 0
        if re.match(r"ไม่พบ|No matching", text)
        else 1
    )
    items = page.locator(".md-search-result__item")
    scroller = page.locator(".md-search__scrollwrap")
    for _ in range(50):
        if items.count() >= count:
            break
        # Material renders more results each time the end of the list comes into view.
        scroller.evaluate("el => el.scrollTo(0, 0)")
        page.wait_for_timeout(50)
        scroller.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(100)
    hrefs = items.evaluate_all("els => els.map(el => el.querySelector('a').href)")
    assert len(hrefs) == count, (text, hrefs)
    base_path = urlsplit(site).path
    return [urlsplit(href).path.removeprefix(base_path) for href in hrefs]


@pytest.mark.parametrize("query", ["ผู้บริหาร", "จัดซื้อ", "รายเดือน", "ร้องเรียน"])
def test_thai_words_are_found_inside_longer_phrases(page: Page, site: str, query: str) -> None:
    docs = load_index(site)
    expected = pages_containing(docs, query, "th")
    # The sample has pages where the word stands only inside a longer run of Thai, which a
    # search that splits at spaces only cannot find.
    runs = {
        doc["location"].split("#")[0]
        for doc in docs
        if doc["lang"] == "th"
        and any(
            query in run and query != run
            for run in re.findall(r"[\u0e01-\u0e4e]+", plain(doc["title"] + " " + doc["text"]))
        )
    }
    alone = {
        doc["location"].split("#")[0]
        for doc in docs
        if doc["lang"] == "th"
        and query in re.findall(r"[\u0e01-\u0e4e]+", plain(doc["title"] + " " + doc["text"]))
    }
    assert runs - alone, f"no page has {query} only inside a longer phrase"
    found = search(page, site, "", query)
    assert set(found) == expected
    assert len(found) == len(expected)  # one result per page


def test_a_query_typed_without_spaces_spanning_words(page: Page, site: str) -> None:
    docs = load_index(site)
    query = "จัดซื้อจัดจ้างรายเดือน"
    expected = pages_containing(docs, query, "th")
    assert "2569/oit/o11/" in expected
    assert set(search(page, site, "2569/", query)) == expected


def test_results_show_the_text_without_word_marks(page: Page, site: str) -> None:
    search(page, site, "", "ร้องเรียน")
    shown = page.locator(".md-search-result").inner_text()
    assert "ร้องเรียน" in shown and ZWSP not in shown
    # Found words are marked; none is listed as missing.
    assert page.locator(".md-search-result mark").count() > 0
    assert page.locator(".md-search-result__terms").count() == 0
    page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "search-th")


def test_a_thai_page_returns_thai_pages_only(page: Page, site: str) -> None:
    found = search(page, site, "2569/oit/o11/", "OIT")
    assert found and not [path for path in found if path.startswith("en/")]


def test_an_english_query_on_an_english_page_returns_english_pages_only(
    page: Page, site: str
) -> None:
    found = search(page, site, "en/", "procurement")
    assert "en/2569/oit/o11/" in found
    assert all(path.startswith("en/") for path in found), found
    page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "search-en")


def test_thai_text_on_english_pages_is_found_in_english_pages(page: Page, site: str) -> None:
    docs = load_index(site)
    expected = pages_containing(docs, "ร้องเรียน", "en")
    assert expected and all(path.startswith("en/") for path in expected)
    assert set(search(page, site, "en/2569/", "ร้องเรียน")) == expected


def test_a_result_leads_to_its_page(page: Page, site: str) -> None:
    search(page, site, "", "รายเดือน")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith(urlsplit(site).path + "2569/oit/")
    assert page.locator("h1").first.is_visible()


def test_numbers_are_found_in_thai_or_arabic_digits(page: Page, site: str) -> None:
    # An agency may write Thai digits (settings: thai_digits); readers type either kind.
    arabic = search(page, site, "", "2568")
    assert arabic and "2568/" in arabic
    assert search(page, site, "", "๒๕๖๘") == arabic
    assert page.locator(".md-search-result__terms").count() == 0  # nothing listed missing
