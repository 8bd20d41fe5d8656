"""The readiness summary in Markdown, for a pull request's job summary (`oit check --format
markdown`, written by CI into $GITHUB_STEP_SUMMARY).

Where it sits: after `checks.py`, like the text summary of `oit check`: one table row per
fiscal year (complete / incomplete / missing items, translation gaps), then the problems.
"""

from __future__ import annotations

from generator.checks.completeness import summarize_year
from generator.errors import Problem, counts
from generator.messages import DEFAULT_LANG, Lang, Message, _
from generator.model.project import Project

#: A job summary is read by people: past this many lines of one kind, say how many more.
MAX_LISTED = 50


def readiness_markdown(
    project: Project | None,
    problems: list[Problem],
    headline: Message | None = None,
    lang: Lang = DEFAULT_LANG,
) -> str:
    """`headline`: the readiness of the checked fiscal year (items ready, days left)."""
    errors = sorted(p for p in problems if p.severity == "error")
    warnings = sorted(p for p in problems if p.severity == "warning")
    notes = sorted(p for p in problems if p.severity == "note")
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
    lines.append(f"**{counts(problems).render(lang)}**")
    groups = ((_("Errors"), errors, True), (_("Warnings"), warnings, False))
    for title, group, open_ in (*groups, (_("Texts without English"), notes, False)):
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


def _item(problem: Problem, lang: Lang) -> str:
    where = f"`{problem.file}:{problem.line}:{problem.column}`"
    text = problem.text(lang)
    # Keep the editor's words as text: no HTML, no Markdown emphasis or links.
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return f"{where} {text}"
