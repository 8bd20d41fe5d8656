"""The seed fixtures: real documents transcribed into data, with their documented defects.

tests/fixtures/sopm is seed 002 (examples.md section A) and tests/fixtures/moc is seed 004
(section B). Each must build, and raise exactly the warnings its README lists; changed
copies check the errors the same defects would be if they were typed into the data.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import MakeProject, run_oit
from generator.checks.completeness import check_project
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
    return [p.format("en") for p in sorted(project.warnings + checks)]


@pytest.mark.parametrize(("name", "expected"), [("sopm", SOPM_WARNINGS), ("moc", MOC_WARNINGS)])
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
    return [p.format("en") for p in info.value.problems if p.severity == "error"]


def test_a4_a_measure_number_used_twice_is_an_error(make_project: MakeProject) -> None:
    # SOPM section 5 calls the measure for indicator 6 "มาตรการที่ ๒".
    files = changed("sopm", "data/2569/plans/integrity-measures.yml", "  - no: 6\n", "  - no: 2\n")
    assert errors(make_project(files)) == [
        "data/2569/plans/integrity-measures.yml:98:9: error: measure 2 appears twice (first as "
        "measure entry 2). Give each measure its own number; the number is part of its web address."
    ]


def test_a5_an_unknown_unit_names_the_closest_known_one(make_project: MakeProject) -> None:
    # The agency writes สลน., สสน. and สทน. for itself.
    files = changed(
        "sopm",
        "data/2569/plans/integrity-measures.yml",
        "    units: [ศปท.]\n  - no: 4",
        "    units: [สสน.]\n  - no: 4",
    )
    assert errors(make_project(files)) == [
        'data/2569/plans/integrity-measures.yml:76:13: error: unknown unit "สสน.". '
        'Did you mean "สลน."? Units are listed under units: in data/agency.yml.'
    ]


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
        assert not (root / "site/2568").exists()  # results-only years have no pages
