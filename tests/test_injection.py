"""Every text from data is escaped wherever it lands: a test driven by the schema.

Each project below (the sample agency, the transcribed seed documents) gets a hostile
payload in every string of every data file that still validates with it: titles, names,
Markdown bodies, notes, table cells of CSV files, a copy of the checklist under
data/checklists/. The payload carries a marker unique to its place. The site is built, and
every HTML page and the search index are parsed (an HTML parser, not a text search): no
element, attribute, script, style or link may carry a marker where a browser would act on
it. The fields injected are compared with the string fields of the JSON Schema, so a field
added to the data model later is covered, or the test says which one no fixture holds.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from conftest import REPO, SAMPLE, MakeProject, name_the_site, run_oit
from generator.errors import DataError
from generator.model.load import load_yaml
from generator.model.project import load_project
from generator.tools.json_schema import KINDS

FIXTURES = Path(__file__).parent / "fixtures"
#: The sample agency and every transcribed seed document.
PROJECTS = ["sample", *sorted(p.name for p in FIXTURES.iterdir() if (p / "data").is_dir())]
SCHEMA = REPO / "schema"

#: A marker's shape: unique per injected place.
MARK = re.compile(r"oitM\d+x")

#: Markup, an attribute break-out, a script, a link, each carrying the marker.
MARKUP = (
    '{m} <img src=x onerror=live("{m}") data-live="{m}"> "\' & <script>live("{m}")</script>'
    "<a href=\"javascript:live('{m}')\">{m}</a>"
)
#: Markdown links whose address only a Markdown parser finds: reference definitions inside
#: a blockquote and inside a list item.
MARKDOWN = (
    MARKUP + '\n\n> [q{m}]: javascript:live("{m}")\n>\n> [q{m}]\n\n'
    '* item [l{m}]\n\n    [l{m}]: javascript:live("{m}")\n'
)
ONE_LINE = '{m} <img src=x onerror=live("{m}") data-live="{m}"> "\' & <script>x</script>'
URL = "https://oit.invalid/{m}?\"'><img/src=x/onerror=live({m})>"
PAYLOADS = (MARKDOWN, MARKUP, ONE_LINE, URL)
#: Names that refer to something else (a column's key is named by its rows and a CSV
#: header; a sheet is named in the workbook): test_identifiers_are_text_everywhere.
IDENTIFIERS = {"key", "sheet"}

#: Attributes whose value a browser follows or runs.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "xlink:href", "poster", "data"}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


class Markers:
    def __init__(self) -> None:
        self.count = 0
        self.where: dict[str, str] = {}  # marker -> file and place, for failure messages

    def new(self, where: str) -> str:
        self.count += 1
        marker = f"oitM{self.count}x"
        self.where[marker] = where
        return marker


def kind_of(rel: str) -> Any:
    return next(k for k in KINDS if any(fnmatch.fnmatch(rel, g) for g in k.globs))


def leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def set_at(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def field_name(path: tuple[Any, ...]) -> str:
    """The data model's name for a leaf: its key, or for a `{th, en}` text the key above."""
    keys = [p for p in path if isinstance(p, str)]
    if keys and keys[-1] in ("th", "en") and len(keys) > 1:
        return keys[-2]
    return keys[-1] if keys else ""


def data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic's `loc` as a place in the data: the tags of discriminated unions (a block's
    `type`, which may equal a key of the block, as in `documents`) are left out."""
    out: list[Any] = []
    node = data
    for index, part in enumerate(loc):
        following = loc[index + 1] if index + 1 < len(loc) else None
        if isinstance(node, dict) and part == node.get("type") and following in node:
            continue  # the union's tag
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        elif isinstance(node, dict) and following is None:
            node = None  # a missing key
        else:
            continue  # a validator's name, not in the data
        out.append(part)
    return tuple(out)


def inject_file(
    root: Path, rel: str, markers: Markers, injected: dict[str, set[str]]
) -> dict[tuple[Any, ...], str]:
    """Every string of one data file replaced by the first payload its model accepts there;
    returns the original value of each replaced place.

    All places are tried at once. The places an error points at (or lies above: a block
    whose `type` no longer matches blames the whole block) are put back and tried again by
    halves, down to the one that the model refuses, which moves on to its next payload (and
    at last back to its value)."""
    path = root / rel
    data = load_yaml(path, rel).data
    model = kind_of(rel).model
    context = {"content_dir": (root / "content").resolve()}
    original = {p: v for p, v in leaves(data) if field_name(p) not in IDENTIFIERS}
    marker = {place: markers.new(f"{rel} {place}") for place in original}
    step = dict.fromkeys(original, 0)

    def blamed(places: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        try:
            model.model_validate(data, context=context)
            return []
        except ValidationError as exc:
            locs = [data_loc(data, error["loc"]) for error in exc.errors()]
        found: list[tuple[Any, ...]] = []
        for loc in locs:
            # A shorthand's loc names keys the data does not have: the nearest data above.
            while loc and not any(p[: len(loc)] == loc for p in original):
                loc = loc[:-1]
            found += [p for p in places if p[: len(loc)] == loc and p not in found]
        assert found or places != list(original), f"{rel}: errors no injected place explains"
        return found

    def advance(place: tuple[Any, ...]) -> None:
        if step[place] < len(PAYLOADS):
            set_at(data, place, PAYLOADS[step[place]].format(m=marker[place]))
            step[place] += 1
        else:
            set_at(data, place, original.pop(place))

    def settle(group: list[tuple[Any, ...]]) -> None:
        """Inject `group` (at its values now); halve it until the refused places are found."""
        for place in group:
            advance(place)
        if not blamed(group):
            return
        for place in group:
            set_at(data, place, original[place])
            step[place] = 0
        if len(group) > 1:
            settle(group[: len(group) // 2])
            settle(group[len(group) // 2 :])
            return
        [place] = group
        advance(place)
        while place in original and blamed(group):
            advance(place)

    for place in original:
        advance(place)
    while culprits := blamed(list(original)):
        for place in culprits:
            set_at(data, place, original[place])
            step[place] = 0
        settle(culprits)
    for place in marker:  # tried; where every payload was refused, the field is not free text
        injected.setdefault(field_name(place), set())
    for place in original:
        injected[field_name(place)].add(marker[place])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return original


def inject_tables(root: Path, markers: Markers) -> int:
    """The text columns of every CSV table file get the payload in each cell."""
    done = 0
    for item in sorted((root / "data").glob("*/oit/*.yml")):
        data = load_yaml(item, item.name).data or {}
        for block in data.get("blocks") or []:
            file = block.get("file") if isinstance(block, dict) else None
            if not file or not str(file).endswith(".csv"):
                continue
            text_columns = {
                c["key"] for c in block.get("columns") or [] if c.get("type", "text") == "text"
            }
            path = root / "content" / file
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
            header = rows[0]
            for row in rows[1:]:
                for i, name in enumerate(header):
                    if i < len(row) and name in text_columns and row[i].strip():
                        row[i] = ONE_LINE.format(m=markers.new(f"{file} {name}"))
                        done += 1
            out = io.StringIO()
            csv.writer(out).writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
    return done


def revert_errors(root: Path, originals: dict[str, dict[tuple[Any, ...], str]]) -> None:
    """Cross-file rules (a unit named in the registry, a column a row uses) refuse some
    payloads that each file alone accepts: put those places back until the project loads."""
    for _ in range(10):
        name_the_site(root)  # mkdocs.yml names the site as data/agency.yml does now
        try:
            load_project(root)
            return
        except DataError as exc:
            errors = [p for p in exc.problems if p.severity == "error"]
        reverted = 0
        for file in sorted({p.file for p in errors}):
            lines = {p.line for p in errors if p.file == file}
            places = originals.get(file, {})
            source = load_yaml(root / file, file)
            for place in list(places):
                if {source.where(place)[0], source.where(place, key=True)[0]} & lines:
                    set_at(source.data, place, places.pop(place))
                    reverted += 1
            (root / file).write_text(
                yaml.safe_dump(source.data, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        assert reverted, "\n".join(p.format("en") for p in errors)
    raise AssertionError("the injected project never loaded")


class LiveMarkers(HTMLParser):
    """Markers in places a browser acts on: an element or attribute made from the payload,
    an event handler, a script or style, a link whose address is not http(s)/mailto/tel."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.raw: str | None = None  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name == "data-live" or (name.startswith("on") and MARK.search(value)):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and MARK.search(value):
                self.found.append(f"<{tag} style={value!r}>")
            elif name in URL_ATTRIBUTES and MARK.search(value):
                address = re.sub(r"[\x00-\x20]", "", value).lower()
                scheme = re.match(r"^[a-z][a-z0-9+.-]*:", address)
                if scheme and not address.startswith(SAFE_SCHEMES):
                    self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("script", "style"):
            self.raw = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self.raw:
            self.raw = None

    def handle_data(self, data: str) -> None:
        if self.raw and MARK.search(data):
            self.found.append(f"<{self.raw}>{data[:80]}")


def live_markers(html: str) -> list[str]:
    parser = LiveMarkers()
    parser.feed(html)
    parser.close()
    return parser.found


def schema_text_fields() -> set[str]:
    """Every property of the committed JSON Schema that holds free text: a plain string
    (no pattern, enum or format) or a reference to the Text types."""
    names: set[str] = set()

    def free(schema: dict[str, Any]) -> bool:
        if "$ref" in schema:
            return schema["$ref"].rsplit("/", 1)[-1] in ("Text", "LongText")
        options = schema.get("anyOf") or schema.get("oneOf")
        if options:
            return any(free(o) for o in options)
        if schema.get("type") == "array":
            return free(schema.get("items") or {})
        return schema.get("type") == "string" and not (
            {"pattern", "enum", "format", "const"} & schema.keys()
        )

    for path in SCHEMA.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        for definition in [schema, *schema.get("definitions", {}).values()]:
            for name, prop in (definition.get("properties") or {}).items():
                if free(prop) and name not in ("th", "en"):
                    names.add(name)
    return names


def add_rarer_fields(root: Path) -> None:
    """What the sample does not hold: an ITAS note, a table of more than one page (whose
    title goes into further pages' titles), and a table from an XLSX sheet."""
    item = root / "data/2569/oit/o12-procurement-annual.yml"
    data = load_yaml(item, item.name).data
    data["itas_note"] = "ข้อความ"
    columns = [{"key": "name", "title": "ชื่อ"}, {"key": "n", "type": "number"}]
    data["blocks"] += [
        {"type": "table", "title": "ตาราง", "file": "files/long.csv", "columns": columns},
        {"type": "table", "title": "ตาราง", "file": "files/sheet.xlsx", "sheet": "แผ่น 1"},
    ]
    item.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rows = [["name", "n"]] + [[f"แถว {n}", str(n)] for n in range(1, 502)]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    (root / "content/files/long.csv").write_text(out.getvalue(), encoding="utf-8")
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "แผ่น 1"
    for row in rows[:3]:
        sheet.append(row)
    book.save(root / "content/files/sheet.xlsx")


def injected_project(tmp_path: Path, name: str) -> tuple[Path, Markers, dict[str, set[str]]]:
    root = tmp_path / name
    root.mkdir()
    for entry in ("mkdocs.yml", "urls.txt"):
        shutil.copy(SAMPLE / entry, root / entry)
    shutil.copytree(SAMPLE / "content", root / "content")
    source = SAMPLE / "data" if name == "sample" else FIXTURES / name / "data"
    shutil.copytree(source, root / "data")
    if name != "sample":
        (root / "urls.txt").write_text("", encoding="utf-8")
        (root / "data/2569").mkdir(exist_ok=True)  # the home page links to FY2569
        if not (root / "data/2569/year.yml").exists():
            (root / "data/2569/year.yml").write_text("checklist: ita-2569\n", encoding="utf-8")
        (root / "data/redirects.yml").unlink(missing_ok=True)
    if name == "sample":
        add_rarer_fields(root)
    if name == "diw":  # a group's analysis with findings, which DIW does not print
        plan = root / "data/2567/plans/integrity-measures.yml"
        data = load_yaml(plan, plan.name).data
        data["groups"][0]["analysis"]["findings"] = "ข้อค้นพบ"
        plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # A copy of a shipped checklist as the agency's own, so that its texts are injected too.
    (root / "data/checklists").mkdir(exist_ok=True)
    shutil.copy(REPO / "generator/checklists/ita-2569.yml", root / "data/checklists/own.yml")
    markers = Markers()
    injected: dict[str, set[str]] = {}
    originals = {}
    for path in sorted((root / "data").rglob("*.yml")):
        rel = path.relative_to(root).as_posix()
        if rel != "data/redirects.yml":
            originals[rel] = inject_file(root, rel, markers, injected)
    inject_tables(root, markers)
    revert_errors(root, originals)
    return root, markers, injected


@pytest.mark.slow
@pytest.mark.parametrize("name", PROJECTS)
def test_no_text_from_data_runs_in_the_built_site(tmp_path: Path, name: str) -> None:
    root, markers, injected = injected_project(tmp_path, name)
    assert sum(len(v) for v in injected.values()) > 100
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    found = []
    for page in sorted(site.rglob("*.html")):
        for hit in live_markers(page.read_text(encoding="utf-8")):
            found.append(f"{page.relative_to(site)}: {hit}")
    # The search index (pagefind/) holds the pages' text as plain text, which the search box
    # (generator/theme/assets/javascripts/oit-search.js) shows through textContent or escaped.
    places = sorted({markers.where[m] for f in found for m in MARK.findall(f)})
    assert not found, f"{len(found)} live markers, from:\n" + "\n".join(places[:40])


@pytest.mark.slow
def test_every_text_field_of_the_schema_is_injected(tmp_path: Path) -> None:
    injected: dict[str, set[str]] = {}
    for name in PROJECTS:
        injected |= injected_project(tmp_path, name)[2]
    missing = schema_text_fields() - set(injected) - IDENTIFIERS
    assert not missing, f"no fixture holds these text fields: {sorted(missing)}"


@pytest.mark.slow
def test_identifiers_are_text_everywhere(make_project: MakeProject) -> None:
    """Column keys (named by a table's rows and a CSV header) and a sheet's name, which the
    schema-driven test leaves alone, carrying the payload in every place at once."""
    key = ONE_LINE.format(m="oitM1x")
    sheet = ONE_LINE.format(m="oitM2x")[:31].replace("[", "(").replace("]", ")")
    sheet = re.sub(r"[\\/*?:]", "", sheet)  # what Excel allows in a sheet name
    root = make_project(
        {
            "data/2569/oit/o11-procurement.yml": yaml.safe_dump(
                {
                    "blocks": [
                        {"type": "table", "columns": [{"key": key}], "rows": [{key: "x"}]},
                        {"type": "table", "file": "files/a.csv", "columns": [{"key": key}]},
                        {"type": "table", "file": "files/b.xlsx", "sheet": sheet},
                    ]
                },
                allow_unicode=True,
            )
        }
    )
    out = io.StringIO()
    csv.writer(out).writerows([[key], ["y"]])
    (root / "content/files").mkdir()
    (root / "content/files/a.csv").write_text(out.getvalue(), encoding="utf-8")
    book = Workbook()
    sheet_ = book.active
    assert isinstance(sheet_, Worksheet)
    sheet_.title = sheet
    sheet_.append([key])
    sheet_.append(["z"])
    book.save(root / "content/files/b.xlsx")
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (root / "site/2569/oit/o11/index.html").read_text(encoding="utf-8")
    assert page.count("oitM1x") >= 3  # the keys are shown, as text
    assert live_markers(page) == []
