"""The readiness summary in Markdown, for a pull request's job summary (`oit check --format
markdown`, written by CI into $GITHUB_STEP_SUMMARY).

Where it sits: after `checks.py`, like the text summary of `oit check`: one table row per
fiscal year (complete / incomplete / missing items, translation gaps), then the problems.
"""

from __future__ import annotations

from generator.checks.completeness import summarize_year
from generator.errors import Problem
from generator.model.project import Project

#: A job summary is read by people: past this many lines of one kind, say how many more.
MAX_LISTED = 50


def readiness_markdown(
    project: Project | None, problems: list[Problem], headline: str | None = None
) -> str:
    """`headline`: the readiness of the checked fiscal year (items ready, days left)."""
    errors = sorted(p for p in problems if p.severity == "error")
    warnings = sorted(p for p in problems if p.severity == "warning")
    lines = ["## OIT readiness", ""]
    if headline:
        lines += [headline, ""]
    if project is None:
        lines += ["The data has errors, so the site cannot be built. Fix the errors below.", ""]
    else:
        lines += [
            "| Fiscal year | Checklist | Items | Complete | Incomplete | Missing | "
            "Without English |",
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for year in project.years.values():
            s = summarize_year(year)
            lines.append(
                f"| {year.fy} | {year.checklist.id} | {s.items} | {s.complete} | "
                f"{s.incomplete} | {s.missing} | {s.gaps} text(s), {s.cells} table cell(s) |"
            )
        lines.append("")
    lines.append(f"**{len(errors)} error(s), {len(warnings)} warning(s)**")
    for title, group in (("Errors", errors), ("Warnings", warnings)):
        if not group:
            continue
        lines += ["", f"<details{' open' if title == 'Errors' else ''}>", ""]
        lines += [f"<summary>{title} ({len(group)})</summary>", ""]
        lines += [f"- {_item(p)}" for p in group[:MAX_LISTED]]
        if len(group) > MAX_LISTED:
            lines.append(f"- … and {len(group) - MAX_LISTED} more (run `oit check`).")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _item(problem: Problem) -> str:
    where = f"`{problem.file}:{problem.line}:{problem.column}`"
    text = f"{problem.message} {problem.hint}".strip()
    # Keep the editor's words as text: no HTML, no Markdown emphasis or links.
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return f"{where} {text}"
