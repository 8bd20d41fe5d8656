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


def search_index(port: int) -> dict[str, str]:
    """{location: title and text without the zero-width spaces between Thai words}; fails on
    a location listed twice."""
    raw = fetch(f"http://127.0.0.1:{port}/ita/search/search_index.json")
    assert raw is not None
    docs = json.loads(raw)["docs"]
    index = {doc["location"]: (doc["title"] + doc["text"]).replace(ZWSP, "") for doc in docs}
    assert len(index) == len(docs)
    return index


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
        first = search_index(port)
        item = Path(root / "data/2569/oit/o02-executives.yml")
        for name in ("นายสมศักดิ์", "นายสมหมาย"):
            item.write_text(ITEM.replace("นายสมชาย", name), encoding="utf-8")
            wait_for(url, f"{name} ใจดี", server)
            # The preview's search holds every page once, with the rebuilt page as it is now.
            index = search_index(port)
            assert sorted(index) == sorted(first)
            o2 = " ".join(text for where, text in index.items() if where.startswith("2569/oit/o2/"))
            assert name in o2 and "นายสมชาย" not in o2
    finally:
        server.terminate()
        server.wait(timeout=10)
