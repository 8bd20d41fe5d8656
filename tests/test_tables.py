"""Table blocks from inline rows, CSV and XLSX files, with located cell errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import MakeProject, item_of
from generator.errors import DataError
from generator.model.project import load_project
from generator.model.tables import TableData
from generator.site.render import Renderer

ITEM = "data/2569/oit/o11-procurement.yml"
COLUMNS = """
    columns:
      - {key: เดือน, title: {th: เดือน, en: Month}}
      - {key: มูลค่า, title: {th: มูลค่า, en: Amount}, type: money}
"""


def table_of(root: Path) -> TableData:
    year = load_project(root).years[2569]
    return next(iter(item_of(year, "o11").tables.values()))


def errors_of(root: Path) -> list[str]:
    try:
        load_project(root)
    except DataError as exc:
        return [p.format() for p in exc.problems]
    return []


def test_xlsx_table(make_project: MakeProject) -> None:
    root = make_project(
        {ITEM: "blocks:\n  - type: table\n    file: files/p.xlsx\n    sheet: สรุป\n" + COLUMNS}
    )
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "สรุป"
    sheet.append(["เดือน", "มูลค่า", "หมายเหตุ"])
    sheet.append(["ตุลาคม 2568", 1250000.5, "x"])
    sheet.append([None, None, None])
    sheet.append(["พฤศจิกายน 2568", "๙๘๐,๐๐๐", None])
    (root / "content/files").mkdir(parents=True)
    book.save(root / "content/files/p.xlsx")
    table = table_of(root)
    assert [c.key for c in table.columns] == ["เดือน", "มูลค่า"]
    assert table.rows == [
        ["ตุลาคม 2568", Decimal("1250000.5")],
        ["พฤศจิกายน 2568", Decimal("980000")],
    ]


def test_csv_cell_error_points_at_the_csv_line(make_project: MakeProject) -> None:
    root = make_project(
        {
            ITEM: "blocks:\n  - type: table\n    file: files/p.csv\n" + COLUMNS,
            "content/files/p.csv": "เดือน,มูลค่า\nตุลาคม,100\nพฤศจิกายน,หนึ่งร้อย\n",
        }
    )
    assert errors_of(root) == [
        'content/files/p.csv:3:2: error: column มูลค่า: "หนึ่งร้อย" is not a number. '
        "Write digits only, e.g. 1290000 or 1,290,000.50 (Thai digits are fine)."
    ]


def test_csv_missing_column(make_project: MakeProject) -> None:
    root = make_project(
        {
            ITEM: "blocks:\n  - type: table\n    file: files/p.csv\n" + COLUMNS,
            "content/files/p.csv": "เดือน,ราคา\nตุลาคม,100\n",
        }
    )
    assert errors_of(root) == [
        'content/files/p.csv:1:1: error: the header row has no column "มูลค่า". '
        "Columns are: ราคา, เดือน."
    ]


def test_inline_row_with_unknown_column(make_project: MakeProject) -> None:
    root = make_project(
        {
            ITEM: "blocks:\n  - type: table\n"
            + COLUMNS
            + "    rows:\n      - {เดือน: ตุลาคม, มูลคา: 100}\n"
        }
    )
    assert errors_of(root) == [
        f'{ITEM}:8:25: error: row 1: unknown column "มูลคา". Did you mean "มูลค่า"?'
    ]


def test_table_needs_rows_or_file(make_project: MakeProject) -> None:
    root = make_project({ITEM: "blocks:\n  - type: table\n" + COLUMNS})
    assert errors_of(root) == [
        f"{ITEM}:2:5: error: block 1: a table needs either `rows:` or `file:` (one of them). "
        "Write the rows here, or give a CSV/XLSX file under content/files/."
    ]


def test_broken_xlsx(make_project: MakeProject) -> None:
    root = make_project(
        {
            ITEM: "blocks:\n  - type: table\n    file: files/p.xlsx\n",
            "content/files/p.xlsx": b"PK\x03\x04 and then not a zip archive",
        }
    )
    assert errors_of(root) == [
        "content/files/p.xlsx:1:1: error: this is not a readable XLSX file. "
        "Save it again from Excel or LibreOffice as .xlsx."
    ]


def test_long_table_is_split_over_pages(make_project: MakeProject) -> None:
    rows = "".join(f"เดือน {n},{n}\n" for n in range(1, 1204))
    root = make_project(
        {
            ITEM: "blocks:\n  - type: table\n    name: procurement\n    file: files/p.csv\n"
            + COLUMNS,
            "content/files/p.csv": "เดือน,มูลค่า\n" + rows,
        }
    )
    project = load_project(root)
    year = project.years[2569]
    files = Renderer(project).render_item(year, item_of(year, "o11"))
    pages = sorted(name for name in files if name.startswith("2569/oit/o11/procurement/"))
    assert pages == [
        "2569/oit/o11/procurement/2/index.en.md",
        "2569/oit/o11/procurement/2/index.md",
        "2569/oit/o11/procurement/3/index.en.md",
        "2569/oit/o11/procurement/3/index.md",
    ]
    first = files["2569/oit/o11/index.md"]
    assert first.count("<tr>") == 1 + 500
    assert "แถวที่ 1–500 จากทั้งหมด 1,203 แถว" in first
    assert 'href="../../../2569/oit/o11/procurement/3/"' in first
    last = files["2569/oit/o11/procurement/3/index.md"]
    assert last.count("<tr>") == 1 + 203
    assert "<td>เดือน 1203</td>" in last and "<td>เดือน 1000</td>" not in last
    assert 'search: {"exclude": true}' in last
    assert files["2569/oit/o11/procurement.csv"].count("\n") == 1 + 1203
