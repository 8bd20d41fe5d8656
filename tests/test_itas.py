"""The ITAS sheet: `oit itas`, its CSV/XLSX, and the /<fy>/itas/ page of the built site."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import MakeProject, run_oit
from generator.model.project import load_project
from generator.site.itas import itas_csv, itas_rows, itas_xlsx

SITE_URL = "https://www.example.go.th/ita/"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def ids_of(page: Path) -> set[str]:
    parser = _Ids()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.ids


def page_for(site: Path, url: str) -> Path:
    """The built file that answers an absolute URL of the site."""
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL).split("#")[0] / "index.html"


@pytest.mark.slow
def test_oit_itas_writes_26_rows_whose_urls_exist(
    sample_copy: Path, built_sample: Path, tmp_path: Path
) -> None:
    result = run_oit("itas", "2569", "--out", tmp_path / "out", "--project", sample_copy)
    assert result.returncode == 0, result.stderr
    assert "(26 items)" in result.stdout
    raw = (tmp_path / "out/itas-2569.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads the Thai as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header == ["ข้อ", "ชื่อรายการ", "ชื่อรายการ (ภาษาอังกฤษ)", "URL", "URL (ภาษาอังกฤษ)", "คำอธิบาย"]
    assert [row[0] for row in body] == [f"O{n}" for n in range(1, 27)]
    for code, _, _, th, en, explanation in body:
        assert th == f"{SITE_URL}2569/oit/{code.lower()}/"
        assert en == f"{SITE_URL}en/2569/oit/{code.lower()}/"
        for url in (th, en):
            assert page_for(built_sample, url).is_file(), url
        # Every deep link of the explanation lands on an anchor of that page.
        links = re.findall(r"https://\S+", explanation)
        assert links, code
        for link in links:
            page, _, anchor = link.partition("#")
            assert page == th
            assert anchor in ids_of(page_for(built_sample, page)), link
    book = load_workbook(tmp_path / "out/itas-2569.xlsx")
    sheet = book.active
    assert sheet is not None
    assert [[c.value or "" for c in row] for row in sheet.iter_rows()] == rows
    assert sheet["D2"].hyperlink.target == f"{SITE_URL}2569/oit/o1/"


def test_the_site_publishes_the_sheet_beside_its_page(built_sample: Path) -> None:
    for prefix in ("", "en/"):
        html = (built_sample / prefix / "2569/itas/index.html").read_text(encoding="utf-8")
        assert re.search(r'href="(\.\./)+2569/itas/itas-2569\.csv" download', html)
        assert re.search(r'href="(\.\./)+2569/itas/itas-2569\.xlsx" download', html)
        assert re.search(rf'href="(\.\./)+{prefix}2569/oit/o11/#el-monthly"', html)
        assert html.count('<td class="oit-url">') == 26
    csv_text = (built_sample / "2569/itas/itas-2569.csv").read_text(encoding="utf-8-sig")
    assert len(list(csv.reader(io.StringIO(csv_text)))) == 27
    assert (built_sample / "2569/itas/itas-2569.xlsx").stat().st_size > 0
    year = (built_sample / "2569/index.html").read_text(encoding="utf-8")
    assert 'href="itas/"' in year
    # A year-level page: it is in its year's navigation.
    item = (built_sample / "2569/oit/o1/index.html").read_text(encoding="utf-8")
    nav = item[item.index("md-sidebar--primary") : item.index("md-sidebar--secondary")]
    assert 'href="../../itas/"' in nav


O13 = "data/2569/oit/o13-hr.yml"
O14 = "data/2569/oit/o14-hr-report.yml"


def test_explanation_is_generated_from_the_data_or_taken_from_itas_note(
    make_project: MakeProject,
) -> None:
    root = make_project(
        {
            O13: """\
            blocks:
              - type: documents
                element: criteria
                title: {th: หลักเกณฑ์ที่ใช้บังคับ, en: Criteria in force}
                documents:
                  - {title: หลักเกณฑ์, url: https://www.example.go.th/criteria.pdf}
            """,
            O14: """\
            itas_note:
              th: รายงานอยู่ในหัวข้อแรกของหน้า
              en: The report is the first section.
            blocks:
              - type: documents
                documents:
                  - {title: รายงาน, url: https://www.example.go.th/report.pdf}
            """,
        }
    )
    project = load_project(root)
    year = project.years[2569]
    rows = {row.item.code: row for row in itas_rows(project, year)}
    page = f"{SITE_URL}2569/oit/o13/"
    assert rows["o13"].explanation("th") == (
        f"1) หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล (หัวข้อ “หลักเกณฑ์ที่ใช้บังคับ”): {page}#el-criteria\n"
        "2) แผนการบริหารและพัฒนาทรัพยากรบุคคล: ยังไม่มีข้อมูล"
    )
    assert rows["o13"].explanation("en") == (
        "1) HR management and development criteria (section “Criteria in force”): "
        f"{SITE_URL}en/2569/oit/o13/#el-criteria\n"
        "2) HR management and development plan: not yet provided"
    )
    assert rows["o14"].explanation("th") == "รายงานอยู่ในหัวข้อแรกของหน้า"
    assert rows["o14"].explanation("en") == "The report is the first section."
    assert rows["o1"].explanation("th") == "หน่วยงานยังไม่ได้เผยแพร่ข้อมูลรายการนี้"
    # The same rows give the same bytes: the workbook is part of a reproducible site.
    assert itas_xlsx(list(rows.values()), 2569) == itas_xlsx(list(rows.values()), 2569)
    assert itas_csv(list(rows.values())).count("\n") == 28  # header, 26 rows, 2 lines in o13


def test_itas_for_an_unknown_year(make_project: MakeProject, tmp_path: Path) -> None:
    result = run_oit("itas", "2570", "--project", make_project(), "--out", tmp_path)
    assert result.returncode == 1
    assert "there is no fiscal year 2570 in data/. Known years: 2569." in result.stderr
