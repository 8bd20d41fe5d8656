"""`oit checklist ID`: the project's own copy of a shipped checklist replaces it, so that an
agency corrects what the NACC's manual says otherwise, with no change to the tool."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import MakeProject
from generator.cli import main
from generator.model.project import load_project


def test_the_copy_replaces_the_shipped_checklist(make_project: MakeProject) -> None:
    root = make_project({})
    result = CliRunner().invoke(main, ["checklist", "ita-2569", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "wrote data/checklists/ita-2569.yml: correct it where the NACC's manual differs, "
        "then run oit check.\n"
    )
    copy = root / "data/checklists/ita-2569.yml"
    text = copy.read_text(encoding="utf-8")
    assert text.startswith("# This project's copy of the checklist ita-2569, from oit ")
    # Corrected after the manual: a title, and the status once it all matches.
    text = text.replace("status: provisional", "status: verified")
    copy.write_text(text.replace("ita-2569 (fiscal year 2569)", "ita-2569, checked"), "utf-8")
    project = load_project(root)
    assert project.years[2569].checklist.status == "verified"
    check = CliRunner().invoke(main, ["check", "--as-of", "2026-03-15", "--project", str(root)])
    assert check.exit_code == 0, check.output
    assert "note: the checklist ita-2569 is provisional" not in check.output


def test_the_copy_never_replaces_a_file(make_project: MakeProject) -> None:
    root = make_project({"data/checklists/ita-2569.yml": "# ours\n"})
    result = CliRunner().invoke(main, ["checklist", "ita-2569", "--project", str(root)])
    assert result.exit_code == 1
    assert (
        result.output == "Error: data/checklists/ita-2569.yml exists already: correct it there.\n"
    )
    assert (root / "data/checklists/ita-2569.yml").read_text() == "# ours\n"


def test_an_unknown_checklist_is_named(make_project: MakeProject) -> None:
    root = make_project({})
    result = CliRunner().invoke(main, ["checklist", "ita-2596", "--project", str(root)])
    assert result.exit_code == 1
    assert result.output == (
        'Error: the tool ships no checklist "ita-2596". Did you mean "ita-2569"?\n'
    )
