"""The readiness summary in Markdown, for a pull request's job summary (`oit check --format
markdown`, written by CI into $GITHUB_STEP_SUMMARY), and the notes `oit check` adds.

Where it sits: after `checks.py`, like the text summary of `oit check`: one table row per
fiscal year (complete / incomplete / missing items, translation gaps), then the problems.
A note is neither error nor warning: something the editor should know, such as a fiscal
year whose checklist is provisional.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.checks.completeness import summarize_year
from generator.errors import Problem
from generator.model.project import Project

#: A job summary is read by people: past this many lines of one kind, say how many more.
MAX_LISTED = 50


@dataclass(frozen=True, order=True)
class Note:
    """Something an editor should know about the data, at a place in a file."""

    file: str
    line: int
    column: int
    message: str

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: note: {self.message}"

    def format_github(self) -> str:
        text = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::notice file={self.file},line={self.line},col={self.column}::{text}"


def provisional_notes(project: Project) -> list[Note]:
    """A note for each fiscal year whose checklist has not been checked against the NACC's
    manual (the public site says so only when the agency chooses, settings.show_provisional)."""
    notes = []
    for year in project.years.values():
        if year.checklist.status != "provisional":
            continue
        line, column = year.source.where(("checklist",))
        notes.append(
            Note(
                year.source.path,
                line,
                column,
                f"the checklist {year.checklist.id} is provisional: it was compiled from public "
                f"sources and not yet checked against the NACC's ITA {year.checklist.year} "
                'manual. Compare its items with the manual; the help page "When the NACC '
                'manual differs from our checklist" says what to do where they differ.',
            )
        )
    return sorted(notes)


def readiness_markdown(
    project: Project | None,
    problems: list[Problem],
    headline: str | None = None,
    notes: list[Note] | None = None,
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
    for note in notes or []:
        lines += [f"> **Note** {_item(note)}", ""]
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


def _item(problem: Problem | Note) -> str:
    where = f"`{problem.file}:{problem.line}:{problem.column}`"
    hint = problem.hint if isinstance(problem, Problem) else ""
    text = f"{problem.message} {hint}".strip()
    # Keep the editor's words as text: no HTML, no Markdown emphasis or links.
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return f"{where} {text}"
