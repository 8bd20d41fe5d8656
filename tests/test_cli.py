"""The `oit` command line: help for every command, project discovery, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import MakeProject
from generator.cli import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert main.commands[command].help, command
    for param in main.commands[command].params:
        assert getattr(param, "help", None) or param.param_type_name == "argument", param.name


def test_check_finds_the_project_from_a_subfolder(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    monkeypatch.chdir(root / "data" / "2569")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert (
        "FY2569 (ita-2569, 26 items): 0 complete, 0 incomplete, 26 missing; English missing for 0 text(s) and 0 table cell(s)"
        in result.output
    )


def test_check_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "no mkdocs.yml in" in result.output


def test_check_formats(make_project: MakeProject) -> None:
    root = make_project({"data/2569/oit/o02-x.yml": "blocks:\n  - type: people\n"})
    text = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert text.exit_code == 1
    assert 'data/2569/oit/o02-x.yml:2:5: error: block 1: "people" is missing.' in text.output
    github = CliRunner().invoke(main, ["check", "--project", str(root), "--format", "github"])
    assert "::error file=data/2569/oit/o02-x.yml,line=2,col=5::block 1:" in github.output
    as_json = CliRunner().invoke(main, ["check", "--project", str(root), "--format", "json"])
    assert '"severity": "error"' in as_json.output


def test_missing_english_lists_every_text_file_line_plans_included(
    make_project: MakeProject,
) -> None:
    root = make_project(
        {
            "data/2569/oit/o02-executives.yml": """\
            blocks:
              - type: people
                element: executives
                people:
                  - name: {th: นายสมชาย ใจดี, en: Mr Somchai Jaidee}
                    position: อธิบดี
            """,
            "data/2569/plans/integrity-measures.yml": """\
            title: {th: มาตรการส่งเสริมคุณธรรม, en: Integrity measures}
            measures:
              - no: 1
                title: เปิดเผยข้อมูล
            """,
        }
    )
    result = CliRunner().invoke(
        main, ["check", "--project", str(root), "--missing-english", "--as-of", "2026-03-15"]
    )
    # (The other note of this project: ita-2569 is provisional; test_identity.py.)
    notes = [line for line in result.output.splitlines() if ": note: no English" in line]
    assert notes == [
        'data/2569/oit/o02-executives.yml:6:19: note: no English for "อธิบดี". '
        "Write it as {th: ..., en: ...} with the English after en:.",
        'data/2569/plans/integrity-measures.yml:4:12: note: no English for "เปิดเผยข้อมูล". '
        "Write it as {th: ..., en: ...} with the English after en:.",
    ]
    assert "English missing for 2 text(s)" in result.output
    thai = CliRunner().invoke(
        main, ["check", "--project", str(root), "--missing-english", "--lang", "th"]
    )
    assert (
        'data/2569/oit/o02-executives.yml:6:19: หมายเหตุ: ไม่มีภาษาอังกฤษของ "อธิบดี" '
        "ให้เขียนเป็น {th: ..., en: ...} โดยใส่ภาษาอังกฤษหลัง en:" in thai.output
    )
    without = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert ": note: no English" not in without.output
