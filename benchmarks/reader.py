"""Reader figures: what opening a page and searching cost a reader, measured in Chromium.

For a built site served on 127.0.0.1 (gzip level 6 on text, as a web server sends it), in
Debian's Chromium through Playwright, each case in a new browser context (empty cache) on a
phone's screen (412 x 915 CSS pixels, as Lighthouse's phone):

- first view: every file a page requests until the network is idle, counted as it travels
  (compressed body and headers), for one page of each kind in both languages and the
  largest page of the site; and whether any of it was for search (it must not be);
- search: the bytes fetched from the moment the reader taps the search box until the
  results of a query are shown, and the time from the last key typed to the first result
  on the screen, on emulated slow 4G (Lighthouse's: 150 ms round trip, 1.6 Mbit/s down,
  750 kbit/s up; Chromium's network emulation, which also holds back the requests of
  Pagefind's web worker). The query is typed at 150 ms a character right after the tap
  ("typed"), and also pasted at once ("pasted": the worst case, nothing loaded before);
- LCP and CLS of item pages on slow 4G with the CPU slowed down four times (a mid-range
  phone, as Lighthouse), from the browser's own PerformanceObserver entries.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import re
import threading
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
PHONE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
    "locale": "th-TH",
}
# Lighthouse's "slow 4G" (its mobile default): 150 ms round trip, 1.6 Mbit/s down.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
TYPING_DELAY_MS = 150

# One page of each kind (site paths; English under en/), as tests/browser/pages.py.
PAGE_KINDS = {
    "home": "",
    "years": "years/",
    "year": "2569/",
    "checklist": "2569/oit/",
    "item O1": "2569/oit/o1/",
    "item O2 (people)": "2569/oit/o2/",
    "item O11 (tables)": "2569/oit/o11/",
    "item O25 (plans)": "2569/oit/o25/",
    "measures": "2569/measures/",
    "measure": "2569/measures/1/",
    "ITA results": "2569/ita/",
    "ITAS sheet": "2569/itas/",
}
QUERIES = {"th": ["จัดซื้อ", "งบประมาณ", "ไม่มีเรื่องร้องเรียน"], "en": ["procurement"]}
SEARCH_PAGE = "2569/oit/o11/"
LCP_PAGES = {"item O11": "2569/oit/o11/", "item O2": "2569/oit/o2/"}

_TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("application/javascript", ".js")


class SiteServer:
    """A static server for `site` at http://127.0.0.1:<port>/ita/, as nginx serves it:
    text compressed with gzip (Pagefind's index files are gzip streams already), and each
    file's Last-Modified date, from which browsers may cache it for a while."""

    def __init__(self, port: int = 0) -> None:
        self.site: Path | None = None
        self._cache: dict[Path, bytes] = {}
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._answer(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/ita/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def serve(self, site: Path) -> None:
        self.site = site
        self._cache.clear()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, request: http.server.BaseHTTPRequestHandler) -> None:
        assert self.site is not None
        path = unquote(urlsplit(request.path).path)
        status = 200
        target = None
        if path.startswith("/ita/"):
            target = (self.site / path.removeprefix("/ita/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if self.site.resolve() not in target.parents:
                target = None
        if target is None or not target.is_file():
            status, target = 404, self.site / "404.html"
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        body = target.read_bytes()
        request.send_response(status)
        request.send_header("Content-Type", kind + ("; charset=utf-8" if "text" in kind else ""))
        if kind.startswith(_TEXT_TYPES):
            if target not in self._cache:
                self._cache[target] = gzip.compress(body, compresslevel=6, mtime=0)
            body = self._cache[target]
            request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Last-Modified", formatdate(target.stat().st_mtime, usegmt=True))
        request.end_headers()
        request.wfile.write(body)


@dataclass
class ReaderFigures:
    first_view: dict[str, int] = field(default_factory=dict)  # page -> bytes
    search_requests_on_view: list[str] = field(default_factory=list)  # must stay empty
    other_hosts: list[str] = field(default_factory=list)  # must stay empty
    search: dict[str, dict[str, float]] = field(default_factory=dict)  # query -> figures
    paint: dict[str, dict[str, float]] = field(default_factory=dict)  # page -> lcp, cls

    @property
    def largest_view(self) -> tuple[int, str]:
        return max((size, page) for page, size in self.first_view.items())

    def worst(self, figure: str) -> tuple[float, str]:
        return max((values[figure], query) for query, values in self.search.items())

    def worst_paint(self, figure: str) -> tuple[float, str]:
        return max((values[figure], page) for page, values in self.paint.items())


def reader_figures(server: SiteServer, site: Path) -> ReaderFigures:
    """The reader figures of the built site in `site`, served by `server`."""
    server.serve(site)
    figures = ReaderFigures()
    pages = {f"{kind} th": path for kind, path in PAGE_KINDS.items()}
    pages |= {f"{kind} en": "en/" + path for kind, path in PAGE_KINDS.items()}
    largest = max(site.rglob("index.html"), key=lambda p: p.stat().st_size)
    pages["largest page " + largest.parent.relative_to(site).as_posix() + "/"] = (
        largest.parent.relative_to(site).as_posix() + "/"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            for name, path in pages.items():
                if (site / path / "index.html").is_file():
                    figures.first_view[name] = _first_view(browser, server.base, path, figures)
            for lang, queries in QUERIES.items():
                where = ("en/" if lang == "en" else "") + SEARCH_PAGE
                for query in queries:
                    typed = _search(browser, server.base + where, query, typed=True)
                    pasted = _search(browser, server.base + where, query, typed=False)
                    figures.search[query] = {
                        "bytes": max(typed["bytes"], pasted["bytes"]),
                        "typed_seconds": typed["seconds"],
                        "pasted_seconds": pasted["seconds"],
                        "results": typed["results"],
                    }
            for name, path in LCP_PAGES.items():
                figures.paint[name] = _paint(browser, server.base + path)
        finally:
            browser.close()
    return figures


def _context(browser: Browser) -> BrowserContext:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(60_000)
    return context


def _transferred(requests: list[Any]) -> int:
    total = 0
    for request in requests:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def _first_view(browser: Browser, base: str, path: str, figures: ReaderFigures) -> int:
    context = _context(browser)
    try:
        finished: list[Any] = []
        asked: list[str] = []
        context.on("requestfinished", lambda request: finished.append(request))
        context.on("request", lambda request: asked.append(request.url))
        page = context.new_page()
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))
        for url in asked:
            if not url.startswith(origin):
                figures.other_hosts.append(url)
            elif re.search(r"/pagefind/|search_index", url):
                figures.search_requests_on_view.append(url)
        return _transferred(finished)
    finally:
        context.close()


# Times, in the page's own clock: the last input event in the search box, and the first
# result shown after it.
_WATCH = """() => {
  const box = document.querySelector(".oit-search__input")
  const list = document.querySelector(".oit-search__results")
  window.__oit = {lastInput: 0, firstResult: 0}
  box.addEventListener("input", () => {
    window.__oit.lastInput = performance.now()
    window.__oit.firstResult = 0
  })
  new MutationObserver(() => {
    if (list.children.length && !window.__oit.firstResult)
      window.__oit.firstResult = performance.now()
  }).observe(list, {childList: true})
}"""


def _slow(page: Page, cpu: bool = False) -> None:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_4G)
    if cpu:
        session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def _search(browser: Browser, url: str, query: str, *, typed: bool) -> dict[str, float]:
    context = _context(browser)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate(_WATCH)
        _slow(page)
        finished: list[Any] = []
        context.on("requestfinished", lambda request: finished.append(request))
        page.locator(".oit-search__input").tap()
        if typed:
            page.keyboard.type(query, delay=TYPING_DELAY_MS)
        else:
            page.keyboard.insert_text(query)
        page.wait_for_function(
            "q => { const panel = document.querySelector('.oit-search__panel')\n"
            "  return panel.dataset.query === q && !panel.hasAttribute('aria-busy') }",
            arg=query,
        )
        page.wait_for_load_state("networkidle")
        times = page.evaluate("window.__oit")
        results = page.locator(".oit-search__results li").count()
        seconds = (times["firstResult"] - times["lastInput"]) / 1000 if results else float("nan")
        return {"bytes": _transferred(finished), "seconds": seconds, "results": results}
    finally:
        context.close()


# Largest Contentful Paint and Cumulative Layout Shift (session windows: shifts less than
# 1 s apart, a window at most 5 s long; the largest window counts), as web-vitals reads them.
_VITALS = """
window.__vitals = {lcp: 0, shifts: []}
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__vitals.lcp = entry.startTime
}).observe({type: "largest-contentful-paint", buffered: true})
new PerformanceObserver(list => {
  for (const entry of list.getEntries())
    if (!entry.hadRecentInput) window.__vitals.shifts.push([entry.startTime, entry.value])
}).observe({type: "layout-shift", buffered: true})
"""


def _paint(browser: Browser, url: str) -> dict[str, float]:
    context = _context(browser)
    try:
        context.add_init_script(_VITALS)
        page = context.new_page()
        _slow(page, cpu=True)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        vitals = page.evaluate("window.__vitals")
        return {"lcp": vitals["lcp"] / 1000, "cls": _cls(vitals["shifts"])}
    finally:
        context.close()


def _cls(shifts: list[list[float]]) -> float:
    worst = window = 0.0
    start = last = -1e9
    for at, value in sorted(shifts):
        if at - last > 1000 or at - start > 5000:
            start, window = at, 0.0
        window += value
        last = at
        worst = max(worst, window)
    return worst
