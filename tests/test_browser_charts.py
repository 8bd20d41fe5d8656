"""The charts of the sample site render in Chromium: real browser, real server, screenshots.

The built sample is served under /ita/ (its site_url path) by `python -m http.server`
from a folder holding a symlink ita -> site. Screenshots are kept in tests/artifacts/
(not committed) for people to look at.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def server(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("serve")
    (root / "ita").symlink_to(built_sample, target_is_directory=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/ita/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            process.kill()
            pytest.fail("the test server did not start: " + process.communicate()[0].decode())
        yield base
    finally:
        process.terminate()
        process.wait()


@pytest.mark.parametrize(
    ("path", "charts"),
    [("2569/ita/", 3), ("en/2569/ita/", 3), ("2569/measures/", 2), ("en/2569/measures/", 2)],
)
def test_charts_render_in_chromium(server: str, path: str, charts: int) -> None:
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed at /usr/bin/chromium (Debian package chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        svgs = page.locator("svg.oit-chart-svg")
        assert svgs.count() == charts
        for i in range(charts):
            svg = svgs.nth(i)
            box = svg.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100, box
            assert svg.get_attribute("role") == "img"
            assert svg.locator(":scope > title").text_content()
            assert svg.locator(":scope > desc").text_content()
            # The bars are drawn: the first rect of the chart has a size too.
            rect = svg.locator("rect").first.bounding_box()
            assert rect is not None and rect["width"] > 0 and rect["height"] > 0
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=str(ARTIFACTS / f"charts-{name}.png"), full_page=True)
        browser.close()
    # Everything the page needs comes from the site itself.
    assert all(url.startswith(server.removesuffix("ita/")) for url in requests), requests
