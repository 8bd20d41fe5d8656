"""Stage 3: every data file of a project, validated and joined into one `Project`.

`load_project(root)` reads data/agency.yml, the checklists (shipped ones, then the
project's data/checklists/ overriding by id), and each fiscal year folder with its
item files. It checks what no single file can: an item file for a code the year's
checklist lacks, two files for one item, an element key or unit abbreviation that does
not exist. It collects every problem and raises one `DataError` when any is an error.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import caches
from generator.errors import DataError, Problem, did_you_mean, natural_key
from generator.labels import label
from generator.model.compose import Composition, compose
from generator.model.files import check_files, leads_out
from generator.model.formats import data_format, upgrade
from generator.model.load import LoadError, SourceFile, load_yaml
from generator.model.plans import RESULTS_FILE, PlanData, ResultsData, load_plans, load_results
from generator.model.site_config import check_site_config
from generator.model.tables import TableData, load_table
from generator.model.units import check_unit
from generator.model.validate import validate_file
from generator.schema.agency import CURRENT_FORMAT, Agency
from generator.schema.base import thai_digits_to_arabic
from generator.schema.blocks import PeopleBlock, TableBlock
from generator.schema.checklist import Checklist, ChecklistItem, normalize_code
from generator.schema.item import ItemFile
from generator.schema.redirects import RedirectsFile
from generator.schema.text import Text
from generator.schema.year import YearFile

SHIPPED_CHECKLISTS = Path(__file__).parent.parent / "checklists"
#: Arabic digits only: `\d` also takes Thai digits, and data/๒๕๖๙/ would be a second 2569.
_YEAR_DIR = re.compile(r"^[0-9]{4}$")
_THAI_YEAR_DIR = re.compile(r"^[0-9๐-๙]{4}$")
_ITEM_FILE = re.compile(r"^([a-zA-Z]+\d+)(?:[-_.][^/]*)?\.ya?ml$")


@dataclass
class Item:
    """One checklist item of one fiscal year, with the agency's content when it exists."""

    fy: int
    spec: ChecklistItem
    content: ItemFile | None = None
    source: SourceFile | None = None
    tables: dict[int, TableData] = field(default_factory=dict)  # by block index
    composed: dict[str, Composition] = field(default_factory=dict)  # by element key

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def published(self) -> bool:
        """The item has a page: the agency has a file for it, or its content is composed
        from plan or results data. An item with neither is listed as not yet published,
        and deleting a published item's file loses its page: the URL manifest then stops
        the build."""
        return self.source is not None or any(c.present for c in self.composed.values())

    @property
    def title(self) -> Text:
        """The item's title for its year; a checklist may leave it out when it is unknown."""
        if self.spec.title is None:
            return Text(th=label("title_unknown", "th"), en=label("title_unknown", "en"))
        return self.spec.title.format(**{"fy": self.fy, "fy-1": self.fy - 1})


@dataclass
class FiscalYear:
    fy: int
    settings: YearFile
    source: SourceFile
    checklist: Checklist
    items: list[Item]
    plans: dict[str, PlanData] = field(default_factory=dict)  # by kind, in PLAN_KINDS order

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)


@dataclass
class Project:
    root: Path
    agency: Agency
    agency_source: SourceFile
    checklists: dict[str, Checklist]
    years: dict[int, FiscalYear]  # newest first
    warnings: list[Problem] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)  # data/redirects.yml: old -> new
    redirects_source: SourceFile | None = None
    results: dict[int, ResultsData] = field(default_factory=dict)  # ITA results by year

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def latest_year(self) -> FiscalYear | None:
        return next(iter(self.years.values()), None)

    def ita_checklist(self, year: int) -> Checklist | None:
        """The OIT checklist of ITA `year` (held in FY `year`): the fiscal year's own, else
        the shipped general list `ita-<year>` (for a folder that holds only results)."""
        fy = self.years.get(year)
        return fy.checklist if fy is not None else self.checklists.get(f"ita-{year}")


def load_project(root: Path) -> Project:
    """Load and validate the project at `root`; raise `DataError` listing every error."""
    root = root.resolve()
    loader = _ProjectLoader(root)
    project = loader.run()
    errors = [p for p in loader.problems if p.severity == "error"]
    if errors or project is None:
        raise DataError(loader.problems)
    project.warnings = sorted(p for p in loader.problems if p.severity == "warning")
    return project


def load_checklists(root: Path) -> dict[str, Checklist]:
    """The checklists a project at `root` may name: the shipped ones, then its own
    data/checklists/ (by id, replacing a shipped one); raise `DataError` on an error."""
    loader = _ProjectLoader(root.resolve())
    found = loader.load_checklists()
    errors = [p for p in loader.problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return found


def load_project_cached(root: Path) -> Project:
    """`load_project`, reused while no file of the project changes.

    Why: one `oit build` checks the data, then MkDocs runs the plugin once per language;
    each would otherwise load and validate everything again.
    """
    root = root.resolve()
    fingerprint = project_fingerprint(root)
    cached = caches.PROJECTS.get(root)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    project = load_project(root)
    caches.PROJECTS.put(root, (fingerprint, project))
    return project


def project_fingerprint(root: Path) -> str:
    """Changes whenever a data file, a content file, a shipped checklist or mkdocs.yml (which
    must agree with data/agency.yml) changes."""
    digest = hashlib.sha256()
    for folder in (root / "data", root / "content", SHIPPED_CHECKLISTS):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    config = root / "mkdocs.yml"
    if config.is_file():
        stat = config.stat()
        digest.update(f"{config}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _content_state(content_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(content_dir.rglob("*")) if content_dir.is_dir() else ():
        stat = path.lstat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class _ProjectLoader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data_dir = root / "data"
        self.content_dir = root / "content"
        self.context: dict[str, Any] = {"content_dir": self.content_dir.resolve()}
        # Validation checks that the files data refers to exist, and that Markdown shows
        # images only from hosts the agency allows: a change under content/ or to
        # data/agency.yml makes every validated file stale.
        caches.FILES.valid_for(
            (_content_state(self.content_dir), _stamp(self.data_dir / "agency.yml"))
        )
        self.problems: list[Problem] = []
        self.format = CURRENT_FORMAT  # of the agency's files: data/agency.yml's `format:`

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def load(
        self, path: Path, model: type[Any], rel: str | None = None
    ) -> tuple[Any, SourceFile | None]:
        if path.is_relative_to(self.data_dir) and leads_out(path, self.data_dir):
            return None, None  # a link out of data/: reported by check_files, never read
        rel = rel or self.rel(path)
        try:
            stat = path.stat()
        except OSError:
            stat = None
        key = (path, rel, model, stat and (stat.st_size, stat.st_mtime_ns), self.format)
        cached = caches.FILES.get(key) if stat is not None else None
        if cached is not None:
            value, source, problems = cached
        else:
            try:
                source = load_yaml(path, rel)
            except LoadError as exc:
                self.problems.append(exc.problem)
                return None, None
            if self.format < CURRENT_FORMAT and rel.startswith("data/"):
                source.data = upgrade(rel, source.data, self.format)
            value, problems = validate_file(model, source, self.context)
            if stat is not None:
                caches.FILES.put(key, (value, source, problems))
        self.problems.extend(problems)
        return value, source

    def run(self) -> Project | None:
        if not (self.data_dir / "agency.yml").is_file():
            self.problems.append(
                Problem(
                    "data/agency.yml",
                    1,
                    1,
                    "error",
                    "there is no data/agency.yml in this project.",
                    "Run oit in the folder that holds mkdocs.yml and data/, or give --project DIR.",
                )
            )
            return None
        if not self.read_format():
            return None
        self.problems.extend(check_files(self.root))
        agency, agency_source = self.load(self.data_dir / "agency.yml", Agency)
        self.context["image_hosts"] = tuple(agency.settings.image_hosts) if agency else ()
        checklists = self.load_checklists()
        years: dict[int, FiscalYear] = {}
        results: dict[int, ResultsData] = {}
        year_dirs = [
            p
            for p in sorted(self.data_dir.iterdir(), reverse=True)
            if p.is_dir() and _YEAR_DIR.match(p.name)
        ]
        for path in sorted(self.data_dir.iterdir(), reverse=True):
            if path in year_dirs:
                # A folder holding only ita-results.yml keeps an earlier assessment's
                # results for comparison; it has no pages of its own.
                year = None if _results_only(path) else self.load_year(path, checklists, agency)
                if year is not None:
                    years[year.fy] = year
                if year is not None or _results_only(path):
                    found = load_results(path, int(path.name), self.load)
                    if found is not None:
                        results[found.year] = found
            elif path.is_dir() and _THAI_YEAR_DIR.match(path.name):
                arabic = thai_digits_to_arabic(path.name)
                self.problems.append(
                    Problem(
                        self.rel(path),
                        1,
                        1,
                        "error",
                        "a fiscal-year folder must be named with Arabic digits"
                        + (
                            f"; data/{arabic}/ is there too."
                            if (path.parent / arabic).is_dir()
                            else "."
                        ),
                        f"Move its files into data/{arabic}/ and delete this folder.",
                    )
                )
            elif path.is_dir() and path.name != "checklists":
                self.problems.append(
                    Problem(
                        self.rel(path),
                        1,
                        1,
                        "warning",
                        "this folder is not a fiscal year and is ignored.",
                        "Fiscal-year folders are named by the Buddhist Era year, e.g. data/2569/.",
                    )
                )
        if agency is None or agency_source is None:
            return None
        if (self.root / "mkdocs.yml").is_file():
            self.problems.extend(check_site_config(self.root, agency))
        if not year_dirs:
            self.problems.append(
                Problem(
                    "data",
                    1,
                    1,
                    "error",
                    "there is no fiscal-year folder.",
                    "Create data/2569/year.yml (oit new-year can help).",
                )
            )
        _compose_items(years, results)
        project = Project(self.root, agency, agency_source, checklists, years, results=results)
        self.load_redirects(project)
        return project

    def read_format(self) -> bool:
        """Note the data format of the agency's files; False when this tool cannot read it
        (written for a newer one): then that is the one problem reported."""
        path = self.data_dir / "agency.yml"
        if leads_out(path, self.data_dir):
            return True  # a link out of data/: reported by check_files, never read
        try:
            source = load_yaml(path, "data/agency.yml")
        except LoadError:
            return True  # reported when agency.yml is loaded
        self.format, problem = data_format(source)
        if problem is not None:
            self.problems.append(problem)
            return False
        return True

    def load_redirects(self, project: Project) -> None:
        path = self.data_dir / "redirects.yml"
        if not path.is_file():
            return
        redirects, source = self.load(path, RedirectsFile)
        if redirects is None or source is None:
            return
        for old, new in redirects.redirects.items():
            if old.endswith("/") != new.endswith("/"):
                self.problems.append(
                    source.problem(
                        ("redirects", old),
                        f"{old} and {new} are not both pages (ending in /) or both files.",
                        "A page can only redirect to a page, and a data file to a data file.",
                        key=True,
                    )
                )
            elif old == new:
                self.problems.append(
                    source.problem(
                        ("redirects", old), f"{old} redirects to itself.", "Remove it.", key=True
                    )
                )
        project.redirects, project.redirects_source = dict(redirects.redirects), source

    # -- checklists ---------------------------------------------------------------

    def load_checklists(self) -> dict[str, Checklist]:
        found: dict[str, Checklist] = {}
        paths = [
            (p, f"generator/checklists/{p.name}") for p in sorted(SHIPPED_CHECKLISTS.glob("*.yml"))
        ]
        own = self.data_dir / "checklists"
        if own.is_dir():
            paths += [(p, self.rel(p)) for p in sorted(own.glob("*.y*ml"))]
        for path, rel in paths:
            if path.is_relative_to(SHIPPED_CHECKLISTS):
                checklist, source = self.load_shipped(path, rel)
            else:
                checklist, source = self.load(path, Checklist, rel)
            if checklist is None or source is None:
                continue
            if self.check_checklist(checklist, source):
                found[checklist.id] = checklist  # the project's file replaces a shipped one
        return found

    def load_shipped(self, path: Path, rel: str) -> tuple[Checklist | None, SourceFile | None]:
        """A shipped checklist, read once per process: they are the largest YAML files and
        never change while `oit serve` (or a test session) runs; frozen models are shared."""
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        cached = caches.CHECKLISTS.get(key)
        if cached is None:
            before = len(self.problems)
            checklist, source = self.load(path, Checklist, rel)
            caches.CHECKLISTS.put(key, (checklist, source, self.problems[before:]))
            return checklist, source
        checklist, source, problems = cached
        self.problems.extend(problems)
        return checklist, source

    def check_checklist(self, checklist: Checklist, source: SourceFile) -> bool:
        before = len(self.problems)
        seen: set[str] = set()
        groups = {g.code for g in checklist.groups}
        for n, item in enumerate(checklist.items):
            loc = ("items", n)
            if item.code in seen:
                self.problems.append(
                    source.problem(
                        (*loc, "code"),
                        f"item {item.code} is listed twice.",
                        "Each code may appear once.",
                    )
                )
            seen.add(item.code)
            if item.group is not None and item.group not in groups:
                self.problems.append(
                    source.problem(
                        (*loc, "group"),
                        f'item {item.code} names group "{item.group}", which is not under groups:.',
                        did_you_mean(item.group, groups),
                    )
                )
            keys: set[str] = set()
            for e, element in enumerate(item.elements):
                if element.key in keys:
                    self.problems.append(
                        source.problem(
                            (*loc, "elements", e, "key"),
                            f'item {item.code}: element "{element.key}" is listed twice.',
                            "Give each element its own key.",
                        )
                    )
                keys.add(element.key)
        return len(self.problems) == before

    # -- fiscal years -------------------------------------------------------------

    def load_year(
        self, path: Path, checklists: dict[str, Checklist], agency: Agency | None
    ) -> FiscalYear | None:
        fy = int(path.name)
        year_file = path / "year.yml"
        if not 2500 <= fy <= 2700:
            self.problems.append(
                Problem(
                    self.rel(path),
                    1,
                    1,
                    "error",
                    f"{fy} is not a Buddhist Era fiscal year.",
                    f"Name the folder by the BE year: {fy} CE is {fy + 543} BE (data/{fy + 543}/)."
                    if 1900 <= fy <= 2200
                    else "Name the folder by the BE year, e.g. data/2569/.",
                )
            )
            return None
        if not year_file.is_file():
            self.problems.append(
                Problem(
                    self.rel(year_file),
                    1,
                    1,
                    "error",
                    f"fiscal year {fy} has no year.yml.",
                    f"Create it with the line `checklist: ita-{fy}`.",
                )
            )
            return None
        settings, source = self.load(year_file, YearFile)
        if settings is None or source is None:
            return None
        checklist = checklists.get(settings.checklist)
        if checklist is None:
            self.problems.append(
                source.problem(
                    ("checklist",),
                    f'there is no checklist "{settings.checklist}".',
                    _checklist_hint(settings.checklist, fy, checklists),
                )
            )
            return None
        items = {spec.code: Item(fy, spec) for spec in checklist.items}
        oit_dir = path / "oit"
        files = sorted(oit_dir.iterdir()) if oit_dir.is_dir() else []
        for file in files:
            self.load_item_file(file, fy, checklist, items, agency)
        plans = load_plans(path, fy, self.load, self.problems, agency)
        return FiscalYear(fy, settings, source, checklist, list(items.values()), plans)

    def load_item_file(
        self,
        file: Path,
        fy: int,
        checklist: Checklist,
        items: dict[str, Item],
        agency: Agency | None,
    ) -> None:
        rel = self.rel(file)
        if file.is_dir() or file.name.startswith("."):
            return
        match = _ITEM_FILE.match(file.name)
        if not match:
            if file.suffix.lower() in (".yml", ".yaml"):
                self.problems.append(
                    Problem(
                        rel,
                        1,
                        1,
                        "error",
                        "the file name must start with the item code.",
                        "Name it like o02-executives.yml.",
                    )
                )
            else:
                self.problems.append(
                    Problem(
                        rel,
                        1,
                        1,
                        "warning",
                        "this is not a YAML file and is ignored.",
                        "Put documents under content/files/.",
                    )
                )
            return
        code = normalize_code(match.group(1))
        item = items.get(code)
        if item is None:
            self.problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "error",
                    f"the {checklist.id} checklist has no item {code}.",
                    did_you_mean(code, items, what="Items"),
                )
            )
            return
        if item.source is not None:
            self.problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "error",
                    f"item {code} already has a file: {item.source.path}.",
                    "Merge the two files into one.",
                )
            )
            return
        content, source = self.load(file, ItemFile)
        if content is None or source is None:
            item.source = source or SourceFile(rel, None)
            return
        item.content, item.source = content, source
        self.check_item(item, source, content, agency)

    def check_item(
        self, item: Item, source: SourceFile, content: ItemFile, agency: Agency | None
    ) -> None:
        elements = [e.key for e in item.spec.elements]
        for b, block in enumerate(content.blocks):
            loc = ("blocks", b)
            if block.element is not None and block.element not in elements:
                hint = (
                    did_you_mean(block.element, elements, what="Elements of this item")
                    if elements
                    else "This item lists no elements; remove the line."
                )
                self.problems.append(
                    source.problem(
                        (*loc, "element"),
                        f'item {item.code} has no element "{block.element}".',
                        hint,
                    )
                )
            elif block.element is not None:
                element = next(e for e in item.spec.elements if e.key == block.element)
                if block.type not in element.blocks:
                    self.problems.append(
                        source.problem(
                            (*loc, "type"),
                            f'a {block.type} block cannot provide the element "{block.element}".',
                            "Use a block of type " + " or ".join(element.blocks) + ".",
                        )
                    )
            if isinstance(block, PeopleBlock):
                for p, person in enumerate(block.people):
                    if person.unit is not None:
                        problem = check_unit(
                            person.unit, source, (*loc, "people", p, "unit"), agency
                        )
                        self.problems.extend([problem] if problem else [])
            if isinstance(block, TableBlock):
                table, problems = load_table(block, source, loc, self.content_dir)
                self.problems.extend(problems)
                if table is not None:
                    item.tables[b] = table


def _checklist_hint(name: str, fy: int, checklists: dict[str, Checklist]) -> str:
    """What to write instead of an unknown checklist id. Another year's list is never the
    suggestion for the year's own (`ita-2564` in data/2564/): item numbers change every year;
    a year that is not the folder's (`ita-2596` in data/2569/) is taken for a typo."""
    dated = re.match(r"^(.*)-(\d{4})$", name)
    if dated and int(dated.group(2)) == fy:
        known = ", ".join(sorted(checklists, key=natural_key))
        return (
            f"No checklist for {dated.group(2)} is shipped (known: {known}). Write your own "
            f"as data/checklists/{name}.yml with id: {name}, or name one of these."
        )
    return did_you_mean(name, checklists, what="Known checklists")


def _results_only(path: Path) -> bool:
    names = {p.name for p in path.iterdir() if not p.name.startswith(".")}
    return names == {RESULTS_FILE}


def _compose_items(years: dict[int, FiscalYear], results: dict[int, ResultsData]) -> None:
    """Resolve the elements that checklists compose from plans and results (`source:`)."""
    plans = {fy: year.plans for fy, year in years.items()}
    for year in years.values():
        for item in year.items:
            for element in item.spec.elements:
                if element.source is not None:
                    item.composed[element.key] = compose(element, year.fy, plans, results)
