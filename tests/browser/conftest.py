"""Browser tests: the sample site, built and served on localhost, driven in Chromium.

The sample agency is built once per session with its site_url moved to the test server
(http://127.0.0.1:<port>/ita/), as if published there: full addresses in the pages
(canonical, hreflang) then point at the server, and every request a page makes can be
checked to stay on it. The server is a `python -m http.server` subprocess serving a
folder whose `ita/` is the built site. Chromium is Debian's (/usr/bin/chromium; `make
test` installs it), driven by Playwright; no browser is downloaded.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import build_sample_at

CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_server(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Return when `url` answers; otherwise fail, showing what the server printed."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.terminate()
    server.wait(timeout=10)
    pytest.fail(f"the test server at {url} did not start:\n{log.read_text()}")


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The sample site, built for and served at http://127.0.0.1:<port>/ita/ (yields that
    URL and the built folder)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/ita/"
    root = tmp_path_factory.mktemp("browser") / "project"
    built = build_sample_at(root, base)
    www = root.parent / "www"
    www.mkdir()
    (www / "ita").symlink_to(built, target_is_directory=True)
    # The server's log goes to a file: a pipe nobody reads fills up and stalls the server.
    log = root.parent / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=www,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_server(base, server, log)
        yield base, built
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def site(served: tuple[str, Path]) -> str:
    """The address of the served sample site (http://127.0.0.1:<port>/ita/)."""
    return served[0]


@pytest.fixture(scope="session")
def site_dir(served: tuple[str, Path]) -> Path:
    """The folder of the served sample site."""
    return served[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
