# mypy: disable-error-code="union-attr"
# (These tests read optional values of fixtures they know; a None fails the test anyway.)
"""The seed fixtures: real documents transcribed into data, with their documented defects.

tests/fixtures/sopm is seed 002 (examples.md section A), moc seed 004 (section B), tpso seed 000
(section C), oie seed 001 and diw seed 003. Each must build, and raise exactly the warnings its
README lists; changed copies check the errors the same defects would be if they were typed into
the data.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import MakeProject, item_of, run_oit
from generator.checks.completeness import check_project, item_status
from generator.errors import DataError
from generator.model.project import load_project

FIXTURES = Path(__file__).parent / "fixtures"

SOPM_WARNINGS = [
    "data/2567/ita-results.yml:3:10: warning: the overall score is 86.05, but 0.3 × IIT 82.03 + 0.3 × EIT 77.93 + 0.4 × OIT 100 is 87.988. The published value is shown. The weights 30/30/40 are inferred from earlier years; check the source.",
    'data/2569/plans/integrity-measures.yml:54:11: warning: measure 1: the period is also given as 2025-04-01 – 2025-06-30 "๑ เม.ย. – ๓๐ มิ.ย. ๖๘" (§5), which is outside FY2569 (2025-10-01 – 2026-09-30); the stored period is 2026-04-01 – 2026-09-30. The stored period is shown; check which one is right.',
    'data/2569/plans/integrity-measures.yml:88:12: warning: unit "สสธ" is written without its final dot; read as "สสธ.". Write "สสธ." as in data/agency.yml.',
    "data/2569/plans/integrity-measures.yml:134:5: warning: measure 9: the steps are numbered 1, 3; step 2 is missing. Add the missing step, or renumber the steps as the source intends.",
]

MOC_WARNINGS = [
    "data/2568/plans/anti-corruption-plan-final.yml:30:20: warning: plan KPI 2 (ดัชนีคุณธรรมและจริยธรรมของบุคลากรภาครัฐของกระทรวงพาณิชย์): the actual is given as 96.42 and also as 96.52 (§2.1.2); the mean of its 5 parts is 96.416. The stored value 96.42 is shown; check which one is right.",
    "data/2568/plans/anti-corruption-plan-final.yml:47:7: warning: measure 1: the amount spent is 1,289,999.22, but the sum of 18 activity costs (2 more do not state a cost) is 1,288,999.22. The published value is shown; check the source.",
    "data/2568/plans/anti-corruption-plan-final.yml:48:20: warning: measure 1: the amount spent is given as 1,289,999.22 and also as 1,299,999.22 (memo §2.1). The stored value 1,289,999.22 is shown; check which one is right.",
    "data/2568/plans/anti-corruption-plan-final.yml:50:19: warning: measure 1: the number of participants is 1,837, but the sum over 17 activities (3 more do not state a number) is 1,842. The published value is shown; check the source.",
    "data/2568/plans/anti-corruption-plan-final.yml:52:5: warning: measure 1, KPI 4 (ร้อยละของข้อร้องเรียนเจ้าหน้าที่สำนักงานปลัดกระทรวงพาณิชย์ทั้งในส่วนกลางและส่วนภูมิภาคไม่ถูกชี้มูลว่ามีการทุจริตและประพฤติมิชอบ) has no result in the final round. Add its actual value under kpis:, or say why in a note.",
    "data/2568/plans/anti-corruption-plan-final.yml:57:24: warning: measure 1, KPI 2: the actual is given as 93.78 and also as 93.18 (narrative of §3.2); the mean of its 5 parts is 93.778. The stored value 93.78 is shown; check which one is right.",
    "data/2568/plans/anti-corruption-plan.yml:27:20: warning: plan KPI 2: the target is given as 92.18 and also as 92 (§1.6). The stored value 92.18 is shown; check which one is right.",
    'data/2568/plans/anti-corruption-plan.yml:61:20: warning: measure 1: the budget is given as 1,290,000 and also as 129,000 (printed "๑,๒๙๐,๐๐" in §1.5), which does not match the amount in words (1,290,000). The stored value 1,290,000 is shown; check which one is right.',
]

TPSO_WARNINGS = [
    "data/2566/ita-results.yml:11:6: warning: indicator 2 is 86.24, but the mean of questions i7-i12 is 86.163. The published value is shown; check the source.",
    "data/2566/ita-results.yml:158:17: warning: recommendation 8 cites o48, which the ita-2566 checklist does not have. Check the code in the source (a Thai zero ๐ is often misread); the page shows it as given.",
    "data/2566/ita-results.yml:158:22: warning: recommendation 8 cites o49, which the ita-2566 checklist does not have. Check the code in the source (a Thai zero ๐ is often misread); the page shows it as given.",
    'data/2567/plans/integrity-measures.yml:50:17: warning: unknown unit "ศค.". Did you mean "ศศ."? Units are listed under units: in data/agency.yml.',
    'data/2567/plans/integrity-measures.yml:78:17: warning: unit "ทุกกอง/ศูนย์/กลุ่มงานของสำนักงาน เลขาธิการ กรม (สล.)": สล. is "สำนักงานเลขานุการกรม" in data/agency.yml, which this name does not contain. The unit is shown as written; check the name or the abbreviation.',
    'data/2567/plans/integrity-measures.yml:107:17: warning: unknown unit "สส.". Did you mean "สล."? Units are listed under units: in data/agency.yml.',
    'data/2567/plans/integrity-measures.yml:127:13: warning: unknown unit "ศค.". Did you mean "ศศ."? Units are listed under units: in data/agency.yml.',
]

OIE_WARNINGS = [
    "data/2563/ita-results.yml:19:18: warning: the OIT score is given as 98.89 and also as 88.88 (§1.3.3). The stored value 98.89 is shown; check which one is right.",
    "data/2563/ita-results.yml:26:18: warning: indicator 3 is given as 80.81 and also as 76.41 (§1.3.1 (๓)). The stored value 80.81 is shown; check which one is right.",
    "data/2563/ita-results.yml:35:18: warning: indicator 9 is given as 97.78 and also as 87.78 (§1.3.3 (๙)). The stored value 97.78 is shown; check which one is right.",
    "data/2563/ita-results.yml:43:40: warning: question i14 is given as 66.02 and also as 62.29 (§1.3.1 (๓)). The stored value 66.02 is shown; check which one is right.",
    "data/2563/ita-results.yml:59:40: warning: question i15 is given as 72.04 and also as 67.41 (§1.3.1 (๓)). The stored value 72.04 is shown; check which one is right.",
    "data/2563/ita-results.yml:73:40: warning: question i13 is given as 77.96 and also as 69.08 (§1.3.1 (๓)). The stored value 77.96 is shown; check which one is right.",
    "data/2564/plans/integrity-measures.yml:133:13: warning: measure 5: activity 4.1 is numbered as if it belonged to measure 4. The page shows the number as printed; check it against the source.",
    "data/2564/plans/integrity-measures.yml:142:13: warning: measure 5: activity 4.2 is numbered as if it belonged to measure 4. The page shows the number as printed; check it against the source.",
]

DIW_WARNINGS = [
    "data/2566/ita-results.yml:12:6: warning: indicator 2 is 99.01, but the mean of questions i7-i12 is 99.038. The published value is shown; check the source.",
    "data/2566/ita-results.yml:67:1: warning: the OIT item scores leave out o4 of the 43 items of the ita-2566 checklist. Add their scores, or check whether the source prints them.",
    'data/2567/plans/integrity-measures.yml:151:12: warning: unknown unit "ศล.". Did you mean "สล."? Units are listed under units: in data/agency.yml.',
    "data/2567/plans/integrity-measures.yml:329:16: warning: measure 7.7: the title names fiscal year 2566, but the plan is for FY2567. Check whether it belongs to this year's plan (the page shows it as written).",
    "data/2567/plans/integrity-measures.yml:333:16: warning: measure 7.8: the title names fiscal year 2566, but the plan is for FY2567. Check whether it belongs to this year's plan (the page shows it as written).",
]


def fixture_files(name: str) -> dict[str, str | bytes]:
    folder = FIXTURES / name
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.yml"))
    }


def data_warnings(root: Path) -> list[str]:
    """Warnings about plans and results (not about items the fixture does not publish)."""
    project = load_project(root)
    checks = [
        p
        for p in check_project(project)
        if "/oit/" not in p.file and not p.file.endswith("year.yml")
    ]
    return [p.format() for p in sorted(project.warnings + checks)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sopm", SOPM_WARNINGS),
        ("moc", MOC_WARNINGS),
        ("tpso", TPSO_WARNINGS),
        ("oie", OIE_WARNINGS),
        ("diw", DIW_WARNINGS),
    ],
)
def test_fixture_raises_exactly_its_documented_warnings(
    make_project: MakeProject, name: str, expected: list[str]
) -> None:
    assert data_warnings(make_project(fixture_files(name))) == expected


def test_sopm_fixture_reads_as_the_document(make_project: MakeProject) -> None:
    project = load_project(make_project(fixture_files("sopm")))
    plan = project.years[2569].plans["integrity-measures"].plan
    assert [m.no for m in plan.measures] == list(range(1, 12))
    assert {a.indicator for a in plan.analysis} == set(range(1, 11))
    results = project.results[2568].results
    assert (results.overall.value, results.level, results.rank, results.rank_of) == (
        Decimal("92.61"),
        "ผ่าน",
        126,
        None,
    )
    question = results.question("e7")
    assert question is not None and question.survey is not None
    assert str(question.survey.value) == "71.43"
    # The 2567 and 2568 folders hold only results: they have no pages of their own.
    assert sorted(project.years) == [2569] and sorted(project.results) == [2567, 2568]


def test_moc_fixture_keeps_no_cost_apart_from_not_stated(make_project: MakeProject) -> None:
    project = load_project(make_project(fixture_files("moc")))
    round = project.years[2568].plans["anti-corruption-plan"].rounds[0]
    assert round.key == "final" and round.final
    activities = round.round.measures[1].activities
    costs = [
        None if a.cost is None else ("none" if a.cost.no_cost else a.cost.value) for a in activities
    ]
    assert costs[:4] == [None, Decimal(73060), "none", "none"]
    assert costs.count(None) == 2 and costs.count("none") == 5


def changed(name: str, path: str, old: str, new: str) -> dict[str, str | bytes]:
    files = fixture_files(name)
    text = files[path]
    assert isinstance(text, str) and text.count(old) == 1, old
    files[path] = text.replace(old, new)
    return files


def errors(root: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_project(root)
    return [p.format() for p in info.value.problems if p.severity == "error"]


def test_a4_a_measure_number_used_twice_is_an_error(make_project: MakeProject) -> None:
    # SOPM section 5 calls the measure for indicator 6 "มาตรการที่ ๒".
    files = changed("sopm", "data/2569/plans/integrity-measures.yml", "  - no: 6\n", "  - no: 2\n")
    assert errors(make_project(files)) == [
        "data/2569/plans/integrity-measures.yml:98:9: error: measure 2 appears twice (first as "
        "measure entry 2). Give each measure its own number; the number is part of its web address."
    ]


def test_a5_an_unknown_unit_names_the_closest_known_one(make_project: MakeProject) -> None:
    # The agency writes สลน., สสน. and สทน. for itself. Units are free text: a warning.
    files = changed(
        "sopm",
        "data/2569/plans/integrity-measures.yml",
        "    units: [ศปท.]\n  - no: 4",
        "    units: [สสน.]\n  - no: 4",
    )
    warning = (
        'data/2569/plans/integrity-measures.yml:76:13: warning: unknown unit "สสน.". '
        'Did you mean "สลน."? Units are listed under units: in data/agency.yml.'
    )
    found = data_warnings(make_project(files))
    assert warning in found and sorted(found) == sorted([*SOPM_WARNINGS, warning])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "pages"),
    [
        ("sopm", ["2569/measures/", "2569/measures/11/", "2569/oit/o25/", "en/2569/oit/o25/"]),
        (
            "moc",
            [
                "2568/measures/",
                "2568/measures/anti-corruption-plan/1/",
                "2568/ita/",
                "2568/oit/o25/",
            ],
        ),
        ("tpso", ["2567/measures/", "2567/measures/7/", "2567/oit/o34/", "2566/ita/"]),
        ("oie", ["2564/measures/", "2564/measures/5/", "2564/oit/o42/", "2563/ita/", "2559/ita/"]),
        ("diw", ["2567/measures/", "2567/measures/7-10/", "2567/oit/o34/", "2566/ita/"]),
    ],
)
def test_fixture_builds_a_site(make_project: MakeProject, name: str, pages: list[str]) -> None:
    root = make_project(fixture_files(name))
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in pages:
        assert (root / "site" / page / "index.html").is_file(), page
    if name == "sopm":
        html = (root / "site/2569/oit/o25/index.html").read_text(encoding="utf-8")
        # One table row per measure, under the five numbered details of the manual.
        assert len(re.findall(r'<th scope="row">มาตรการที่ \d+ ', html)) == 11
        for label in ("(2) ผลการวิเคราะห์ตัวชี้วัดที่สอดคล้อง", "(5) หน่วยงานที่รับผิดชอบ"):
            assert html.count(f'<th scope="col">{label}</th>') == 1, label
        # A year that holds only results has its ITA page, and nothing else.
        assert sorted(p.name for p in (root / "site/2568").iterdir()) == ["ita"]


def test_diw_fixture_reads_as_the_document(make_project: MakeProject) -> None:
    """47 measures numbered as printed under the 7 issues of ITA 2567 O34, each issue with its
    analysis; the steps, period and units are written once per issue and hold for its measures."""
    project = load_project(make_project(fixture_files("diw")))
    year = project.years[2567]
    plan = year.plans["integrity-measures"].plan
    assert [len(g.measures) for g in plan.groups] == [10, 7, 4, 3, 5, 8, 10]
    numbers = [str(m.no) for m in plan.all_measures]
    assert numbers[:3] == ["1.1", "1.2", "1.3"] and numbers[-1] == "7.10"
    assert all(
        len(m.steps) == 3 and m.period.start.isoformat() == "2024-03-06" for m in plan.all_measures
    )
    assert [u.name for u in plan.all_measures[-1].units][1] == "กลุ่มงานจริยธรรม"
    assert all(g.analysis and g.analysis.questions for g in plan.groups)
    assert item_status(item_of(year, "o34")).state == "complete"
    assert project.results[2566].results.item_score("o43").value == 100  # printed ๐43


def test_tpso_fixture_reads_as_the_document(make_project: MakeProject) -> None:
    project = load_project(make_project(fixture_files("tpso")))
    year = project.years[2567]
    plan = year.plans["integrity-measures"].plan
    assert [m.no for m in plan.all_measures] == list(range(1, 8))
    channels = plan.measure(2).steps[0].steps
    assert len(channels) == 4 and channels[0].text.th.startswith("เว็บไซต์: <https://tpso.go.th>")
    assert plan.measure(3).period.start is None and plan.measure(3).units[0].role is not None
    assert plan.section("constraints").text.th.startswith("ผู้ประสานงานของหน่วยงาน (Admin)")
    assert item_status(item_of(year, "o34")).state == "complete"
    results = project.results[2566].results
    assert len(results.items) == 43 and len(results.questions) == 45
    assert (results.tools.eit_public.value, results.tools.eit_survey.value) == (
        Decimal("85.27"),
        Decimal("82.11"),
    )


def test_oie_fixture_reads_as_the_document(make_project: MakeProject) -> None:
    project = load_project(make_project(fixture_files("oie")))
    plan = project.years[2564].plans["integrity-measures"].plan
    activities = [a for m in plan.all_measures for a in m.activities]
    assert len(plan.all_measures) == 5 and len(activities) == 6
    assert [a.no for a in plan.measure(5).activities] == ["4.1", "4.2"]
    due = activities[0].period
    assert (due.start, due.end.isoformat(), due.text_differs) == (None, "2021-03-31", False)
    assert {a.reporting.every for a in activities} == {"6-month"}
    assert sorted(project.results) == [2559, 2560, 2561, 2562, 2563]
    assert project.results[2563].results.level == "A"
    assert project.years[2564].checklist.id == "ita-2564"  # its own: none is shipped


def test_fixture_pages_read_like_their_documents(make_project: MakeProject) -> None:
    """DIW's dashboard: the 7 issues with their analyses and a timeline each; OIE's ITA 2563 page:
    the history labelled year by year; TPSO's O34: its measures under their issues, links in steps."""
    diw = make_project(fixture_files("diw"), "diw")
    assert run_oit("build", "--project", diw).returncode == 0
    html = (diw / "site/2567/measures/index.html").read_text(encoding="utf-8")
    for n in range(1, 8):
        assert f'id="integrity-measures-group-{n}"' in html
        assert f'aria-labelledby="timeline-integrity-measures-group-{n}-title' in html
    assert html.count("ประเด็นนี้วิเคราะห์จากคะแนนตามตัวชี้วัดที่สำนักงาน ป.ป.ช. กำหนด") == 7
    assert len(list((diw / "site/2567/measures").glob("*-*/index.html"))) == 47
    assert "ข้อจำกัดของกรมโรงงานอุตสาหกรรมในการดำเนินการประเมิน ITA" in html
    oie = make_project(fixture_files("oie"), "oie")
    assert run_oit("build", "--project", oie).returncode == 0
    ita = (oie / "site/2563/ita/index.html").read_text(encoding="utf-8")
    history = ita[ita.index('id="history"') :]
    assert [f"ITA {y}" for y in range(2559, 2564)] == re.findall(
        r'<th scope="row">(ITA \d+)</th>', history
    )[:5]
    years = (oie / "site/years/index.html").read_text(encoding="utf-8")
    assert all(f'href="../{y}/ita/"' in years for y in range(2559, 2564))
    tpso = make_project(fixture_files("tpso"), "tpso")
    assert run_oit("build", "--project", tpso).returncode == 0
    o34 = (tpso / "site/2567/oit/o34/index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.facebook.com/TPSO.MOC/">' in o34
    assert o34.count('class="oit-group-row"') == 7
