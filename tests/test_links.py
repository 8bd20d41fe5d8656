"""Link integrity of the built site, and the on-request check of links to other sites."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import MakeProject, run_oit
from generator.mkdocs_plugin.links import check_links

SITE_URL = "https://www.example.go.th/ita/"


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def test_every_kind_of_reference_is_resolved(tmp_path: Path) -> None:
    links = [
        "../files/report.pdf",  # a file, relative
        "../files/%E0%B8%A3.pdf",  # percent-encoded Thai name
        "../other/",  # a page (folder with index.html)
        "../other",  # a folder without the slash
        "../other/#top",  # an anchor that exists
        "#here",  # an anchor on the same page
        "/ita/other/",  # from the host's root, inside the site
        "https://www.example.go.th/ita/other/",  # a full address of the site
        "https://www.example.go.th/news/",  # the agency's main site: external
        "https://egp.example.org/x",  # another host: external
        "mailto:a@example.go.th",
        "tel:021234567",
        # broken:
        "../files/missing.pdf",
        "../other/#nowhere",
        "#gone",
        "/news/",
        "../../../../etc/passwd",
        "https://www.example.go.th/ita/nothing/",
    ]
    body = "".join(f'<a href="{link}">x</a>' for link in links)
    site = write_site(
        tmp_path,
        {
            "page/index.html": f'<p id="here">{body}<img src="../files/logo.png"></p>',
            "other/index.html": '<h1 id="top">Other</h1>',
            "files/report.pdf": "%PDF",
            "files/ร.pdf": "%PDF",
            "files/logo.png": "png",
        },
    )
    broken = [b.format("en") for b in check_links(site, SITE_URL)]
    assert broken == [
        "page/index.html: ../files/missing.pdf (no such file or page)",
        "page/index.html: ../other/#nowhere (no #nowhere on that page)",
        "page/index.html: #gone (no #gone on that page)",
        "page/index.html: /news/ (outside the site's folder /ita/)",
        "page/index.html: ../../../../etc/passwd (outside the site's folder /ita/)",
        "page/index.html: https://www.example.go.th/ita/nothing/ (no such file or page)",
    ]


@pytest.mark.slow
def test_a_broken_link_fails_the_build(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/2569/oit/o01-structure.yml": "blocks:\n  - type: documents\n    element: chart\n"
            "    documents:\n      - {title: แผนผัง, url: https://www.example.go.th/chart.pdf}\n"
        }
    )
    about = root / "content/about.md"
    about.write_text(
        about.read_text(encoding="utf-8")
        + '\n<a href="../files/nope.pdf">report</a> <img src="../pictures/none.png" alt="">\n'
        '<a href="../2569/oit/o1/#el-nothing">o1</a> <a href="../2569/oit/o1/#el-chart">ok</a>\n',
        encoding="utf-8",
    )
    result = run_oit("build", "--project", root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "broken links in the built site:\n"
        "  about/index.html: ../files/nope.pdf (no such file or page)\n"
        "  about/index.html: ../pictures/none.png (no such file or page)\n"
        "  about/index.html: ../2569/oit/o1/#el-nothing (no #el-nothing on that page)\n"
    ) in result.stderr
    assert not (root / "site").exists()


# -- links to other sites (oit check --external) ---------------------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[str]:
    """An http.server on a free port standing in for another site: /ok.html exists."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www/ok.html").write_text("<p>ok</p>", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path / "www")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_external_links_only_on_request(make_project: MakeProject, local_server: str) -> None:
    root = make_project(
        {
            "data/2569/oit/o10-e-service.yml": f"""\
            blocks:
              - type: links
                links:
                  - {{title: ระบบที่ใช้ได้, url: "{local_server}/ok.html"}}
                  - {{title: ระบบที่ปิดไปแล้ว, url: "{local_server}/gone.html"}}
              - type: text
                body: "ดู[คู่มือ]({local_server}/manual.html)"
            """
        }
    )
    plain = run_oit("check", "--project", root, "--as-of", "2026-03-15")
    assert plain.returncode == 0
    assert "does not work" not in plain.stdout
    result = run_oit("check", "--external", "--project", root, "--as-of", "2026-03-15")
    assert result.returncode == 0  # a dead link elsewhere is a warning, not a data error
    found = [line for line in result.stdout.splitlines() if "does not work" in line]
    assert found == [
        f"data/2569/oit/o10-e-service.yml:5:40: warning: the link {local_server}/gone.html "
        "does not work: the server answers 404 File not found. Check the address, or remove "
        "the link if the page is gone.",
        f"data/2569/oit/o10-e-service.yml:7:11: warning: the link {local_server}/manual.html "
        "does not work: the server answers 404 File not found. Check the address, or remove "
        "the link if the page is gone.",
    ]
