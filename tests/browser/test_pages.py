"""Every kind of page in Chromium, in both languages: no request leaves the site, the
self-hosted Sarabun font is used, axe finds no serious or critical problem, `lang` is
right on every element, the skip link and keyboard work, the language switch lands on the
same page, and item pages print without navigation, with their address and the date."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page

from browser.pages import ARTIFACTS, PAGE_KINDS, screenshot

LANGS = {"th": "", "en": "en/"}
CASES = [(kind, lang) for kind in PAGE_KINDS for lang in LANGS]
IDS = [f"{kind}-{lang}" for kind, lang in CASES]


def open_page(page: Page, site: str, kind: str, lang: str) -> None:
    page.goto(site + LANGS[lang] + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(("kind", "lang"), CASES, ids=IDS)
def test_no_request_leaves_the_site(
    context: BrowserContext, site: str, kind: str, lang: str
) -> None:
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    open_page(page, site, kind, lang)
    # Searching loads the search engine and the parts of the index a query needs.
    page.locator(".oit-search__input").focus()
    page.keyboard.insert_text("ข้อมูล")
    page.wait_for_function(
        "() => document.querySelector('.oit-search__panel').dataset.query === 'ข้อมูล'"
    )
    page.wait_for_load_state("networkidle")
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site))
    assert any("pagefind/pagefind.js" in url for url in requests)
    assert any(".pf_index" in url for url in requests)
    assert any(url.endswith(".woff2") for url in requests)
    assert [url for url in requests if not url.startswith(origin)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_text_is_set_in_the_self_hosted_sarabun(page: Page, site: str, lang: str) -> None:
    open_page(page, site, "item-tables-money-dates", lang)
    page.evaluate("document.fonts.ready")
    family = page.locator("article.md-typeset").evaluate("el => getComputedStyle(el).fontFamily")
    assert family.startswith("Sarabun"), family
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert "Sarabun" in [name.strip('"') for name in loaded]
    screenshot(page, f"item-{lang}")
    page.goto(site + LANGS[lang])
    page.wait_for_load_state("networkidle")
    screenshot(page, f"home-{lang}")


@pytest.mark.parametrize(("kind", "lang"), CASES, ids=IDS)
def test_axe_finds_no_serious_problem(page: Page, site: str, kind: str, lang: str) -> None:
    open_page(page, site, kind, lang)
    results = Axe().run(page)
    problems = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join("    " + node["html"][:160] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert problems == [], "\n".join(problems)


# Text nodes in Thai script whose nearest lang= is not Thai (a screen reader would read
# them with English rules).
MISLABELLED_THAI = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  const wrong = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\\u0e01-\\u0e4e]/.test(node.textContent)) continue
    const parent = node.parentElement
    if (parent.closest("script, style, [hidden]")) continue
    const lang = parent.closest("[lang]").getAttribute("lang")
    if (lang !== "th") wrong.push(`${lang}: ${node.textContent.trim().slice(0, 60)}`)
  }
  return wrong
}"""


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_thai_text_is_marked_thai_on_english_pages(page: Page, site: str, kind: str) -> None:
    open_page(page, site, kind, "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.evaluate(MISLABELLED_THAI) == []


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_thai_pages_are_in_thai(page: Page, site: str, kind: str) -> None:
    open_page(page, site, kind, "th")
    assert page.locator("html").get_attribute("lang") == "th"


@pytest.mark.parametrize("lang", LANGS)
def test_the_skip_link_leads_to_the_content(page: Page, site: str, lang: str) -> None:
    open_page(page, site, "item-tables-money-dates", lang)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "md-skip" in (skip.get_attribute("class") or "").split()
    assert skip.is_visible()
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    # The jump to the fragment lands a moment after the key press: wait for it (or fail).
    page.wait_for_function("hash => location.hash === hash", arg=target, timeout=5000)
    assert target is not None and urlsplit(page.url).fragment == target.lstrip("#")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article') !== null")


@pytest.mark.parametrize("lang", LANGS)
def test_the_keyboard_reaches_search_navigation_and_content(
    page: Page, site: str, lang: str
) -> None:
    open_page(page, site, "checklist", lang)
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement
              const box = el.getBoundingClientRect()
              return {
                where: el.closest('header') ? 'header'
                  : el.closest('.md-sidebar--primary') ? 'navigation'
                  : el.closest('article') ? 'content' : 'other',
                visible: box.width > 0 && box.height > 0,
                outline: getComputedStyle(el).outlineStyle,
                text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40),
              }
            }"""
        )
        seen.append(focused)
    where = {f["where"] for f in seen}
    assert {"header", "navigation", "content"} <= where, seen
    hidden = [f for f in seen if not f["visible"] and f["where"] != "other"]
    assert hidden == [], hidden


def switch_language(page: Page, to: str) -> None:
    """Use the header's language switch as a reader does: open it, pick the language."""
    page.locator(".md-header__option .md-select > button").hover()
    page.locator(f"a.md-select__link[hreflang={to}]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_the_language_switch_lands_on_the_same_page(page: Page, site: str, kind: str) -> None:
    base = urlsplit(site).path
    open_page(page, site, kind, "th")
    switch_language(page, "en")
    assert urlsplit(page.url).path == base + "en/" + PAGE_KINDS[kind]
    assert page.locator("html").get_attribute("lang") == "en"
    switch_language(page, "th")
    assert urlsplit(page.url).path == base + PAGE_KINDS[kind]
    assert page.locator("html").get_attribute("lang") == "th"


# The printed date as the page writes dates: BE with Thai month names, or CE in English.
PRINTED_DATE = {"th": r"\d{1,2} [ก-๙]+ 25\d\d", "en": r"\d{1,2} [A-Z][a-z]+ 20\d\d"}


@pytest.mark.parametrize("lang", LANGS)
def test_item_pages_print_with_address_and_date(page: Page, site: str, lang: str) -> None:
    open_page(page, site, "item-tables-money-dates", lang)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(selector).is_visible(), selector
    address = page.locator(".oit-print-url")
    assert address.is_visible()
    own = site + LANGS[lang] + PAGE_KINDS["item-tables-money-dates"]
    assert own in address.inner_text()
    printed = page.locator(".oit-print-date time")
    assert printed.is_visible()
    assert re.fullmatch(PRINTED_DATE[lang], printed.inner_text()), printed.inner_text()
    assert printed.get_attribute("datetime") == dt.date.today().isoformat()
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / f"print-item-{lang}.pdf"), format="A4")
