"""Plans, progress rounds and ITA results of a fiscal-year folder, checked together.

`project.load_project` calls `load_plans` and `load_results` for each fiscal-year folder
(`data/<fy>/plans/<kind>.yml`, `data/<fy>/plans/<kind>-<round>.yml`,
`data/<fy>/ita-results.yml`). Cross-file rules live here too: responsible units must be
in the agency's registry (`units.py`), a measure number is used once per plan, a round
reports on measures the plan has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem, closest
from generator.model.load import SourceFile
from generator.model.units import check_units
from generator.schema.agency import Agency
from generator.schema.checklist import PLAN_KINDS
from generator.schema.measures import (
    FINAL_ROUNDS,
    ROUND_KEYS,
    Measure,
    MeasureGroup,
    MeasureProgress,
    Plan,
    PlannedActivity,
    Round,
)
from generator.schema.results import ItaResults
from generator.urls import measure_slug

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

    def progress(self, no: int | str, round: RoundData | None = None) -> MeasureProgress | None:
        """Measure `no` in `round` (default: the latest round)."""
        round = round or self.latest
        return round.round.measures.get(no) if round else None


@dataclass
class ResultsData:
    """The ITA results of one assessment year."""

    year: int
    results: ItaResults
    source: SourceFile


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
        data.rounds.sort(key=lambda r: (r.round.date, ROUND_KEYS.index(r.key)))
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
    seen: dict[str, int] = {}
    for m, entry in enumerate(plan.entries):
        measure, loc = entry.measure, entry.loc
        if measure.slug in seen:
            problems.append(
                source.problem(
                    (*loc, "no"),
                    f"measure {measure.no} appears twice (first as measure entry "
                    f"{seen[measure.slug] + 1}).",
                    "Give each measure its own number; the number is part of its web address.",
                )
            )
        seen.setdefault(measure.slug, m)
        own = _raw(plan, loc)
        problems.extend(_check_units_of(own, source, loc, agency))
        keys: set[str] = set()
        for a, activity in enumerate(own.activities):
            aloc = (*loc, "activities", a)
            key = measure_slug(activity.key(a))
            if key in keys:
                problems.append(
                    source.problem(
                        (*aloc, "no"),
                        f"measure {measure.no}: activity {activity.key(a)} appears twice.",
                        "Give each activity its own number; progress rounds refer to it.",
                    )
                )
            keys.add(key)
            problems.extend(_check_units_of(activity, source, aloc, agency))
    for g, group in enumerate(plan.groups):
        problems.extend(_check_units_of(group, source, ("groups", g), agency))
    return problems


def _raw(plan: Plan, loc: tuple[Any, ...]) -> Measure:
    """The measure as written at `loc`, without what it takes from its group: units a group
    gives are checked once, at the group."""
    if loc[0] == "groups":
        return plan.groups[loc[1]].measures[loc[3]]
    return plan.measures[loc[1]]


def _check_units_of(
    owner: Measure | MeasureGroup | PlannedActivity,
    source: SourceFile,
    loc: tuple[Any, ...],
    agency: Agency | None,
) -> list[Problem]:
    """The units of a measure, group or activity and of its steps (and sub-steps)."""
    problems = check_units(owner.units, source, (*loc, "units"), agency)
    pending = [((*loc, "steps", s), step) for s, step in enumerate(owner.steps)]
    while pending:
        sloc, step = pending.pop(0)
        problems.extend(check_units(step.units, source, (*sloc, "units"), agency))
        pending.extend(((*sloc, "steps", n), sub) for n, sub in enumerate(step.steps))
    return problems


def _check_round(round: Round, source: SourceFile, plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    numbers = [str(m.no) for m in plan.all_measures]
    for no, progress in round.measures.items():
        loc = ("measures", str(no))
        measure = plan.measure(no)
        if measure is None:
            problems.append(
                source.problem(
                    loc,
                    f"the plan has no measure {no}.",
                    "Its measures are numbered " + ", ".join(numbers) + ".",
                    key=True,
                )
            )
            continue
        problems.extend(_check_kpi_numbers(progress.kpis, len(measure.kpis), source, loc))
        for key, activity_progress in progress.activity_progress.items():
            aloc = (*loc, "activity_progress", str(key))
            activity = measure.activity(key)
            if activity is None:
                known = [str(a.key(n)) for n, a in enumerate(measure.activities)]
                problems.append(
                    source.problem(
                        aloc,
                        f"measure {no} has no activity {key}.",
                        "Its activities are " + ", ".join(known) + "."
                        if known
                        else "The plan lists no activities under this measure.",
                        key=True,
                    )
                )
                continue
            problems.extend(
                _check_kpi_numbers(activity_progress.kpis, len(activity.kpis), source, aloc)
            )
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
