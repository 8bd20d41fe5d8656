"""`oit checklist ID`: the project's own copy of a shipped checklist, to correct it.

Where it sits: beside the pipeline, like `oit new-year`. Most shipped checklists are
provisional (compiled from public sources; the NACC's manuals were not available). Where
the manual of an ITA year differs, the agency corrects its own copy,
data/checklists/<id>.yml, which replaces the shipped checklist of that id for this project
(`model.project`), with no change to the tool; an upgrade of the tool never touches it.
"""

from __future__ import annotations

from pathlib import Path

from generator import __version__
from generator.errors import did_you_mean
from generator.model.project import SHIPPED_CHECKLISTS


class ChecklistCopyError(Exception):
    """The copy cannot be made (a usage problem, not a data error)."""


def copy_checklist(root: Path, checklist_id: str) -> Path:
    """Write data/checklists/<id>.yml from the shipped checklist; never replace a file."""
    shipped = {path.stem: path for path in sorted(SHIPPED_CHECKLISTS.glob("*.yml"))}
    if checklist_id not in shipped:
        raise ChecklistCopyError(
            f'the tool ships no checklist "{checklist_id}". '
            + did_you_mean(checklist_id, shipped, what="Shipped checklists")
        )
    target = root / "data" / "checklists" / f"{checklist_id}.yml"
    if target.exists():
        raise ChecklistCopyError(
            f"data/checklists/{checklist_id}.yml exists already: correct it there."
        )
    header = (
        f"# This project's copy of the checklist {checklist_id}, from oit {__version__}\n"
        "# (`oit checklist`). It replaces the shipped one for this project: correct it where\n"
        "# the NACC's manual differs; once it matches the manual, write `status: verified`.\n"
        "# Tell the tool's maintainers what differed, with the manual's page (see the help page\n"
        '# "When the NACC manual differs from our checklist").\n'
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(header + shipped[checklist_id].read_text(encoding="utf-8"))
    return target
