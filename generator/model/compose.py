"""Checklist elements composed from plan and results data (`source:` in a checklist).

`project.load_project` calls `compose` for every element whose checklist entry says it
is made from a plan or from ITA results: what the element shows, for which fiscal year,
and whether it is complete (with the reason and the data file to fill in when it is not).
The wiring is declared in the checklist, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.plans import PLANS_DIR, RESULTS_FILE, PlanData, ResultsData
from generator.schema.checklist import Element, Source
from generator.schema.measures import Measure


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
    elif source.show == "section":
        _section_gaps(comp, plan)
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
    if comp.source.covers == "groups":
        groups = plan.plan.groups
        missing = [g for g in groups if g.analysis is None]
        comp.count = len(groups) - len(missing)
        if not groups:
            comp.reason = "the plan has no groups (issues) with an analysis of their own"
        elif missing:
            comp.reason = "the analysis does not cover group(s) " + ", ".join(
                str(g.no) if g.no is not None else g.title.th for g in missing
            )
        return
    covered = {a.indicator for a in plan.plan.analysis}
    covered |= {n for g in plan.plan.groups if g.analysis for n in g.analysis.indicators}
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
    measures = plan.plan.all_measures
    for measure in measures:
        missing = [_FIELD_WORDS[f] for f in comp.source.fields if not _states(measure, f)]
        if missing:
            gaps.append(f"measure {measure.no} has no {' or '.join(missing)}")
    comp.count = len(measures) - len(gaps)
    if gaps:
        comp.reason = "; ".join(gaps)


def _states(measure: Measure, name: str) -> bool:
    """Does the measure state `name`? Steps, periods, units and budgets may be stated by
    each of its activities instead."""
    if name == "analysis":
        return bool(measure.indicators)
    if getattr(measure, name):
        return True
    by_activity = name in ("steps", "period", "units", "budget", "kpis")
    return (
        by_activity
        and bool(measure.activities)
        and all(getattr(a, name) for a in measure.activities)
    )


def _section_gaps(comp: Composition, plan: PlanData) -> None:
    kind = comp.source.section
    if plan.plan.section(kind or "") is None:
        comp.reason = f"the plan has no {kind} section (sections: with kind: {kind})"
        return
    comp.count = 1


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
    measures = plan.plan.all_measures
    unreported = [m.no for m in measures if m.no not in latest.round.measures]
    comp.count = len(measures) - len(unreported)
    if unreported:
        comp.reason = f"the {latest.key} round does not report on measure(s) " + ", ".join(
            map(str, unreported)
        )
