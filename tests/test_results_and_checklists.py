# mypy: disable-error-code="union-attr"
# (These tests read optional values of fixtures they know; a None fails the test anyway.)
"""ITA results for every year that has them, their checks, and the shipped checklists with their
sources and confidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import MakeProject
from generator.checks.completeness import check_project
from generator.errors import DataError
from generator.model.project import SHIPPED_CHECKLISTS, load_project
from generator.site.render import render_site

RESULTS = "data/2568/ita-results.yml"
ROUND = "data/2569/plans/integrity-measures-6-month.yml"


def warnings_of(root: Path, file: str) -> list[str]:
    project = load_project(root)
    return [p.format() for p in sorted(project.warnings + check_project(project)) if p.file == file]


def errors_of(root: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_project(root)
    return [p.format() for p in info.value.problems if p.severity == "error"]


# -- Thai digits in every number and key ----------------------------------------------------------


def test_thai_digits_in_numbers_and_keys(make_project: MakeProject) -> None:
    files = {
        "data/2569/year.yml": "checklist: ita-๒๕๖๙\n",
        RESULTS: "overall: 90\nrank: ๒๒\nrank_of: '๑๔๖'\nindicators: {๙: 100, ๑๐: 95}\n"
        'subindicators: {"๙.๑": 100}\n',
        "data/2569/plans/integrity-measures.yml": "title: แผน\nbased_on: ๒๕๖๘\n"
        "measures:\n  - {no: '๗.๑๐', title: ก, indicators: [๙], kpis: [{title: ร้อยละ}]}\n",
        ROUND: 'date: 2569-04-10\nmeasures:\n  "7.10": {status: done, kpis: {๑: {actual: 1}}}\n',
    }
    project = load_project(make_project(files))
    results = project.results[2568].results
    assert (results.rank, results.rank_of) == (22, 146)
    assert sorted(results.indicators) == [9, 10] and list(results.subindicators) == ["9.1"]
    assert project.years[2569].checklist.id == "ita-2569"
    plan = project.years[2569].plans["integrity-measures"]
    assert plan.based_on == 2568 and plan.plan.measures[0].slug == "7-10"
    assert plan.plan.measures[0].indicators == [9]
    assert list(plan.latest.round.measures["7.10"].kpis) == [1]


# -- also_given wherever it is accepted, silent when equal ------------------------------------------


def test_also_given_on_questions_items_and_sub_indicators(make_project: MakeProject) -> None:
    text = (
        "overall: {value: 91.5, also_given: [{value: 91.50, where: chart}]}\n"
        "subindicators:\n  '9.1': {value: 88.89, also_given: [{value: 87.78, where: §1.3}]}\n"
        "items:\n  o20: {value: 0, also_given: [{value: 100, where: summary}]}\n"
        "questions:\n"
        "  - {code: I14, score: {value: 66.02, also_given: [{value: 62.29, where: §1.3.1}]}}\n"
        "  - {code: e7, public: 80, survey: {value: 70, also_given: [{value: 70, where: §2}]}}\n"
    )
    assert warnings_of(make_project({RESULTS: text}), RESULTS) == [
        f"{RESULTS}:3:38: warning: sub-indicator 9.1 is given as 88.89 and also as 87.78 (§1.3). "
        "The stored value 88.89 is shown; check which one is right.",
        f"{RESULTS}:5:32: warning: item o20 is given as 0 and also as 100 (summary). The stored "
        "value 0 is shown; check which one is right.",
        f"{RESULTS}:7:52: warning: question i14 is given as 66.02 and also as 62.29 (§1.3.1). "
        "The stored value 66.02 is shown; check which one is right.",
    ]


def test_also_given_is_checked_where_no_rule_names_it(make_project: MakeProject) -> None:
    """A round's milestone for a KPI is no figure the checks compare; its other printing
    still warns (the sweep over every figure)."""
    plan = "title: แผน\nmeasures:\n  - {no: 1, title: ก, kpis: [{title: ร้อยละ, target: 80}]}\n"
    round_text = (
        "date: 2569-04-10\nmeasures:\n  1:\n    status: in_progress\n"
        "    kpis: {1: {target: {value: 40, also_given: [{value: 45, where: memo}]}}}\n"
    )
    files = {"data/2569/plans/integrity-measures.yml": plan, ROUND: round_text}
    assert warnings_of(make_project(files), ROUND) == [
        f"{ROUND}:5:49: warning: the value at measures › 1 › kpis › 1 › target is given as 40 and "
        "also as 45 (memo). The stored value 40 is shown; check which one is right."
    ]


# -- scores against the scores they are made of --------------------------------------------------


def test_an_indicator_against_the_mean_of_its_questions(make_project: MakeProject) -> None:
    # ITA 2568 has three questions per indicator (i1-i3 for indicator 1, e1-e3 for 6).
    text = (
        "overall: 90\nindicators: {1: 86.24, 2: 80, 6: 90.47}\nquestions:\n"
        "  - {code: i1, score: 86}\n  - {code: i2, score: 86}\n  - {code: i3, score: 86.5}\n"
        "  - {code: i4, score: 10}\n"
        "  - {code: e1, public: 86.66, survey: 97.25}\n  - {code: e2, public: 85.63, survey: 91.75}\n"
        "  - {code: e3, public: 89.78, survey: 91.75}\n"
    )
    assert warnings_of(make_project({RESULTS: text}), RESULTS) == [
        f"{RESULTS}:2:17: warning: indicator 1 is 86.24, but the mean of questions i1-i3 is "
        "86.167. The published value is shown; check the source."
    ]  # indicator 2 lacks i5 and i6; indicator 6 is the mean of its two parts' means (90.47)


def test_item_scores_and_cited_codes_against_that_itas_checklist(make_project: MakeProject) -> None:
    items = "".join(f"  o{n}: 100\n" for n in range(1, 27) if n != 4)
    text = (
        f"overall: 90\nitems:\n{items}  ๐48: 100\n"
        "recommendations:\n  - {text: เผยแพร่, cites: [o3, ๐๔๘]}\n"
    )
    assert warnings_of(make_project({RESULTS: text}), RESULTS) == [
        f"{RESULTS}:2:1: warning: the OIT item scores leave out o4 of the 26 items of the ita-2568 "
        "checklist. Add their scores, or check whether the source prints them.",
        f"{RESULTS}:28:3: warning: item o48 is not in the ita-2568 checklist. Check the code in the "
        "source (a Thai zero ๐ is often misread); the score is shown as given.",
        f"{RESULTS}:30:33: warning: recommendation 1 cites o48, which the ita-2568 checklist does "
        "not have. Check the code in the source (a Thai zero ๐ is often misread); the page shows "
        "it as given.",
    ]
    # A few items only (those without full marks, say) is not a whole table.
    assert (
        warnings_of(make_project({RESULTS: "overall: 90\nitems: {o20: 0}\n"}, "few"), RESULTS) == []
    )


# -- every year with results has its page -----------------------------------------------------------


def test_a_year_with_results_only_has_its_ita_page_and_a_row_in_the_years(
    make_project: MakeProject,
) -> None:
    files = {
        "data/2566/ita-results.yml": "overall: 91.15\nlevel: ผ่าน\nitems: "
        + "{"
        + ", ".join(f"o{n}: 100" for n in range(1, 44) if n != 4)
        + "}\n",
        "data/2565/ita-results.yml": "overall: 88\n",
    }
    pages = render_site(load_project(make_project(files))).files
    assert "2566/ita/index.md" in pages and "2565/ita/index.en.md" in pages
    assert not [p for p in pages if p.startswith("2566/") and not p.startswith("2566/ita/")]
    ita = str(pages["2566/ita/index.md"])
    # Every item score, titled from the ita-2566 checklist; o4 is not given.
    assert '<tr><th scope="row">O1</th><td>โครงสร้าง</td><td class="oit-num">100</td></tr>' in ita
    assert '<tr><th scope="row">O4</th><td>แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน</td>' in ita
    assert "<em>ไม่มีในเอกสาร</em>" in ita
    # The history: one row per year, the column named for what it shows.
    history = ita[ita.index("chart-history") :]
    assert '<th scope="col" class="oit-num">คะแนน ITA ภาพรวม</th>' in history
    assert '<th scope="row">ITA 2565</th>' in history
    years = str(pages["years/index.md"])
    assert years.index("2569") < years.index("2566") < years.index("2565")
    assert '<a href="../2566/ita/">ITA 2566</a>' in years


# -- checklists: which one a year names, and how sure each item is ---------------------------------


def test_a_years_own_checklist_missing_is_not_taken_for_a_typo(make_project: MakeProject) -> None:
    files = {"data/2564/year.yml": "checklist: ita-2564\n"}
    assert errors_of(make_project(files, "own")) == [
        'data/2564/year.yml:1:12: error: there is no checklist "ita-2564". No checklist for 2564 '
        "is shipped (known: ita-2566, ita-2567, ita-2568, ita-2569, moph-moit-2568, "
        "moph-moit-2569, ovec-2568, ovec-2569). Write your own as data/checklists/ita-2564.yml "
        "with id: ita-2564, or name one of these."
    ]
    typo = {"data/2569/year.yml": "checklist: ita-2596\n"}
    assert errors_of(make_project(typo, "typo")) == [
        'data/2569/year.yml:1:12: error: there is no checklist "ita-2596". Did you mean "ita-2569"?'
    ]


def test_oit_check_names_the_uncertain_items_an_agency_publishes(make_project: MakeProject) -> None:
    checklist = (
        "id: own-2569\nyear: 2569\ntitle: ของหน่วยงาน\nstatus: provisional\nsources: [own]\n"
        "items:\n"
        "  - {code: o1, title: โครงสร้าง, period: standing, confidence: high}\n"
        "  - {code: o2, title: ผู้บริหาร, period: standing, confidence: low}\n"
        "  - {code: o3, period: unknown}\n"
        "  - {code: o4, title: ข่าว, period: current_fy, confidence: low}\n"
    )
    doc = "blocks:\n  - type: text\n    body: ข้อมูล\n"
    files = {
        "data/checklists/own-2569.yml": checklist,
        "data/2569/year.yml": "checklist: own-2569\n",
        "data/2569/oit/o1-structure.yml": doc,
        "data/2569/oit/o2-executives.yml": doc,
        "data/2569/oit/o3-unknown.yml": doc,
    }
    root = make_project(files)
    # o4 is uncertain too but not published: only its missing content is reported.
    assert warnings_of(root, "data/2569/year.yml") == [
        "data/2569/year.yml:1:1: warning: FY2569 item o4 (ข่าว) has no content. Create "
        "data/2569/oit/o04-<name>.yml.",
        "data/2569/year.yml:1:12: warning: FY2569 publishes 2 item(s) that the own-2569 checklist "
        "lists with low confidence or without a known title: o2, o3. Check their titles and "
        "elements against the NACC's ITA 2569 manual; a corrected list can go in "
        "data/checklists/own-2569.yml.",
    ]
    page = render_site(load_project(root)).files["2569/oit/o3/index.md"]
    assert "# O3 \\(ไม่ทราบชื่อรายการ ต้องตรวจสอบกับคู่มือการประเมิน\\)" in page
    assert "ไม่ทราบ (ต้องตรวจสอบกับคู่มือการประเมิน)" in page


SHIPPED = sorted(SHIPPED_CHECKLISTS.glob("*.yml"))


def test_the_shipped_checklists() -> None:
    assert [p.stem for p in SHIPPED] == [
        "ita-2566",
        "ita-2567",
        "ita-2568",
        "ita-2569",
        "moph-moit-2568",
        "moph-moit-2569",
        "ovec-2568",
        "ovec-2569",
    ]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_item_names_its_sources_and_confidence(path: Path) -> None:
    checklist = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert checklist["id"] == path.stem and checklist["status"] == "provisional"
    for item in checklist["items"]:
        assert item.get("sources"), (path.stem, item["code"])
        assert item.get("confidence") in ("high", "medium", "low"), (path.stem, item["code"])


def test_sector_checklists_load_with_their_own_codes(make_project: MakeProject) -> None:
    project = load_project(make_project({"data/2569/year.yml": "checklist: moph-moit-2569\n"}))
    year = project.years[2569]
    assert [i.code for i in year.items] == [f"moit{n}" for n in range(1, 23)]
    assert [g.code for g in year.checklist.groups] == [str(n) for n in range(1, 10)]
    ovec = project.checklists["ovec-2569"]
    assert [ovec.item(f"o{n}").title.th for n in (20, 21, 22)] == [
        "ประกาศเจตนารมณ์นโยบายไม่รับของขวัญ (No Gift Policy)",
        "การประเมินผลควบคุมภายในของสถานศึกษา",
        "การเสริมสร้างวัฒนธรรมองค์กรให้มีความซื่อสัตย์สุจริต",
    ]
    ita_2567 = project.checklists["ita-2567"]
    assert len(ita_2567.items) == 35
    assert [i.code for i in ita_2567.items if i.title is not None] == [
        "o1",
        "o2",
        "o3",
        "o4",
        "o10",
        "o25",
        "o34",
    ]
