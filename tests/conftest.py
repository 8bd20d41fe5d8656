"""Shared fixtures: tiny throwaway projects, and the sample agency built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import messages
from generator.model.project import FiscalYear, Item

REPO = Path(__file__).resolve().parent.parent

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
    """A project at `root`: the repository's mkdocs.yml, theme and home pages, plus `files`
    (dedented text, or bytes) on top of a minimal agency with a FY2569 year."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "content").mkdir()
    for name in ("index.md", "index.en.md", "about.md", "about.en.md"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    shutil.copytree(REPO / "content" / "help", root / "content" / "help")  # in mkdocs.yml's nav
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
    return root


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
    """A copy of the repository's sample agency project (read-only use)."""
    root = tmp_path_factory.mktemp("sample") / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "urls.txt"):
        shutil.copy(REPO / name, root / name)
    for folder in ("content", "data", "theme", "schema"):
        shutil.copytree(REPO / folder, root / folder)
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
    root.mkdir(parents=True)
    for folder in ("content", "data", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("mkdocs.yml", "data/agency.yml"):
        text = (REPO / name).read_text(encoding="utf-8")
        assert SAMPLE_SITE_URL in text, name
        (root / name).write_text(text.replace(SAMPLE_SITE_URL, site_url), encoding="utf-8")
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"
