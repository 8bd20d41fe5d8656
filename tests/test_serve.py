"""`oit serve`: the preview rebuilds when a data file changes, and shows completeness."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import MakeProject
from generator.mkdocs_plugin.search import ZWSP

ITEM = """
blocks:
  - type: people
    element: executives
    people:
      - name: {th: นายสมชาย ใจดี, en: Mr Somchai Jaidee}
        position: {th: อธิบดี, en: Director-General}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, server: subprocess.Popen[str], seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        assert server.poll() is None, server.communicate()[0]
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url}")


def search_index(port: int) -> str:
    """The preview's search index, by the name of its Thai part (which changes with it)."""
    raw = fetch(f"http://127.0.0.1:{port}/ita/pagefind/pagefind-entry.json")
    assert raw is not None
    return str(json.loads(raw)["languages"]["th"]["hash"])


def wait_for_index(port: int, other_than: str, seconds: float = 60) -> str:
    """The preview's search index once it is no longer `other_than` (it is written a moment
    after the pages)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        raw = fetch(f"http://127.0.0.1:{port}/ita/pagefind/pagefind-entry.json")
        if raw is not None and (name := json.loads(raw)["languages"]["th"]["hash"]) != other_than:
            return str(name)
        time.sleep(0.3)
    raise AssertionError("the preview's search index was not written again")


@pytest.mark.slow
def test_serve_rebuilds_on_data_change(make_project: MakeProject) -> None:
    root = make_project({"data/2569/oit/o02-executives.yml": ITEM})
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--project",
            str(root),
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/ita/2569/oit/o2/"
        page = wait_for(url, "นายสมชาย ใจดี", server)
        # Previews show completeness, which the public site hides by default.
        assert "oit-status--complete" in page
        index = wait_for_index(port, "")
        copies = root / ".oit/serve/search"  # what Pagefind reads: every page once
        pages = sorted(p.relative_to(copies) for p in copies.rglob("*.html"))
        item = Path(root / "data/2569/oit/o02-executives.yml")
        for name in ("นายสมศักดิ์", "นายสมหมาย"):
            item.write_text(ITEM.replace("นายสมชาย", name), encoding="utf-8")
            wait_for(url, f"{name} ใจดี", server)
            # The preview's search is written again, with the rebuilt page as it is now.
            index = wait_for_index(port, index)
            assert sorted(p.relative_to(copies) for p in copies.rglob("*.html")) == pages
            o2 = (copies / "2569/oit/o2/index.html").read_text(encoding="utf-8")
            assert name in o2.replace(ZWSP, "") and "นายสมชาย" not in o2.replace(ZWSP, "")
    finally:
        server.terminate()
        server.wait(timeout=10)
