"""Readiness for the OIT window: `oit check --as-of`, its period rules and its formats."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, MakeProject, run_oit
from generator.checks.readiness import check_readiness, months_due
from generator.model.project import load_project

MARCH_15 = dt.date(2026, 3, 15)


def findings(root: Path, code: str, as_of: dt.date = MARCH_15) -> list[str]:
    readiness = check_readiness(load_project(root), as_of)
    item = next(r for r in readiness.items if r.item.code == code)
    return [f.problem.format() for f in item.findings]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample's data (enough for `oit check`, which builds nothing)."""
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    return root


def test_the_sample_is_ready_in_march(sample: Path) -> None:
    result = run_oit("check", "--as-of", "2026-03-15", "--project", sample)
    assert result.returncode == 0
    assert "Readiness of FY2569 as of 2026-03-15 (15 มีนาคม 2569)" in result.stdout
    assert "OIT window 1 ม.ค. 2569 – 30 เม.ย. 2569: 46 day(s) left" in result.stdout
    assert (
        "26 of 26 items ready: 26 complete, 0 incomplete, 0 missing; 0 with period problems"
        in result.stdout
    )
    assert re.search(r"^O11 +complete +current FY$", result.stdout, re.M)


def test_a_removed_required_element_is_named(sample: Path) -> None:
    item = sample / "data/2569/oit/o13-hr-criteria-plan.yml"
    text = item.read_text(encoding="utf-8")
    start = text.index("  - type: documents\n    element: plan")
    end = text.find("\n  - type:", start + 10)
    item.write_text(text[:start] + (text[end + 1 :] if end > 0 else ""), encoding="utf-8")
    result = run_oit("check", "--as-of", "2026-03-15", "--project", sample)
    assert result.returncode == 0  # incomplete is a warning: the site still builds
    assert re.search(
        r'^data/2569/oit/o13-hr-criteria-plan\.yml:\d+:1: warning: item o13: element "plan" '
        r"\(แผนการบริหารและพัฒนาทรัพยากรบุคคล\) is missing\. ",
        result.stdout,
        re.M,
    )
    assert re.search(r'^O13 +incomplete +current FY +missing "plan"$', result.stdout, re.M)
    assert "25 of 26 items ready: 25 complete, 1 incomplete, 0 missing" in result.stdout
    as_json = json.loads(
        run_oit("check", "--as-of", "2569-03-15", "--format", "json", "--project", sample).stdout
    )
    o13 = next(i for i in as_json["readiness"]["items"] if i["code"] == "o13")
    assert o13["state"] == "incomplete"
    assert o13["missing_elements"] == [{"key": "plan", "title": "แผนการบริหารและพัฒนาทรัพยากรบุคคล"}]


def test_monthly_summaries_are_due_up_to_the_month_before(sample: Path) -> None:
    assert findings(sample, "o11", dt.date(2026, 3, 15)) == []
    assert findings(sample, "o11", dt.date(2026, 4, 15)) == [
        "data/2569/oit/o11-procurement-monthly.yml:10:5: warning: item o11: element "
        '"monthly" (สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน) has no entry for '
        "มีนาคม 2569 (2569-03). Add a line (or document) for each month; a month without any "
        "also needs one that says so."
    ]
    result = run_oit("check", "--as-of", "2026-05-02", "--format", "github", "--project", sample)
    assert (
        "::warning file=data/2569/oit/o11-procurement-monthly.yml,line=10,col=5::item o11: "
        'element "monthly" (สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน) has no entry for '
        "มีนาคม 2569 (2569-03), เมษายน 2569 (2569-04)."
    ) in result.stdout
    assert (
        "::notice::FY2569 as of 2026-05-02: 25 of 26 items ready: 26 complete, 0 incomplete, "
        "0 missing; 1 with period problems; OIT window 1 ม.ค. 2569 – 30 เม.ย. 2569: closed 2 "
        "day(s) ago"
    ) in result.stdout


def test_months_due() -> None:
    assert months_due("current_fy", 2569, dt.date(2025, 10, 20)) == []
    assert months_due("current_fy", 2569, dt.date(2026, 3, 15)) == [
        dt.date(2025, 10, 1),
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]
    assert len(months_due("previous_fy", 2569, dt.date(2025, 10, 20))) == 12
    assert months_due("first_half_current_fy", 2569, dt.date(2026, 8, 1))[-1] == dt.date(2026, 3, 1)


O11 = "data/2569/oit/o11-procurement.yml"


def test_months_come_from_documents_covers(make_project: MakeProject) -> None:
    docs = "".join(
        f"      - {{title: สขร.1 {m}, url: https://www.example.go.th/{m}.pdf, covers: {m}}}\n"
        for m in ("2568-10", "2568-11", "2569-01")
    )
    root = make_project(
        {O11: "blocks:\n  - type: documents\n    element: monthly\n    documents:\n" + docs}
    )
    assert findings(root, "o11") == [
        f'{O11}:2:5: warning: item o11: element "monthly" '
        "(สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน) has no entry for ธันวาคม 2568 "
        "(2568-12), กุมภาพันธ์ 2569 (2569-02). Add a line (or document) for each month; a month "
        "without any also needs one that says so."
    ]


def test_monthly_element_without_months(make_project: MakeProject) -> None:
    root = make_project(
        {
            O11: """\
            blocks:
              - type: documents
                element: monthly
                documents:
                  - {title: สขร.1, url: https://www.example.go.th/x.pdf, date: 2569-03-05}
            """
        }
    )
    assert findings(root, "o11") == [
        f'{O11}:2:5: warning: item o11: element "monthly" '
        "(สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน) should show every month, but none of "
        "its entries says which month it is about. Give its table a column of type month, or "
        "each document `covers: 2568-10`."
    ]


O18 = "data/2569/oit/o18-complaints.yml"
ZEROS = """\
blocks:
  - type: table
    element: statistics
    columns:
      - {key: month, type: month}
      - {key: received, type: number}
    rows:
      - {month: 2567-10, received: 0}
      - {month: 2567-11, received: 0}
"""


def test_zero_complaints_must_be_stated(make_project: MakeProject) -> None:
    root = make_project({O18: ZEROS})
    assert findings(root, "o18") == [
        f'{O18}:2:5: warning: item o18: element "statistics" '
        "(สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ) shows no count above zero and does not say "
        '"ไม่มีเรื่องร้องเรียน". If there were none, say so in these words: "ไม่มีเรื่องร้องเรียน"; '
        "if there were some, give their numbers in a table."
    ]


@pytest.mark.parametrize(
    "extra",
    [
        "  - {type: text, body: 'ปีงบประมาณ พ.ศ. 2568 ไม่มี เรื่องร้องเรียน'}\n",
        "      - {month: 2567-12, received: 1}\n",
    ],
)
def test_stated_zero_or_a_count_satisfies_the_rule(make_project: MakeProject, extra: str) -> None:
    root = make_project({O18: ZEROS + extra})
    assert findings(root, "o18") == []


O23 = "data/2569/oit/o23-plan.yml"
O14 = "data/2569/oit/o14-report.yml"
O5 = "data/2569/oit/o5-plan.yml"


def documents(*fields: str) -> str:
    return "blocks:\n  - type: documents\n    documents:\n" + "".join(
        f"      - {{title: แผน, url: https://www.example.go.th/{n}.pdf{f}}}\n"
        for n, f in enumerate(fields)
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ((", date: 2568-11-18",), []),
        ((", covers: 2569",), []),
        (
            (", date: 2568-09-01", ", date: 2567-11-01"),
            [
                f"{O23}:1:1: warning: item o23 must show data of fiscal year 2569 (1 ต.ค. 2568 – "
                "30 ก.ย. 2569), but its dates run from 1 พ.ย. 2567 – 1 ก.ย. 2568. Publish this "
                "year's documents and give their dates (or `covers: 2569`)."
            ],
        ),
        (
            ("",),
            [
                f"{O23}:1:1: warning: item o23 must show data of fiscal year 2569, but nothing on "
                "it is dated. Give its documents a `date:` (or `covers: 2569`), or its table a "
                "date or month column."
            ],
        ),
    ],
)
def test_current_fy_items_need_content_dated_this_year(
    make_project: MakeProject, fields: tuple[str, ...], expected: list[str]
) -> None:
    assert findings(make_project({O23: documents(*fields)}), "o23") == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ((", date: 2568-10-05",), []),  # published after FY2568 ended
        ((", covers: 2568, date: 2568-12-01",), []),
        (
            (", date: 2568-09-15",),  # published before FY2568 ended: cannot cover it
            [
                f"{O14}:1:1: warning: item o14 must cover the previous fiscal year 2568 (1 ต.ค. "
                "2567 – 30 ก.ย. 2568), but its dates run from 15 ก.ย. 2568 – 15 ก.ย. 2568. "
                "Publish the report of fiscal year 2568 (written after it ended) with its date, "
                "or say what a document is about with `covers: 2568`."
            ],
        ),
        (
            (", covers: 2567, date: 2568-10-05",),  # last year's report, newly uploaded
            [
                f"{O14}:1:1: warning: item o14 must cover the previous fiscal year 2568 (1 ต.ค. "
                "2567 – 30 ก.ย. 2568), but its dates run from 1 ต.ค. 2566 – 30 ก.ย. 2567. "
                "Publish the report of fiscal year 2568 (written after it ended) with its date, "
                "or say what a document is about with `covers: 2568`."
            ],
        ),
    ],
)
def test_previous_fy_items_cover_the_previous_year(
    make_project: MakeProject, fields: tuple[str, ...], expected: list[str]
) -> None:
    assert findings(make_project({O14: documents(*fields)}), "o14") == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ((", covers: 2566-2570",), []),
        (
            (", date: 2568-10-20",),
            [
                f"{O5}:1:1: warning: item o5 needs a plan of several years that covers fiscal "
                "year 2569, but no document says which years it covers. Add `covers:` with the "
                "plan's fiscal years to its document, e.g. `covers: 2566-2570`."
            ],
        ),
        (
            (", covers: 2561-2565",),
            [
                f"{O5}:2:5: warning: item o5 needs a plan that covers fiscal year 2569, but its "
                "plans cover fiscal years 2561-2565. Publish the plan in force this year and "
                "give its `covers:` years."
            ],
        ),
    ],
)
def test_multi_year_plans_cover_the_year(
    make_project: MakeProject, fields: tuple[str, ...], expected: list[str]
) -> None:
    assert findings(make_project({O5: documents(*fields)}), "o5") == expected


@pytest.mark.parametrize(
    ("as_of", "text"),
    [
        ("2025-12-01", "OIT window 1 ม.ค. 2569 – 30 เม.ย. 2569: opens in 31 day(s)"),
        ("2026-04-30", "OIT window 1 ม.ค. 2569 – 30 เม.ย. 2569: ends today"),
        ("2026-05-01", "OIT window 1 ม.ค. 2569 – 30 เม.ย. 2569: closed 1 day(s) ago"),
    ],
)
def test_window_days_left(make_project: MakeProject, as_of: str, text: str) -> None:
    root = make_project(
        {
            "data/2569/year.yml": "checklist: ita-2569\noit_window: {start: 2569-01-01, end: 2569-04-30}\n"
        }
    )
    result = run_oit("check", "--as-of", as_of, "--project", root)
    assert text in result.stdout.splitlines()


def test_window_unknown_and_year_missing(make_project: MakeProject) -> None:
    root = make_project()
    march = run_oit("check", "--as-of", "2026-03-15", "--project", root)
    assert "OIT window: not known; set oit_window in data/2569/year.yml" in march.stdout
    november = run_oit("check", "--as-of", "2026-11-25", "--format", "json", "--project", root)
    report = json.loads(november.stdout)
    assert report["as_of"] == "2026-11-25"
    assert report["readiness"]["fiscal_year"] == 2570
    assert report["readiness"]["items"] == []
    assert report["problems"][-1] == {
        "file": "data/2570/year.yml",
        "line": 1,
        "column": 1,
        "severity": "warning",
        "message": "as of 2026-11-25, fiscal year 2570 has begun (1 ต.ค. 2569) but there is no "
        "data/2570/ folder.",
        "hint": "Create data/2570/year.yml with the line `checklist: ita-2570` once the NACC "
        "publishes that checklist.",
    }


def test_as_of_must_be_a_date(make_project: MakeProject) -> None:
    result = run_oit("check", "--as-of", "15/03/2026", "--project", make_project())
    assert result.returncode == 2
    assert (
        "Invalid value for '--as-of': \"15/03/2026\" is not a date in the form YYYY-MM-DD. "
        "Write it as YYYY-MM-DD, e.g. 2569-01-15 (Buddhist Era) or 2026-01-15."
    ) in result.stderr
