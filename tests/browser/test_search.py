"""Search in Chromium: the search box loads nothing until a reader starts a search; Thai
words are found inside longer phrases and in queries typed without spaces, exactly (the
pages whose text holds the query, no more, no fewer); numbers in either digits; results in
the reader's language only; the keyboard; axe; and how it looks on a desktop and a phone."""

from __future__ import annotations

import functools
import html
import http.server
import re
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from browser.pages import screenshot
from generator.mkdocs_plugin.csp import content_security_policy
from generator.mkdocs_plugin.search import thai_words, without_ignored

ZWSP = "\u200b"
THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.DOTALL)


@cache
def page_texts(site_dir: Path) -> dict[str, str]:
    """{site path: the text a reader can search} of every page of the built site: its
    article as a reader sees it, without the charts, the permalink signs and the long
    tables (published as CSV and JSON instead), and not the further pages of long tables."""
    texts = {}
    for path in site_dir.rglob("index.html"):
        where = path.parent.relative_to(site_dir).as_posix() + "/"
        where = "" if where == "./" else where
        source = path.read_text(encoding="utf-8")
        article = ARTICLE.search(source)
        # A further page of a long table (search: exclude) is not indexed.
        if article is None or re.search(r"/oit/o\d+/[a-z-]+/\d+/$", where):
            continue
        body = re.sub(r"<svg\b.*?</svg>", "", article.group(1), flags=re.DOTALL)
        body = without_ignored(re.sub(r'<a class="headerlink"[^>]*>[^<]*</a>', "", body))
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
        texts[where] = re.sub(r"\s+", " ", text).lower()
    return texts


def pages_containing(site_dir: Path, text: str, lang: str) -> set[str]:
    english = {where for where in page_texts(site_dir) if where.startswith("en/")}
    return {
        where
        for where, page in page_texts(site_dir).items()
        if (where in english) == (lang == "en") and text.lower() in page
    }


def search(page: Page, site: str, path: str, query: str) -> list[str]:
    """Type `query` into the search box of the page at `path`; the site paths of all the
    results, in the order shown (asking for more until there are no more)."""
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    box = page.locator(".oit-search__input")
    box.click()
    # Thai comes from an input method, not key by key.
    page.keyboard.insert_text(query)
    wait_for_results(page, query)
    more = page.locator(".oit-search__more")
    items = page.locator(".oit-search__results li")
    while more.is_visible():
        shown = items.count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.oit-search__results li').length > n"
            " || document.querySelector('.oit-search__more').hidden",
            arg=shown,
        )
    hrefs = page.locator(".oit-search__results a").evaluate_all("els => els.map(el => el.href)")
    base_path = urlsplit(site).path
    return [urlsplit(href).path.removeprefix(base_path) for href in hrefs]


def wait_for_results(page: Page, query: str) -> None:
    page.wait_for_function(
        "q => { const panel = document.querySelector('.oit-search__panel')\n"
        "  return panel.dataset.query === q && !panel.hasAttribute('aria-busy') }",
        arg=query,
    )


def count_shown(page: Page) -> int:
    """The number of results the search box says it found."""
    text = page.locator(".oit-search__status").inner_text()
    return 0 if re.match(r"ไม่พบ|No matching", text) else int(re.sub(r"\D", "", text))


# The four words of the first search tests, and words chosen for this one: งบประมาณ stands in
# the sample only inside ปีงบประมาณ, which the browser's word splitting keeps whole; กระทบ only
# inside ผลกระทบ, which it splits ผลก|ระ|ทบ.
WORDS = ["ผู้บริหาร", "จัดซื้อ", "รายเดือน", "ร้องเรียน", "งบประมาณ", "กระทบ", "สินบน", "ทุจริต"]


@pytest.mark.parametrize("query", WORDS)
def test_thai_words_are_found_inside_longer_phrases(
    page: Page, site: str, site_dir: Path, query: str
) -> None:
    expected = pages_containing(site_dir, query, "th")
    # The sample has pages where the word stands only inside a longer run of Thai, which a
    # search that splits at spaces only cannot find.
    inside = {
        where
        for where, text in page_texts(site_dir).items()
        if any(query in run and query != run for run in THAI_RUN.findall(text))
    }
    alone = {
        where for where, text in page_texts(site_dir).items() if query in THAI_RUN.findall(text)
    }
    assert expected and inside - alone, f"no page has {query} only inside a longer phrase"
    found = search(page, site, "", query)
    assert set(found) == expected
    assert len(found) == len(expected) == count_shown(page)  # one result per page


@pytest.mark.parametrize("query", ["จัดซื้อจัดจ้างรายเดือน", "แผนปฏิบัติการป้องกันการทุจริต", "ไม่มีเรื่องร้องเรียน"])
def test_a_query_typed_without_spaces_spanning_words(
    page: Page, site: str, site_dir: Path, query: str
) -> None:
    expected = pages_containing(site_dir, query, "th")
    assert expected
    assert set(search(page, site, "2569/", query)) == expected


def test_results_show_the_text_without_word_marks(page: Page, site: str) -> None:
    search(page, site, "", "ร้องเรียน")
    shown = page.locator(".oit-search__panel").inner_text()
    assert "ร้องเรียน" in shown and ZWSP not in shown and "\u2063" not in shown
    # The query is marked in each passage shown.
    marks = page.locator(".oit-search__results mark").all_inner_texts()
    assert marks and {mark for mark in marks} == {"ร้องเรียน"}
    page.locator(".oit-search__input").focus()
    page.evaluate("document.querySelector('.oit-search__panel').scrollTo(0, 0)")
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
    page.locator(".oit-search__input").focus()
    screenshot(page, "search-en")


def test_english_words_are_found_by_their_stem(page: Page, site: str) -> None:
    # Pagefind's English index stems: "corrupt" finds "Anti-Corruption" pages.
    found = search(page, site, "en/2569/", "corrupt")
    assert "en/2569/oit/o23/" in found


def test_thai_text_on_english_pages_is_found_in_english_pages(
    page: Page, site: str, site_dir: Path
) -> None:
    expected = pages_containing(site_dir, "ร้องเรียน", "en")
    assert expected and all(path.startswith("en/") for path in expected)
    assert set(search(page, site, "en/2569/", "ร้องเรียน")) == expected


def test_a_result_leads_to_its_page(page: Page, site: str) -> None:
    search(page, site, "", "รายเดือน")
    with page.expect_navigation():
        page.locator(".oit-search__results a").first.click()
    assert urlsplit(page.url).path.startswith(urlsplit(site).path + "2569/oit/")
    assert page.locator("h1").first.is_visible()


def test_numbers_are_found_in_thai_or_arabic_digits(page: Page, site: str) -> None:
    # An agency may write Thai digits (settings: thai_digits); readers type either kind.
    arabic = search(page, site, "", "2568")
    assert arabic and "2568/" in arabic
    assert sorted(search(page, site, "", "๒๕๖๘")) == sorted(arabic)


def test_nothing_is_fetched_for_search_until_a_reader_starts_one(page: Page, site: str) -> None:
    requests: list[str] = []
    # The context sees the requests of Pagefind's web worker too.
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(site + "2569/oit/o11/")
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if "pagefind" in url or "search_index" in url] == []
    page.locator(".oit-search__input").focus()
    for _ in range(100):  # until the engine is loaded (the load state is idle already)
        if any("wasm." in url for url in requests):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    # Focus loads the engine and the Thai index's table of contents, not the index itself.
    loaded = [urlsplit(url).path.rsplit("/", 1)[-1] for url in requests if "pagefind" in url]
    assert "pagefind.js" in loaded and "wasm.unknown.pagefind" in loaded
    assert any(name.startswith("pagefind.th_") for name in loaded)
    assert not [name for name in loaded if name.startswith("pagefind.en_") or ".pf_index" in name]
    page.keyboard.insert_text("จัดซื้อ")
    wait_for_results(page, "จัดซื้อ")
    loaded = [url for url in requests if "pagefind" in url]
    assert any(".pf_index" in url for url in loaded) and any(
        ".pf_fragment" in url for url in loaded
    )


def test_the_keyboard_reaches_and_leaves_the_results(page: Page, site: str) -> None:
    page.goto(site + "2569/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")  # as in Material: the slash key goes to the search box
    assert page.evaluate("document.activeElement.classList.contains('oit-search__input')")
    page.keyboard.insert_text("ร้องเรียน")
    wait_for_results(page, "ร้องเรียน")
    page.keyboard.press("ArrowDown")
    first = page.locator(".oit-search__results a").first
    assert page.evaluate("document.activeElement") == first.evaluate("el => el")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('oit-search__input')")
    page.keyboard.press("Escape")
    assert page.locator(".oit-search__panel").is_hidden()
    page.keyboard.press("ArrowDown")  # the results come back
    href = first.get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == href


@pytest.mark.parametrize("lang", ["th", "en"])
def test_axe_finds_no_problem_in_the_search_results(page: Page, site: str, lang: str) -> None:
    search(page, site, "" if lang == "th" else "en/", "ร้องเรียน" if lang == "th" else "budget")
    page.locator(".oit-search__input").focus()
    results = Axe().run(page, context=".oit-search")
    problems = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join("    " + node["html"][:160] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_search_on_a_phone(browser: Browser, site: str, lang: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="th-TH",
    )
    try:
        page = context.new_page()
        query = "จัดซื้อ" if lang == "th" else "procurement"
        page.goto(site + ("" if lang == "th" else "en/") + "2569/oit/o11/")
        page.wait_for_load_state("networkidle")
        box = page.locator(".oit-search__input")
        closed = box.bounding_box()
        assert closed is not None and closed["width"] < 60  # an icon in the header
        box.tap()
        page.keyboard.insert_text(query)
        wait_for_results(page, query)
        # The box widens to the whole width of the header (a 0.25 s transition).
        page.wait_for_function(
            "() => document.querySelector('.oit-search__input')"
            ".getBoundingClientRect().width > 380",
            timeout=5000,
        )
        panel = page.locator(".oit-search__panel").bounding_box()
        assert panel is not None and panel["width"] >= 389 and panel["x"] < 1
        assert page.locator(".oit-search__results li").count() > 0
        screenshot(page, f"search-phone-{lang}")
    finally:
        context.close()


def test_the_browser_splits_thai_as_the_index_does(page: Page, site: str, site_dir: Path) -> None:
    """The index's Thai words are ICU's (PyICU); a query is found only if Chromium's
    Intl.Segmenter splits it the same way. Compared on every Thai run of the sample."""
    runs = sorted({run for text in page_texts(site_dir).values() for run in THAI_RUN.findall(text)})
    assert len(runs) > 1000
    page.goto(site)
    browser_words = page.evaluate(
        """runs => {
          const segmenter = new Intl.Segmenter("th", {granularity: "word"})
          return runs.map(run => [...segmenter.segment(run)].map(s => s.segment))
        }""",
        runs,
    )
    differ = [
        run
        for run, words in zip(runs, browser_words, strict=True)
        if tuple(words) != thai_words(run)
    ]
    assert differ == []


@pytest.fixture
def strict_site(site_dir: Path) -> Iterator[tuple[str, list[str]]]:
    """The sample site served with the site's Content-Security-Policy header on every file
    (as the help page's nginx example sends it), which a test may change."""
    header = [content_security_policy()]

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path(path.removeprefix("/ita"))

        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", header[0])
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/ita/", header
    finally:
        server.shutdown()
        server.server_close()


def test_search_works_under_the_csp_and_needs_wasm(
    browser: Browser, strict_site: tuple[str, list[str]]
) -> None:
    """The header reaches the search's worker too, where Pagefind compiles its WebAssembly:
    `'wasm-unsafe-eval'` allows that; without it, the search box says search is not
    available."""
    base, header = strict_site

    def search() -> tuple[str, list[str]]:
        page = browser.new_page()
        try:
            refused: list[str] = []
            page.on(
                "console",
                lambda message: (
                    refused.append(message.text) if "WebAssembly" in message.text else None
                ),
            )
            page.goto(base + "2569/oit/o11/")
            page.locator(".oit-search__input").focus()
            page.keyboard.insert_text("จัดซื้อ")
            page.wait_for_function(
                "() => /พบ|ค้นหาไม่ได้/.test("
                "document.querySelector('.oit-search__status').textContent)"
            )
            return page.locator(".oit-search__status").inner_text(), refused
        finally:
            page.close()

    status, refused = search()
    assert re.fullmatch(r"พบ \d+ หน้า", status) and refused == []
    header[0] = header[0].replace(" 'wasm-unsafe-eval'", "")
    status, _ = search()
    assert status == "ค้นหาไม่ได้ในขณะนี้ โปรดลองอีกครั้ง"
