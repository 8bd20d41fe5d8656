"""The data that dates content: month columns and documents' `covers:`, with their errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import MakeProject, item_of
from generator.errors import DataError
from generator.model.project import load_project
from generator.schema.dates import covers_span, parse_month

ITEM = "data/2569/oit/o11-procurement.yml"


def problems(root: Path) -> list[str]:
    try:
        load_project(root)
    except DataError as exc:
        return [p.format("en") for p in exc.problems if p.severity == "error"]
    return []


@pytest.mark.parametrize(
    "text", ["2568-10", "2025-10", "ตุลาคม 2568", "ต.ค. 2568", "ต.ค. 68", "๒๕๖๘-๑๐", "October 2025"]
)
def test_month_forms(text: str) -> None:
    assert parse_month(text) == dt.date(2025, 10, 1)


def test_month_column(make_project: MakeProject) -> None:
    table = """\
    blocks:
      - type: table
        columns: [{key: month, type: month}]
        rows:
          - {month: 2568-10}
          - {month: 2568-13}
          - {month: เดือนสิบ 2568}
    """
    assert problems(make_project({ITEM: table})) == [
        f'{ITEM}:6:17: error: row 2, column month: "2568-13" is not a month. Write the month '
        "as YYYY-MM, e.g. 2568-10 (Buddhist Era) or 2025-10, or ตุลาคม 2568.",
        f'{ITEM}:7:17: error: row 3, column month: "เดือนสิบ 2568" is not a month. Write the '
        "month as YYYY-MM, e.g. 2568-10 (Buddhist Era) or 2025-10, or ตุลาคม 2568.",
    ]


@pytest.mark.parametrize(
    ("covers", "message"),
    [
        (
            "2025",
            '"2025" looks like a Common Era year. Fiscal years are named in Buddhist Era: '
            "write 2568, not 2025.",
        ),
        ("2570-2566", '"2570-2566" ends before it starts. Write the earlier year first.'),
        (
            "ปีหน้า",
            '"ปีหน้า" is not a month. Write the month as YYYY-MM, e.g. 2568-10 (Buddhist Era) '
            "or 2025-10, or ตุลาคม 2568.",
        ),
    ],
)
def test_bad_covers(make_project: MakeProject, covers: str, message: str) -> None:
    item = f"""\
    blocks:
      - type: documents
        documents:
          - {{title: แผน, url: https://www.example.go.th/a.pdf, covers: "{covers}"}}
    """
    assert problems(make_project({ITEM: item})) == [
        f"{ITEM}:4:68: error: block 1, document 1: {message}"
    ]


def test_covers_spans() -> None:
    assert covers_span("2568-10") == (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    assert covers_span("2568") == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    assert covers_span("2566-2570") == (dt.date(2022, 10, 1), dt.date(2027, 9, 30))


def test_month_cells_read_and_publish_as_months(make_project: MakeProject) -> None:
    from generator.site.exports import table_csv, table_json
    from generator.site.render import Renderer

    root = make_project(
        {
            ITEM: """\
            blocks:
              - type: table
                element: monthly
                columns: [{key: month, type: month}, {key: count, type: number}]
                rows:
                  - {month: ตุลาคม 2568, count: 3}
            """
        }
    )
    project = load_project(root)
    item = item_of(project.years[2569], "o11")
    assert table_csv(item.tables[0]) == "\ufeffmonth,count\n2025-10,3\n"
    assert '"month": "2025-10"' in table_json(item.tables[0])
    pages = Renderer(project).render_item(project.years[2569], item)
    assert '<time datetime="2025-10">ตุลาคม 2568</time>' in pages["2569/oit/o11/index.md"]
    assert '<time datetime="2025-10">October 2025</time>' in pages["2569/oit/o11/index.en.md"]
