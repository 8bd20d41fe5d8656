"""Checks that published figures agree with each other; they warn and never change data.

Plans, progress rounds and ITA results are stored as the source prints them (domain
README sections 5 and 13): this module recomputes only to warn. It compares totals with
their parts (costs, participants, means of scores, the weighted ITA score), a rating
with the scores it depends on, a reported "below/on/above plan" with target and actual,
periods and dates with the plan's fiscal year, digits with the amount in words, and a
fact with the other values the source prints for it (`also_given`). Each warning shows
the stored value, which is the one the site displays.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel
from pythainlp.util import thaiword_to_num

from generator.errors import Problem
from generator.model.load import SourceFile
from generator.model.plans import PlanData, ResultsData, RoundData
from generator.schema.base import thai_digits_to_arabic
from generator.schema.checklist import Checklist, normalize_code
from generator.schema.dates import fiscal_year_bounds
from generator.schema.figures import Amount, Figure
from generator.schema.measures import (
    Kpi,
    KpiResult,
    Measure,
    MeasureGroup,
    MeasureProgress,
    PlannedActivity,
    Span,
    Step,
)
from generator.schema.results import FIVE_LEVELS, LEVELS, ItaResults
from generator.schema.text import Text

#: Scores carry two decimals and are sometimes truncated (99.99994 printed as 99.99), and
#: means of rounded parts drift a little: differences up to this are not reported.
SCORE_TOLERANCE = Decimal("0.05")
#: An indicator against the mean of its questions, each printed with two decimals: the
#: mean of the printed questions is within 0.005 of the true mean, 0.02 allows for truncation.
QUESTION_TOLERANCE = Decimal("0.02")
#: Money and head counts add up exactly.
EXACT_TOLERANCE = Decimal("0.005")
#: [I] ITA = 30 % IIT + 30 % EIT + 40 % OIT: it reproduces every published score in the
#: seeds except SOPM 2567 (domain README section 5); the weights are not confirmed.
WEIGHTS = {"iit": Decimal("0.3"), "eit": Decimal("0.3"), "oit": Decimal("0.4")}

#: "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖" in a title; after "ITA" it names the results analysed.
_FISCAL_YEAR = re.compile(r"(ITA\s*)?(?:ประจำ)?ปี\s*งบประมาณ\s*(?:พ\.ศ\.\s*)?([0-9๐-๙]{4})")

_AGAINST = {"below": "below plan", "on": "on plan", "above": "above plan"}
_COMPARATORS = {
    "at_least": "at least",
    "more_than": "more than",
    "exactly": "exactly",
    "at_most": "at most",
    "less_than": "less than",
}


def check_plan(data: PlanData) -> list[Problem]:
    """Warnings about a plan and its progress rounds. What a group gives its measures is
    checked once, at the group; each measure, at what it states itself."""
    checker = _Checker(data.source)
    plan = data.plan
    for g, group in enumerate(plan.groups):
        what = f"group {group.no}" if group.no is not None else f"group {g + 1}"
        _check_plan_part(checker, group, ("groups", g), what, data.fy)
    for entry in plan.entries:
        loc, no = entry.loc, entry.measure.no
        own = (
            plan.groups[int(loc[1])].measures[int(loc[3])]
            if entry.group
            else plan.measures[int(loc[1])]
        )
        what = f"measure {no}"
        _check_plan_part(checker, own, loc, what, data.fy)
        checker.year_named(own.title, (*loc, "title"), what, data.fy)
        for k, kpi in enumerate(own.kpis):
            if kpi.target is not None:
                checker.figure(
                    kpi.target, (*loc, "kpis", k, "target"), f"{what}, KPI {k + 1}: the target"
                )
        for a, activity in enumerate(own.activities):
            aloc = (*loc, "activities", a)
            awhat = f"{what}, activity {activity.key(a)}"
            _check_plan_part(checker, activity, aloc, awhat, data.fy)
            checker.year_named(activity.title, (*aloc, "title"), awhat, data.fy)
            checker.activity_number(entry.measure, activity.no, (*aloc, "no"))
            for k, kpi in enumerate(activity.kpis):
                if kpi.target is not None:
                    checker.figure(
                        kpi.target,
                        (*aloc, "kpis", k, "target"),
                        f"{awhat}, KPI {k + 1}: the target",
                    )
    for k, kpi in enumerate(plan.kpis):
        if kpi.target is not None:
            checker.figure(kpi.target, ("kpis", k, "target"), f"plan KPI {k + 1}: the target")
    if plan.budget is not None:
        checker.amount(plan.budget, ("budget",), "the plan's budget")
        budgets = [m.budget for m in plan.all_measures]
        if all(b is not None for b in budgets):
            total = sum((b.amount for b in budgets if b is not None), Decimal(0))
            checker.total(
                plan.budget.amount,
                total,
                ("budget",),
                "the plan's budget",
                f"the sum of its {len(budgets)} measures' budgets",
                EXACT_TOLERANCE,
            )
    for round in data.rounds:
        checker.problems.extend(_check_round(data, round))
    checker.sweep(plan, ())
    return checker.problems


def _check_plan_part(
    checker: _Checker,
    part: Measure | MeasureGroup | PlannedActivity,
    loc: tuple[Any, ...],
    what: str,
    fy: int,
) -> None:
    """The period, steps and budget a measure, a group or an activity states itself."""
    if part.period is not None:
        checker.period(part.period, (*loc, "period"), what, fy)
    checker.steps(part.steps, (*loc, "steps"), what)
    if part.budget is not None:
        checker.amount(part.budget, (*loc, "budget"), f"{what}: the budget")


def _check_round(data: PlanData, round: RoundData) -> list[Problem]:
    checker = _Checker(round.source)
    for no, progress in round.round.measures.items():
        measure = data.plan.measure(no)
        if measure is None:  # reported as an error when loading
            continue
        loc: tuple[Any, ...] = ("measures", str(no))
        what = f"measure {no}"
        _check_progress(checker, measure, progress, loc, what, round, data.fy)
        for key, done in progress.activity_progress.items():
            activity = measure.activity(key)
            if activity is None:  # reported as an error when loading
                continue
            aloc = (*loc, "activity_progress", str(key))
            awhat = f"{what}, activity {key}"
            if done.spent is not None:
                checker.amount(done.spent, (*aloc, "spent"), f"{awhat}: the amount spent")
            for n, result in done.kpis.items():
                if 1 <= n <= len(activity.kpis):
                    checker.kpi(
                        activity.kpis[n - 1],
                        result,
                        (*aloc, "kpis", str(n)),
                        f"{awhat}, KPI {n}",
                        round,
                    )
    for n, result in round.round.kpis.items():
        if 1 <= n <= len(data.plan.kpis):
            kpi = data.plan.kpis[n - 1]
            checker.kpi(kpi, result, ("kpis", str(n)), f"plan KPI {n} ({kpi.title.th})", round)
    if round.final:
        for n, kpi in enumerate(data.plan.kpis, 1):
            _result_missing(checker, kpi, round.round.kpis.get(n), ("kpis",), f"plan KPI {n}")
    checker.sweep(round.round, ())
    return checker.problems


def _check_progress(
    checker: _Checker,
    measure: Measure,
    progress: MeasureProgress,
    loc: tuple[Any, ...],
    what: str,
    round: RoundData,
    fy: int,
) -> None:
    if progress.spent is not None:
        checker.amount(progress.spent, (*loc, "spent"), f"{what}: the amount spent")
    if progress.participants is not None:
        checker.figure(progress.participants, (*loc, "participants"), f"{what}: participants")
    start, end = fiscal_year_bounds(fy)
    for a, activity in enumerate(progress.activities):
        if _outside(activity.start, activity.end, start, end):
            checker.warn(
                (*loc, "activities", a),
                f"{what}, activity {a + 1}: {_days(activity.start, activity.end)} is outside "
                f"FY{fy} ({_days(start, end)}).",
                "Check the year of the date.",
            )
    activities = progress.activities
    costs = [a.cost for a in activities if a.cost is not None]
    if progress.spent is not None and costs:
        unstated = len(activities) - len(costs)
        checker.total(
            progress.spent.amount,
            sum((c.amount for c in costs), Decimal(0)),
            (*loc, "spent"),
            f"{what}: the amount spent",
            f"the sum of {len(costs)} activity costs"
            + (f" ({unstated} more do not state a cost)" if unstated else ""),
            EXACT_TOLERANCE,
        )
    counted = [a.participants for a in activities if a.participants is not None]
    if progress.participants is not None and counted:
        unstated = len(activities) - len(counted)
        checker.total(
            progress.participants.value,
            sum(counted, Decimal(0)),
            (*loc, "participants"),
            f"{what}: the number of participants",
            f"the sum over {len(counted)} activities"
            + (f" ({unstated} more do not state a number)" if unstated else ""),
            EXACT_TOLERANCE,
        )
    for n, result in progress.kpis.items():
        if 1 <= n <= len(measure.kpis):
            kpi = measure.kpis[n - 1]
            checker.kpi(kpi, result, (*loc, "kpis", str(n)), f"{what}, KPI {n}", round)
    if round.final:
        for n, kpi in enumerate(measure.kpis, 1):
            _result_missing(checker, kpi, progress.kpis.get(n), (*loc, "kpis"), f"{what}, KPI {n}")


def _result_missing(
    checker: _Checker, kpi: Kpi, result: KpiResult | None, loc: tuple[Any, ...], what: str
) -> None:
    if result is None or result.actual is None:
        checker.warn(
            loc,
            f"{what} ({kpi.title.th}) has no result in the final round.",
            "Add its actual value under kpis:, or say why in a note.",
            key=True,
        )


def check_results(data: ResultsData, checklist: Checklist | None = None) -> list[Problem]:
    """Warnings about one year's ITA results; `checklist` is that ITA's list of OIT items,
    when known, against which item scores and cited codes are checked."""
    checker = _Checker(data.source)
    results = data.results
    tools = results.tools
    checker.figure(results.overall, ("overall",), "the overall score")
    for name in ("iit", "eit", "eit_public", "eit_survey", "oit"):
        figure = getattr(tools, name)
        if figure is not None:
            checker.figure(figure, ("tools", name), f"the {_tool_name(name)} score")
    for number, figure in results.indicators.items():
        checker.figure(figure, ("indicators", str(number)), f"indicator {number}")
    for key, figure in results.subindicators.items():
        checker.figure(figure, ("subindicators", key), f"sub-indicator {key}")
    for key, figure in results.items.items():
        checker.figure(figure, ("items", key), f"item {normalize_code(key)}")
    for q, question in enumerate(results.questions):
        for part in ("score", "public", "survey"):
            figure = getattr(question, part)
            if figure is not None:
                name = "" if part == "score" else f" ({_PART_NAMES[part]})"
                checker.figure(figure, ("questions", q, part), f"question {question.code}{name}")
    _check_question_means(checker, data)
    if checklist is not None:
        _check_items(checker, results, checklist)
    scores = {n: f.value for n, f in results.indicators.items()}
    eit_parts = [f.value for f in (tools.eit_public, tools.eit_survey) if f is not None]
    if tools.eit is not None and len(eit_parts) == 2:
        checker.total(
            tools.eit.value,
            _mean(eit_parts),
            ("tools", "eit"),
            "the EIT score",
            "the mean of its two parts",
            SCORE_TOLERANCE,
        )
    for name, numbers in (("iit", range(1, 6)), ("eit", range(6, 9)), ("oit", range(9, 11))):
        figure = getattr(tools, name)
        if figure is not None and all(n in scores for n in numbers):
            checker.total(
                figure.value,
                _mean([scores[n] for n in numbers]),
                ("tools", name),
                f"the {_tool_name(name)} score",
                f"the mean of indicators {numbers[0]}-{numbers[-1]}",
                SCORE_TOLERANCE,
            )
    for indicator in (9, 10):
        parts = [f.value for k, f in results.subindicators.items() if k.startswith(f"{indicator}.")]
        if indicator in scores and parts:
            checker.total(
                scores[indicator],
                _mean(parts),
                ("indicators", str(indicator)),
                f"indicator {indicator}",
                f"the mean of its {len(parts)} sub-indicators",
                SCORE_TOLERANCE,
            )
    _check_overall(checker, results)
    _check_level(checker, results)
    checker.sweep(results, ())
    return checker.problems


def question_layout(year: int) -> tuple[int, int] | None:
    """How many questions each IIT and each EIT indicator has in ITA `year`, when known:
    six and five in 2563-2566 (i1-i30, e1-e15; seeds 000, 001, 003), three each in 2568
    and 2569 (i1-i15, e1-e9; inferred from seed 002)."""
    if 2563 <= year <= 2566:
        return 6, 5
    if 2568 <= year <= 2569:
        return 3, 3
    return None


def indicator_questions(year: int, indicator: int) -> list[str]:
    """The question codes of an IIT or EIT indicator in ITA `year` ([] when not known)."""
    layout = question_layout(year)
    if layout is None or not 1 <= indicator <= 8:
        return []
    iit, eit = layout
    if indicator <= 5:
        return [f"i{n}" for n in range((indicator - 1) * iit + 1, indicator * iit + 1)]
    return [f"e{n}" for n in range((indicator - 6) * eit + 1, (indicator - 5) * eit + 1)]


def _check_question_means(checker: _Checker, data: ResultsData) -> None:
    """An indicator is the mean of its questions (an EIT one, of its two parts' means);
    checked when every question of the indicator is given."""
    results = data.results
    for n, figure in results.indicators.items():
        codes = indicator_questions(data.year, n)
        questions = [results.question(code) for code in codes]
        if not codes or any(q is None for q in questions):
            continue
        given = [q for q in questions if q is not None]
        parts = [
            [getattr(q, part).value for q in given if getattr(q, part) is not None]
            for part in ("public", "survey")
        ]
        if all(len(p) == len(given) for p in parts):
            computed = _mean([_mean(parts[0]), _mean(parts[1])])
        elif all(q.score is not None for q in given):
            computed = _mean(q.score.value for q in given if q.score is not None)
        else:
            continue
        checker.total(
            figure.value,
            computed,
            ("indicators", str(n)),
            f"indicator {n}",
            f"the mean of questions {codes[0]}-{codes[-1]}",
            QUESTION_TOLERANCE,
        )


def _check_items(checker: _Checker, results: ItaResults, checklist: Checklist) -> None:
    """Item scores and cited item codes against the OIT items of that ITA's checklist."""
    codes = [item.code for item in checklist.items]
    given = {normalize_code(key): key for key in results.items}
    for code, key in given.items():
        if code not in codes:
            checker.warn(
                ("items", key),
                f"item {code} is not in the {checklist.id} checklist.",
                "Check the code in the source (a Thai zero ๐ is often misread); the score is "
                "shown as given.",
                key=True,
            )
    left_out = [code for code in codes if code not in given]
    if left_out and len(given) > len(codes) / 2:  # a whole table, with some rows missing
        checker.warn(
            ("items",),
            f"the OIT item scores leave out {', '.join(left_out)} of the {len(codes)} items of "
            f"the {checklist.id} checklist.",
            "Add their scores, or check whether the source prints them.",
            key=True,
        )
    for r, recommendation in enumerate(results.recommendations):
        for c, code in enumerate(recommendation.cites):
            if code.startswith("o") and code not in codes:
                checker.warn(
                    ("recommendations", r, "cites", c),
                    f"recommendation {r + 1} cites {code}, which the {checklist.id} checklist "
                    "does not have.",
                    "Check the code in the source (a Thai zero ๐ is often misread); the page "
                    "shows it as given.",
                )


def _check_overall(checker: _Checker, results: ItaResults) -> None:
    tools = results.tools
    parts = [f.value for f in (tools.eit_public, tools.eit_survey) if f is not None]
    eit = tools.eit.value if tools.eit else (_mean(parts) if len(parts) == 2 else None)
    if tools.iit is None or eit is None or tools.oit is None:
        return
    iit, oit = tools.iit.value, tools.oit.value
    weighted = WEIGHTS["iit"] * iit + WEIGHTS["eit"] * eit + WEIGHTS["oit"] * oit
    checker.total(
        results.overall.value,
        weighted,
        ("overall",),
        "the overall score",
        f"0.3 × IIT {_n(iit)} + 0.3 × EIT {_n(eit)} + 0.4 × OIT {_n(oit)}",
        SCORE_TOLERANCE,
        hint="The published value is shown. The weights 30/30/40 are inferred from earlier "
        "years; check the source.",
    )


def expected_levels(results: ItaResults) -> list[str]:
    """The ratings the scores allow, on the scale of the published level.

    A tool score that is not given cannot be checked: "ผ่านดี" needs every tool at 85 or
    more, so with a tool unknown both "ผ่านดี" and "ผ่าน" fit an overall score of 85+.
    """
    if results.level is None:
        return []
    overall = results.overall.value
    if LEVELS[results.level] not in FIVE_LEVELS:
        for floor, level in ((95, "AA"), (85, "A"), (75, "B"), (65, "C"), (55, "D"), (50, "E")):
            if overall >= floor:
                return [level]
        return ["F"]
    if overall < 70:
        return ["urgent"]
    if overall < 85:
        return ["improve"]
    tools = results.tools
    eit = [tools.eit_public, tools.eit_survey] if tools.eit_public or tools.eit_survey else []
    given = [f.value for f in (tools.iit, *(eit or [tools.eit]), tools.oit) if f is not None]
    complete = len(given) == (4 if eit else 3)
    if given and min(given) < 85:
        return ["pass"]
    best = "excellent" if overall >= 95 and (not given or min(given) >= 95) else "good"
    if complete:
        return [best]
    return [best, "good", "pass"] if best == "excellent" else ["good", "pass"]


def _check_level(checker: _Checker, results: ItaResults) -> None:
    expected = expected_levels(results)
    if results.level is None or LEVELS[results.level] in expected:
        return
    names = [next(n for n, level in LEVELS.items() if level == e) for e in expected]
    checker.warn(
        ("level",),
        f'the rating "{results.level}" does not match the scores, which give '
        + " or ".join(f'"{n}"' for n in names)
        + f" (overall {_n(results.overall.value)}).",
        "The published rating is shown; check it against the source.",
    )


def expected_against_plan(comparator: str, target: Decimal, actual: Decimal) -> str:
    """below / on / above plan, from the KPI's comparator, target and actual."""
    diff = actual - target
    if comparator in ("at_most", "less_than"):
        diff = -diff
    if abs(diff) <= EXACT_TOLERANCE:
        return "below" if comparator in ("more_than", "less_than") else "on"
    return "above" if diff > 0 else "below"


class _Checker:
    """Collects the warnings of one file."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.checked: set[int] = set()  # ids of the figures, amounts and periods seen

    def warn(self, loc: Sequence[Any], message: str, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(
            self.source.problem(tuple(loc), message, hint, key=key, severity="warning")
        )

    def total(
        self,
        stored: Decimal,
        computed: Decimal,
        loc: Sequence[Any],
        what: str,
        parts: str,
        tolerance: Decimal,
        hint: str = "The published value is shown; check the source.",
    ) -> None:
        if abs(stored - computed) > tolerance:
            self.warn(loc, f"{what} is {_n(stored)}, but {parts} is {_n(computed)}.", hint)

    def figure(self, figure: Figure, loc: Sequence[Any], what: str, extra: str = "") -> None:
        self.checked.add(id(figure))
        for o, other in enumerate(figure.also_given):
            if other.value == figure.value:
                continue  # printed alike: nothing to check
            self.warn(
                (*loc, "also_given", o),
                f"{what} is given as {_n(figure.value)} and also as {_printed(other)}{extra}.",
                f"The stored value {_n(figure.value)} is shown; check which one is right.",
            )

    def amount(self, amount: Amount, loc: Sequence[Any], what: str) -> None:
        self.checked.add(id(amount))
        words = _words_value(amount.words) if amount.words else None
        if amount.words and words is None:
            self.warn((*loc, "words"), f'{what}: "{amount.words}" cannot be read as an amount.')
        if amount.value is not None and words is not None and amount.value != words:
            self.warn(
                (*loc, "words"),
                f"{what} is {_n(amount.value)} in digits but {_n(words)} in words.",
                "The digits are shown; check the source.",
            )
        for o, other in enumerate(amount.also_given):
            if not amount.no_cost and other.value == amount.value:
                continue
            extra = ""
            if words is not None and other.value != words:
                extra = f", which does not match the amount in words ({_n(words)})"
            stored = "no cost" if amount.no_cost else _n(amount.amount)
            self.warn(
                (*loc, "also_given", o),
                f"{what} is given as {stored} and also as {_printed(other)}{extra}.",
                f"The stored value {stored} is shown; check which one is right.",
            )

    def period(self, span: Span, loc: Sequence[Any], what: str, fy: int) -> None:
        start, end = fiscal_year_bounds(fy)
        if _outside(span.start, span.end, start, end):
            self.warn(
                loc,
                f"{what}: the period {_days(span.start, span.end)} is outside FY{fy} "
                f"({_days(start, end)}).",
                "Check the years (a BE year such as ๖๘ for ๖๙ is a common slip).",
            )
        self.other_spans(span, loc, what, fy)

    def other_spans(self, span: Span, loc: Sequence[Any], what: str, fy: int | None) -> None:
        """The other periods printed for the same thing (`also_given`)."""
        self.checked.add(id(span))
        start, end = fiscal_year_bounds(fy) if fy else (dt.date.min, dt.date.max)
        for o, other in enumerate(span.also_given):
            if (other.start, other.end) == (span.start, span.end):
                continue
            outside = _outside(other.start, other.end, start, end)
            printed = f' "{other.text}"' if other.text else ""
            self.warn(
                (*loc, "also_given", o),
                f"{what}: the period is also given as {_days(other.start, other.end)}{printed} "
                f"({other.where})"
                + (f", which is outside FY{fy} ({_days(start, end)})" if outside else "")
                + f"; the stored period is {_days(span.start, span.end)}.",
                "The stored period is shown; check which one is right.",
            )

    def steps(self, steps: list[Step], loc: Sequence[Any], what: str) -> None:
        numbers = [s.no for s in steps]
        if numbers and all(n is not None for n in numbers):
            expected = list(range(1, len(numbers) + 1))
            if numbers != expected:
                missing = sorted(set(range(1, max(n for n in numbers if n) + 1)) - set(numbers))
                shown = ", ".join(str(n) for n in numbers)
                self.warn(
                    loc,
                    f"{what}: the steps are numbered {shown}"
                    + (f"; step {', '.join(map(str, missing))} is missing." if missing else "."),
                    "Add the missing step, or renumber the steps as the source intends.",
                    key=True,
                )
        for n, step in enumerate(steps):
            if step.steps:
                label = step.no if step.no is not None else n + 1
                self.steps(step.steps, (*loc, n, "steps"), f"{what}, step {label}")

    def year_named(self, title: Text, loc: Sequence[Any], what: str, fy: int) -> None:
        """A title that names another fiscal year ("…ประจำปีงบประมาณ พ.ศ. 2566" in an FY2567
        plan) is often an activity carried over from last year's plan."""
        years = {
            int(thai_digits_to_arabic(m.group(2)))
            for m in _FISCAL_YEAR.finditer(title.th)
            if not m.group(1)  # "ITA ประจำปีงบประมาณ 2566" names the results analysed
        }
        if years and fy not in years:
            named = ", ".join(map(str, sorted(years)))
            self.warn(
                loc,
                f"{what}: the title names fiscal year {named}, but the plan is for FY{fy}.",
                "Check whether it belongs to this year's plan (the page shows it as written).",
            )

    def activity_number(self, measure: Measure, no: int | str | None, loc: Sequence[Any]) -> None:
        """Activities of measure 5 are 5.1, 5.2: OIE numbers them 4.1, 4.2."""
        if isinstance(no, str) and not no.startswith(f"{measure.no}."):
            self.warn(
                loc,
                f"measure {measure.no}: activity {no} is numbered as if it belonged to measure "
                f"{no.rsplit('.', 1)[0]}.",
                "The page shows the number as printed; check it against the source.",
            )

    def sweep(self, model: BaseModel, loc: tuple[Any, ...]) -> None:
        """Warn about any other value printed twice (`also_given`) that no check above
        looked at, so that the field is checked wherever the format accepts it."""
        for name in type(model).model_fields:
            self._sweep(getattr(model, name), (*loc, name))

    def _sweep(self, value: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(value, Figure | Amount | Span) and id(value) not in self.checked:
            what = "the value at " + " › ".join(
                str(p + 1) if isinstance(p, int) else str(p) for p in loc
            )
            if isinstance(value, Figure):
                self.figure(value, loc, what)
            elif isinstance(value, Amount):
                self.amount(value, loc, what)
            else:
                self.other_spans(value, loc, what, None)
        elif isinstance(value, BaseModel):
            self.sweep(value, loc)
        elif isinstance(value, list):
            for n, item in enumerate(value):
                self._sweep(item, (*loc, n))
        elif isinstance(value, dict):
            for key, item in value.items():
                self._sweep(item, (*loc, str(key)))

    def kpi(
        self, kpi: Kpi, result: KpiResult, loc: Sequence[Any], what: str, round: RoundData
    ) -> None:
        actual = result.actual
        if actual is not None:
            extra = ""
            if result.parts:
                values = [p.value for p in result.parts]
                mean = result.aggregate == "mean"
                computed = _mean(values) if mean else sum(values, Decimal(0))
                parts = f"the {result.aggregate} of its {len(values)} parts"
                self.total(
                    actual.value,
                    computed,
                    (*loc, "actual"),
                    f"{what}: the actual",
                    parts,
                    SCORE_TOLERANCE if mean else EXACT_TOLERANCE,
                )
                extra = f"; {parts} is {_n(computed)}"
            self.figure(actual, (*loc, "actual"), f"{what}: the actual", extra)
        target = result.target or (kpi.target if round.final else None)
        if actual is None or target is None or result.against_plan is None:
            return
        expected = expected_against_plan(kpi.comparator, target.value, actual.value)
        if expected != result.against_plan:
            self.warn(
                (*loc, "against_plan"),
                f"{what}: reported {_AGAINST[result.against_plan]}, but the actual "
                f"{_n(actual.value)} against the target {_COMPARATORS[kpi.comparator]} "
                f"{_n(target.value)} is {_AGAINST[expected]}.",
                "The reported status is shown; check the status, the target and the actual.",
            )


def _mean(values: Iterable[Decimal]) -> Decimal:
    values = list(values)
    return sum(values, Decimal(0)) / len(values)


def _outside(first: dt.date | None, last: dt.date | None, start: dt.date, end: dt.date) -> bool:
    days = [d for d in (first, last) if d is not None]
    return bool(days) and (min(days) < start or max(days) > end)


def _n(value: Decimal) -> str:
    """A number for a message: thousands separators, at most three decimals."""
    text = f"{value.quantize(Decimal('0.001')):,f}" if value != value.to_integral_value() else ""
    if text:
        return text.rstrip("0").rstrip(".")
    return f"{int(value):,}"


def _printed(other: Any) -> str:
    """`129,000 (printed "๑,๒๙๐,๐๐" in §1.5)` or `92 (§1.6)`."""
    printed = f'printed "{other.printed}" in ' if other.printed else ""
    return f"{_n(other.value)} ({printed}{other.where})"


def _days(first: dt.date | None, last: dt.date | None) -> str:
    return " – ".join(d.isoformat() for d in (first, last) if d is not None) or "no dates"


_PART_NAMES = {"public": "EIT Public", "survey": "EIT Survey"}


def _tool_name(name: str) -> str:
    return {
        "iit": "IIT",
        "eit": "EIT",
        "eit_public": "EIT part 1",
        "eit_survey": "EIT part 2",
        "oit": "OIT",
    }[name]


def _words_value(words: str) -> Decimal | None:
    """The amount written in Thai words (หนึ่งล้านสองแสนเก้าหมื่นบาทถ้วน), or None."""
    text = "".join(words.split()).removesuffix("ถ้วน").removesuffix("บาท")
    baht, _, satang = text.partition("บาท")
    satang = satang.replace("สตางค์", "")
    try:
        value = Decimal(thaiword_to_num(baht)) if baht else Decimal(0)
        if satang:
            value += Decimal(thaiword_to_num(satang)) / 100
    except (ValueError, TypeError, InvalidOperation):
        return None
    return value
