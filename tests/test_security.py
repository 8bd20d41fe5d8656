"""Untrusted pull requests: one test per class of attack (see tests/test_injection.py for the
schema-driven test of every text field). Each attack is refused with a clear error, or
neutralised, never with a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MakeProject, run_oit
from generator.errors import DataError
from generator.model.project import load_project

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


@pytest.mark.slow
def test_a_hand_written_title_is_escaped(make_project: MakeProject) -> None:
    root = make_project({"content/about.md": '---\ntitle: "<img src=x onerror=alert(1)>"\n---\nx'})
    assert run_oit("build", "--project", root).returncode == 0
    page = (root / "site/about/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not os.path.exists(root / "site/about/x")
