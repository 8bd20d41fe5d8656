# mypy: disable-error-code="union-attr"
# (These tests read optional values of fixtures they know; a None fails the test anyway.)
"""Plans as agencies print them: groups with their own analysis and shared details, measure
numbers as printed, activities under measures, sections, nested steps with links, units as free
text, due dates and reporting cycles. Every rule with its message, and how the pages show them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import MakeProject, item_of
from generator.checks.completeness import check_project, item_status
from generator.errors import DataError
from generator.model.project import load_project
from generator.site.render import render_site

PLAN = "data/2569/plans/integrity-measures.yml"
ROUND = "data/2569/plans/integrity-measures-6-month.yml"
RESULTS = "data/2568/ita-results.yml"

GROUPED = """\
title: มาตรการ
grouped_by: issue
groups:
  - no: 1
    title: {th: กระบวนการปฏิบัติงานที่โปร่งใส, en: Transparent work}
    analysis:
      text: ผลคะแนนต่ำกว่าเกณฑ์
      questions: [i1, e7, o20]
    steps: [ออกคำสั่ง, มอบหมายงาน, ตรวจสอบผล]
    period: {start: 2569-03-06, end: 2569-04-30, text: 6 มีนาคม ถึง 30 เมษายน 2569}
    units: สล. / ศปท.
    measures:
      - {no: "1.1", title: คู่มือการปฏิบัติงาน}
      - {no: "1.2", title: อบรมเจ้าหน้าที่, units: [ศปท.], period: {end: 2569-06}}
  - no: 2
    title: การให้บริการ
    analysis: {questions: [i2]}
    measures:
      - {no: "๒.๑", title: ระบบนัดหมายออนไลน์}
sections:
  - kind: constraints
    text: {th: หน่วยงานควบคุมการตอบแบบประเมินไม่ได้, en: We cannot steer the answers.}
"""

RESULTS_2568 = """\
overall: 90
indicators: {1: 88}
questions:
  - {code: i1, text: ข้อหนึ่ง, score: 84.5}
  - {code: i2, score: 91}
  - {code: e7, text: ข้อเจ็ด, public: 80.5, survey: 79.25}
items: {o20: 100}
"""


def problems(root: Path) -> list[str]:
    """The errors when the data cannot be used, else the warnings about plans and results."""
    try:
        project = load_project(root)
    except DataError as exc:
        return [p.format() for p in exc.problems if p.severity == "error"]
    checks = [p for p in check_project(project) if not p.message.startswith(("item ", "FY"))]
    return [p.format() for p in sorted(project.warnings + checks)]


def plan_problems(make_project: MakeProject, text: str, name: str = "project") -> list[str]:
    return problems(make_project({PLAN: text}, name))


# -- groups, numbers and what measures take from their group ---------------------------------


def test_a_grouped_plan_is_read_as_printed(make_project: MakeProject) -> None:
    project = load_project(make_project({PLAN: GROUPED, RESULTS: RESULTS_2568}))
    plan = project.years[2569].plans["integrity-measures"].plan
    first, second, third = plan.all_measures
    assert [m.no for m in plan.all_measures] == ["1.1", "1.2", "2.1"]
    assert [m.slug for m in plan.all_measures] == ["1-1", "1-2", "2-1"]
    # 1.1 takes the group's steps, period and units; 1.2 keeps the units and period it states.
    assert [s.text.th for s in first.steps] == ["ออกคำสั่ง", "มอบหมายงาน", "ตรวจสอบผล"]
    assert [u.name for u in first.units] == ["สล.", "ศปท."]
    assert [u.name for u in second.units] == ["ศปท."] and len(second.steps) == 3
    assert (second.period.start, second.period.end.isoformat()) == (None, "2026-06-30")
    assert third.steps == [] and third.period is None
    assert plan.group_of(third).no == 2
    assert plan.section("constraints").text.en == "We cannot steer the answers."
    assert problems(project.root) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            GROUPED.replace('no: "1.2"', "no: 1.2"),
            f"{PLAN}:14:14: error: group 1, measure 2: the number 1.2 was read as a decimal "
            "number, which may have lost a 0 (YAML reads 7.10 as 7.1). Put the number in quotes as "
            'printed, e.g. "1.2".',
            id="decimal-number",
        ),
        pytest.param(
            GROUPED.replace('no: "1.2"', "no: ก"),
            f'{PLAN}:14:14: error: group 1, measure 2: "ก" is not a measure number. Write it as '
            'printed: 3, "1.1" or "๗.๑๐" (digits, with dots between levels).',
            id="not-a-number",
        ),
        pytest.param(
            GROUPED.replace('no: "1.2"', "no: 0"),
            f"{PLAN}:14:14: error: group 1, measure 2: 0 is not a measure number. Number measures "
            "from 1 to 999.",
            id="zero",
        ),
        pytest.param(
            GROUPED.replace('no: "๒.๑"', 'no: "1.1"'),
            f"{PLAN}:19:14: error: measure 1.1 appears twice (first as measure entry 1). Give each "
            "measure its own number; the number is part of its web address.",
            id="twice",
        ),
        pytest.param(
            "title: มาตรการ\n",
            f"{PLAN}:1:1: error: this plan has no measures. List them under measures:, or under "
            "the document's headings in groups:.",
            id="no-measures",
        ),
        pytest.param(
            GROUPED + "measures: [{no: 9, title: อื่น}]\n",
            f"{PLAN}:1:1: error: this plan lists measures both under measures: and under groups:. "
            "Put every measure under a group, or drop groups:.",
            id="measures-and-groups",
        ),
        pytest.param(
            GROUPED.replace("grouped_by:", "monitoring: รายงานทุกไตรมาส\ngrouped_by:")
            + "  - {kind: monitoring, text: รายงานทุกไตรมาส}\n",
            f"{PLAN}:1:1: error: the monitoring is given twice, as monitoring: and as a section. "
            "Keep one of them.",
            id="monitoring-twice",
        ),
        pytest.param(
            GROUPED + "  - {kind: other, text: ภาคผนวก}\n",
            f"{PLAN}:23:5: error: a section of kind other needs a title. Add title: ...",
            id="other-section-untitled",
        ),
        pytest.param(
            GROUPED.replace("analysis: {questions: [i2]}", "analysis: {note: ดูภาคผนวก}"),
            f"{PLAN}:17:15: error: group 2: this analysis is empty. Add text: (the analysis as "
            "printed) or the questions: it looks at.",
            id="empty-analysis",
        ),
        pytest.param(
            GROUPED.replace("period: {end: 2569-06}", "period: {end: 13/2569}"),
            f'{PLAN}:14:74: error: group 1, measure 2: "13/2569" is not a date or a month. Write '
            "a date as YYYY-MM-DD (2569-01-15) or a month as YYYY-MM (2569-03) or มี.ค. 2569.",
            id="not-a-month",
        ),
        pytest.param(
            GROUPED.replace("steps: [ออกคำสั่ง,", "steps: ['[คำสั่ง](javascript:alert(1))',"),
            f'{PLAN}:9:13: error: group 1, step 1: the link to "javascript:alert(1)" may not use '
            '"javascript:". Only http, https, mailto and tel links (or a page of this site) are '
            "allowed.",
            id="unsafe-link-in-step",
        ),
    ],
)
def test_plan_errors(make_project: MakeProject, text: str, expected: str) -> None:
    assert plan_problems(make_project, text) == [expected]


def test_reporting_reads_printed_cycles_and_refuses_nothing(make_project: MakeProject) -> None:
    measure = "title: แผน\nmeasures:\n  - {no: 1, title: ก, reporting: %s}\n"
    read = {}
    for printed in ("๖ เดือน", "รายไตรมาส", "quarterly", "ตามที่ผู้บริหารกำหนด"):
        root = make_project({PLAN: measure % printed}, printed.replace(" ", "-"))
        plan = load_project(root).years[2569].plans["integrity-measures"].plan
        reporting = plan.measures[0].reporting
        read[printed] = (reporting.every, reporting.text)
    assert read == {
        "๖ เดือน": ("6-month", "๖ เดือน"),
        "รายไตรมาส": ("quarterly", "รายไตรมาส"),
        "quarterly": ("quarterly", None),
        "ตามที่ผู้บริหารกำหนด": (None, "ตามที่ผู้บริหารกำหนด"),
    }
    assert plan_problems(make_project, measure % "{to: ผู้บริหาร}", name="empty") == [
        f"{PLAN}:3:34: error: measure 1: this reporting rule is empty. Write the cycle "
        "(6-month, quarterly ...) or the text as printed."
    ]


# -- activities under measures, and progress on them -------------------------------------------

ACTIVITIES = """\
title: แผน
measures:
  - no: 5
    title: มาตรการแก้ไขการทุจริต
    activities:
      - {no: "๔.๑", title: นำผลการตรวจสอบไปปรับปรุง, units: ตสน./สล., period: {end: มี.ค. ๖๔}}
      - {no: "5.2", title: ตู้รับเรื่องร้องเรียน, budget: none, kpis: [{title: จำนวนเรื่อง, target: 1}]}
"""


def test_activities_are_numbered_as_printed_and_checked(make_project: MakeProject) -> None:
    assert plan_problems(make_project, ACTIVITIES) == [
        f"{PLAN}:6:14: warning: measure 5: activity 4.1 is numbered as if it belonged to measure 4. "
        "The page shows the number as printed; check it against the source.",
        f'{PLAN}:6:61: warning: unknown unit "ตสน.". Add it under units: in data/agency.yml, '
        "or write ทุกหน่วยงาน.",
        f"{PLAN}:6:79: warning: measure 5, activity 4.1: the period 2021-03-31 is outside FY2569 "
        "(2025-10-01 – 2026-09-30). Check the years (a BE year such as ๖๘ for ๖๙ is a common slip).",
    ]
    twice = ACTIVITIES.replace('no: "5.2"', 'no: "๔.๑"')
    assert plan_problems(make_project, twice, name="twice")[0] == (
        f"{PLAN}:7:14: error: measure 5: activity 4.1 appears twice. Give each activity its own "
        "number; progress rounds refer to it."
    )


def test_progress_on_activities(make_project: MakeProject) -> None:
    ok = "date: 2569-04-10\nmeasures:\n  5:\n    status: in_progress\n    activity_progress:\n"
    round_ok = ok + '      "5.2": {status: done, kpis: {1: {actual: 1}}}\n'
    project = load_project(make_project({PLAN: ACTIVITIES, ROUND: round_ok}, "ok"))
    progress = project.years[2569].plans["integrity-measures"].latest.round.measures[5]
    assert progress.activity_progress["5.2"].status == "done"
    unknown = (
        ok + '      "5.3": {status: done}\n      "5.2": {status: done, kpis: {2: {actual: 1}}}\n'
    )
    assert problems(make_project({PLAN: ACTIVITIES, ROUND: unknown}, "bad")) == [
        f"{ROUND}:6:7: error: measure 5 has no activity 5.3. Its activities are 4.1, 5.2.",
        f"{ROUND}:7:36: error: there is no KPI 2 in the plan here (it lists 1). KPIs are numbered "
        "in the order the plan lists them, from 1.",
    ]


def test_rounds_name_measures_as_printed(make_project: MakeProject) -> None:
    round_text = 'date: 2569-04-10\nmeasures:\n  "๑.๑": {status: done}\n  "1.9": {status: done}\n'
    assert problems(make_project({PLAN: GROUPED, ROUND: round_text})) == [
        f"{ROUND}:4:3: error: the plan has no measure 1.9. Its measures are numbered 1.1, 1.2, 2.1."
    ]


# -- what the plan's checks look at ---------------------------------------------------------------


def test_a_groups_details_are_checked_once_at_the_group(make_project: MakeProject) -> None:
    text = GROUPED.replace("start: 2569-03-06", "start: 2568-03-06")
    assert plan_problems(make_project, text) == [
        f"{PLAN}:10:13: warning: group 1: the period 2025-03-06 – 2026-04-30 is outside FY2569 "
        "(2025-10-01 – 2026-09-30). Check the years (a BE year such as ๖๘ for ๖๙ is a common slip)."
    ]


def test_a_title_naming_another_fiscal_year(make_project: MakeProject) -> None:
    text = GROUPED.replace(
        "title: อบรมเจ้าหน้าที่", "title: การประเมินองค์กรคุณธรรม ประจำปี งบประมาณ พ.ศ. ๒๕๖๘"
    ).replace(
        "title: คู่มือการปฏิบัติงาน",
        "title: วิเคราะห์ผล ITA ประจำปีงบประมาณ พ.ศ. 2568 เป็นมาตรการปีงบประมาณ พ.ศ. 2569",
    )
    assert plan_problems(make_project, text) == [
        f"{PLAN}:14:28: warning: measure 1.2: the title names fiscal year 2568, but the plan is for "
        "FY2569. Check whether it belongs to this year's plan (the page shows it as written)."
    ]


def test_sub_steps_are_numbered_like_steps(make_project: MakeProject) -> None:
    text = (
        "title: แผน\nmeasures:\n  - no: 1\n    title: ก\n    steps:\n"
        "      - {no: 1, text: ช่องทาง, steps: [{no: 1, text: เว็บไซต์}, {no: 3, text: อีเมล}]}\n"
    )
    assert plan_problems(make_project, text) == [
        f"{PLAN}:6:32: warning: measure 1, step 1: the steps are numbered 1, 3; step 2 is missing. "
        "Add the missing step, or renumber the steps as the source intends."
    ]


# -- units as printed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        pytest.param("สล. / ศปท.", [], id="abbreviations-split"),
        pytest.param("ทุกกอง/ศูนย์/กลุ่มงานของสำนักงานเลขานุการกรม (สล.)", [], id="name-with-abbr"),
        pytest.param("[กลุ่มงานจริยธรรม, คณะทำงาน ITA ประจำปี 2569]", [], id="names-not-in-registry"),
        pytest.param(
            "[ศูนย์ปฏิบัติการต่อต้านการทุจริต (ศทป.)]",
            [
                f'{PLAN}:5:13: warning: unknown unit "ศทป.". Did you mean "ศปท."? Units are listed '
                "under units: in data/agency.yml."
            ],
            id="named-unknown-abbr-suggested-by-name",
        ),
        pytest.param(
            "[สำนักงาน เลขาธิการ กรม (สล.)]",
            [
                f'{PLAN}:5:13: warning: unit "สำนักงาน เลขาธิการ กรม (สล.)": สล. is '
                '"สำนักงานเลขานุการกรม" in data/agency.yml, which this name does not contain. The '
                "unit is shown as written; check the name or the abbreviation."
            ],
            id="named-mismatch",
        ),
        pytest.param(
            "ศปท. /ศล.",
            [
                f'{PLAN}:5:12: warning: unknown unit "ศล.". Did you mean "สล."? Units are listed '
                "under units: in data/agency.yml."
            ],
            id="never-suggests-a-unit-of-the-same-list",
        ),
    ],
)
def test_units_are_free_text_with_the_registrys_help(
    make_project: MakeProject, units: str, expected: list[str]
) -> None:
    text = f"title: แผน\nmeasures:\n  - no: 1\n    title: ก\n    units: {units}\n"
    assert plan_problems(make_project, text) == expected


def test_units_keep_their_role_and_english(make_project: MakeProject) -> None:
    text = (
        "title: แผน\nmeasures:\n  - no: 1\n    title: ก\n    units:\n"
        "      - {name: ศปท., role: {th: ผู้ประสานงาน, en: coordinator}}\n"
        "      - {name: กลุ่มงานจริยธรรม, en: Ethics Group}\n"
        "      - คณะทำงาน <ITA>\n"
    )
    pages = render_site(load_project(make_project({PLAN: text}))).files
    th, en = pages["2569/measures/1/index.md"], pages["2569/measures/1/index.en.md"]
    assert (
        '<abbr title="ศูนย์ปฏิบัติการต่อต้านการทุจริต">ศปท.</abbr> (ผู้ประสานงาน), '
        "กลุ่มงานจริยธรรม, คณะทำงาน &lt;ITA&gt;"
    ) in th
    assert (
        'Anti-Corruption Operation Center (coordinator), Ethics Group, <span lang="th">'
        "คณะทำงาน &lt;ITA&gt;</span>"
    ) in en


# -- what checklists compose from a grouped plan (ITA 2567 O34) -------------------------------


def test_o34_of_2567_is_composed_from_the_issues(make_project: MakeProject) -> None:
    files = {
        "data/2567/year.yml": "checklist: ita-2567\n",
        "data/2567/plans/integrity-measures.yml": GROUPED,
        "data/2566/ita-results.yml": RESULTS_2568,
    }
    project = load_project(make_project(files, "complete"))
    status = item_status(item_of(project.years[2567], "o34"))
    assert [(e.element.key, e.count, e.ok) for e in status.elements] == [
        ("analysis", 2, False),  # 2 groups, each with its analysis; O34 asks for 7 issues
        ("measures", 2, False),  # 2.1 states no steps, period or units
        ("constraints", 1, True),
    ]
    no_constraints = {
        **files,
        "data/2567/plans/integrity-measures.yml": GROUPED.split("sections:")[0],
    }
    project = load_project(make_project(no_constraints, "incomplete"))
    composed = project.years[2567].item("o34").composed["constraints"]
    assert (
        composed.reason == "the plan has no constraints section (sections: with kind: constraints)"
    )


def test_an_analysis_by_indicators_counts_the_groups_indicators(make_project: MakeProject) -> None:
    by_indicator = GROUPED.replace(
        "questions: [i1, e7, o20]", "indicators: [1]\n      questions: [i1]"
    )
    comp = (
        load_project(make_project({PLAN: by_indicator, RESULTS: RESULTS_2568}))
        .years[2569]
        .item("o25")
        .composed["analysis"]
    )
    assert comp.ok  # the results score indicator 1 only, and group 1 analyses it


# -- pages ---------------------------------------------------------------------------------------


def test_the_dashboard_and_measure_pages_read_like_the_document(make_project: MakeProject) -> None:
    pages = render_site(load_project(make_project({PLAN: GROUPED, RESULTS: RESULTS_2568}))).files
    dashboard = str(pages["2569/measures/index.md"])
    for heading in ("ประเด็นที่ 1 กระบวนการปฏิบัติงานที่โปร่งใส", "ประเด็นที่ 2 การให้บริการ"):
        assert heading in dashboard
    assert dashboard.index("ประเด็นที่ 1") < dashboard.index("ผลคะแนนต่ำกว่าเกณฑ์")
    assert dashboard.index("ผลคะแนนต่ำกว่าเกณฑ์") < dashboard.index(
        "timeline-integrity-measures-group-1"
    )
    # What all the issue's measures share is said once, above its table.
    assert dashboard.count("ออกคำสั่ง") == 1
    assert "EIT Public" in dashboard and "80.50" in dashboard and "79.25" in dashboard
    assert "ข้อจำกัดในการดำเนินการ" in dashboard
    measure = str(pages["2569/measures/1-1/index.md"])
    assert 'title: "มาตรการที่ 1.1 คู่มือการปฏิบัติงาน"' in measure
    assert "#integrity-measures-group-1" in measure
    assert "6 มี.ค. 2569 – 30 เม.ย. 2569" in measure
    assert "6 มีนาคม ถึง 30 เมษายน 2569" not in measure  # the printed text says the same
    assert "ภายใน 30 มิ.ย. 2569" in pages["2569/measures/1-2/index.md"]
    assert "2569/measures/2-1/index.en.md" in pages


def test_long_titles_give_menus_the_short_title_or_the_number(make_project: MakeProject) -> None:
    long = "การกำหนดคู่มือการปฏิบัติงานที่แสดงขั้นตอนและระยะเวลาในการดำเนินงานแต่ละขั้นตอน" * 2
    text = (
        f"title: แผน\nmeasures:\n  - {{no: 1, title: {long}, short_title: คู่มือการปฏิบัติงาน}}\n"
        f"  - {{no: 2, title: {long}}}\n"
    )
    pages = render_site(load_project(make_project({PLAN: text}))).files
    assert 'title: "มาตรการที่ 1 คู่มือการปฏิบัติงาน"' in pages["2569/measures/1/index.md"]
    assert 'title: "มาตรการที่ 2"' in pages["2569/measures/2/index.md"]
    assert f"# มาตรการที่ 2 {long}" in pages["2569/measures/2/index.md"]


def test_steps_nest_and_their_links_are_links_and_nothing_else(make_project: MakeProject) -> None:
    text = (
        "title: แผน\nmeasures:\n  - no: 1\n    title: ก\n    steps:\n"
        "      - text: 'ช่องทาง <b>ต่าง ๆ</b>'\n"
        "        steps:\n"
        "          - 'เว็บไซต์: <https://example.go.th/a?b=1&c=2>'\n"
        "          - 'อีเมล: <mailto:info@example.go.th>'\n"
        "          - '[แบบฟอร์ม](https://example.go.th/form)'\n"
    )
    page = render_site(load_project(make_project({PLAN: text}))).files["2569/measures/1/index.md"]
    assert '<li>ช่องทาง &lt;b&gt;ต่าง ๆ&lt;/b&gt;<ol class="oit-steps">' in page
    assert (
        '<a href="https://example.go.th/a?b=1&amp;c=2">https://example.go.th/a?b=1&amp;c=2</a>'
        in page
    )
    assert '<a href="mailto:info@example.go.th">info@example.go.th</a>' in page
    assert '<a href="https://example.go.th/form">แบบฟอร์ม</a>' in page


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        (
            "{start: 2568-10-01, end: 2569-09-30, text: ตลอดปีงบประมาณ}",
            '1 ต.ค. 2568 – 30 ก.ย. 2569 <span class="oit-printed">(ตลอดปีงบประมาณ)</span>',
        ),
        (
            "{start: 2568-12-01, end: 2569-06-30, text: ๑ ธ.ค. ๖๘ - ๓๐ มิ.ย. ๖๙}",
            "1 ธ.ค. 2568 – 30 มิ.ย. 2569</p>",
        ),
        ("{end: 2569-03, text: มี.ค. ๖๙}", "ภายใน 31 มี.ค. 2569</p>"),
        ("{start: 2569-01-15}", "ตั้งแต่ 15 ม.ค. 2569</p>"),
        ("{text: ภายในเวลาราชการ}", "ภายในเวลาราชการ</p>"),
    ],
)
def test_periods_show_due_dates_and_the_printed_text_when_it_says_more(
    make_project: MakeProject, period: str, shown: str
) -> None:
    text = f"title: แผน\nmeasures:\n  - {{no: 1, title: ก, period: {period}}}\n"
    page = render_site(load_project(make_project({PLAN: text}))).files["2569/measures/1/index.md"]
    assert f"<strong>ช่วงระยะเวลาดำเนินการ</strong> {shown}" in page


def test_a_plan_without_a_wired_item_still_publishes_its_analysis(
    make_project: MakeProject,
) -> None:
    """FY2569 of a checklist that composes nothing from plans: the plan's own page shows the
    analysis, the threshold, the constraints and the monitoring."""
    checklist = (
        "id: own-2569\nyear: 2569\ntitle: รายการของหน่วยงาน\nstatus: provisional\nsources: [own]\n"
        "items:\n  - {code: o1, title: โครงสร้าง, period: standing}\n"
    )
    plan = GROUPED.replace(
        "title: มาตรการ\n", "title: มาตรการ\nthreshold: 85\nmonitoring: รายงานทุกไตรมาส\n"
    )
    files = {
        "data/checklists/own-2569.yml": checklist,
        "data/2569/year.yml": "checklist: own-2569\n",
        PLAN: plan,
        RESULTS: RESULTS_2568,
    }
    dashboard = render_site(load_project(make_project(files))).files["2569/measures/index.md"]
    for shown in (
        "การวิเคราะห์ผลการประเมิน ITA 2568",
        "ข้อคำถามที่ได้ต่ำกว่า 85 คะแนนต้องปรับปรุง",
        "หน่วยงานควบคุมการตอบแบบประเมินไม่ได้",
        "รายงานทุกไตรมาส",
        '<strong class="oit-below">84.50</strong>',
    ):
        assert shown in dashboard, shown


def test_plan_exports_carry_the_group_the_printed_period_and_notes(
    make_project: MakeProject,
) -> None:
    text = GROUPED.replace("title: อบรมเจ้าหน้าที่", "title: อบรมเจ้าหน้าที่, note: ต้นฉบับไม่ระบุวัน")
    pages = render_site(load_project(make_project({PLAN: text}))).files
    rows = list(
        csv.DictReader(
            io.StringIO(str(pages["2569/measures/integrity-measures.csv"]).lstrip("\ufeff"))
        )
    )
    assert [r["no"] for r in rows] == ["1.1", "1.2", "2.1"]
    assert rows[0]["group"] == "1 กระบวนการปฏิบัติงานที่โปร่งใส"
    assert rows[0]["period_text"] == "6 มีนาคม ถึง 30 เมษายน 2569"
    assert rows[0]["steps"] == "1. ออกคำสั่ง\n2. มอบหมายงาน\n3. ตรวจสอบผล"
    assert rows[1]["note"] == "ต้นฉบับไม่ระบุวัน"
    data = json.loads(pages["2569/measures/integrity-measures.json"])
    assert data["columns"][0] == {"key": "no", "type": "text", "title": {"th": "ที่", "en": "No."}}
    assert data["rows"][0]["group"] == {
        "th": "1 กระบวนการปฏิบัติงานที่โปร่งใส",
        "en": "1 Transparent work",
    }
