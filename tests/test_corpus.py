"""Bad input never hurts: a corpus of malformed data, each case with its exact messages.

Each file in tests/corpus/ holds cases of one kind (YAML syntax, wrong types, aliases,
huge files, encodings, paths, links, markup, ...). A case writes a few files on top of a
tiny valid project and says what `oit check` must report: every error line, every warning
line (except the "has no content" warnings of the items the tiny project leaves empty),
exit code 1 when there are errors, and never a traceback. Cases with `page:` also render
the site and look at the Markdown a page gets; cases with `build: true` go through the real
`oit build` with a site/ already in place, which must stay byte for byte as it was.

File values in a case: a string is written as UTF-8 text as it is (no dedent); a mapping is
`{hex: ...}` (bytes), `{size: N}` (a file of N bytes, made sparse: the loader must refuse it
from its size, not read it), `{symlink: target}`, `{delete: true}`, or
`{before: ..., repeat: ..., times: N, after: ...}` for very long text.
"""

from __future__ import annotations

import hashlib
import re
import traceback
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, run_oit, write_project
from generator.cli import main
from generator.errors import DataError
from generator.model.project import load_project
from generator.site.render import render_site

CORPUS = REPO / "tests" / "corpus"
LINE = re.compile(r"^(\S.*?):(\d+):(\d+): (error|warning): ")
#: The tiny project leaves most items empty; those warnings are not what a case is about.
NO_CONTENT = re.compile(r": warning: FY\d+ item \w+ \(.*\) has no content\. ")
#: The tiny project publishes o2, which ita-2569 lists with low confidence (test_checks.py).
LOW_CONFIDENCE = re.compile(
    r": warning: FY\d+ publishes \d+ item\(s\) that the .* checklist lists "
)
# Readiness findings that the tiny project of most cases raises whatever the case is about
# (they have their own tests in test_readiness.py).
UNDATED = re.compile(r"nothing on it is dated|none of its entries says which month")


def load_cases() -> list[Any]:
    cases = []
    for path in sorted(CORPUS.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}/{case['id']}"))
    return cases


CASES = load_cases()


def write_case(root: Path, files: dict[str, Any]) -> Path:
    """The tiny project of conftest.py with the case's files on top."""
    root.mkdir(parents=True)
    write_project(root, {})
    for name, value in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, str):
            path.write_bytes(value.encode("utf-8"))
        elif "hex" in value:
            path.write_bytes(bytes.fromhex(value["hex"]))
        elif "size" in value:
            with path.open("wb") as handle:
                handle.truncate(value["size"])  # sparse: no disk space, but st_size is real
        elif "symlink" in value:
            path.symlink_to(value["symlink"])
        elif value.get("delete"):
            path.unlink()
        else:
            text = value["before"] + value["repeat"] * value["times"] + value["after"]
            path.write_bytes(text.encode("utf-8"))
    return root


def check(root: Path) -> tuple[int, list[str], list[str], str]:
    """`oit check` in-process: exit code, error lines, warning lines, whole output."""
    # A fixed date inside FY2569, the corpus's year: readiness then says nothing of 2570.
    result = CliRunner().invoke(main, ["check", "--project", str(root), "--as-of", "2026-03-15"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            "traceback:\n" + "".join(traceback.format_exception(result.exception)) + result.output
        )
    lines = [line for line in result.output.splitlines() if LINE.match(line)]
    errors = [line for line in lines if ": error: " in line]
    warnings = [
        line
        for line in lines
        if ": warning: " in line
        and not NO_CONTENT.search(line)
        and not UNDATED.search(line)
        and not LOW_CONFIDENCE.search(line)
    ]
    return result.exit_code, errors, warnings, result.output


def test_the_corpus_is_large_enough() -> None:
    kinds = {c.values[0]["id"] for c in CASES}
    assert len(kinds) >= 60, len(kinds)


@pytest.mark.parametrize("case", CASES)
def test_corpus_case(case: dict[str, Any], tmp_path: Path) -> None:
    root = write_case(tmp_path / "project", case["files"])
    code, errors, warnings, output = check(root)
    assert "Traceback" not in output
    assert errors == case.get("errors", []), output
    assert warnings == case.get("warnings", []), output
    assert code == (1 if errors else 0), output
    if errors:  # as the MkDocs plugin calls it: a DataError, nothing else
        with pytest.raises(DataError):
            load_project(root)
    if "page" in case:
        page = render_site(load_project(root)).files[case["page"]["file"]]
        for text in case["page"].get("contains", []):
            assert text in page, page
        for text in case["page"].get("absent", []):
            assert text not in page, page


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


BUILD_CASES = [c for c in CASES if c.values[0].get("build")]


@pytest.mark.parametrize("case", BUILD_CASES)
def test_corpus_case_leaves_the_site_alone(case: dict[str, Any], tmp_path: Path) -> None:
    """The real `oit build`, in a subprocess, with a previous site in place."""
    root = write_case(tmp_path / "project", case["files"])
    site = root / "site"
    (site / "2569").mkdir(parents=True)
    (site / "index.html").write_text("<p>the published site</p>\n", encoding="utf-8")
    (site / "2569" / "index.html").write_text("<p>FY2569</p>\n", encoding="utf-8")
    before = tree_digest(site)
    result = run_oit("build", "--project", root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert case["errors"][0] in result.stdout
    assert "Build stopped: fix the errors above; the previous site was not changed." in (
        result.stderr
    )
    assert tree_digest(site) == before
    assert not [p for p in root.iterdir() if p.name.startswith(".oit-build-")]


def test_size_limits_are_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 50 MB file is refused from its size, without reading it."""
    root = write_case(
        tmp_path / "project",
        {"data/2569/oit/o02-x.yml": {"size": 50 * 1024 * 1024}},
    )
    big = root / "data/2569/oit/o02-x.yml"
    read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        assert path != big, "the 50 MB file was read"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "read_text", lambda path, *a, **k: read_bytes(path).decode())
    _, errors, _, _ = check(root)
    assert errors == [
        "data/2569/oit/o02-x.yml:1:1: error: this file is 50.0 MB; data files may be at most "
        "2 MB. Put large tables in a CSV or XLSX file under content/files/ and refer to it."
    ]


def test_a_content_folder_that_is_a_link_out_is_refused(tmp_path: Path) -> None:
    root = write_case(tmp_path / "project", {})
    (root / "content").rename(tmp_path / "elsewhere")
    (root / "content").symlink_to(tmp_path / "elsewhere")
    code, errors, _, output = check(root)
    assert code == 1, output
    assert errors == [
        "content:1:1: error: this is a link to a file outside the project; it would be "
        "published or read as data. Copy the file into the project instead of linking to it."
    ]
