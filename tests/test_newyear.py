"""`oit new-year`: a checkable new fiscal year from the previous one, never overwriting."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLE, MakeProject
from generator.cli import main


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the sample agency."""
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    return root


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def oit(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_new_year_on_the_sample_is_checkable_and_leaves_2569_alone(sample: Path) -> None:
    before = digest(sample / "data" / "2569")
    code, out = oit("new-year", "2570", "--project", sample)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == (
        "Note: no checklist for ITA 2570 is known yet, so ita-2569 (the newest) is used. "
        "When the NACC publishes the ITA 2570 list, add it as data/checklists/ita-2570.yml "
        "and change `checklist:` in data/2570/year.yml."
    )
    assert lines[1] == "data/2570/year.yml: created (checklist ita-2569)"
    assert (
        "data/2570/oit/o01-structure.yml: carried over from data/2569/oit/o01-structure.yml; "
        "review it" in lines
    )
    assert "data/2570/oit/o04-news.yml: template with TODO (current fiscal year)" in lines
    assert lines[-1] == (
        "FY2570 (ita-2569): 9 item(s) carried over (review them), 17 template(s) to fill in, "
        "0 file(s) kept as they were. Next: fill in the TODO files and run oit check."
    )
    assert digest(sample / "data" / "2569") == before

    # The standing items are last year's files with a review note on top.
    carried = (sample / "data/2570/oit/o03-contact.yml").read_text(encoding="utf-8")
    original = (sample / "data/2569/oit/o03-contact.yml").read_text(encoding="utf-8")
    assert carried.startswith("# REVIEW (FY2570): carried over from ")
    assert carried.endswith(original)
    template = (sample / "data/2570/oit/o11-procurement-monthly.yml").read_text(encoding="utf-8")
    assert template.startswith("# TODO (FY2570): O11 ")
    assert template.endswith("blocks: []\n")
    assert "Last year's content is in data/2569/oit/o11-procurement-monthly.yml" in template

    code, out = oit("check", "--project", sample)
    assert code == 0, out
    assert (
        # O22, O25 and O26 are composed from FY2569's results and plans: incomplete, not missing
        "FY2570 (ita-2569, 26 items): 9 complete, 3 incomplete, 14 missing; " in out
    )
    assert (
        "data/2570/oit/o04-news.yml:1:1: warning: FY2570 item o4 (ข่าวประชาสัมพันธ์) has no "
        "content. Add its content under `blocks:` in this file." in out
    )


def test_new_year_never_overwrites(sample: Path) -> None:
    assert oit("new-year", "2570", "--project", sample)[0] == 0
    edited = sample / "data/2570/oit/o04-news.yml"
    edited.write_text("blocks:\n  - {type: text, body: ข่าว}\n", encoding="utf-8")
    before = digest(sample / "data")
    code, out = oit("new-year", "2570", "--project", sample)
    assert code == 0, out
    assert "data/2570/oit/o04-news.yml: kept (it exists)" in out
    assert out.splitlines()[-1].startswith(
        "FY2570 (ita-2569): 0 item(s) carried over (review them), 0 template(s) to fill in, "
        "27 file(s) kept as they were."
    )
    assert digest(sample / "data") == before


def test_new_year_with_a_chosen_checklist_matches_items_by_topic(sample: Path) -> None:
    code, out = oit("new-year", "2570", "--checklist", "ita-2568", "--project", sample)
    assert code == 0, out
    assert not out.startswith("Note:")
    # ita-2568's o16 (ethics, standing) is ita-2569's o15: found by topic, renamed to o16.
    assert (
        "data/2570/oit/o16-ethics.yml: carried over from data/2569/oit/o15-ethics.yml; "
        "review it" in out.splitlines()
    )
    # Its "dos-donts" element does not exist in ita-2568: the line is commented out.
    ethics = (sample / "data/2570/oit/o16-ethics.yml").read_text(encoding="utf-8")
    assert (
        "    # element: dos-donts  # REVIEW: ita-2568 o16 has no such element for a text block\n"
        in ethics
    )
    code, out = oit("check", "--project", sample)
    assert code == 0, out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["new-year", "2570", "--checklist", "ita-2596"],
            1,
            'Error: there is no checklist "ita-2596". Did you mean "ita-2569"?',
        ),
        (
            ["new-year", "2569", "--checklist", "ita-2568"],
            1,
            "Error: data/2569/year.yml already names the checklist ita-2569; change it there if "
            "you mean another one.",
        ),
        (["new-year", "70"], 2, 'Invalid value for FY: "70" is not a Buddhist Era fiscal year'),
    ],
)
def test_new_year_usage_errors(sample: Path, args: list[str], code: int, message: str) -> None:
    before = digest(sample / "data")
    result = CliRunner().invoke(main, [*args, "--project", str(sample)])
    assert result.exit_code == code
    assert message in result.output
    assert digest(sample / "data") == before


def test_new_year_accepts_thai_digits_and_a_first_year(make_project: MakeProject) -> None:
    root = make_project({})
    shutil.rmtree(root / "data" / "2569")
    (root / "data" / "2568").mkdir()
    (root / "data" / "2568" / "year.yml").write_text("checklist: ita-2568\n", encoding="utf-8")
    code, out = oit("new-year", "๒๕๖๙", "--project", root)
    assert code == 0, out
    assert "data/2569/year.yml: created (checklist ita-2569)" in out
    # FY2568 had no item files: nothing to carry over.
    assert "26 template(s) to fill in" in out.splitlines()[-1]
    assert oit("check", "--project", root)[0] == 0


def test_new_year_refuses_a_project_with_errors(make_project: MakeProject) -> None:
    root = make_project({"data/2569/oit/o02-x.yml": "blocks:\n  - type: people\n"})
    code, out = oit("new-year", "2570", "--project", root)
    assert code == 1
    assert 'data/2569/oit/o02-x.yml:2:5: error: block 1: "people" is missing.' in out
    assert "new-year stopped: fix the errors above first" in out
    assert not (root / "data" / "2570").exists()
