"""The staged docs folder: content/ plus the generated pages, never written back into content/."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PERSON, MakeProject, run_oit
from generator.errors import DataError
from generator.mkdocs_plugin.staging import page_address, stage


def origin(name: str) -> str:
    return "data/2569/oit/o04-plan.yml"


@pytest.mark.parametrize(
    ("name", "address"),
    [
        ("index.md", ""),
        ("index.en.md", ""),
        ("about.md", "about/"),
        ("about.en.md", "about/"),
        ("2569/oit/o4/index.md", "2569/oit/o4/"),
        ("2569/oit/o4.md", "2569/oit/o4/"),
        ("2569/oit/README.md", "2569/oit/"),
        ("files/report.pdf", None),
    ],
)
def test_page_address(name: str, address: str | None) -> None:
    assert page_address(name) == address


def test_a_hand_written_page_at_a_generated_address_is_an_error_naming_both(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    (content / "2569/oit").mkdir(parents=True)
    (content / "2569/oit/o4.md").write_text("mine", encoding="utf-8")
    (content / "index.md").write_text("home", encoding="utf-8")
    files: dict[str, str | bytes] = {"2569/oit/o4/index.md": "generated", "years/index.md": "x"}
    with pytest.raises(DataError) as caught:
        stage(content, files, origin, tmp_path / ".oit/build/docs", tmp_path)
    assert [p.format("en") for p in caught.value.problems] == [
        "content/2569/oit/o4.md:1:1: error: this hand-written file takes the place of "
        "/2569/oit/o4/, which the tool generates from data/2569/oit/o04-plan.yml. Move or "
        "rename this file; the generated page keeps that address."
    ]
    assert (content / "2569/oit/o4.md").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / ".oit").exists()


@pytest.mark.slow
def test_the_build_stops_on_a_hand_written_page_and_leaves_it_untouched(
    make_project: MakeProject,
) -> None:
    root = make_project(
        {
            "data/2569/oit/o02-executives.yml": PERSON,
            "content/2569/oit/o2/index.md": "# hand-written\n",
            "content/years/index.en.md": "# mine\n",
        }
    )
    result = run_oit("build", "--project", root)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert (
        "content/2569/oit/o2/index.md:1:1: error: this hand-written file takes the place of "
        "/2569/oit/o2/, which the tool generates from data/2569/oit/o02-executives.yml."
    ) in output
    assert (
        "content/years/index.en.md:1:1: error: this hand-written file takes the place of "
        "/years/, which the tool generates from data/."
    ) in output
    assert (root / "content/2569/oit/o2/index.md").read_text(encoding="utf-8") == (
        "# hand-written\n"
    )
    assert not (root / "site").exists()


def test_staging_never_writes_through_links(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("home", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("keep me", encoding="utf-8")
    staging = tmp_path / ".oit/build/docs"
    (staging / "2569").mkdir(parents=True)
    (staging / "2569/index.md").symlink_to(elsewhere)  # planted: a file link
    outside = tmp_path / "outside"
    outside.mkdir()
    (staging / "years").symlink_to(outside, target_is_directory=True)  # and a folder link
    files: dict[str, str | bytes] = {"2569/index.md": "generated", "years/index.md": "years"}
    stage(content, files, origin, staging, tmp_path)
    assert elsewhere.read_text(encoding="utf-8") == "keep me"
    assert list(outside.iterdir()) == []
    assert not (staging / "2569/index.md").is_symlink()
    assert (staging / "2569/index.md").read_text(encoding="utf-8") == "generated"
    assert (staging / "years/index.md").read_text(encoding="utf-8") == "years"
    # content/ is mirrored; writing a generated file never changes a content file
    assert (content / "index.md").read_text(encoding="utf-8") == "home"


def test_a_staging_folder_in_content_or_behind_a_link_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("home", encoding="utf-8")
    with pytest.raises(DataError, match="overlaps content/"):
        stage(content, {"x/index.md": "x"}, origin, content / "docs", tmp_path)
    (tmp_path / ".oit").symlink_to(content, target_is_directory=True)
    with pytest.raises(DataError, match="is reached through a link"):
        stage(content, {"x/index.md": "x"}, origin, tmp_path / ".oit/build/docs", tmp_path)
    assert sorted(p.name for p in content.iterdir()) == ["index.md"]


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("home", encoding="utf-8")
    staging = tmp_path / "docs"
    stage(content, {"a/index.md": "a", "b/index.md": "b"}, origin, staging, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in staging.rglob("*.md")}
    time.sleep(0.01)
    stage(content, {"a/index.md": "a", "b/index.md": "changed"}, origin, staging, tmp_path)
    after = {p: p.stat().st_mtime_ns for p in staging.rglob("*.md")}
    assert [p.relative_to(staging).as_posix() for p in before if before[p] != after[p]] == [
        "b/index.md"
    ]
    stage(content, {"a/index.md": "a"}, origin, staging, tmp_path)
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")) == [
        "a",
        "a/index.md",
        "index.md",
    ]


@pytest.mark.slow
def test_build_and_serve_stage_in_folders_of_their_own(make_project: MakeProject) -> None:
    root = make_project({"data/2569/oit/o02-executives.yml": PERSON})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (root / ".oit/build/docs/2569/oit/o2/index.md").is_file()
    assert not (root / ".oit/serve").exists()
    # `oit build` stages in its own scratch folder, which it removes
    assert run_oit("build", "--project", root).returncode == 0
    assert not [p for p in root.iterdir() if p.name.startswith(".oit-build-")]


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_killed_build_leaves_no_process_and_no_scratch_folder(
    make_project: MakeProject, signum: int
) -> None:
    root = make_project({"data/2569/oit/o02-executives.yml": PERSON})
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--project", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: whatever it started is in it
    )
    deadline = time.monotonic() + 60
    while not [p for p in root.iterdir() if p.name.startswith(".oit-build-")]:
        assert build.poll() is None, build.communicate()[0]
        assert time.monotonic() < deadline, "the build never started MkDocs"
        time.sleep(0.02)
    os.kill(build.pid, signum)
    output = build.communicate(timeout=60)[0]
    assert build.returncode == 128 + signum, output
    assert "Traceback" not in output
    assert not [p for p in root.iterdir() if p.name.startswith(".oit-build-")]
    with pytest.raises(ProcessLookupError):
        os.killpg(build.pid, 0)  # no process of the build's group is left
    assert not (root / "site").exists()


#: Run the `oit` command with Pagefind's program replaced by one that never ends, so that a
#: test can stop the build while it waits for the search index.
ENDLESS_PAGEFIND = """
import sys, pagefind_bin_extended
endless = sys.argv.pop(1)
pagefind_bin_extended.get_executable = lambda: endless
from generator.cli import main
main()
"""


def _group(pgid: int) -> list[str]:
    """The commands of the processes of a process group (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")[0].decode()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:
            found.append(command)
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_a_build_killed_while_indexing_stops_pagefind(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project({"data/2569/oit/o02-executives.yml": PERSON})
    endless = tmp_path / "pagefind"
    endless.write_text("#!/bin/sh\nexec sleep 600\n")
    endless.chmod(0o755)
    build = subprocess.Popen(
        [sys.executable, "-c", ENDLESS_PAGEFIND, str(endless), "build", "--project", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not any("sleep" in command for command in _group(build.pid)):
        assert build.poll() is None, build.communicate()[0]
        assert time.monotonic() < deadline, "the build never started Pagefind"
        time.sleep(0.05)
    os.kill(build.pid, signal.SIGTERM)
    output = build.communicate(timeout=60)[0]
    assert build.returncode == 128 + signal.SIGTERM, output
    assert "Traceback" not in output
    deadline = time.monotonic() + 10
    while _group(build.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _group(build.pid) == []  # Pagefind's program was stopped with the build
    assert not [p for p in root.iterdir() if p.name.startswith(".oit-build-")]
    assert not (root / "site").exists()
