"""`oit serve`: the preview rebuilds when a file changes, shows completeness, and shows
what stops a build in the browser instead of the site, without keeping a request waiting."""

from __future__ import annotations

import contextlib
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import PERSON, MakeProject
from generator.mkdocs_plugin.preview import error_page
from generator.mkdocs_plugin.search import ZWSP


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Preview:
    """`oit serve` of a project in a subprocess, its output in a file (a pipe nobody reads
    fills up and stalls the server)."""

    def __init__(self, root: Path, log: Path, *args: str) -> None:
        self.port = free_port()
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "generator", "serve", "--project", str(root)),
                    *("-a", f"127.0.0.1:{self.port}", *args),
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@contextlib.contextmanager
def serving(root: Path, log: Path, *args: str) -> Iterator[Preview]:
    preview = Preview(root, log, *args)
    try:
        yield preview
    finally:
        preview.stop()


def fetch(url: str, timeout: float = 5) -> str | None:
    """The page at `url`, error pages included; None when the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, preview: Preview, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        assert preview.process.poll() is None, preview.output()
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url}:\n{preview.output()}")


def search_index(preview: Preview, other_than: str = "", seconds: float = 60) -> str:
    """The preview's search index, by the name of its Thai part (which changes with it), once
    it is not `other_than` (it is written a moment after the pages)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        raw = fetch(preview.url("pagefind/pagefind-entry.json"))
        try:  # before the index is written, the address answers with the preview's 404 page
            name = json.loads(raw or "")["languages"]["th"]["hash"]
        except ValueError:
            name = other_than
        if name != other_than:
            return str(name)
        time.sleep(0.3)
    raise AssertionError(f"the preview's search index was not written again:\n{preview.output()}")


@pytest.mark.slow
def test_serve_rebuilds_on_data_change(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project({"data/2569/oit/o02-executives.yml": PERSON})
    with serving(root, tmp_path / "serve.log") as preview:
        url = preview.url("2569/oit/o2/")
        page = wait_for(url, "นายสมชาย ใจดี", preview)
        # Previews show completeness, which the public site hides by default.
        assert "oit-status--complete" in page
        index = search_index(preview)
        copies = root / ".oit/serve/search"  # what Pagefind reads: every page once
        pages = sorted(p.relative_to(copies) for p in copies.rglob("*.html"))
        item = Path(root / "data/2569/oit/o02-executives.yml")
        for name in ("นายสมศักดิ์", "นายสมหมาย"):
            item.write_text(PERSON.replace("นายสมชาย", name), encoding="utf-8")
            wait_for(url, f"{name} ใจดี", preview)
            # The preview's search is written again, with the rebuilt page as it is now.
            index = search_index(preview, other_than=index)
            assert sorted(p.relative_to(copies) for p in copies.rglob("*.html")) == pages
            o2 = (copies / "2569/oit/o2/index.html").read_text(encoding="utf-8")
            assert name in o2.replace(ZWSP, "") and "นายสมชาย" not in o2.replace(ZWSP, "")
    # The preview's dirty builds are its own choice: no hint about MkDocs' options.
    assert "--clean" not in preview.output()
    assert "dirty" not in preview.output()


BROKEN = "data/2569/oit/o02-executives.yml:7:11: error: YAML syntax error: a [ is never closed."
#: The same problem on the page the browser shows (its place set apart, its text escaped).
SHOWN = "<code>data/2569/oit/o02-executives.yml:7:11</code>: error: YAML syntax error: a [ is never closed."


@pytest.mark.slow
def test_serve_shows_data_errors_in_the_browser_until_fixed(
    make_project: MakeProject, tmp_path: Path
) -> None:
    broken = PERSON.lstrip("\n") + "  - name: [nobody\n"
    root = make_project({"data/2569/oit/o02-executives.yml": broken})
    item = root / "data/2569/oit/o02-executives.yml"
    with serving(root, tmp_path / "serve.log") as preview:
        # A data error at the start: the server starts all the same and lists the problem,
        # at every address, with its file:line.
        for path in ("", "2569/oit/o2/", "en/about/", "no/such/page/"):
            page = wait_for(preview.url(path), "The site could not be built", preview)
            assert SHOWN in page
        assert '<meta http-equiv="refresh"' in page  # the page reloads itself
        item.write_text(PERSON, encoding="utf-8")
        wait_for(preview.url("2569/oit/o2/"), "นายสมชาย ใจดี", preview)
        # Broken again: the site gives way to the problems, and no request waits for a fix.
        item.write_text(broken, encoding="utf-8")
        wait_for(preview.url("2569/oit/o2/"), SHOWN, preview)
        started = time.monotonic()
        for path in ("2569/oit/o2/", "pagefind/pagefind-entry.json", "assets/oit.css"):
            assert SHOWN in (fetch(preview.url(path), timeout=10) or "")
        assert time.monotonic() - started < 5
        item.write_text(PERSON.replace("นายสมชาย", "นายสมศักดิ์"), encoding="utf-8")
        wait_for(preview.url("2569/oit/o2/"), "นายสมศักดิ์ ใจดี", preview)
        wait_for(preview.url("en/2569/oit/o2/"), "Mr Somchai Jaidee", preview)
    assert BROKEN in preview.output()
    assert "Traceback" not in preview.output()


@pytest.mark.slow
def test_serve_shows_a_broken_mkdocs_yml_in_the_browser(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project({"data/2569/oit/o02-executives.yml": PERSON})
    config = root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    with serving(root, tmp_path / "serve.log") as preview:
        wait_for(preview.url("2569/oit/o2/"), "นายสมชาย ใจดี", preview)
        config.write_text(good + "nav: [index.md\n", encoding="utf-8")
        page = wait_for(preview.url("2569/oit/o2/"), "The site could not be built", preview)
        assert "mkdocs.yml:" in page and "YAML syntax error" in page
        config.write_text(good.replace("site_name:", "site_name: x\nold_name:"), encoding="utf-8")
        page = wait_for(preview.url(""), "site_name is", preview)
        assert "mkdocs.yml:" in page
        config.write_text(good, encoding="utf-8")
        wait_for(preview.url("2569/oit/o2/"), "นายสมชาย ใจดี", preview)
    assert "Traceback" not in preview.output()


@pytest.mark.slow
def test_serve_shows_the_problems_in_thai(make_project: MakeProject, tmp_path: Path) -> None:
    broken = PERSON.lstrip("\n") + "  - name: [nobody\n"
    root = make_project({"data/2569/oit/o02-executives.yml": broken})
    with serving(root, tmp_path / "serve.log", "--lang", "th") as preview:
        page = wait_for(preview.url("2569/oit/o2/"), "สร้างเว็บไซต์ไม่สำเร็จ", preview)
        assert '<html lang="th">' in page and "The site could not be built" not in page
        assert "<code>data/2569/oit/o02-executives.yml:7:11</code>: ข้อผิดพลาด: " in page
    assert "data/2569/oit/o02-executives.yml:7:11: ข้อผิดพลาด: " in preview.output()
    assert "หน้าตัวอย่างเว็บไซต์จะแสดงปัญหาเหล่านี้จนกว่าจะแก้ไข" in preview.output()


def test_the_error_page_escapes_what_it_shows() -> None:
    page = error_page(
        [
            "the data has errors:\n"
            'data/agency.yml:1:7: error: "<script>alert(1)</script>" is not a name.\n'
            "1 error, 0 warnings",
            "Traceback (most recent call last):\n  <b>bug</b>",
        ],
        "en",
    ).decode("utf-8")
    assert "<script>alert" not in page and "<b>bug" not in page
    assert (
        "<li><code>data/agency.yml:1:7</code>: error: &quot;&lt;script&gt;alert(1)&lt;/script&gt;"
        "&quot; is not a name.</li>"
    ) in page
    assert (
        '<pre lang="en">Traceback (most recent call last):\n  &lt;b&gt;bug&lt;/b&gt;</pre>' in page
    )
    assert "<p>1 error, 0 warnings</p>" in page


def test_the_error_page_is_in_the_readers_language() -> None:
    """The page's own words in the language of the problems it lists (`oit serve --lang`,
    OIT_LANG, else `settings: messages:`, else Thai), as the plugin logs them."""
    problem = 'data/agency.yml:1:1: ข้อผิดพลาด: ไม่มี "short_name"'
    thai = error_page([problem], "th").decode("utf-8")
    assert '<html lang="th">' in thai
    assert "<title>สร้างเว็บไซต์ไม่สำเร็จ</title>" in thai
    assert "ให้แก้ไขแฟ้มตามรายการด้านล่างแล้วบันทึก" in thai
    assert "The site could not be built" not in thai
    english = error_page(["data/agency.yml:1:1: error: x"], "en").decode("utf-8")
    assert '<html lang="en">' in english and "<h1>The site could not be built</h1>" in english
    assert "สร้างเว็บไซต์" not in english


@pytest.mark.slow
def test_a_stopped_preview_leaves_nothing_behind(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project({"data/2569/oit/o02-executives.yml": PERSON})
    with serving(root, tmp_path / "serve.log") as preview:
        wait_for(preview.url("2569/oit/o2/"), "นายสมชาย ใจดี", preview)
        search_index(preview)
        folder = re.search(r"documentation to directory: (\S+)", preview.output())
        assert folder is not None and Path(folder.group(1)).is_dir()
    assert preview.process.returncode == 128 + signal.SIGTERM, preview.output()
    assert "Traceback" not in preview.output()
    assert not Path(folder.group(1)).exists()  # the preview's site, in the temporary folder
