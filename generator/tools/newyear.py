"""`oit new-year <fy>`: scaffold data/<fy>/ from the previous fiscal year and a checklist.

Where it sits: before the pipeline. It reads the validated project (`load_project`) and
writes plain data files that the next `oit check` reads like any others. Each October a new
fiscal year starts and most of its structure carries over:

- items whose checklist period is `standing` (structure, executives, contact, manuals,
  channels...) are copied from last year's file, with a note at the top to review them;
- every other item gets a template: comments marking it TODO, listing the elements the
  assessors look for, and `blocks: []`, so the year loads and `oit check` reports the item
  as missing (a warning) until the unit fills it in;
- nothing that exists is ever overwritten, and the previous year is only read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks.completeness import _file_stem
from generator.errors import did_you_mean
from generator.labels import label
from generator.model.project import _ITEM_FILE, FiscalYear, Item, Project
from generator.schema.checklist import Checklist, ChecklistItem, normalize_code


class NewYearError(Exception):
    """The year cannot be scaffolded as asked (a usage problem, not a data error)."""


@dataclass
class Scaffold:
    """What `new_year` did, in the order it did it, for the report."""

    fy: int
    checklist: Checklist
    notes: list[str] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)  # (file, what happened)
    carried: int = 0
    templates: int = 0
    kept: int = 0

    def report(self) -> list[str]:
        out = [*self.notes, *(f"{path}: {what}" for path, what in self.lines)]
        out.append(
            f"FY{self.fy} ({self.checklist.id}): {self.carried} item(s) carried over "
            f"(review them), {self.templates} template(s) to fill in, {self.kept} file(s) kept "
            "as they were. Next: fill in the TODO files and run oit check."
        )
        return out


def choose_checklist(
    checklists: dict[str, Checklist], fy: int, wanted: str | None, previous: FiscalYear | None
) -> tuple[Checklist, str | None]:
    """The checklist for `fy` and a note when it had to be guessed.

    Why a default: the NACC publishes a year's manual months after the fiscal year starts in
    October, so the newest known checklist is used until then, and the note says so.
    """
    if wanted is not None:
        if wanted not in checklists:
            raise NewYearError(
                f'there is no checklist "{wanted}". '
                + did_you_mean(wanted, checklists, what="Known checklists")
            )
        return checklists[wanted], None
    variant = previous.checklist.variant if previous else "general"
    same = [c for c in checklists.values() if c.variant == variant]
    exact = sorted((c for c in same if c.year == fy), key=lambda c: c.id)
    if exact:
        return exact[0], None
    older = [c for c in same if c.year < fy]
    if not older:
        raise NewYearError(
            f"no {variant} checklist for ITA {fy} or earlier is known. Give one with "
            "--checklist ID, or add data/checklists/<id>.yml."
        )
    newest = max(older, key=lambda c: (c.year, c.id))
    return newest, (
        f"Note: no checklist for ITA {fy} is known yet, so {newest.id} (the newest) is used. "
        f"When the NACC publishes the ITA {fy} list, add it as data/checklists/ita-{fy}.yml "
        f"and change `checklist:` in data/{fy}/year.yml."
    )


def new_year(project: Project, fy: int, checklist_id: str | None = None) -> Scaffold:
    """Write data/<fy>/ (only files that do not exist yet) and say what was done."""
    folder = project.root / "data" / str(fy)
    existing = project.years.get(fy)
    previous = next((y for y in project.years.values() if y.fy < fy), None)
    if existing is not None:
        if checklist_id is not None and checklist_id != existing.checklist.id:
            raise NewYearError(
                f"data/{fy}/year.yml already names the checklist {existing.checklist.id}; "
                "change it there if you mean another one."
            )
        checklist, note = existing.checklist, None
    else:
        checklist, note = choose_checklist(project.checklists, fy, checklist_id, previous)
    scaffold = Scaffold(fy, checklist, notes=[note] if note else [])
    year_file = folder / "year.yml"
    if year_file.exists():
        scaffold.lines.append((_rel(project, year_file), "kept (it exists)"))
        scaffold.kept += 1
    else:
        _write(year_file, year_text(fy, checklist, note, made_by=_made_by(fy, previous)))
        scaffold.lines.append((_rel(project, year_file), f"created (checklist {checklist.id})"))
    oit = folder / "oit"
    have = _codes_with_files(oit)
    for spec in checklist.items:
        if spec.code in have:
            scaffold.lines.append((_rel(project, have[spec.code]), "kept (it exists)"))
            scaffold.kept += 1
            continue
        before = _counterpart(spec, checklist, previous)
        name = _file_name(spec, before)
        path = oit / name
        carried = _carried_text(project.root, fy, spec, checklist, before)
        if spec.period == "standing" and carried is not None:
            assert before is not None and before.source is not None
            _write(path, carried)
            scaffold.lines.append(
                (_rel(project, path), f"carried over from {before.source.path}; review it")
            )
            scaffold.carried += 1
        else:
            _write(path, _template_text(fy, spec, checklist, before))
            scaffold.lines.append(
                (
                    _rel(project, path),
                    f"template with TODO ({label('period_' + spec.period, 'en').lower()})",
                )
            )
            scaffold.templates += 1
    return scaffold


def _counterpart(
    spec: ChecklistItem, checklist: Checklist, previous: FiscalYear | None
) -> Item | None:
    """Last year's item on the same subject: by topic (codes change between checklists),
    or by code when both years use the same checklist."""
    if previous is None:
        return None
    if spec.topic:
        same = [i for i in previous.items if i.spec.topic == spec.topic]
        if len(same) == 1:
            return same[0]
        return None  # several items share the topic: a person must choose
    if previous.checklist.id == checklist.id:
        return previous.item(spec.code)
    return None


def _file_name(spec: ChecklistItem, before: Item | None) -> str:
    """o04-news.yml: the code, then last year's name for the item (or its topic)."""
    stem = _file_stem(spec.code)
    if before is not None and before.source is not None:
        match = _ITEM_FILE.match(Path(before.source.path).name)
        if match:
            rest = Path(before.source.path).name[len(match.group(1)) :]
            return f"{stem}{rest}"
    return f"{stem}-{spec.topic}.yml" if spec.topic else f"{stem}.yml"


def _codes_with_files(oit: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    if oit.is_dir():
        for path in sorted(oit.iterdir()):
            match = _ITEM_FILE.match(path.name)
            if match and path.is_file():
                found.setdefault(normalize_code(match.group(1)), path)
    return found


def _made_by(fy: int, previous: FiscalYear | None) -> str:
    return f"`oit new-year {fy}`" + (f" from FY{previous.fy}" if previous else "")


def year_text(fy: int, checklist: Checklist, note: str | None, made_by: str) -> str:
    """data/<fy>/year.yml naming `checklist`; `note` when it had to be guessed."""
    lines = [
        f"# ปีงบประมาณ พ.ศ. {fy} (1 ตุลาคม {fy - 1} – 30 กันยายน {fy})",
        f"# Created by {made_by}.",
    ]
    if note:
        lines.append(
            f"# TODO: no checklist for ITA {fy} was known; {checklist.id} is used until the NACC "
            f"publishes it (add data/checklists/ita-{fy}.yml and change the line below)."
        )
    lines += [
        f"checklist: {checklist.id}",
        "# intro: |",
        f"#   ข้อมูลการเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. {fy}",
    ]
    return "\n".join(lines) + "\n"


def _carried_text(
    root: Path, fy: int, spec: ChecklistItem, checklist: Checklist, before: Item | None
) -> str | None:
    """Last year's file with a review note on top, or None when it cannot be carried over.

    When the new checklist lacks an element a block names (checklists change between ITA
    years), that `element:` line is commented out, so the copy still loads.
    """
    if before is None or before.content is None or before.source is None:
        return None
    source = before.source
    lines = (root / source.path).read_text(encoding="utf-8").splitlines(keepends=True)
    allowed = {e.key: e.blocks for e in spec.elements}
    for index, block in enumerate(before.content.blocks):
        if block.element is None or block.type in allowed.get(block.element, ()):
            continue
        line, _ = source.where(("blocks", index, "element"), key=True)
        match = _ELEMENT_LINE.match(lines[line - 1])
        if match is None:
            return None  # written in a form we cannot safely edit: a template instead
        lines[line - 1] = (
            f"{match.group(1)}# element: {block.element}  # REVIEW: {checklist.id} "
            f"{spec.code} has no such element for a {block.type} block\n"
        )
    note = (
        f"# REVIEW (FY{fy}): carried over from {source.path} by `oit new-year`.\n"
        "# Check that everything below is still current, update `updated:`,\n"
        "# then delete these three lines.\n"
    )
    return note + "".join(lines)


#: `    element: key` on a line of its own (not the first key of a list entry).
_ELEMENT_LINE = re.compile(r"^(\s+)element:\s*[^\s#{}\[\],]+\s*(#.*)?$")


def _template_text(fy: int, spec: ChecklistItem, checklist: Checklist, before: Item | None) -> str:
    title = Item(fy, spec).title
    period_th = label("period_" + spec.period, "th")
    period_en = label("period_" + spec.period, "en")
    lines = [
        f"# TODO (FY{fy}): {spec.code.upper()} {title.th}",
        f"#   {title.en}" if title.en else None,
        f"# Checklist {checklist.id}; period: {period_th} / {period_en}.",
    ]
    if before is not None and before.source is not None:
        lines.append(
            f"# Last year's content is in {before.source.path}; this item's data changes every "
            "year, so it was not copied."
        )
    if spec.elements:
        lines.append("# What the assessors look for (one block per element, `element: <key>`):")
        for element in spec.elements:
            need = "" if element.required else " (good practice, not required)"
            many = f", at least {element.min}" if element.min > 1 else ""
            kinds = " or ".join(element.blocks)
            lines.append(
                f"#   - {element.key}: {_one_line(element.title.th)} [{kinds}{many}]{need}"
            )
        first = spec.elements[0]
        lines += [
            "# For example:",
            "# blocks:",
            f"#   - type: {first.blocks[0]}",
            f"#     element: {first.key}",
            "#     ...",
        ]
    lines += [
        "# Until blocks are added, this item counts as missing and `oit check` warns about it.",
        "blocks: []",
    ]
    return "\n".join(line for line in lines if line is not None) + "\n"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _write(path: Path, text: str) -> None:
    """Create `path` with `text`; never replace a file (mode "x" fails if one appeared)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def _rel(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()
