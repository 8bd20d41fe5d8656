"""JSON Schema for every kind of data file, generated from the one data model.

Where it sits: beside the pipeline, not in it. The pydantic models in `schema/` validate
the data; this module turns the same models into JSON Schema (`oit schema`, committed under
`schema/`), which VS Code's YAML extension uses to complete and check a data file while it
is typed (`.vscode/settings.json` maps each kind's files to its schema). `reference.py`
writes the data-format page of the help section from the same `KINDS`.

Titles and descriptions are in Thai and English: every field's description is written
"English. / ไทย" in the models; a field's title is its Thai label and a short English one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.schema.agency import Agency
from generator.schema.checklist import PLAN_KINDS, Checklist
from generator.schema.item import ItemFile
from generator.schema.measures import ROUND_KEYS, Plan, Round
from generator.schema.results import ItaResults
from generator.schema.year import YearFile

#: Draft 7: the newest dialect that every editor's YAML support reads (Red Hat's YAML
#: extension documents draft 7 and below); nothing here needs a newer one.
DIALECT = "http://json-schema.org/draft-07/schema#"


@dataclass(frozen=True)
class Kind:
    """One kind of data file: its model and where such files live in a project."""

    name: str  # the schema file is schema/<name>.schema.json
    model: type[BaseModel]
    globs: tuple[str, ...]  # relative to the project, as VS Code's yaml.schemas reads them
    title_th: str
    title_en: str
    #: How the reference page and the schema's title name the files, where globs are many.
    shown: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def files(self) -> tuple[str, ...]:
        return self.shown or self.globs


KINDS: tuple[Kind, ...] = (
    Kind("agency", Agency, ("data/agency.yml",), "ข้อมูลหน่วยงาน", "Agency"),
    Kind("year", YearFile, ("data/*/year.yml",), "การตั้งค่าปีงบประมาณ", "Fiscal year settings"),
    Kind("item", ItemFile, ("data/*/oit/*.yml",), "รายการ OIT", "OIT item"),
    # One glob per file name that `tracking.py` reads: a plan's glob must not take its rounds.
    Kind(
        "plan",
        Plan,
        tuple(f"data/*/plans/{plan}.yml" for plan in PLAN_KINDS),
        "แผนและมาตรการ",
        "Plan and measures",
    ),
    Kind(
        "round",
        Round,
        tuple(f"data/*/plans/{plan}-{key}.yml" for plan in PLAN_KINDS for key in ROUND_KEYS),
        "รายงานความก้าวหน้า",
        "Progress report",
        shown=("data/*/plans/<plan>-<round>.yml",),
    ),
    Kind("ita-results", ItaResults, ("data/*/ita-results.yml",), "ผลการประเมิน ITA", "ITA results"),
    Kind(
        "checklist",
        Checklist,
        ("data/checklists/*.yml", "generator/checklists/*.yml"),
        "แบบวัด OIT",
        "OIT checklist",
    ),
)


def split_description(text: str) -> tuple[str, str]:
    """ "English. / ไทย" -> ("English.", "ไทย"); the models write every description so."""
    english, _, thai = text.rpartition(" / ") if " / " in text else text.rpartition("\n/ ")
    return english.strip(), thai.strip()


_SHORT = re.compile(r"^(.+?)(?:[,;:(]| e\.g\.|\. |\.$|$)")


def field_title(description: str) -> str:
    """A field's title, Thai first: "ชื่อย่อ / Abbreviation"."""
    english, thai = split_description(description)
    match = _SHORT.match(english)
    short = (match.group(1) if match else english).strip().rstrip(".")
    return f"{thai} / {short}"


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind of data file."""
    schema = kind.model.model_json_schema(ref_template="#/definitions/{model}")
    if "$defs" in schema:  # pydantic writes 2020-12's name for them
        schema["definitions"] = schema.pop("$defs")
    _titles(schema)
    _limits(schema)
    files = ", ".join(kind.files)
    return {
        "$schema": DIALECT,
        **schema,
        "title": f"{kind.title_th} / {kind.title_en} ({files})",
    }


def _titles(node: Any) -> None:
    """Give every field a bilingual title (pydantic's are the field names, in English)."""
    if isinstance(node, dict):
        for prop in (node.get("properties") or {}).values():
            if isinstance(prop, dict) and prop.get("description"):
                prop["title"] = field_title(prop["description"])
            elif isinstance(prop, dict):
                prop.pop("title", None)
        for value in node.values():
            _titles(value)
    elif isinstance(node, list):
        for value in node:
            _titles(value)


_LIMITS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _limits(node: Any) -> None:
    """Move the limits of an optional Number (`Field(None, ge=0)`), which pydantic writes
    under its own names beside the number's forms, onto the number form as JSON Schema's."""
    if isinstance(node, dict):
        if "anyOf" in node:  # a schema, not a map of properties
            limits = {_LIMITS[k]: node.pop(k) for k in list(node) if k in _LIMITS}
            for member in node["anyOf"] if limits else ():
                if member.get("type") == "number":
                    member.update(limits)
        for value in node.values():
            _limits(value)
    elif isinstance(node, list):
        for value in node:
            _limits(value)


def schema_text(kind: Kind) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write schema/<kind>.schema.json for every kind; return the files that changed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = []
    for kind in KINDS:
        path = out_dir / kind.file_name
        text = schema_text(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_schemas(out_dir: Path) -> list[Path]:
    """The schema files under `out_dir` that are missing or differ from the models."""
    return [
        out_dir / kind.file_name
        for kind in KINDS
        if not (out_dir / kind.file_name).is_file()
        or (out_dir / kind.file_name).read_text(encoding="utf-8") != schema_text(kind)
    ]
