"""The JSON Schema files, the VS Code set-up and the data-format reference: one model, four uses.

The committed schema/*.schema.json and content/help/data-format pages must be what
`oit schema` writes from the models now; the schemas must accept the sample data and the
seed fixtures as our loader reads them, accept the short forms the validators accept, and
refuse what validation refuses; every field is described in Thai and English and appears on
the reference page (as Datasette checks its settings are documented); the VS Code globs
match each data file to its one kind.
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
from pydantic import BaseModel, ValidationError

from conftest import REPO, SAMPLE
from generator.cli import main
from generator.model.load import load_yaml
from generator.model.plans import _plan_file
from generator.schema.base import NUMBER_PATTERN, parse_number
from generator.schema.checklist import PLAN_KINDS
from generator.schema.measures import ROUND_KEYS
from generator.tools.json_schema import KINDS, Kind, json_schema, schema_text, split_description
from generator.tools.reference import render_reference

THAI = re.compile(r"[\u0e00-\u0e7f]")
LATIN = re.compile(r"[A-Za-z]")

#: The sample project and the two seed fixtures (real documents transcribed).
PROJECTS = (SAMPLE, REPO / "tests" / "fixtures" / "sopm", REPO / "tests" / "fixtures" / "moc")
KIND = {kind.name: kind for kind in KINDS}


def data_files(kind: Kind, root: Path = SAMPLE) -> list[Path]:
    """The project's files of this kind, and the tool's own (the shipped checklists)."""
    return sorted(
        {
            p
            for glob in kind.globs
            for p in (REPO if glob.startswith("generator/") else root).glob(glob)
        }
    )


def as_editor_sees(data: object) -> object:
    """The data as VS Code's YAML extension validates it: JSON, where every key is text."""
    return json.loads(json.dumps(data))


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
    result = CliRunner().invoke(
        main, ["schema", "--check", "--project", str(SAMPLE), "--out", str(REPO / "schema")]
    )
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
    assert data_files(kind), kind.globs  # the sample has every kind of file
    for root in PROJECTS:
        for path in data_files(kind, root):
            data = load_yaml(path, path.name).data
            for form in (data, as_editor_sees(data)):
                errors = [
                    f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(form)
                ]
                assert errors == [], path


def test_the_seed_fixtures_have_plans_rounds_and_results() -> None:
    """The fixtures above are real transcriptions: make sure they are validated."""
    for name in ("plan", "round", "ita-results"):
        assert data_files(KIND[name], PROJECTS[2]), name
    assert data_files(KIND["plan"], PROJECTS[1])
    assert data_files(KIND["ita-results"], PROJECTS[1])


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


def verdicts(kind: Kind, text: str, tmp_path: Path) -> tuple[list[str], bool]:
    """The JSON Schema's errors for a data file as an editor sees it, and the model's verdict."""
    path = tmp_path / "data.yml"
    path.write_text(text, encoding="utf-8")
    data = load_yaml(path, "data.yml").data
    validator = Draft7Validator(json_schema(kind))
    errors = sorted(
        f"{list(e.absolute_path)}: {e.validator}"
        for e in validator.iter_errors(as_editor_sees(data))
    )
    try:
        kind.model.model_validate(data)
    except ValidationError:
        return errors, False
    return errors, True


PLAN = "title: แผน\nmeasures:\n  - no: 1\n    title: มาตรการ\n    "
ROUND = "date: 2569-04-10\nmeasures:\n  1:\n    status: in_progress\n    "


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        # plans: budgets, units, steps, periods and codes as editors write them
        ("plan", PLAN + "budget: 180000", []),
        ("plan", PLAN + 'budget: "1,290,000.50"', []),
        ("plan", PLAN + "budget: ๑,๒๙๐,๐๐๐", []),
        ("plan", PLAN + "budget: none", []),
        ("plan", PLAN + "budget: None", []),
        ("plan", PLAN + "budget: ไม่มีค่าใช้จ่าย", []),
        ("plan", PLAN + "budget: ไม่ใช้งบประมาณ", []),
        ("plan", PLAN + "budget: {no_cost: true}", []),
        ("plan", PLAN + "budget: {value: 1290000, words: หนึ่งล้านสองแสนเก้าหมื่นบาทถ้วน}", []),
        ("plan", PLAN + "budget: lots", ["['measures', 0, 'budget']: anyOf"]),
        ("plan", PLAN + "budget: {words: หนึ่งแสนบาท}", ["['measures', 0, 'budget']: anyOf"]),
        ("plan", PLAN + "budget: {value: 5, no_cost: true}", ["['measures', 0, 'budget']: anyOf"]),
        ("plan", PLAN + "units: ศปท. / กตส.", []),
        ("plan", PLAN + "units: [ศปท., ทุกหน่วยงาน]", []),
        ("plan", PLAN + "units: 5", ["['measures', 0, 'units']: anyOf"]),
        ("plan", PLAN + "steps: [ทบทวนคู่มือ, {th: เผยแพร่, en: Publish}]", []),
        ("plan", PLAN + "steps: [{no: 2, text: เผยแพร่, units: สล. / ศปท.}]", []),
        (
            "plan",
            PLAN + "steps: [{th: เผยแพร่, units: [สล.]}]",
            ["['measures', 0, 'steps', 0]: anyOf"],
        ),
        ("plan", PLAN + "period: {start: 2567-02-29, end: ๒๕๖๗-๐๙-๓๐}", []),
        (
            "plan",
            PLAN + "period: {start: 29/02/2569}",
            ["['measures', 0, 'period']: anyOf"],
        ),
        ("plan", PLAN + "questions: [i4, E 07, o20, O๒๐]", []),
        ("plan", PLAN + "questions: [q4]", ["['measures', 0, 'questions', 0]: pattern"]),
        ("plan", PLAN + "indicators: [11]", ["['measures', 0, 'indicators', 0]: anyOf"]),
        ("plan", PLAN + "indicators: [๙]", []),
        ("plan", PLAN + "period: {end: มี.ค. ๖๔, text: มี.ค. ๖๔}", []),
        ("plan", PLAN + "period: {start: 2563-10, end: มีนาคม พ.ศ. 2564}", []),
        ("plan", PLAN + "kpis: [{title: ร้อยละ, target: ๘๐}]", []),
        (
            "plan",
            PLAN + "kpis: [{title: ร้อยละ, target: 80%}]",
            ["['measures', 0, 'kpis', 0, 'target']: anyOf"],
        ),
        (
            "plan",
            PLAN + "kpis: [{title: ร้อยละ, comparator: atleast}]",
            ["['measures', 0, 'kpis', 0, 'comparator']: enum"],
        ),
        ("plan", PLAN + "budjet: 5", ["['measures', 0]: additionalProperties"]),
        # progress rounds: measures and KPIs by number, figures with their other printings
        ("round", ROUND + "percent: 50", []),
        ("round", ROUND + "percent: ๕๐", []),
        ("round", ROUND + "percent: 150", ["['measures', '1', 'percent']: anyOf"]),
        ("round", ROUND + "spent: none", []),
        (
            "round",
            ROUND + "participants: {value: 1837, also_given: [{value: 1842, where: §3}]}",
            [],
        ),
        (
            "round",
            ROUND + "participants: {value: 1837, also_given: [{value: 1842}]}",
            ["['measures', '1', 'participants']: anyOf"],
        ),
        ("round", ROUND + "kpis: {1: {actual: 92.8, parts: [{label: ก, value: '92.80'}]}}", []),
        (
            "round",
            ROUND + "kpis: {first: {actual: 92.8}}",
            ["['measures', '1', 'kpis']: pattern"],
        ),
        ("round", ROUND + "activities: [{title: อบรม, start: 2569-01-15, cost: ไม่มีค่าใช้จ่าย}]", []),
        (
            "round",
            "date: 2569-04-10\nmeasures: {one: {status: done}}",
            ["['measures']: pattern"],
        ),
        (
            "round",
            "date: 2569-04-10\nmeasures: {1: {status: finished}}",
            ["['measures', '1', 'status']: enum"],
        ),
        ("round", "date: 2569-04-10\n", ["[]: required"]),
        # ITA results: scores as published, ratings by their published names, codes as keys
        ("ita-results", "overall: 93.82\nlevel: ผ่านดีเยี่ยม", []),
        ("ita-results", "overall: '๙๓.๘๒'\nlevel: AA", []),
        ("ita-results", "overall: {value: 92.8, also_given: [{value: 92.18, where: §1}]}", []),
        ("ita-results", "overall: 93.82\nlevel: excellent", ["['level']: anyOf"]),
        ("ita-results", "overall: 93.82 คะแนน", ["['overall']: anyOf"]),
        ("ita-results", "overall: 90\nindicators: {1: 88, 10: 95.5}", []),
        ("ita-results", "overall: 90\nindicators: {11: 88}", ["['indicators']: pattern"]),
        ("ita-results", "overall: 90\nsubindicators: {'9.1': 100, '10.2': 87.5}", []),
        (
            "ita-results",
            "overall: 90\nsubindicators: {'9.x': 100}",
            ["['subindicators']: pattern"],
        ),
        ("ita-results", "overall: 90\nitems: {o20: 0, O 21: 100, ๐๒๒: 50}", []),
        ("ita-results", "overall: 90\nitems: {x20: 0}", ["['items']: pattern"]),
        (
            "ita-results",
            "overall: 90\nquestions: [{code: I 14, score: 80}, {code: e๔, public: 90}]",
            [],
        ),
        (
            "ita-results",
            "overall: 90\nquestions: [{code: q1, score: 80}]",
            ["['questions', 0, 'code']: pattern"],
        ),
        (
            "ita-results",
            "overall: 90\nrecommendations: [{tool: oit, text: เผยแพร่, cites: [o20]}]",
            [],
        ),
        (
            "ita-results",
            "overall: 90\nrecommendations: [{tool: xit, text: เผยแพร่}]",
            ["['recommendations', 0, 'tool']: anyOf"],
        ),
    ],
)
def test_schema_and_model_agree_on_plans_rounds_and_results(
    kind: str, text: str, expected: list[str], tmp_path: Path
) -> None:
    errors, valid = verdicts(KIND[kind], text, tmp_path)
    assert errors == expected
    assert valid == (expected == [])


@pytest.mark.parametrize(
    "text",
    [
        "85",
        "1,290,000.50",
        "๑,๒๙๐,๐๐๐",
        " ๘๕ ",
        "1 290 000",
        "-3.5",
        "+ 2",
        "12%",
        "1,29,000",
        "1.",
        ".5",
        "1e5",
        "1,0000",
        "๘๕ คน",
        "",
        "ten",
    ],
)
def test_number_pattern_is_what_parse_number_reads(text: str) -> None:
    try:
        parse_number(text)
    except ValueError:
        accepted = False
    else:
        accepted = True
    assert bool(re.match(NUMBER_PATTERN, text)) == accepted


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_field_is_described_in_thai_and_english(kind: Kind) -> None:
    for model in models(kind):
        english, thai = split_description(model.__doc__ or "")
        assert LATIN.search(english), f"{model.__name__} docstring: no English"
        assert THAI.search(thai), f"{model.__name__} docstring: no Thai after ' / '"
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
    page = (SAMPLE / "content" / "help" / f"data-format{suffix}").read_text(encoding="utf-8")
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


def kinds_matching(rel: str) -> list[str]:
    return [k.name for k in KINDS if any(fnmatch.fnmatch(rel, g) for g in k.globs)]


def test_vscode_maps_every_kind_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {f"./schema/{k.file_name}": list(k.globs) for k in KINDS}
    for kind in KINDS:
        assert (REPO / "schema" / kind.file_name).is_file()
    # Every data file of the sample and the fixtures has exactly one kind (fnmatch's `*` also
    # crosses "/", so it matches at least what VS Code's glob matches).
    for root in PROJECTS:
        for path in sorted((root / "data").rglob("*.yml")):
            rel = path.relative_to(root).as_posix()
            if rel != "data/redirects.yml":  # a map of old to new addresses, no model
                assert len(kinds_matching(rel)) == 1, (rel, kinds_matching(rel))


@pytest.mark.parametrize(
    "name",
    [
        *(f"{p}.yml" for p in PLAN_KINDS),
        *(f"{p}-{r}.yml" for p in PLAN_KINDS for r in ROUND_KEYS),
        *("integrity-measures-q5.yml", "integrity-measures-6month.yml", "notes.yml", "plan.yml"),
    ],
)
def test_plan_and_round_globs_match_what_the_loader_reads(name: str) -> None:
    """A plan's glob never takes a round file and the other way round; names the loader
    refuses get no schema."""
    read_as = _plan_file(name)
    expected = [] if read_as is None else ["plan" if read_as[1] is None else "round"]
    assert kinds_matching(f"data/2569/plans/{name}") == expected
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
