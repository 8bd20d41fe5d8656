"""Shared fixtures: tiny throwaway projects, and the sample agency built once per session.

The tests read the sample agency from their own copy, tests/sample/ (data/, content/,
mkdocs.yml, urls.txt), never from the checkout's data/ and content/: a fork that replaces
those with its own agency's files still passes the suite. test_sample.py keeps the copy
equal to the repository's sample while the repository holds it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator import messages
from generator.model.project import FiscalYear, Item

REPO = Path(__file__).resolve().parent.parent
#: The tests' own copy of the sample agency's project.
SAMPLE = REPO / "tests" / "sample"

MINI_AGENCY = """\
name: {th: กรมทดสอบระบบ, en: Department of Testing}
short_name: {th: กทร., en: DOT}
site_url: https://www.example.go.th/ita/
contact:
  phones: ["0 2123 4567"]
  email: contact@example.go.th
units:
  สล.: {th: สำนักงานเลขานุการกรม, en: Office of the Secretary}
  ศปท.: {th: ศูนย์ปฏิบัติการต่อต้านการทุจริต, en: Anti-Corruption Operation Center}
"""

MakeProject = Callable[..., Path]

# A message rendered in Thai without a Thai form fails the test that shows it.
messages.STRICT = True


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite reads messages in English (OIT_LANG=en, as `--lang en`), as they were written;
    tests of the Thai messages say `--lang th` (test_corpus.py, test_messages.py)."""
    monkeypatch.setenv("OIT_LANG", "en")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests, and the tests that read a whole built site, so that
    `make test-quick` (`-m "not browser and not slow"`) leaves them out."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        elif {"built_sample", "broken_copy"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """A project at `root`: the sample's mkdocs.yml (named after the agency) and home pages,
    plus `files` (dedented text, or bytes) on top of a minimal agency with a FY2569 year."""
    (root / "content").mkdir()
    for name in ("index.md", "index.en.md", "about.md", "about.en.md"):
        shutil.copy(SAMPLE / "content" / name, root / "content" / name)
    shutil.copytree(SAMPLE / "content" / "help", root / "content" / "help")  # in mkdocs.yml's nav
    base: dict[str, str | bytes] = {
        "data/agency.yml": MINI_AGENCY,
        "data/2569/year.yml": "checklist: ita-2569\n",
    }
    for name, text in {**base, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    if "mkdocs.yml" not in files:
        shutil.copy(SAMPLE / "mkdocs.yml", root / "mkdocs.yml")
        name_the_site(root)
    return root


def name_the_site(root: Path) -> None:
    """Make mkdocs.yml's site_name the agency's Thai name (MkDocs requires the line, and
    `oit check` requires it to agree with data/agency.yml)."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    name = json.dumps(_agency_name(root), ensure_ascii=False)
    config = re.sub(r"(?m)^site_name: .*$", lambda _: f"site_name: {name}", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def _agency_name(root: Path) -> str:
    """The Thai name in the project's data/agency.yml (which mkdocs.yml's site_name must be),
    or the minimal agency's where that file cannot say."""
    try:
        data = yaml.safe_load((root / "data" / "agency.yml").read_text(encoding="utf-8"))
        name = data["name"]
        return str(name["th"] if isinstance(name, dict) else name)
    except Exception:
        return "กรมทดสอบระบบ"


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    def make(files: dict[str, str | bytes] | None = None, name: str = "project") -> Path:
        root = tmp_path / name
        root.mkdir()
        return write_project(root, files or {})

    return make


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a test left a process of its own behind (a server, a build)."""
    proc = Path("/proc")
    if not proc.is_dir():  # not Linux: nothing to look at
        return
    left = []
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            left.append(stat.parent.name)
    if left:
        print(f"\nprocesses left behind by the tests: {', '.join(sorted(left))}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


#: An item file with one person in both languages (O2, the executives).
PERSON = """
blocks:
  - type: people
    element: executives
    people:
      - name: {th: นายสมชาย ใจดี, en: Mr Somchai Jaidee}
        position: {th: อธิบดี, en: Director-General}
"""


def item_of(year: FiscalYear, code: str) -> Item:
    """The item `code` of a loaded fiscal year (a test of a missing item fails here)."""
    item = year.item(code)
    assert item is not None, f"FY{year.fy} has no item {code}"
    return item


def run_oit(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real `oit` command in a subprocess, as an editor or CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample agency's project (read-only use), with the JSON Schema files."""
    root = tmp_path_factory.mktemp("sample") / "project"
    shutil.copytree(SAMPLE, root)
    shutil.copytree(REPO / "schema", root / "schema")
    return root


@pytest.fixture(scope="session")
def built_sample(sample_copy: Path) -> Path:
    """The sample agency's site, built once with `oit build` (the site/ folder)."""
    result = run_oit("build", "--project", sample_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    return sample_copy / "site"


SAMPLE_SITE_URL = "https://www.example.go.th/ita/"


def build_sample_at(root: Path, site_url: str) -> Path:
    """The sample agency built as if published at `site_url` (a local test server), so
    that the full addresses in its pages (canonical, hreflang, the language switch's
    sitemap) point at that server; returns the site folder."""
    shutil.copytree(SAMPLE, root)
    agency = root / "data" / "agency.yml"
    text = agency.read_text(encoding="utf-8")
    assert SAMPLE_SITE_URL in text
    # data/agency.yml alone says where the site is published.
    agency.write_text(text.replace(SAMPLE_SITE_URL, site_url), encoding="utf-8")
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"
