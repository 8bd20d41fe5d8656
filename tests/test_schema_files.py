"""The JSON Schema files, the VS Code set-up and the data-format reference: one model, four uses.

The committed schema/*.schema.json and content/help/data-format pages must be what
`oit schema` writes from the models now; the schemas must accept the sample data as our
loader reads it, and refuse what validation refuses; every field is described in Thai and
English and appears on the reference page (as Datasette checks its settings are documented).
"""

from __future__ import annotations

import fnmatch
import json
import re
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator
from pydantic import BaseModel

from conftest import REPO
from generator.cli import main
from generator.json_schema import KINDS, Kind, json_schema, schema_text, split_description
from generator.load import load_yaml
from generator.reference import render_reference

THAI = re.compile(r"[\u0e00-\u0e7f]")
LATIN = re.compile(r"[A-Za-z]")


def data_files(kind: Kind) -> list[Path]:
    return sorted({p for glob in kind.globs for p in REPO.glob(glob)})


def models(kind: Kind) -> list[type[BaseModel]]:
    """The kind's model and every model nested in it."""
    found: list[type[BaseModel]] = []

    def visit(tp: object) -> None:
        for arg in typing.get_args(tp):
            visit(arg)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and tp not in found:
            found.append(tp)
            for field in tp.model_fields.values():
                visit(field.annotation)

    visit(kind.model)
    return found


def test_committed_schema_files_are_current() -> None:
    for kind in KINDS:
        committed = (REPO / "schema" / kind.file_name).read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"run `oit schema`: {kind.file_name} is stale"
    result = CliRunner().invoke(main, ["schema", "--check", "--project", str(REPO)])
    assert result.exit_code == 0, result.output
    assert result.output == "The schema files and the data-format page are up to date.\n"


def test_schema_check_fails_on_a_stale_file(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    out = tmp_path / "schema"
    result = CliRunner().invoke(main, ["schema", "--project", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote schema/item.schema.json" in result.output
    assert "wrote content/help/data-format.en.md" in result.output
    (out / "item.schema.json").write_text("{}\n")
    result = CliRunner().invoke(main, ["schema", "--check", "--project", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == (
        "schema/item.schema.json is out of date: run oit schema and commit it.\n"
    )


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_schema_is_valid_draft7_and_accepts_the_sample_data(kind: Kind) -> None:
    schema = json.loads((REPO / "schema" / kind.file_name).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    validator = Draft7Validator(schema)
    files = data_files(kind)
    assert files, kind.globs
    for path in files:
        data = load_yaml(path, path.relative_to(REPO).as_posix()).data
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], path


def item_errors(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "o02.yml"
    path.write_text(text, encoding="utf-8")
    validator = Draft7Validator(json_schema(KINDS[2]))
    data = load_yaml(path, "o02.yml").data
    return sorted(f"{list(e.absolute_path)}: {e.validator}" for e in validator.iter_errors(data))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("updated: 2569-02-29\nblocks: []\n", []),  # a BE date that is not a CE one
        ("updated: ๒๕๖๙-๐๑-๑๕\nblocks: []\n", []),  # Thai digits
        ("updated: 15/01/2569\n", ["['updated']: anyOf"]),
        ("blokcs: []\n", ["[]: additionalProperties"]),
        ("intro: {en: English only}\n", ["['intro']: anyOf"]),
        (
            "blocks:\n  - type: links\n    links:\n      - {title: x, url: 'javascript:alert(1)'}\n",
            ["['blocks', 0]: oneOf"],
        ),
        (
            "blocks:\n  - type: documents\n    documents:\n      - {title: x, file: ../secret.pdf}\n",
            ["['blocks', 0]: oneOf"],
        ),
        (
            "blocks:\n  - type: documents\n    documents:\n      - {title: x, file: /etc/x.pdf}\n",
            ["['blocks', 0]: oneOf"],
        ),
        ("blocks:\n  - type: peple\n", ["['blocks', 0]: oneOf"]),
    ],
)
def test_schema_refuses_what_validation_refuses(
    text: str, expected: list[str], tmp_path: Path
) -> None:
    assert item_errors(text, tmp_path) == expected


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_field_is_described_in_thai_and_english(kind: Kind) -> None:
    for model in models(kind):
        doc = model.__doc__ or ""
        assert THAI.search(doc) and LATIN.search(doc), f"{model.__name__} docstring"
        for name, field in model.model_fields.items():
            english, thai = split_description(field.description or "")
            assert LATIN.search(english), f"{model.__name__}.{name}: no English description"
            assert THAI.search(thai), f"{model.__name__}.{name}: no Thai after ' / '"


def test_schema_titles_are_bilingual() -> None:
    schema = json_schema(KINDS[0])
    assert schema["title"] == "ข้อมูลหน่วยงาน / Agency (data/agency.yml)"
    assert schema["properties"]["short_name"]["title"] == "ชื่อย่อ / Abbreviation"
    assert schema["definitions"]["Contact"]["properties"]["saraban_email"]["title"] == (
        "อีเมลสารบรรณอิเล็กทรอนิกส์ / E-mail of the records office"
    )


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_field_appears_on_the_reference_page(kind: Kind, lang: str) -> None:
    suffix = ".md" if lang == "th" else ".en.md"
    page = (REPO / "content" / "help" / f"data-format{suffix}").read_text(encoding="utf-8")
    assert page == render_reference(lang)
    for model in models(kind):
        if model.__name__ in ("Text", "LongText"):
            continue  # explained once under "Forms used in every file"
        section = f"## {kind.title_th if lang == 'th' else kind.title_en} {{ #{kind.name} }}"
        if model is not kind.model:
            section = f"### {model.__name__} {{ #{kind.name}-{model.__name__.lower()} }}"
        assert section in page, section
        body = page.split(section, 1)[1].split("\n#", 1)[0]
        for name, field in model.model_fields.items():
            english, thai = split_description(field.description or "")
            row = next((r for r in body.splitlines() if r.startswith(f"| `{name}` |")), None)
            assert row is not None, f"{model.__name__}.{name} is not on the {lang} page"
            assert (thai if lang == "th" else " ".join(english.split())) in row


def test_vscode_maps_every_kind_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {f"./schema/{k.file_name}": list(k.globs) for k in KINDS}
    for kind in KINDS:
        assert (REPO / "schema" / kind.file_name).is_file()
        for path in data_files(kind):
            rel = path.relative_to(REPO).as_posix()
            assert any(fnmatch.fnmatch(rel, g) for g in mapping[f"./schema/{kind.file_name}"])
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
