"""URL stability: the committed manifest, lost addresses, redirects and `oit urls`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, MakeProject, run_oit
from generator.mkdocs_plugin.manifest import built_addresses, read_manifest, sort_addresses
from generator.mkdocs_plugin.redirects import expand
from generator.model.project import load_project
from generator.site.render import render_site

CHECKLIST_2569 = (REPO / "generator/checklists/ita-2569.yml").read_text(encoding="utf-8")


def copy_of(sample: Path, dest: Path) -> Path:
    shutil.copytree(sample, dest, ignore=shutil.ignore_patterns(".oit", "site"))
    return dest


def test_committed_manifest_lists_exactly_the_sample_sites_addresses(built_sample: Path) -> None:
    project = load_project(SAMPLE)
    files = render_site(project).files
    data_files = [name for name in files if not name.endswith(".md")]
    recorded = read_manifest(SAMPLE / "urls.txt")
    assert recorded == sort_addresses(recorded)
    # Published too: the old addresses data/redirects.yml sends on.
    published = built_addresses(built_sample, data_files) | set(expand(project.redirects))
    assert set(recorded) == published
    assert "/2569/oit/o21/table-2.csv" in project.redirects
    for address in ("/", "/en/", "/2569/oit/o11/", "/en/2568/oit/o1/", "/2569/itas/"):
        assert address in recorded
    assert "/2569/oit/o11/procurement.csv" in recorded
    assert not [a for a in recorded if a.startswith(("/assets/", "/files/", "/search/"))]


@pytest.mark.slow
def test_deleting_an_item_file_fails_the_build_naming_its_urls(
    sample_copy: Path, tmp_path: Path
) -> None:
    root = copy_of(sample_copy, tmp_path / "project")
    next((root / "data/2569/oit").glob("o20-*.yml")).unlink()
    result = run_oit("build", "--project", root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "the site no longer has these addresses, which urls.txt lists as published:\n"
        "  /2569/oit/o20/\n"
        "  /2569/oit/o20/table-1.csv\n"
        "  /2569/oit/o20/table-1.json\n"
        "  /en/2569/oit/o20/\n"
    ) in result.stderr
    assert not (root / "site").exists()
    # Plain `mkdocs build` runs the same check.
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "plain")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.returncode == 1
    assert "  /2569/oit/o20/\n" in plain.stderr


@pytest.fixture
def renumbered(sample_copy: Path, tmp_path: Path) -> Path:
    """The sample after a corrected checklist dropped item O20 and its file was deleted."""
    root = copy_of(sample_copy, tmp_path / "renumbered")
    (root / "data/checklists").mkdir()
    start = CHECKLIST_2569.index("  - code: o20")
    end = CHECKLIST_2569.index("  - code: o21")
    without_o20 = CHECKLIST_2569[:start] + CHECKLIST_2569[end:]
    (root / "data/checklists/ita-2569.yml").write_text(without_o20, encoding="utf-8")
    next((root / "data/2569/oit").glob("o20-*.yml")).unlink()
    return root


# Added to the sample's own data/redirects.yml.
REDIRECTS = """\
  # Item O20 was dropped by the corrected checklist; its content moved to O15 (ethics).
  /2569/oit/o20/: /2569/oit/o15/
  /2569/oit/o20/table-1.csv: /2569/oit/o18/table-1.csv
  /2569/oit/o20/table-1.json: /2569/oit/o18/table-1.json
"""


@pytest.mark.slow
def test_a_declared_redirect_makes_the_build_pass_and_the_old_url_redirect(
    renumbered: Path,
) -> None:
    failed = run_oit("build", "--project", renumbered)
    assert failed.returncode == 1
    assert (
        "the site no longer has these addresses, which urls.txt lists as published:\n"
        "  /2569/oit/o20/\n"
        "  /2569/oit/o20/table-1.csv\n"
        "  /2569/oit/o20/table-1.json\n"
        "  /en/2569/oit/o20/\n"
        "Bring them back, or say in data/redirects.yml where each one went (a page's line "
        "covers every language), e.g.\n"
        "  redirects:\n"
        "    /2569/oit/o20/: /where/it/went/\n"
    ) in failed.stderr
    with (renumbered / "data/redirects.yml").open("a", encoding="utf-8") as redirects:
        redirects.write(REDIRECTS)
    result = run_oit("build", "--project", renumbered)
    assert result.returncode == 0, result.stderr
    site = renumbered / "site"
    th = (site / "2569/oit/o20/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../../2569/oit/o15/">' in th
    assert '<link rel="canonical" href="https://www.example.go.th/ita/2569/oit/o15/">' in th
    assert '<a href="../../../2569/oit/o15/">https://www.example.go.th/ita/2569/oit/o15/</a>' in th
    en = (site / "en/2569/oit/o20/index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in en
    assert '<meta http-equiv="refresh" content="0; url=../../../../en/2569/oit/o15/">' in en
    copied = site / "2569/oit/o20/table-1.csv"
    assert copied.read_bytes() == (site / "2569/oit/o18/table-1.csv").read_bytes()
    if shutil.which("chromium"):
        with serving(renumbered) as base:
            assert "<h1" in (dom := browser_dom(f"{base}/ita/2569/oit/o20/"))
            assert "O15 ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม" in dom


@pytest.fixture
def mini(make_project: MakeProject) -> Path:
    """A small project in which every FY2569 item has a (still empty) file, so a page."""
    return make_project({f"data/2569/oit/o{n:02d}-item.yml": "blocks: []\n" for n in range(1, 27)})


@pytest.mark.slow
def test_redirects_must_leave_a_lost_address_for_an_existing_one(mini: Path) -> None:
    (mini / "data/redirects.yml").write_text(
        "redirects:\n  /2569/oit/o1/: /2569/oit/o2/\n  /2569/oit/o99/: /2569/oit/o98/\n",
        encoding="utf-8",
    )
    result = run_oit("build", "--project", mini)
    assert result.returncode == 1
    assert (
        "data/redirects.yml:2:3: error: /2569/oit/o1/ is still an address of the site, so it "
        "cannot redirect. Remove this line, or remove the page it names.\n"
        "data/redirects.yml:3:3: error: the new address /2569/oit/o98/ is not an address of "
        "the site. Redirect to a page (or data file) the site publishes, as urls.txt lists it."
    ) in result.stderr


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "/2569/oit/o26/: https://www.example.go.th/ita/2569/oit/o25/",
            'data/redirects.yml:2:19: error: "https://www.example.go.th/ita/2569/oit/o25/" is '
            "not an address on this site. Write the path from the site root, as urls.txt lists "
            "it, e.g. /2569/oit/o26/.",
        ),
        (
            "/en/2569/oit/o26/: /en/2569/oit/o25/",
            'data/redirects.yml:2:22: error: "/en/2569/oit/o26/" names a page in one language. '
            "Write the th path without /en/: a redirect covers every language.",
        ),
        (
            "/2569/oit/o26/: /2569/oit/o25/table-1.csv",
            "data/redirects.yml:2:3: error: /2569/oit/o26/ and /2569/oit/o25/table-1.csv are not "
            "both pages (ending in /) or both files. A page can only redirect to a page, and a "
            "data file to a data file.",
        ),
        (
            "/2569/oit/../o26/: /2569/oit/o25/",
            'data/redirects.yml:2:22: error: "/2569/oit/../o26/" is not a plain site path. '
            "Use letters, digits, - _ . and / only, e.g. /2569/oit/o26/.",
        ),
    ],
)
def test_bad_redirects_are_data_errors(mini: Path, line: str, message: str) -> None:
    (mini / "data/redirects.yml").write_text(f"redirects:\n  {line}\n", encoding="utf-8")
    result = run_oit("check", "--project", mini, "--as-of", "2026-03-15")
    assert result.returncode == 1
    assert message in result.stdout.splitlines()


@pytest.mark.slow
def test_oit_urls_records_new_addresses_and_never_drops_one(mini: Path) -> None:
    first = run_oit("urls", "--project", mini)
    assert first.returncode == 1
    assert "not recorded: /2569/oit/o1/" in first.stdout
    assert not (mini / "urls.txt").exists()
    update = run_oit("urls", "--update", "--project", mini)
    assert update.returncode == 0, update.stderr
    recorded = read_manifest(mini / "urls.txt")
    assert recorded[:4] == ["/", "/2569/", "/2569/itas/", "/2569/itas/itas-2569.csv"]
    assert "/2569/oit/o2/" in recorded and "/en/2569/oit/o26/" in recorded
    assert recorded.index("/2569/oit/o2/") < recorded.index("/2569/oit/o10/")
    again = run_oit("urls", "--project", mini)
    assert again.returncode == 0
    assert again.stdout == "urls.txt lists every address of the site\n"
    # An address of an archived year that is no longer built is never dropped by --update.
    text = (mini / "urls.txt").read_text(encoding="utf-8")
    (mini / "urls.txt").write_text(text + "/2568/oit/o1/\n", encoding="utf-8")
    lost = run_oit("urls", "--update", "--project", mini)
    assert lost.returncode == 1
    assert "  /2568/oit/o1/\n" in lost.stderr
    assert "/2568/oit/o1/" in read_manifest(mini / "urls.txt")


# -- a real browser follows the redirect ---------------------------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serving(root: Path) -> _Server:
    return _Server(root)


class _Server:
    """The built site under /ita/ (its site_url path) on a free local port."""

    def __init__(self, root: Path) -> None:
        (root / "web").mkdir(exist_ok=True)
        link = root / "web/ita"
        if not link.exists():
            link.symlink_to(root / "site")
        handler = partial(_Quiet, directory=str(root / "web"))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def browser_dom(url: str) -> str:
    """The page's DOM after Chromium has loaded it and followed any refresh."""
    result = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.stdout
