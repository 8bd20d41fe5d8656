"""`oit init DIR`: a new agency's project, holding only the agency's own files.

Where it sits: before the pipeline, like `oit new-year` (whose scaffold it reuses). It
writes data/agency.yml (the one place for the agency's identity, with the data `format:`),
the first fiscal year (data/<fy>/year.yml and a TODO template per checklist item, as
`oit new-year` makes them), home and about pages in Thai and English, a short mkdocs.yml,
an empty URL manifest and redirects, the CI workflow, .gitignore, requirements.txt pinning
this version of the tool, and a README with the agency's own commands. The tool itself
(generator, theme, checklists) stays in the installed package.

The project is made in a scratch folder beside DIR, loaded and validated like any project
(its item templates are warnings, never errors), then moved into DIR: nothing is written
when a value is wrong, and no file that exists is ever replaced.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from generator import __version__
from generator.errors import DataError
from generator.model.load import yaml_scalar
from generator.model.project import load_checklists, load_project
from generator.schema.agency import Agency
from generator.tools.newyear import NewYearError, choose_checklist, new_year, year_text
from generator.urls import MANIFEST, MANIFEST_HEADER

#: The files of a new project: where each goes, from which file of tools/project/.
FILES = {
    "data/agency.yml": "agency.yml",
    "data/redirects.yml": "redirects.yml",
    "content/index.md": "index.md",
    "content/index.en.md": "index.en.md",
    "content/about.md": "about.md",
    "content/about.en.md": "about.en.md",
    "mkdocs.yml": "mkdocs.yml",
    ".github/workflows/oit.yml": "github-workflow.yml",
    ".gitignore": "gitignore",
    "requirements.txt": "requirements.txt",
    "README.md": "README.md",
}

#: The options of `oit init` that give each field of data/agency.yml.
OPTIONS = {"name": "--name", "short_name": "--short-name", "site_url": "--site-url"}


class InitError(Exception):
    """The project cannot be made as asked: a usage problem, with the option it concerns."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


@dataclass
class Identity:
    """What `oit init` asks for."""

    name: str
    short_name: str
    site_url: str
    name_en: str | None = None


@dataclass
class Made:
    """What `init_project` wrote, for the report."""

    root: Path
    fy: int
    checklist: str
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def init_project(
    target: Path, identity: Identity, fy: int, checklist_id: str | None = None
) -> Made:
    """Write a new project into `target` (a new or empty folder); raise InitError."""
    target = target.absolute()
    _check_values(identity)
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file; give a folder for the new project.")
    try:
        checklist, note = choose_checklist(load_checklists(target), fy, checklist_id, None)
    except NewYearError as exc:  # an unknown id, or no checklist for that year
        raise InitError(str(exc), "--checklist") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".oit-init-", dir=target.parent))
    try:
        for name, text in _texts(identity, fy).items():
            _write(scratch / name, text)
        _write(
            scratch / "data" / str(fy) / "year.yml",
            year_text(fy, checklist, note, made_by="`oit init`"),
        )
        _write(scratch / MANIFEST, MANIFEST_HEADER)
        try:
            new_year(load_project(scratch), fy)
            load_project(scratch)  # it loads: only warnings (the items to fill in)
        except DataError as exc:  # our own files: a bug, shown with its problems
            raise AssertionError(f"oit init wrote a project with errors:\n{exc}") from None
        written = sorted(
            p.relative_to(scratch).as_posix() for p in scratch.rglob("*") if p.is_file()
        )
        _move(scratch, target, written)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Made(target, fy, checklist.id, written, [note] if note else [])


def _check_values(identity: Identity) -> None:
    """The values as data/agency.yml will hold them, validated by its own model (the Thai
    name first, so that a problem of the English one is named as such)."""
    data: dict[str, object] = {
        "name": {"th": identity.name},
        "short_name": identity.short_name,
        "site_url": identity.site_url,
        "contact": {},
    }
    _validate(data, {"name": "--name"})
    if identity.name_en:
        _validate({**data, "name": {"th": identity.name, "en": identity.name_en}}, {})


def _validate(data: dict[str, object], options: dict[str, str]) -> None:
    try:
        Agency.model_validate(data, context={})
    except ValidationError as exc:
        error = exc.errors()[0]
        field_name = str(error["loc"][0]) if error["loc"] else ""
        option = {**OPTIONS, "name": "--name-en", **options}.get(field_name)
        context = error.get("ctx") or {}
        text = (
            f"{context['message']} {context.get('hint', '')}".strip()
            if error["type"] == "oit"
            else error["msg"]
        )
        raise InitError(text, option) from None


def _texts(identity: Identity, fy: int) -> dict[str, str]:
    """Each file of tools/project/, filled in with the agency's values."""
    name_en = identity.name_en or identity.name
    values = {
        "NAME": _one_line(identity.name),
        "SITE_NAME": yaml_scalar(identity.name),
        "NAME_TH": yaml_scalar(identity.name),
        "NAME_EN": f"  en: {yaml_scalar(identity.name_en)}\n"
        if identity.name_en
        else "  # en: The agency's name in English (the English pages' title)\n",
        "SHORT_TH": yaml_scalar(identity.short_name),
        "SITE_URL": yaml_scalar(identity.site_url),
        # Thai runs words together; a name that ends in ")" or Latin letters is set apart.
        "NAME_TH_MD": _markdown(identity.name) + ("" if _thai_end(identity.name) else " "),
        "NAME_EN_MD": _markdown(name_en),
        "SITE_URL_MD": f"<{identity.site_url}>",
        "FY": str(fy),
        "FY_CE": str(fy - 543),
        "VERSION": __version__,
    }
    folder = resources.files("generator.tools") / "project"
    texts = {}
    for name, source in FILES.items():
        text = (folder / source).read_text(encoding="utf-8")
        texts[name] = re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], text)
    return texts


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _move(scratch: Path, target: Path, names: list[str]) -> None:
    """Move the new project's files into `target`, which may exist (empty, or holding other
    files such as .git); stop before moving anything when one of them exists there."""
    taken = [name for name in names if (target / name).exists()]
    for folder in ("data", "content"):
        if (target / folder).exists() and folder not in {n.split("/")[0] for n in taken}:
            taken.append(f"{folder}/")
    if taken:
        raise InitError(
            f"{target} already holds {', '.join(sorted(taken))}. oit init makes a new "
            "project: give a new or empty folder (a new year of an existing project is "
            "`oit new-year`)."
        )
    if not target.exists():
        scratch.rename(target)
        return
    for name in names:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.rename(scratch / name, destination)


def _markdown(text: str) -> str:
    """`text` as Markdown text: its punctuation printed as written."""
    return re.sub(r"([\\`*_\[\](){}#+!|>])", r"\\\1", _one_line(text))


def _thai_end(text: str) -> bool:
    return bool(text) and "\u0e00" <= text[-1] <= "\u0e7f"


def _one_line(text: str) -> str:
    return " ".join(text.split())
