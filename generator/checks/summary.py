"""The readiness summary in Markdown, for a pull request's job summary (`oit check --format
markdown`, written by CI into $GITHUB_STEP_SUMMARY), and the notes `oit check` adds.

Where it sits: after `checks.py`, like the text summary of `oit check`: one table row per
fiscal year (complete / incomplete / missing items, translation gaps), then the problems.
A note is neither error nor warning: something the editor should know, such as a fiscal
year whose checklist is provisional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.checks.completeness import summarize_year
from generator.errors import Problem, counts
from generator.messages import DEFAULT_LANG, Lang, Message, _
from generator.model.project import Project

#: A job summary is read by people: past this many lines of one kind, say how many more.
MAX_LISTED = 50


@dataclass(frozen=True, order=True)
class Note:
    """Something an editor should know about the data, at a place in a file (neither error
    nor warning); its message is rendered in the reader's language when shown."""

    file: str
    line: int
    column: int
    message: Message

    def format(self, lang: Lang) -> str:
        severity = _("note").render(lang)
        return f"{self.file}:{self.line}:{self.column}: {severity}: {self.message.render(lang)}"

    def format_github(self, lang: Lang) -> str:
        """A notice on the pull request, escaped as `Problem.format_github` escapes."""

        def data(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        file = data(self.file).replace(":", "%3A").replace(",", "%2C")
        text = data(self.message.render(lang))
        return f"::notice file={file},line={self.line},col={self.column}::{text}"


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
                _(
                    "the checklist {checklist} is provisional: it was compiled from public "
                    "sources and not yet checked against the NACC's ITA {year} manual. Compare "
                    'its items with the manual; the help page "When the NACC manual differs '
                    'from our checklist" says what to do where they differ.',
                    checklist=year.checklist.id,
                    year=year.checklist.year,
                ),
            )
        )
    return sorted(notes)


def readiness_markdown(
    project: Project | None,
    problems: list[Problem],
    headline: Message | None = None,
    notes: list[Note] | None = None,
    lang: Lang = DEFAULT_LANG,
) -> str:
    """`headline`: the readiness of the checked fiscal year (items ready, days left)."""
    errors = sorted(p for p in problems if p.severity == "error")
    warnings = sorted(p for p in problems if p.severity == "warning")
    untranslated = sorted(p for p in problems if p.severity == "note")
    lines = [_("## OIT readiness").render(lang), ""]
    if headline:
        lines += [headline.render(lang), ""]
    if project is None:
        lines += [
            _("The data has errors, so the site cannot be built. Fix the errors below.").render(
                lang
            ),
            "",
        ]
    else:
        lines += [
            _(
                "| Fiscal year | Checklist | Items | Complete | Incomplete | Missing | "
                "Without English |"
            ).render(lang),
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for year in project.years.values():
            s = summarize_year(year, project.results.get(year.fy))
            lines.append(
                f"| {year.fy} | {year.checklist.id} | {s.items} | {s.complete} | "
                f"{s.incomplete} | {s.missing} | "
                + _("{gaps} text(s), {cells} table cell(s)", gaps=s.gaps, cells=s.cells).render(
                    lang
                )
                + " |"
            )
        lines.append("")
    label = _("Note").render(lang)
    for note in notes or []:
        lines += [f"> **{label}** {_item(note, lang)}", ""]
    lines.append(f"**{counts(problems).render(lang)}**")
    groups = ((_("Errors"), errors, True), (_("Warnings"), warnings, False))
    for title, group, open_ in (*groups, (_("Texts without English"), untranslated, False)):
        if not group:
            continue
        lines += ["", f"<details{' open' if open_ else ''}>", ""]
        summary = _("{title} ({count})", title=title, count=len(group)).render(lang)
        lines += [f"<summary>{summary}</summary>", ""]
        lines += [f"- {_item(p, lang)}" for p in group[:MAX_LISTED]]
        if len(group) > MAX_LISTED:
            more = _("… and {count} more (run `oit check`).", count=len(group) - MAX_LISTED)
            lines.append(f"- {more.render(lang)}")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _item(problem: Problem | Note, lang: Lang) -> str:
    where = _code(f"{problem.file}:{problem.line}:{problem.column}")
    text = problem.text(lang) if isinstance(problem, Problem) else problem.message.render(lang)
    # Keep the editor's words as text: no HTML, no Markdown emphasis or links, and one line
    # (a line break could start a heading or close the list).
    for char in "\\`*_[]<>|&":
        text = text.replace(char, "\\" + char)
    return f"{where} {'<br>'.join(text.splitlines())}"


def _code(text: str) -> str:
    """`text` as a Markdown code span, where nothing is read as Markdown or HTML: its fence
    is longer than any run of backticks in it (a file name may hold backticks), and a line
    break is shown as \\n."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"
