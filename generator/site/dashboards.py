"""What the plan and results pages show, worked out from the data for the templates.

Stage 4 helpers (render.py passes these to templates): a measure's standing in the latest
round, the budget spent of allocated, indicator scores beside last year's, and the
series of the charts. Nothing here changes or corrects a published value: a bar shows
the per cent a unit reported, or 100/0 for done/not started, and nothing otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from generator import urls
from generator.format import Formatter
from generator.labels import label
from generator.model.plans import PlanData, ResultsData, RoundData
from generator.model.units import resolve_unit
from generator.schema.agency import Agency
from generator.schema.checklist import Checklist, normalize_code
from generator.schema.dates import MONTHS, fiscal_year_bounds
from generator.schema.figures import Amount, Figure
from generator.schema.measures import (
    ActivityProgress,
    GroupAnalysis,
    IndicatorAnalysis,
    Measure,
    MeasureGroup,
    MeasureProgress,
    PlannedActivity,
    Step,
)
from generator.schema.results import ItaResults
from generator.schema.text import Text
from generator.site.charts import Bar, BarChart, Series, Timeline, months_between

INDICATORS = tuple(range(1, 11))
TOOLS = {"iit": range(1, 6), "eit": range(6, 9), "oit": range(9, 11)}
#: The pass mark everyone aims at (the Master Plan's target), drawn on the charts.
PASS_MARK = Decimal(85)


#: Titles up to this many characters name a measure in menus; longer ones are sentences
#: (DIW prints paragraphs of 150-400), and menus show the number with the measure's
#: `short_title`, or the number alone.
MENU_TITLE_MAX = 120


@dataclass(frozen=True)
class MeasureRow:
    """A measure as the dashboard lists it."""

    measure: Measure
    url: str
    progress: MeasureProgress | None  # in the latest round
    percent: Decimal | None  # for the progress bar
    group: MeasureGroup | None = None

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else "none"

    @property
    def spent(self) -> Amount | None:
        return self.progress.spent if self.progress else None


def measure_rows(plan: PlanData, group: MeasureGroup | None = None) -> list[MeasureRow]:
    """The plan's measures (those of `group` only, when given), with their latest progress."""
    rows = []
    for entry in plan.plan.entries:
        if group is not None and entry.group is not group:
            continue
        measure = entry.measure
        progress = plan.progress(measure.no)
        rows.append(
            MeasureRow(
                measure,
                urls.url_for_measure(plan.fy, measure.no, plan.kind),
                progress,
                percent(progress),
                entry.group,
            )
        )
    return rows


def sections_of(plan: PlanData) -> list[tuple[MeasureGroup | None, list[MeasureRow]]]:
    """The plan's measures as the document lays them out: under each of its groups, or all
    together when it has none."""
    if not plan.plan.groups:
        return [(None, measure_rows(plan))]
    return [(group, measure_rows(plan, group)) for group in plan.plan.groups]


def shared_by_group(plan: PlanData, group: MeasureGroup) -> list[str]:
    """What every measure of `group` takes from it (steps, period, units, budget), so that the
    dashboard states it once for the group, as documents print it in one merged cell."""
    given = group.model_fields_set
    return [
        name
        for name in ("steps", "period", "units", "budget")
        if name in given and all(name not in m.model_fields_set for m in group.measures)
    ]


def states_budget(plan: PlanData) -> bool:
    """Does the plan, or any of its rounds, state a budget or an amount spent?"""
    budgets = any(m.budget is not None for m in plan.plan.all_measures)
    return budgets or any(r.spent is not None for r in measure_rows(plan))


def stated(measure: Measure, names: list[str]) -> list[str]:
    """Which of `names` the measure states (steps, period, units, budget)."""
    return [name for name in names if getattr(measure, name)]


def menu_title(measure: Measure) -> Text | None:
    """What menus show after the measure's number: its short title, or its title when that
    is short; None when only a long sentence is given."""
    if measure.short_title is not None:
        return measure.short_title
    return measure.title if len(measure.title.th) <= MENU_TITLE_MAX else None


def group_heading(plan: PlanData, group: MeasureGroup, lang: str) -> str:
    """`ประเด็นที่ 1 กระบวนการ…` / `Issue 1 …`: the group's number with the word for what the
    plan's groups are."""
    title = group.title.get(lang).text
    if group.no is None:
        return title
    return f"{label('grouped_by_' + plan.plan.grouped_by, lang)} {group.no} {title}"


def group_anchor(plan: PlanData, group: MeasureGroup) -> str:
    """The id of a group's heading on the dashboard: its number, else its place."""
    index = next(n for n, g in enumerate(plan.plan.groups) if g is group)
    return f"{plan.kind}-group-{group.slug or index + 1}"


def percent(progress: MeasureProgress | ActivityProgress | None) -> Decimal | None:
    if progress is None:
        return None
    if progress.percent is not None:
        return progress.percent
    return {"done": Decimal(100), "not_started": Decimal(0)}.get(progress.status)


def status_counts(plan: PlanData) -> list[tuple[str, int]]:
    """How many measures stand at each status in the latest round (none: not reported)."""
    rows = measure_rows(plan)
    order = ("done", "in_progress", "not_started", "cancelled", "none")
    return [(s, n) for s in order if (n := sum(r.status == s for r in rows))]


def total(amounts: list[Amount | None]) -> Decimal | None:
    """The sum of the stated amounts (no cost counts 0), or None when none is stated."""
    stated = [a.amount for a in amounts if a is not None]
    return sum(stated, Decimal(0)) if stated else None


def timeline(
    plan: PlanData, lang: str, fmt: Formatter, group: MeasureGroup | None = None
) -> Timeline:
    """When the plan's measures run (those of `group`, one timeline per group)."""
    start, end = fiscal_year_bounds(plan.fy)
    latest = plan.latest
    marker = (latest.round.as_of or latest.round.date) if latest else None
    rows = measure_rows(plan, group)
    bars = tuple(
        Bar(
            str(row.measure.no),
            row.measure.period.start if row.measure.period else None,
            row.measure.period.end if row.measure.period else None,
            row.status,
            f"{label('measure_no', lang)} {row.measure.no}: "
            f"{row.measure.title.get(lang).text} ({label('status_' + row.status, lang)})",
        )
        for row in rows
    )
    title = label("timeline_title", lang)
    return Timeline(
        f"timeline-{group_anchor(plan, group)}" if group else f"timeline-{plan.kind}",
        f"{title}: {group_heading(plan, group, lang)}" if group else title,
        label("timeline_desc", lang).format(
            year=fmt.fiscal_year(plan.fy), count=fmt.digits(str(len(bars)))
        ),
        start,
        end,
        tuple(month_label(m, lang) for m in months_between(start, end)),
        bars,
        marker,
        f"{label('as_of', lang)} {fmt.date(marker)}" if marker else "",
    )


def month_label(day: dt.date, lang: str) -> str:
    return MONTHS[lang][day.month - 1][1]


# -- results --------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    """One score this year beside last year's."""

    key: str  # "1".."10" for indicators, iit/eit/... for tools, "overall"
    name: str
    score: Decimal | None
    previous: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


def _value(figure: Figure | None) -> Decimal | None:
    return figure.value if figure is not None else None


def indicator_rows(results: ItaResults, previous: ItaResults | None, lang: str) -> list[ScoreRow]:
    return [
        ScoreRow(
            str(n),
            f"{n} {label(f'indicator_{n}', lang)}",
            _value(results.indicators.get(n)),
            _value(previous.indicators.get(n)) if previous else None,
        )
        for n in INDICATORS
        if n in results.indicators or (previous and n in previous.indicators)
    ]


def tool_rows(results: ItaResults, previous: ItaResults | None, lang: str) -> list[ScoreRow]:
    rows = [
        ScoreRow(
            "overall",
            label("ita_overall", lang),
            results.overall.value,
            previous.overall.value if previous else None,
        )
    ]
    for name in ("iit", "eit", "eit_public", "eit_survey", "oit"):
        now = _value(getattr(results.tools, name))
        before = _value(getattr(previous.tools, name)) if previous else None
        if now is not None or before is not None:
            rows.append(ScoreRow(name, label(f"tool_{name}", lang), now, before))
    return rows


def history_rows(history: list[ResultsData], lang: str) -> list[ScoreRow]:
    """Overall scores of every assessment up to this one, oldest first."""
    return [ScoreRow(str(r.year), f"ITA {r.year}", r.results.overall.value, None) for r in history]


def score_chart(
    id: str,
    title: str,
    desc: str,
    rows: list[ScoreRow],
    years: tuple[int, int | None],
    lang: str,
    name: str | None = None,
) -> BarChart:
    """Bars of this year's scores, beside last year's when there are any. `name` names the
    bars when they are not one year's (the history: one bar per year)."""
    year, before = years
    series = []
    if before is not None and any(r.previous is not None for r in rows):
        series.append(
            Series(f"ITA {before}", tuple(r.previous for r in rows), "previous"),
        )
    series.append(Series(name or f"ITA {year}", tuple(r.score for r in rows), "current"))
    return BarChart(
        id,
        title,
        desc,
        tuple(r.name for r in rows),
        tuple(series),
        threshold=PASS_MARK,
        threshold_label=label("pass_mark", lang),
    )


@dataclass(frozen=True)
class ItemScore:
    """An OIT item's score as published, with its title from that ITA's checklist."""

    code: str
    title: Text | None
    score: Decimal | None  # None: the results leave the item out


def item_scores(results: ItaResults, checklist: Checklist | None, year: int) -> list[ItemScore]:
    """Every OIT item score given, in the checklist's order (an item the scores leave out
    shows as not given), then any the checklist lacks."""
    if not results.items:
        return []
    given = {normalize_code(k): v.value for k, v in results.items.items()}
    rows = []
    for spec in checklist.items if checklist else ():
        title = spec.title.format(**{"fy": year, "fy-1": year - 1}) if spec.title else None
        rows.append(ItemScore(spec.code, title, given.pop(spec.code, None)))
    rows += [ItemScore(code, None, score) for code, score in given.items()]
    return rows


def round_label(round: RoundData, lang: str) -> str:
    return label(f"round_{round.key}", lang)


# -- analysis (the plan's reading of the results it is based on) -------------------


@dataclass(frozen=True)
class QuestionView:
    """A question or OIT item code with its scores, when the results give them."""

    code: str
    text: Text | None
    score: Decimal | None
    public: Decimal | None = None
    survey: Decimal | None = None


def question_views(
    results: ItaResults | None, codes: list[str], checklist: Checklist | None = None
) -> list[QuestionView]:
    return [question_view(results, code, checklist) for code in codes]


def question_view(
    results: ItaResults | None, code: str, checklist: Checklist | None = None
) -> QuestionView:
    """A question's text and scores from the results; an OIT item's title comes from the
    checklist of that ITA, when known."""
    if code.startswith("o"):
        spec = checklist.item(code) if checklist else None
        title = spec.title if spec else None
        return QuestionView(code, title, _value(results.item_score(code)) if results else None)
    if results is None:
        return QuestionView(code, None, None)
    question = results.question(code)
    if question is None:
        return QuestionView(code, None, None)
    return QuestionView(
        code,
        question.text,
        _value(question.score),
        _value(question.public),
        _value(question.survey),
    )


@dataclass(frozen=True)
class AnalysisRow:
    """One indicator: its scores, the plan's analysis of it, and the measures that answer it."""

    score: ScoreRow
    analysis: IndicatorAnalysis | None
    questions: list[QuestionView]
    measures: list[Measure]


def analysis_rows(
    plan: PlanData, results: ItaResults, previous: ItaResults | None, lang: str
) -> list[AnalysisRow]:
    by_indicator = {a.indicator: a for a in plan.plan.analysis}
    rows = []
    for score in indicator_rows(results, previous, lang):
        n = int(score.key)
        analysis = by_indicator.get(n)
        rows.append(
            AnalysisRow(
                score,
                analysis,
                [question_view(results, q) for q in analysis.questions] if analysis else [],
                [m for m in plan.plan.all_measures if n in m.indicators],
            )
        )
    return rows


def measure_analysis(
    plan: PlanData, measure: Measure, results: ItaResults | None, lang: str
) -> list[tuple[ScoreRow, IndicatorAnalysis | None]]:
    """The indicators a measure answers, with their scores and the plan's analysis."""
    by_indicator = {a.indicator: a for a in plan.plan.analysis}
    rows = []
    for n in measure.indicators:
        score = _value(results.indicators.get(n)) if results else None
        rows.append(
            (
                ScoreRow(str(n), f"{n} {label(f'indicator_{n}', lang)}", score, None),
                by_indicator.get(n),
            )
        )
    return rows


def unit_keys(plan: PlanData, agency: Agency) -> list[str]:
    """The registry abbreviations a plan shows as abbreviations, in order of first use, for
    a legend (names written out in full need none)."""
    seen: list[str] = []
    for measure in plan.plan.all_measures:
        owners: list[Measure | PlannedActivity] = [measure, *measure.activities]
        for owner in owners:
            for ref in [*owner.units, *(u for s in _all_steps(owner.steps) for u in s.units)]:
                key = resolve_unit(ref.name, agency)
                if key in agency.units and key not in seen:
                    seen.append(key)
    return seen


def _all_steps(steps: list[Step]) -> list[Step]:
    """Steps and their sub-steps, in reading order."""
    return [x for s in steps for x in (s, *_all_steps(s.steps))]


@dataclass(frozen=True)
class GroupAnalysisView:
    """A group's analysis with the scores it looks at, from the results analysed."""

    analysis: GroupAnalysis
    indicators: list[ScoreRow]
    questions: list[QuestionView]
    threshold: Decimal | None


def group_analysis(
    plan: PlanData,
    group: MeasureGroup,
    results: ItaResults | None,
    lang: str,
    checklist: Checklist | None = None,
) -> GroupAnalysisView | None:
    analysis = group.analysis
    if analysis is None:
        return None
    indicators = [
        ScoreRow(
            str(n),
            f"{n} {label(f'indicator_{n}', lang)}",
            _value(results.indicators.get(n)) if results else None,
            None,
        )
        for n in analysis.indicators
    ]
    threshold = analysis.threshold if analysis.threshold is not None else plan.plan.threshold
    return GroupAnalysisView(
        analysis, indicators, question_views(results, analysis.questions, checklist), threshold
    )


def indicator_effect(
    plan: PlanData, measure: Measure, results: dict[int, ResultsData], lang: str
) -> list[ScoreRow]:
    """The scores of a measure's indicators in the ITA it answered and in the next one."""
    before, after = results.get(plan.based_on), results.get(plan.based_on + 1)
    if before is None or after is None:
        return []
    return [
        ScoreRow(
            str(n),
            f"{n} {label(f'indicator_{n}', lang)}",
            _value(after.results.indicators.get(n)),
            _value(before.results.indicators.get(n)),
        )
        for n in measure.indicators
    ]
