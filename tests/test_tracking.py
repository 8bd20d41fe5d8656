"""Plans, progress rounds and ITA results: every validation rule and warning, with its message."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import MakeProject, item_of
from generator.checks.completeness import check_project, check_year, item_status, translation_gaps
from generator.checks.consistency import expected_against_plan
from generator.errors import DataError
from generator.model.project import load_project
from generator.schema.checklist import Source

PLAN = "data/2569/plans/integrity-measures.yml"
ROUND = "data/2569/plans/integrity-measures-6-month.yml"
RESULTS = "data/2568/ita-results.yml"

MEASURE = """\
title: {th: มาตรการ, en: Measures}
measures:
  - no: 1
    title: {th: มาตรการที่หนึ่ง, en: Measure one}
    indicators: [4]
    questions: [i10]
    steps: [ทบทวนหลักเกณฑ์, {no: 2, text: เผยแพร่, units: ศปท.}]
    period: {start: 2569-01-01, end: 2569-09-30}
    units: สล. / ศปท.
    budget: 10000
    kpis:
      - {title: ร้อยละ, target: 80}
"""

ROUND_OK = """\
date: 2569-04-10
measures:
  1: {status: in_progress, percent: 40, kpis: {1: {actual: 30, target: 25, against_plan: above}}}
"""


def problems(root: Path) -> list[str]:
    """Errors when the data cannot be used, else the warnings about plans and results."""
    try:
        project = load_project(root)
    except DataError as exc:
        return [p.format() for p in exc.problems]
    checks = [p for p in check_project(project) if not p.message.startswith(("item ", "FY"))]
    return [p.format() for p in sorted(project.warnings + checks)]


def test_a_valid_plan_and_round(make_project: MakeProject) -> None:
    root = make_project({PLAN: MEASURE, ROUND: ROUND_OK})
    assert problems(root) == []
    plan = load_project(root).years[2569].plans["integrity-measures"]
    assert [s.no for s in plan.plan.measures[0].steps] == [None, 2]
    assert [u.name for u in plan.plan.measures[0].units] == ["สล.", "ศปท."]
    assert plan.latest is not None and plan.latest.key == "6-month" and not plan.latest.final
    progress = plan.progress(1)
    assert progress is not None and progress.status == "in_progress"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"data/2569/plans/integrity.yml": MEASURE},
            [
                "data/2569/plans/integrity.yml:1:1: error: this file name is not a plan or a "
                'progress round. Did you mean "integrity-measures.yml"?'
            ],
            id="file-name",
        ),
        pytest.param(
            {"data/2569/plans/anti-corruption-plan-q1.yml": ROUND_OK},
            [
                "data/2569/plans/anti-corruption-plan-q1.yml:1:1: error: this progress round "
                "belongs to a plan that is not here: data/2569/plans/anti-corruption-plan.yml. "
                "Add the plan file, or check the file name."
            ],
            id="round-without-plan",
        ),
        pytest.param(
            {PLAN: MEASURE, ROUND: "date: 2569-04-10\nmeasures:\n  9: {status: done}\n"},
            [f"{ROUND}:3:3: error: the plan has no measure 9. Its measures are numbered 1."],
            id="unknown-measure",
        ),
        pytest.param(
            {
                PLAN: MEASURE,
                ROUND: "date: 2569-04-10\nmeasures:\n  1: {status: done, kpis: {3: {actual: 1}}}\n",
            },
            [
                f"{ROUND}:3:28: error: there is no KPI 3 in the plan here (it lists 1). "
                "KPIs are numbered in the order the plan lists them, from 1."
            ],
            id="unknown-kpi",
        ),
        pytest.param(
            {PLAN: MEASURE.replace("budget: 10000", "budget: {value: 10, no_cost: true}")},
            [
                f"{PLAN}:10:13: error: measure 1: an amount cannot be both a number and no cost. "
                "Write the number, or `none` when no budget is used."
            ],
            id="amount-both",
        ),
        pytest.param(
            {PLAN: MEASURE.replace("end: 2569-09-30", "end: 2568-09-30")},
            [
                f"{PLAN}:8:13: error: measure 1: the period ends before it starts. Check start and end."
            ],
            id="period-reversed",
        ),
        pytest.param(
            {PLAN: MEASURE, ROUND: "date: 2569-04-10\nmeasures:\n  1: {status: finished}\n"},
            [
                f'{ROUND}:3:15: error: "finished" is not allowed here. Valid values are: '
                "cancelled, done, in_progress, not_started."
            ],
            id="status",
        ),
        pytest.param(
            {PLAN: MEASURE.replace("questions: [i10]", "questions: [x10]")},
            [
                f'{PLAN}:6:17: error: measure 1, question 1: "x10" is not a question or item code. Write IIT '
                "questions as i1, EIT questions as e1 and OIT items as o1."
            ],
            id="question-code",
        ),
        pytest.param(
            {RESULTS: "overall: 90\nlevel: ดีมาก\n"},
            [
                f'{RESULTS}:2:8: error: "ดีมาก" is not a rating level. Write the level as published: '
                "ผ่านดีเยี่ยม, ผ่านดี, ผ่าน, ต้องปรับปรุง, ต้องปรับปรุงโดยด่วน (or ดีเยี่ยม/ดี for ITA "
                "2566, AA to F before)."
            ],
            id="level",
        ),
        pytest.param(
            {RESULTS: "overall: 90\nquestions:\n  - {code: E๑๔}\n"},
            [
                f"{RESULTS}:3:5: error: question 1: question e14 has no score. Add `score:` (IIT) "
                "or `public:` and `survey:` (EIT)."
            ],
            id="question-score",
        ),
    ],
)
def test_errors(make_project: MakeProject, files: dict, expected: list[str]) -> None:
    assert problems(make_project(files)) == expected


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {PLAN: MEASURE.replace("start: 2569-01-01", "start: 2568-09-01")},
            [
                f"{PLAN}:8:13: warning: measure 1: the period 2025-09-01 – 2026-09-30 is outside "
                "FY2569 (2025-10-01 – 2026-09-30). Check the years (a BE year such as ๖๘ for ๖๙ "
                "is a common slip)."
            ],
            id="period-outside-fy",
        ),
        pytest.param(
            {
                PLAN: MEASURE.replace("status", "").replace(
                    "units: สล. / ศปท.", "units: [สล., กขคง.]"
                )
            },
            [
                f'{PLAN}:9:18: warning: unknown unit "กขคง.". Add it under units: in '
                "data/agency.yml, or write ทุกหน่วยงาน."
            ],
            id="unknown-unit",
        ),
        pytest.param(
            {
                PLAN: MEASURE,
                "data/2569/plans/integrity-measures-12-month.yml": (
                    "date: 2569-10-12\nmeasures:\n"
                    "  1: {status: done, kpis: {1: {actual: 70, against_plan: above}}}\n"
                ),
            },
            [
                "data/2569/plans/integrity-measures-12-month.yml:3:58: warning: measure 1, KPI 1: "
                "reported above plan, but the actual 70 against the target at least 80 is below "
                "plan. The reported status is shown; check the status, the target and the actual."
            ],
            id="status-contradicts-target",
        ),
        pytest.param(
            {PLAN: MEASURE, ROUND: ROUND_OK.replace("against_plan: above", "against_plan: below")},
            [
                f"{ROUND}:3:90: warning: measure 1, KPI 1: reported below plan, but the actual 30 "
                "against the target at least 25 is above plan. The reported status is shown; "
                "check the status, the target and the actual."
            ],
            id="status-contradicts-milestone",
        ),
        pytest.param(
            {
                PLAN: MEASURE.replace(
                    "budget: 10000", "budget: {value: 10000, words: หนึ่งหมื่นห้าพันบาทถ้วน}"
                )
            },
            [
                f"{PLAN}:10:35: warning: measure 1: the budget is 10,000 in digits but 15,000 in "
                "words. The digits are shown; check the source."
            ],
            id="amount-in-words",
        ),
        pytest.param(
            {PLAN: MEASURE.replace("budget: 10000", "budget: {value: 10000, words: ไม่ทราบ}")},
            [
                f'{PLAN}:10:35: warning: measure 1: the budget: "ไม่ทราบ" cannot be read as an amount.'
            ],
            id="amount-in-words-unreadable",
        ),
        pytest.param(
            {
                PLAN: MEASURE,
                ROUND: "date: 2569-04-10\nmeasures:\n  1:\n    status: in_progress\n"
                "    activities: [{title: อบรม, start: 2568-09-20}]\n",
            },
            [
                f"{ROUND}:5:18: warning: measure 1, activity 1: 2025-09-20 is outside FY2569 "
                "(2025-10-01 – 2026-09-30). Check the year of the date."
            ],
            id="activity-outside-fy",
        ),
        pytest.param(
            {
                PLAN: MEASURE.replace(
                    "title: {th: มาตรการ, en: Measures}", "title: แผน\nbudget: 5000"
                )
            },
            [
                f"{PLAN}:2:9: warning: the plan's budget is 5,000, but the sum of its 1 measures' "
                "budgets is 10,000. The published value is shown; check the source."
            ],
            id="plan-budget",
        ),
        pytest.param(
            {
                RESULTS: "overall: 91.34\nlevel: ผ่านดี\n"
                "tools: {iit: 90.52, eit: 83.96, eit_public: 85.10, eit_survey: 82.82, oit: 97.50}\n"
            },
            [
                f'{RESULTS}:2:8: warning: the rating "ผ่านดี" does not match the scores, which give '
                '"ผ่าน" (overall 91.34). The published rating is shown; check it against the source.'
            ],
            id="rating",
        ),
        pytest.param(
            {
                RESULTS: "overall: 91.66\ntools: {iit: 90.52, eit: 85, eit_public: 85.10, "
                "eit_survey: 82.82, oit: 97.50}\n"
                "indicators: {6: 88.45, 7: 82.36, 8: 81.07}\n"
            },
            [
                f"{RESULTS}:2:26: warning: the EIT score is 85, but the mean of indicators 6-8 is "
                "83.96. The published value is shown; check the source.",
                f"{RESULTS}:2:26: warning: the EIT score is 85, but the mean of its two parts is "
                "83.96. The published value is shown; check the source.",
            ],
            id="tool-means",
        ),
    ],
)
def test_warnings(make_project: MakeProject, files: dict, expected: list[str]) -> None:
    assert problems(make_project(files)) == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (30, "สามสิบบาทถ้วน"),
        (5, "ห้าบาท"),
        (9, "เก้าบาทถ้วน"),
        ("1290000", "หนึ่งล้านสองแสนเก้าหมื่นบาทถ้วน"),
        ("150.50", "หนึ่งร้อยห้าสิบบาทห้าสิบสตางค์"),
    ],
)
def test_amounts_in_words_that_agree_give_no_warning(
    make_project: MakeProject, value: object, words: str
) -> None:
    budget = f"budget: {{value: {value}, words: {words}}}"
    assert problems(make_project({PLAN: MEASURE.replace("budget: 10000", budget)})) == []


def test_the_ita_2566_names_and_the_seven_level_scale(make_project: MakeProject) -> None:
    # DIW 2566 (ดีเยี่ยม) and OIE 2563 (A) from examples.md section E: both consistent.
    root = make_project(
        {
            RESULTS: "overall: 98.90\nlevel: ดีเยี่ยม\n",
            "data/2567/ita-results.yml": "overall: 91.50\nlevel: A\n",
        }
    )
    assert problems(root) == []


@pytest.mark.parametrize(
    ("comparator", "target", "actual", "expected"),
    [
        ("exactly", 100, "91.67", "below"),  # MOC: the share of agencies passing the ITA
        ("at_least", "92.18", "96.42", "above"),
        ("at_least", 85, 85, "on"),
        ("more_than", 85, 85, "below"),
        ("at_most", 30, 25, "above"),
        ("at_most", 30, 31, "below"),
    ],
)
def test_expected_against_plan(
    comparator: str, target: str | int, actual: str | int, expected: str
) -> None:
    from decimal import Decimal

    assert expected_against_plan(comparator, Decimal(target), Decimal(actual)) == expected


def test_source_must_fit_what_it_shows() -> None:
    with pytest.raises(ValidationError, match="show: results goes with data: ita-results"):
        Source.model_validate({"data": "integrity-measures", "show": "results"})
    with pytest.raises(ValidationError, match="fields: applies to show: measures only"):
        Source.model_validate({"data": "ita-results", "show": "results", "fields": ["steps"]})
    with pytest.raises(ValidationError, match="round: applies to show: progress only"):
        Source.model_validate(
            {"data": "anti-corruption-plan", "show": "measures", "round": "final"}
        )


# -- completeness of elements composed from data (checklist `source:`) --------------


def item_warnings(root: Path, code: str) -> list[str]:
    project = load_project(root)
    year = project.years[2569]
    return [p.format() for p in check_year(year) if f"item {code}" in p.message] or [
        item_status(item_of(year, code)).state
    ]


def test_o25_measures_need_the_five_details(make_project: MakeProject) -> None:
    root = make_project(
        {
            PLAN: MEASURE.replace(
                "    steps: [ทบทวนหลักเกณฑ์, {no: 2, text: เผยแพร่, units: ศปท.}]\n", ""
            )
        }
    )
    assert item_warnings(root, "o25") == [
        f'{RESULTS}:1:1: warning: item o25: element "analysis" (การวิเคราะห์ผลการประเมิน ITA '
        "ปีงบประมาณ พ.ศ. 2568) needs the ITA 2568 results that the plan analyses, in "
        "data/2568/ita-results.yml. Fill in data/2568/ita-results.yml.",
        f'{PLAN}:1:1: warning: item o25: element "measures" (การนำผลการวิเคราะห์ไปสู่การปรับปรุง'
        "หรือพัฒนาองค์กร) measure 1 has no steps. Fill in data/2569/plans/integrity-measures.yml.",
    ]


def test_o25_is_complete_from_data_alone(make_project: MakeProject) -> None:
    analysis = "analysis:\n" + "".join(
        f"  - {{indicator: {n}, finding: วิเคราะห์}}\n" for n in range(1, 11)
    )
    root = make_project(
        {
            PLAN: MEASURE + analysis,
            RESULTS: "overall: 90\nindicators: {4: 84.21}\n",
        }
    )
    item = item_of(load_project(root).years[2569], "o25")
    assert item.content is None  # no item file: the page is made from the data
    assert item_status(item).state == "complete"
    # English pages say which parts are in Thai only: here the plan's Thai-only texts.
    assert translation_gaps(item) == 10 + 2 + 1  # the findings, two steps, a KPI


def test_o26_needs_the_final_round(make_project: MakeProject) -> None:
    files = {
        "data/2568/year.yml": "checklist: ita-2568\n",
        "data/2568/plans/integrity-measures.yml": MEASURE.replace("2569-", "2568-"),
        "data/2568/plans/integrity-measures-6-month.yml": ROUND_OK.replace("2569-", "2568-"),
    }
    root = make_project(files)
    assert item_warnings(root, "o26") == [
        "data/2568/plans/integrity-measures-12-month.yml:1:1: warning: item o26: element "
        '"report" (รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส) needs the final '
        "progress round (12-month, q4 or final); the latest is 6-month. Fill in "
        "data/2568/plans/integrity-measures-12-month.yml."
    ]
    files["data/2568/plans/integrity-measures-12-month.yml"] = (
        "date: 2568-10-12\nmeasures:\n  1: {status: done, kpis: {1: {actual: 85, against_plan: above}}}\n"
    )
    assert item_warnings(make_project(files, name="final"), "o26") == ["complete"]


def test_a_missing_item_names_its_data_file(make_project: MakeProject) -> None:
    project = load_project(make_project())
    messages = [p.format() for p in check_project(project) if "item o26 " in p.message]
    assert messages == [
        "data/2569/year.yml:1:1: warning: FY2569 item o26 (รายงานผลการดำเนินการเพื่อส่งเสริม"
        "คุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. 2568) has no content. Create "
        "data/2569/oit/o26-<name>.yml or data/2568/plans/integrity-measures.yml."
    ]
