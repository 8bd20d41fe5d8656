"""tests/sample/ is the tests' own copy of the sample agency (data/, content/, mkdocs.yml,
urls.txt). While the repository's root holds the sample, the two are the same files; a fork
whose root holds its own agency (made by `oit init`) skips this test and passes the rest of
the suite, which never reads the root's data/ or content/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, SAMPLE

PARTS = ("data", "content", "mkdocs.yml", "urls.txt")
#: The first lines of the sample's data/agency.yml say it is the sample.
MARKER = "# SAMPLE DATA: a fictional agency."


def files(root: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for part in PARTS:
        path = root / part
        if path.is_file():
            found[part] = path.read_bytes()
        for file in sorted(path.rglob("*")) if path.is_dir() else ():
            if file.is_file() and "__pycache__" not in file.parts:
                found[file.relative_to(root).as_posix()] = file.read_bytes()
    return found


def holds_the_sample(root: Path) -> bool:
    agency = root / "data" / "agency.yml"
    return agency.is_file() and MARKER in agency.read_text(encoding="utf-8")


def test_the_tests_copy_is_the_sample() -> None:
    assert holds_the_sample(SAMPLE)
    if not holds_the_sample(REPO):
        pytest.skip(
            "the repository's data/ holds an agency of its own (a fork): nothing to compare"
        )
    ours, root = files(SAMPLE), files(REPO)
    differ = sorted(name for name in ours.keys() | root.keys() if ours.get(name) != root.get(name))
    assert differ == [], (
        "tests/sample/ is not the repository's sample; run `make sample` to copy the sample "
        "into tests/sample/ (or, for a fork holding its own agency, delete the line "
        f'"{MARKER}" from data/agency.yml). Files that differ: {", ".join(differ)}'
    )
