"""Stage 3, continued: plans, progress rounds and ITA results, joined to the fiscal years.

`project.load_project` calls `load_plans` and `load_results` for each fiscal-year folder
(`data/<fy>/plans/<kind>.yml`, `data/<fy>/plans/<kind>-<round>.yml`,
`data/<fy>/ita-results.yml`), and `compose` for every checklist element whose `source:`
says it is made from that data (the wiring is declared in the checklist, not here).
Cross-file rules live here too: responsible units must be in the agency's registry, a
measure number is used once per plan, a round reports on measures the plan has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem, closest
from generator.model.load import SourceFile
from generator.schema.agency import Agency
from generator.schema.checklist import PLAN_KINDS, Element, Source
from generator.schema.measures import (
    ALL_UNITS,
    FINAL_ROUNDS,
    ROUND_KEYS,
    Measure,
    MeasureProgress,
    Plan,
    Round,
)
from generator.schema.results import ItaResults

RESULTS_FILE = "ita-results.yml"
PLANS_DIR = "plans"

Load = Callable[[Path, type[Any]], tuple[Any, SourceFile | None]]


@dataclass
class RoundData:
    """One progress round of a plan."""

    key: str  # 6-month, 12-month, q1 ... (from the file name)
    round: Round
    source: SourceFile

    @property
    def final(self) -> bool:
        return self.key in FINAL_ROUNDS


@dataclass
class PlanData:
    """A plan of one fiscal year with its progress rounds (oldest first)."""

    fy: int
    kind: str
    plan: Plan
    source: SourceFile
    rounds: list[RoundData] = field(default_factory=list)

    @property
    def latest(self) -> RoundData | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def based_on(self) -> int:
        """The ITA year whose results the plan analyses."""
        return self.plan.based_on or self.fy - 1

    def progress(self, no: int, round: RoundData | None = None) -> MeasureProgress | None:
        """Measure `no` in `round` (default: the latest round)."""
        round = round or self.latest
        return round.round.measures.get(no) if round else None


@dataclass
class ResultsData:
    """The ITA results of one assessment year."""

    year: int
    results: ItaResults
    source: SourceFile


@dataclass
class Composition:
    """An element's content composed from plan or results data, and whether it is enough."""

    element: Element
    source: Source
    fy: int  # fiscal year of the data
    plan: PlanData | None = None
    results: ResultsData | None = None  # the results shown (analysis: the year analysed)
    previous: ResultsData | None = None  # the results of the year before, for comparison
    count: int = 0
    reason: str | None = None  # why the element is not complete
    fix: str = ""  # the data file to fill in

    @property
    def present(self) -> bool:
        """Is there any data to show?"""
        return self.plan is not None if self.source.show != "results" else bool(self.results)

    @property
    def ok(self) -> bool:
        return self.reason is None and self.count >= self.element.min


# -- loading ------------------------------------------------------------------


def load_results(year_dir: Path, year: int, load: Load) -> ResultsData | None:
    path = year_dir / RESULTS_FILE
    if not path.is_file():
        return None
    results, source = load(path, ItaResults)
    if results is None or source is None:
        return None
    return ResultsData(year, results, source)


def load_plans(
    year_dir: Path, fy: int, load: Load, problems: list[Problem], agency: Agency | None
) -> dict[str, PlanData]:
    """The plans of a fiscal-year folder with their rounds, checked against each other."""
    folder = year_dir / PLANS_DIR
    if not folder.is_dir():
        return {}
    plans: dict[str, PlanData] = {}
    rounds: list[tuple[Path, str, str]] = []
    broken: set[str] = set()
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        rel = f"data/{fy}/{PLANS_DIR}/{path.name}"
        name = _plan_file(path.name)
        if name is None:
            problems.append(_unknown_file(rel, path.name))
            continue
        kind, key = name
        if key is not None:
            rounds.append((path, kind, key))
            continue
        plan, source = load(path, Plan)
        if plan is not None and source is not None:
            plans[kind] = PlanData(fy, kind, plan, source)
            problems.extend(_check_plan(plan, source, agency))
        else:
            broken.add(kind)  # its errors are reported; its rounds wait for it
    for path, kind, key in rounds:
        round, source = load(path, Round)
        if round is None or source is None:
            continue
        data = plans.get(kind)
        if data is None and kind in broken:
            continue
        if data is None:
            problems.append(
                Problem(
                    source.path,
                    1,
                    1,
                    "error",
                    f"this progress round belongs to a plan that is not here: "
                    f"data/{fy}/{PLANS_DIR}/{kind}.yml.",
                    "Add the plan file, or check the file name.",
                )
            )
            continue
        problems.extend(_check_round(round, source, data.plan))
        data.rounds.append(RoundData(key, round, source))
    for data in plans.values():
        data.rounds.sort(key=lambda r: (r.round.date, ROUND_KEYS.index(r.key)))  # type: ignore[arg-type]
    return {kind: plans[kind] for kind in PLAN_KINDS if kind in plans}


def _plan_file(name: str) -> tuple[str, str | None] | None:
    """(kind, round key or None) from a file name such as integrity-measures-6-month.yml."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix not in ("yml", "yaml"):
        return None
    for kind in PLAN_KINDS:
        if stem == kind:
            return kind, None
        if stem.startswith(kind + "-") and stem[len(kind) + 1 :] in ROUND_KEYS:
            return kind, stem[len(kind) + 1 :]
    return None


def _unknown_file(rel: str, name: str) -> Problem:
    names = [*PLAN_KINDS, *(f"{k}-{r}" for k in PLAN_KINDS for r in ROUND_KEYS)]
    match = closest(name.rsplit(".", 1)[0], names)
    hint = (
        f'Did you mean "{match}.yml"?'
        if match
        else "Name a plan integrity-measures.yml, anti-corruption-plan.yml or "
        "risk-management-plan.yml, and a progress round after its plan and round, e.g. "
        "integrity-measures-6-month.yml (rounds: " + ", ".join(ROUND_KEYS) + ")."
    )
    return Problem(rel, 1, 1, "error", "this file name is not a plan or a progress round.", hint)


def _check_plan(plan: Plan, source: SourceFile, agency: Agency | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[int, int] = {}
    for m, measure in enumerate(plan.measures):
        loc = ("measures", m)
        if measure.no in seen:
            problems.append(
                source.problem(
                    (*loc, "no"),
                    f"measure {measure.no} appears twice (first as measure entry "
                    f"{seen[measure.no] + 1}).",
                    "Give each measure its own number; the number is part of its web address.",
                )
            )
        seen.setdefault(measure.no, m)
        problems.extend(_check_units(measure.units, source, (*loc, "units"), agency))
        for s, step in enumerate(measure.steps):
            problems.extend(_check_units(step.units, source, (*loc, "steps", s, "units"), agency))
    return problems


def _check_round(round: Round, source: SourceFile, plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    numbers = [m.no for m in plan.measures]
    for no, progress in round.measures.items():
        loc = ("measures", str(no))
        measure = plan.measure(no)
        if measure is None:
            problems.append(
                source.problem(
                    loc,
                    f"the plan has no measure {no}.",
                    "Its measures are numbered " + ", ".join(map(str, numbers)) + ".",
                    key=True,
                )
            )
            continue
        problems.extend(_check_kpi_numbers(progress.kpis, len(measure.kpis), source, loc))
    problems.extend(_check_kpi_numbers(round.kpis, len(plan.kpis), source, ()))
    return problems


def _check_kpi_numbers(
    kpis: dict[int, Any], count: int, source: SourceFile, loc: tuple[Any, ...]
) -> list[Problem]:
    return [
        source.problem(
            (*loc, "kpis", str(n)),
            f"there is no KPI {n} in the plan here"
            + (f" (it lists {count})." if count else " (it lists none)."),
            "KPIs are numbered in the order the plan lists them, from 1.",
            key=True,
        )
        for n in kpis
        if not 1 <= n <= count
    ]


# -- units ----------------------------------------------------------------------


def resolve_unit(abbr: str, agency: Agency) -> str | None:
    """The registry key for `abbr` (which may lack its final dot), ALL_UNITS, or None."""
    if abbr == ALL_UNITS or abbr in agency.units:
        return abbr
    if abbr == agency.short_name.th:
        return abbr
    if not abbr.endswith(".") and abbr + "." in agency.units:
        return abbr + "."
    return None


def _check_units(
    units: list[str], source: SourceFile, loc: tuple[Any, ...], agency: Agency | None
) -> list[Problem]:
    if agency is None:
        return []
    problems = []
    for u, abbr in enumerate(units):
        key = resolve_unit(abbr, agency)
        where = (*loc, u)
        if key is None:
            match = closest_unit(abbr, agency)
            problems.append(
                source.problem(
                    where,
                    f'unknown unit "{abbr}".',
                    f'Did you mean "{match}"? Units are listed under units: in data/agency.yml.'
                    if match
                    else f"Add it under units: in data/agency.yml, or write {ALL_UNITS}.",
                )
            )
        elif key != abbr:
            problems.append(
                source.problem(
                    where,
                    f'unit "{abbr}" is written without its final dot; read as "{key}".',
                    f'Write "{key}" as in data/agency.yml.',
                    severity="warning",
                )
            )
    return problems


def closest_unit(abbr: str, agency: Agency) -> str | None:
    """The known abbreviation nearest to `abbr` by edit distance.

    Why not difflib: Thai abbreviations are 2-4 letters, so several registry entries are
    one letter away; ties go to the agency's own abbreviation, which documents misspell
    most (SOPM writes สลน., สสน. and สทน. for itself), then to the registry's order.
    """
    own = agency.short_name.th
    candidates = [own, *agency.units]
    scored = [(_distance(abbr, c), c != own, i, c) for i, c in enumerate(candidates)]
    distance, _, _, best = min(scored)
    return best if distance <= max(1, len(abbr.rstrip(".")) // 2) else None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# -- composition ------------------------------------------------------------------


def compose(
    element: Element,
    fy: int,
    plans: dict[int, dict[str, PlanData]],
    results: dict[int, ResultsData],
) -> Composition:
    """What `element` of an item of fiscal year `fy` shows from the data, and how complete."""
    source = element.source
    assert source is not None
    data_fy = fy if source.year == "current" else fy - 1
    comp = Composition(element, source, data_fy)
    if source.data == "ita-results":
        comp.results = results.get(data_fy)
        comp.previous = results.get(data_fy - 1)
        comp.fix = f"data/{data_fy}/{RESULTS_FILE}"
        if comp.results is None:
            comp.reason = f"needs the ITA {data_fy} results in {comp.fix}"
        else:
            comp.count = 1
        return comp
    comp.fix = f"data/{data_fy}/{PLANS_DIR}/{source.data}.yml"
    comp.plan = plans.get(data_fy, {}).get(source.data)
    if comp.plan is None:
        comp.reason = f"needs the plan {comp.fix}"
        return comp
    plan = comp.plan
    if source.show == "analysis":
        comp.results = results.get(plan.based_on)
        comp.previous = results.get(plan.based_on - 1)
        _analysis_gaps(comp, plan)
    elif source.show == "measures":
        _measure_gaps(comp, plan)
    else:
        _progress_gaps(comp, plan)
    return comp


def _analysis_gaps(comp: Composition, plan: PlanData) -> None:
    if comp.results is None:
        comp.reason = (
            f"needs the ITA {plan.based_on} results that the plan analyses, in "
            f"data/{plan.based_on}/{RESULTS_FILE}"
        )
        comp.fix = f"data/{plan.based_on}/{RESULTS_FILE}"
        return
    covered = {a.indicator for a in plan.plan.analysis}
    scored = set(comp.results.results.indicators) or set(range(1, 11))
    gaps = sorted(scored - covered)
    if gaps:
        comp.reason = "the analysis does not cover indicator(s) " + ", ".join(map(str, gaps))
        return
    comp.count = 1


_FIELD_WORDS = {
    "title": "title",
    "analysis": "indicators",
    "risk": "risk",
    "objective": "objective",
    "steps": "steps",
    "period": "period",
    "units": "responsible units",
    "budget": "budget",
    "kpis": "KPIs",
}


def _measure_gaps(comp: Composition, plan: PlanData) -> None:
    gaps = []
    for measure in plan.plan.measures:
        missing = [_FIELD_WORDS[f] for f in comp.source.fields if not _states(measure, f)]
        if missing:
            gaps.append(f"measure {measure.no} has no {' or '.join(missing)}")
    comp.count = len(plan.plan.measures) - len(gaps)
    if gaps:
        comp.reason = "; ".join(gaps)


def _states(measure: Measure, name: str) -> bool:
    if name == "analysis":
        return bool(measure.indicators)
    return bool(getattr(measure, name))


def _progress_gaps(comp: Composition, plan: PlanData) -> None:
    latest = plan.latest
    if latest is None:
        comp.reason = "has no progress round yet"
        comp.fix = f"data/{plan.fy}/{PLANS_DIR}/{plan.kind}-<round>.yml"
        return
    comp.fix = latest.source.path
    if comp.source.round == "final" and not latest.final:
        comp.reason = (
            f"needs the final progress round (12-month, q4 or final); the latest is {latest.key}"
        )
        comp.fix = f"data/{plan.fy}/{PLANS_DIR}/{plan.kind}-12-month.yml"
        return
    unreported = [m.no for m in plan.plan.measures if m.no not in latest.round.measures]
    comp.count = len(plan.plan.measures) - len(unreported)
    if unreported:
        comp.reason = f"the {latest.key} round does not report on measure(s) " + ", ".join(
            map(str, unreported)
        )
