"""End to end: the sample agency built with the real MkDocs, and the build's guarantees."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE as SAMPLE_DIR
from conftest import item_of, run_oit
from generator.model.project import load_project

SAMPLE = load_project(SAMPLE_DIR)
FY = 2569
CODES = [item.code for item in SAMPLE.years[FY].items]


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_item_has_a_page_in_both_languages(built_sample: Path) -> None:
    assert [f"o{n}" for n in range(1, 27)] == CODES
    for prefix in ("", "en/"):
        pages = sorted(
            p.parent.name for p in (built_sample / prefix / "2569/oit").glob("*/index.html")
        )
        assert pages == sorted(CODES), prefix


def test_site_structure(built_sample: Path) -> None:
    pages = {
        p.parent.relative_to(built_sample).as_posix() for p in built_sample.rglob("index.html")
    }
    for prefix in ("", "en/"):
        for path in ("", "years", "about", "2569", "2569/oit", "2568", "2568/oit"):
            assert (prefix + path).rstrip("/") or "." in pages, prefix + path
    # The archive has a page for each item the agency published, and only for those.
    archived = {p for p in pages if p.startswith("2568/oit/")}
    published = [i for i in SAMPLE.years[2568].items if i.published]
    assert archived == {f"2568/oit/{i.code}" for i in published}
    assert 0 < len(published) < len(SAMPLE.years[2568].items)
    checklist = read(built_sample, "2568/oit")
    assert "ยังไม่เผยแพร่" in checklist


@pytest.mark.parametrize("code", CODES)
def test_item_page_shows_title_and_content(built_sample: Path, code: str) -> None:
    item = item_of(SAMPLE.years[FY], code)
    composed = [e for e in item.spec.elements if e.key in item.composed and item.composed[e.key].ok]
    assert composed or (item.content is not None and item.content.blocks)
    for lang, prefix in (("th", ""), ("en", "en/")):
        html = read(built_sample, f"{prefix}2569/oit/{code}")
        assert f'<html lang="{lang}"' in html
        title = item.title.get(lang).text
        assert re.search(r"<h1[^>]*>" + re.escape(f"{code.upper()} {title}"), html), lang
        if composed:  # sections made from plan or results data come first
            heading = composed[0].title.get(lang).text
        else:
            assert item.content is not None
            first = item.content.blocks[0]
            heading = (
                (first.title or next(e.title for e in item.spec.elements if e.key == first.element))
                .get(lang)
                .text
            )
        assert heading in html.replace("&amp;", "&").replace("&#39;", "'"), (lang, heading)


def test_language_switch_lands_on_the_same_page(built_sample: Path) -> None:
    th = read(built_sample, "2569/oit/o11")
    en = read(built_sample, "en/2569/oit/o11")
    assert re.search(r'href="../../../en/2569/oit/o11/" hreflang="en"', th)
    assert re.search(r'href="../../../../2569/oit/o11/" hreflang="th"', en)


def test_navigation_is_scoped_to_the_pages_year(built_sample: Path) -> None:
    html = read(built_sample, "2569/oit/o11")
    nav = html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]
    links = re.findall(r'href="([^"]*)"', nav)
    assert "../o12/" in links and "../../../years/" in links
    assert not [link for link in links if "2568/" in link]
    assert len(links) < 65  # this year's pages and the hand-written ones (six help pages)
    archived = read(built_sample, "2568/oit/o1")
    nav = archived[archived.index("md-sidebar--primary") : archived.index("md-sidebar--secondary")]
    assert not [link for link in re.findall(r'href="([^"]*)"', nav) if "2569/" in link]
    # Pages stay small; only pages holding data tables may pass 100 KB (never 1 MB).
    for page in built_sample.rglob("*.html"):
        size = page.stat().st_size
        assert size < 1_000_000, page
        assert size < 100_000 or "<table" in page.read_text(encoding="utf-8"), page


def test_links_work_under_the_agencys_path(built_sample: Path) -> None:
    # site_url is https://www.example.go.th/ita/: pages link relatively, so the site works
    # under /ita/; absolute links may only point into /ita/.
    for page in built_sample.rglob("*.html"):
        for link in re.findall(r'(?:href|src)="(/[^"]*)"', page.read_text(encoding="utf-8")):
            assert link.startswith("/ita/"), (page, link)
    sitemap = (built_sample / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://www.example.go.th/ita/2569/oit/o1/</loc>" in sitemap


def test_tables_are_published_as_csv_and_json(built_sample: Path) -> None:
    csv_text = (built_sample / "2569/oit/o11/procurement.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text)))
    table = next(t for t in item_of(SAMPLE.years[FY], "o11").tables.values() if len(t.rows) > 10)
    assert len(rows) == len(table.rows) + 1
    data = json.loads((built_sample / "2569/oit/o11/procurement.json").read_text("utf-8"))
    assert len(data["rows"]) == len(table.rows)
    en = read(built_sample, "en/2569/oit/o11")
    assert 'href="../../../../2569/oit/o11/procurement.csv"' in en


@pytest.mark.slow
def test_strict_mkdocs_build_has_no_warning(sample_copy: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=sample_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^(WARNING|ERROR)", result.stderr, re.M), result.stderr


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_two_builds_are_byte_identical(sample_copy: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    digests = []
    for n in (1, 2):
        site = tmp_path / f"site{n}"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "build",
                "-q",
                "--project",
                str(sample_copy),
                "--site-dir",
                str(site),
            ],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        digests.append(tree_digest(site))
    assert digests[0] == digests[1]


@pytest.fixture
def broken_copy(sample_copy: Path, built_sample: Path, tmp_path: Path) -> Path:
    root = tmp_path / "broken"
    shutil.copytree(sample_copy, root, ignore=shutil.ignore_patterns(".oit"))
    item = next((root / "data/2569/oit").glob("o02-*.yml"))
    text = item.read_text(encoding="utf-8").replace("position:", "positon:", 1)
    item.write_text(text, encoding="utf-8")
    return root


def test_check_reports_file_and_line_without_traceback(broken_copy: Path) -> None:
    result = run_oit("check", cwd=broken_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(
        r"^data/2569/oit/o02-[\w-]+\.yml:\d+:\d+: error: block \d+, person \d+: "
        r'unknown key "positon"\. Did you mean "position"\?$',
        result.stdout,
        re.M,
    )


def test_failed_build_leaves_the_previous_site_untouched(broken_copy: Path) -> None:
    before = tree_digest(broken_copy / "site")
    result = run_oit("build", "--project", broken_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "unknown key" in result.stdout
    assert tree_digest(broken_copy / "site") == before


def test_plain_mkdocs_build_fails_cleanly_on_bad_data(broken_copy: Path, tmp_path: Path) -> None:
    site = broken_copy / "site"
    before = tree_digest(site)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=broken_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'unknown key "positon"' in result.stderr
    assert tree_digest(site) == before


# -- plans, measures and ITA results ------------------------------------------------


def test_measure_and_results_pages_in_both_languages(built_sample: Path) -> None:
    measures = [m.no for m in SAMPLE.years[FY].plans["integrity-measures"].plan.measures]
    assert measures == list(range(1, 9))
    for prefix in ("", "en/"):
        for path in ("2569/measures", "2569/ita", "2568/measures", "2568/ita", "2568/measures/6"):
            assert (built_sample / prefix / path / "index.html").is_file(), prefix + path
        for no in measures:
            assert (built_sample / prefix / f"2569/measures/{no}/index.html").is_file()
    # 2567 holds only results: its ITA page, listed with the years, and nothing else.
    assert sorted(p.name for p in (built_sample / "2567").iterdir()) == ["ita"]
    assert 'href="../2567/ita/"' in read(built_sample, "years")


def test_dashboard_shows_status_progress_period_units_and_budget(built_sample: Path) -> None:
    html = read(built_sample, "2569/measures")
    assert html.count('class="oit-bar"') == 8
    assert '<span class="oit-status oit-status--done">ดำเนินการแล้วเสร็จ</span>' in html
    assert '<span class="oit-against oit-against--below">ต่ำกว่าแผน</span>' in html
    assert "1 ธ.ค. 2568 – 30 ก.ย. 2569" in html
    assert '<abbr title="ศูนย์ปฏิบัติการต่อต้านการทุจริต">ศปท.</abbr>' in html
    assert "30,000 บาท / 45,000 บาท" in html and "ไม่ใช้งบประมาณ" in html
    assert "135,500 / 365,000 บาท" in html
    # The risk plan's measures all need no budget: said so, not "0 baht".
    risk = html[html.index('id="plan-risk-management-plan"') :]
    assert "<dt>ใช้จ่ายแล้ว / งบประมาณ</dt><dd>ไม่ใช้งบประมาณ</dd>" in risk
    en = read(built_sample, "en/2569/measures")
    assert (
        "Below plan" in en and "No budget needed" in en and "Anti-Corruption Operation Center" in en
    )


def test_results_page_charts_have_a_name_and_a_table(built_sample: Path) -> None:
    html = read(built_sample, "2569/ita")
    svgs = re.findall(
        r'<svg class="oit-chart-svg" role="img" aria-labelledby="([\w-]+)-title \1-desc"', html
    )
    assert svgs == ["chart-tools", "chart-indicators", "chart-history"]
    assert '<desc id="chart-tools-desc">แผนภูมิแท่งแนวนอน' in html
    # The same figures as a table: ITA 2568, ITA 2569 and the change.
    row = re.search(r'<th scope="row">คะแนน ITA ภาพรวม</th>\s*(.*?)</tr>', html, re.S)
    assert row is not None
    assert re.findall(r'<td class="oit-num">([^<]*)</td>', row.group(1)) == [
        "91.34",
        "93.82",
        "+2.48",
    ]
    assert "ผ่านดี" in html and "31 จาก 160 หน่วยงาน" in html
    assert "Pass – Good" in read(built_sample, "en/2569/ita")


def test_o25_shows_the_analysis_and_every_measure_with_five_elements(built_sample: Path) -> None:
    html = read(built_sample, "2569/oit/o25")
    assert 'id="el-analysis"' in html and 'id="el-measures"' in html
    assert re.search(
        r"91\.34</strong>\s*<span class=\"oit-change\">\(\+2\.61 จาก ITA 2567: 88\.73\)", html
    )
    assert len(re.findall(r'<h3 id="indicator-\d+"', html)) == 10
    # Every measure is a row of one table whose columns are the five elements, in order.
    table = html[html.index("oit-measures-table") :]
    table = table[: table.index("</table>")]
    headers = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert headers == [
        "(1) มาตรการ/โครงการ/กิจกรรม",
        "(2) ผลการวิเคราะห์ตัวชี้วัดที่สอดคล้อง",
        "(3) ขั้นตอนหรือวิธีการดำเนินการ",
        "(4) ช่วงระยะเวลาดำเนินการ",
        "(5) หน่วยงานที่รับผิดชอบ",
    ]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == 8
    assert all(len(re.findall(r"<t[dh][ >]", row)) == 5 for row in rows)
    assert all(re.search(r'<a href="[./]*2569/measures/\d+/">', row) for row in rows)
    assert re.search(r'href="[./]*2569/measures/integrity-measures\.csv" download', html)
    o26 = read(built_sample, "2569/oit/o26")
    assert "รอบ 12 เดือน" in o26 and "ITA 2567 79.85 → ITA 2568 84.21 (+4.36)" in o26


def test_measure_pages_are_nested_under_the_dashboard(built_sample: Path) -> None:
    html = read(built_sample, "2569/measures/3")
    nav = html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]
    links = re.findall(r'href="([^"]*)"', nav)
    assert "../" in links and "../4/" in links and "../../ita/" in links
    assert not [link for link in links if "2568/" in link]


def test_plans_are_published_as_csv_and_json(built_sample: Path) -> None:
    """Each plan's measures as data, the same columns for every plan: budget 0 when the plan
    uses none, empty when not stated; several steps or KPIs one a line."""
    plan = built_sample / "2569/measures/risk-management-plan.csv"
    rows = list(csv.DictReader(io.StringIO(plan.read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == [
        "no", "title", "risk", "objective", "indicators", "questions", "steps",
        "start", "end", "units", "budget", "kpis",
        "group", "period_text", "reporting", "activities", "note",
    ]  # fmt: skip
    assert [r["no"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[3]["start"] == "2025-12-01" and rows[3]["units"] == "สล., ศทส."
    assert rows[0]["budget"] == "0" and rows[0]["risk"].startswith("ความเสี่ยงที่ 1:")
    data = json.loads((built_sample / "2569/measures/integrity-measures.json").read_text("utf-8"))
    first = data["rows"][0]
    assert first["indicators"] == "4" and first["questions"] == "i10, i12"
    assert first["steps"]["th"].startswith("1. ทบทวน") and "\n2. " in first["steps"]["th"]
    assert first["steps"]["en"].startswith("1. Review")
    # The table that held the risk plan in O21 before the plan became data still answers.
    old = built_sample / "2569/oit/o21/table-2.csv"
    assert old.read_bytes() == plan.read_bytes()


def test_composed_sections_follow_the_checklists_order(built_sample: Path) -> None:
    """O21 lists the assessment (the editor's table and report) before the risk plan (composed
    from data/2569/plans/risk-management-plan.yml), and its page shows them in that order."""
    html = read(built_sample, "2569/oit/o21")
    assert html.index('id="el-assessment"') < html.index('id="el-plan"')
    plan = html[html.index('id="el-plan"') :]
    assert "(1) ความเสี่ยง" not in plan  # the checklist lists risk first, not title first
    assert re.findall(r'<th scope="col">([^<]*)</th>', plan)[:4] == [
        "ความเสี่ยง",
        "มาตรการ/โครงการ/กิจกรรม",
        "ช่วงระยะเวลาดำเนินการ",
        "หน่วยงานที่รับผิดชอบ",
    ]
