"""One place for the agency's identity: data/agency.yml gives the site its names, address,
logo and favicon; a value of mkdocs.yml that says otherwise is an error at its line; the data
format is versioned; the provisional notice is the agency's choice on the public site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.model.formats
from conftest import MINI_AGENCY, SAMPLE, MakeProject, run_oit
from generator.cli import main
from generator.model.project import load_project
from generator.site.context import Options
from generator.site.render import render_site

NAME = "กรมทดสอบระบบ"
#: A picture, as content/ publishes only what is what its name says.
PNG = (SAMPLE / "content/files/logo.png").read_bytes()
SITE = "https://www.example.go.th/ita/"

CONFIG = f"""\
site_name: {NAME}
docs_dir: content
theme:
  name: material
plugins:
  - oit
nav:
  - index.md
  - about.md
"""


def errors(root: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--as-of", "2026-03-15", "--project", str(root)])
    return [line for line in result.output.splitlines() if ": error: " in line]


def test_the_short_mkdocs_yml_agrees(make_project: MakeProject) -> None:
    assert errors(make_project({"mkdocs.yml": CONFIG})) == []
    # site_url may stay, when it says what data/agency.yml says.
    same = CONFIG + f"site_url: {SITE}\n"
    assert errors(make_project({"mkdocs.yml": same}, name="same")) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("site_name: กรมทดสอบระบบ", "site_name: Old name · ITA OIT"),
            'mkdocs.yml:1:12: error: site_name is "Old name · ITA OIT", but data/agency.yml '
            'names the agency "กรมทดสอบระบบ". The site\'s names come from name: in '
            "data/agency.yml; write `site_name: กรมทดสอบระบบ` here (MkDocs needs the line).",
        ),
        (
            ("docs_dir: content\n", "docs_dir: content\nsite_url: https://old.example.go.th/\n"),
            'mkdocs.yml:3:11: error: site_url is "https://old.example.go.th/", but '
            'data/agency.yml says "https://www.example.go.th/ita/". Delete this line: the '
            "site's address comes from site_url: in data/agency.yml.",
        ),
        (
            ("  name: material\n", "  name: material\n  logo: files/old.png\n"),
            'mkdocs.yml:5:9: error: the theme\'s logo is "files/old.png", but data/agency.yml '
            "has no logo. Delete this line: the logo comes from logo: in data/agency.yml.",
        ),
        (
            ("  name: material\n", "  name: material\n  favicon: files/old.png\n"),
            'mkdocs.yml:5:12: error: the theme\'s favicon is "files/old.png", but '
            "data/agency.yml has no favicon. Delete this line: the favicon comes from favicon: "
            "in data/agency.yml.",
        ),
        (
            ("  name: material\n", "  name: material\n  font:\n    text: Roboto\n"),
            "mkdocs.yml:6:5: error: the theme's font would be loaded from Google's servers; the "
            "site makes no request to any other host. Delete this line: the site brings its own "
            "font (Sarabun).",
        ),
        (
            ("  name: material\n", "  name: readthedocs\n"),
            "mkdocs.yml:4:3: error: the oit tool builds the site with the Material for MkDocs "
            "theme. Write `theme:` with `name: material` under it.",
        ),
        (
            ("docs_dir: content\n", ""),
            'mkdocs.yml:1:1: error: MkDocs reads the pages from "docs", but the project keeps '
            "them in content/. Write `docs_dir: content`.",
        ),
        (
            ("site_name: กรมทดสอบระบบ\n", ""),
            "mkdocs.yml:1:1: error: there is no site_name. Add the line `site_name: กรมทดสอบระบบ` "
            "(MkDocs needs it; the site's names come from name: in data/agency.yml).",
        ),
        (
            ("  - oit\n", "  - search\n"),
            "mkdocs.yml:5:1: error: the oit plugin is not listed under plugins:, so MkDocs would "
            "build the pages of content/ alone. Add the line `- oit` under plugins:.",
        ),
        (
            ("  - oit\n", "  - oit\n  - i18n:\n      languages: []\n"),
            "mkdocs.yml:7:5: error: the oit plugin sets up the i18n plugin itself, with the "
            "settings the site's pages and Thai search need. Delete this entry and its "
            "settings; name the English of a menu section under the oit plugin's "
            "nav_translations:.",
        ),
        (
            ("nav:\n", "nav: [index.md\n"),
            "mkdocs.yml:7:6: error: YAML syntax error: a [ is never closed. Check that the [ "
            "opened on line 7 is closed with ], with commas between the entries.",
        ),
    ],
    ids=[
        "site_name",
        "site_url",
        "logo",
        "favicon",
        "font",
        "theme",
        "docs_dir",
        "no-site_name",
        "no-oit",
        "i18n",
        "yaml",
    ],
)
def test_mkdocs_yml_that_disagrees_is_an_error_at_its_line(
    make_project: MakeProject, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in CONFIG
    root = make_project({"mkdocs.yml": CONFIG.replace(old, new, 1)})
    found = errors(root)
    if "search" in new:  # listing search is an error of its own, beside the missing oit
        assert found[1].startswith(
            "mkdocs.yml:6:5: error: the oit plugin gives the site its search"
        )
        found = found[:1]
    assert found == [expected]


def test_a_value_written_with_an_mkdocs_tag_is_not_compared(make_project: MakeProject) -> None:
    config = CONFIG.replace(f"site_name: {NAME}", "site_name: !ENV [SITE_NAME, x]")
    assert errors(make_project({"mkdocs.yml": config})) == []


def agency(**changes: str) -> str:
    text = MINI_AGENCY
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("https://www.example.go.th/ita", "site_url must end with /. Write it as {}/"),
        (
            "https://www.example.go.th/ita/index.html",
            "site_url is the folder the site is published in, not a page. Write it as "
            "https://www.example.go.th/ita/",
        ),
        (
            "https://www.example.go.th/ita/?lang=th",
            "site_url is the folder the site is published in; it cannot hold ? or #. Write it "
            "as https://www.example.go.th/ita/",
        ),
        (
            "www.example.go.th/ita/",
            '"{}" is not a full web address. Start it with https:// (or mailto: / tel:).',
        ),
        (
            "mailto:web@example.go.th",
            "site_url must be an http(s) address. Write it as https://www.example.go.th/ita/",
        ),
        ("https:///ita/", '"{}" has no host name. Write it as https://www.example.go.th/...'),
    ],
)
def test_a_wrong_site_url_gets_one_clear_message(
    make_project: MakeProject, site_url: str, expected: str
) -> None:
    root = make_project(
        {
            "data/agency.yml": agency(
                **{"site_url: https://www.example.go.th/ita/": f"site_url: {site_url}"}
            )
        }
    )
    assert errors(root) == [f"data/agency.yml:3:11: error: {expected.format(site_url)}"]


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("{th: กรม<b>ทดสอบ</b>, en: Department}", '"<"'),
        ('{th: กรมทดสอบ, en: "The \\"Department\\""}', "a double quote"),
        ('{th: กรมทดสอบ, en: "Trade &amp; Industry"}', '"&amp;"'),
        ('"กรม\\nทดสอบ"', "a line break"),
    ],
)
def test_the_agencys_name_holds_no_markup(make_project: MakeProject, name: str, what: str) -> None:
    root = make_project(
        {"data/agency.yml": agency(**{"{th: กรมทดสอบระบบ, en: Department of Testing}": name})}
    )
    assert errors(root) == [
        f"data/agency.yml:1:7: error: the agency's name may not contain {what}: it is the "
        "site's title, which the theme prints into every page as it is. Write the name as "
        'plain text, without < > " and without HTML entities (write & for &amp;).'
    ]


def test_an_ampersand_is_plain_text(make_project: MakeProject) -> None:
    root = make_project(
        {"data/agency.yml": agency(**{"Department of Testing": "Department of Trade & Industry"})}
    )
    assert errors(root) == []


@pytest.mark.parametrize(
    ("logo", "latin"),
    [("files/my logo.png", "my-logo.png"), ('files/x".png', "x.png"), ("files/a&b.png", "a-b.png")],
)
def test_a_logos_name_is_plain(make_project: MakeProject, logo: str, latin: str) -> None:
    """Refused as every file name outside Latin letters, digits, - _ . and / is (refs.py),
    with a name to use instead: the theme prints it into every page as it is."""
    root = make_project(
        {
            "data/agency.yml": MINI_AGENCY + f"logo: '{logo}'\n",
            f"content/{logo}": PNG,
        }
    )
    assert errors(root) == [
        f'data/agency.yml:10:7: error: "{logo}" has spaces or characters other than Latin '
        "letters, digits, - _ . and / in its name: its web address would not work everywhere. "
        f'Rename the file to "{latin}" and write files/{latin} here.'
    ]


def test_a_newer_data_format_is_one_error(make_project: MakeProject) -> None:
    # A newer format's keys would each be unknown here: the format is the one thing said.
    root = make_project(
        {
            "data/agency.yml": "format: 2\nbrand_new_key: x\n"
            + MINI_AGENCY.replace("name:", "names:")
        }
    )
    result = run_oit("check", "--project", root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:1] == [
        "data/agency.yml:1:9: error: these files are in data format 2, which is newer than this "
        "version of oit reads (format 1). Install the version of oit they were written for: the "
        "version in requirements.txt (see CHANGELOG.md), then run pip install -r "
        "requirements.txt again."
    ]
    assert "1 error, 0 warnings" in result.stdout


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "data/agency.yml:1:9: error: input should be greater than or equal to 1."),
        ("one", "data/agency.yml:1:9: error: expected a whole number"),
    ],
)
def test_a_wrong_format_is_an_error(make_project: MakeProject, value: str, expected: str) -> None:
    root = make_project({"data/agency.yml": f"format: {value}\n" + MINI_AGENCY})
    found = errors(root)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_data_without_a_format_is_format_1(make_project: MakeProject) -> None:
    root = make_project({})
    assert "format" not in (root / "data/agency.yml").read_text(encoding="utf-8")
    assert load_project(root).agency.format == 1


PROVISIONAL = "This checklist was compiled from public sources"


@pytest.mark.parametrize(
    ("setting", "preview", "shown"),
    [("", False, False), ("", True, True), ("show_provisional: true", False, True)],
)
def test_the_provisional_notice_is_the_agencys_choice_on_the_public_site(
    make_project: MakeProject, setting: str, preview: bool, shown: bool
) -> None:
    settings = f"settings:\n  {setting}\n" if setting else ""
    root = make_project({"data/agency.yml": MINI_AGENCY + settings})
    pages = render_site(load_project(root), Options(preview=preview)).files
    page = pages["2569/oit/index.en.md"]
    assert isinstance(page, str)
    assert (PROVISIONAL in page) is shown


def test_oit_check_notes_a_provisional_checklist(make_project: MakeProject) -> None:
    root = make_project({})
    result = CliRunner().invoke(main, ["check", "--as-of", "2026-03-15", "--project", str(root)])
    assert (
        "data/2569/year.yml:1:12: note: the checklist ita-2569 is provisional: it was compiled "
        "from public sources and not yet checked against the NACC's ITA 2569 manual. Compare "
        'its items with the manual; the help page "When the NACC manual differs from our '
        'checklist" says what to do where they differ.'
    ) in result.output
    github = CliRunner().invoke(
        main, ["check", "--format", "github", "--as-of", "2026-03-15", "--project", str(root)]
    )
    assert "::notice file=data/2569/year.yml,line=1,col=12::the checklist ita-2569 is" in (
        github.output
    )


def text_files(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*")
        if p.suffix in (".html", ".xml", ".json", ".csv", ".txt")
    }


@pytest.mark.slow
def test_site_url_in_agency_yml_alone_moves_every_address(make_project: MakeProject) -> None:
    item = "blocks:\n  - type: text\n    element: duties\n    body: {th: โครงสร้าง, en: Structure}\n"
    root = make_project({"data/2569/oit/o01-structure.yml": item})
    agency_file = root / "data/agency.yml"
    moved = "https://oit.moved.example.go.th/disclosure/"
    agency_file.write_text(
        agency_file.read_text(encoding="utf-8").replace(SITE, moved), encoding="utf-8"
    )
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    site = text_files(root / "site")
    # No address the site publishes names the old place (the help pages' examples may).
    old = re.compile(rf'(href="|<loc>|url=|"location": "){re.escape(SITE)}')
    assert not [name for name, text in site.items() if old.search(text)]
    home = site["index.html"]
    assert f'<link rel="canonical" href="{moved}">' in home
    assert f'<link rel="alternate" href="{moved}en/" hreflang="en">' in home
    assert f"<loc>{moved}2569/oit/o1/</loc>" in site["sitemap.xml"]
    itas = site["2569/itas/index.html"]
    assert f"{moved}2569/oit/o1/" in itas and f"{moved}en/2569/oit/o1/" in itas
    # The 404 page's links start at the site's folder on its host.
    assert 'href="/disclosure/assets/' in site["404.html"]
    itas_sheet = run_oit("itas", "2569", "--out", root / "itas", "--project", root)
    assert itas_sheet.returncode == 0, itas_sheet.stderr
    assert f"{moved}2569/oit/o1/" in (root / "itas" / "itas-2569.csv").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_header_shows_the_agencys_logo_and_name(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/agency.yml": MINI_AGENCY + "logo: files/logo.png\nfavicon: files/icon.png\n",
            "content/files/logo.png": PNG,
            "content/files/icon.png": PNG,
        }
    )
    result = run_oit("build", "--project", root)
    assert result.returncode == 0, result.stdout + result.stderr
    thai = (root / "site/2569/oit/index.html").read_text(encoding="utf-8")
    english = (root / "site/en/2569/oit/index.html").read_text(encoding="utf-8")
    for page, name in ((thai, NAME), (english, "Department of Testing")):
        header = page[page.index('<header class="md-header') : page.index("</header>")]
        assert re.search(r'<img src="(\.\./)+files/logo\.png"', header)
        assert re.search(rf'aria-label="{name}"', header)
        assert re.search(rf"<span class=\"md-ellipsis\">\s*{name}\s*</span>", header)
        assert f" - {name}</title>" in page
        assert re.search(r'<link rel="icon" href="(\.\./)+files/icon\.png">', page)


def test_a_newer_tool_reads_an_earlier_format_without_touching_the_files(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How a format 2 will be read: its upgrade step turns format-1 data into format 2 in
    memory, as each file is read; the editor's file and its lines stay as they are."""

    def step(path: str, data: object) -> object:
        if path == "data/agency.yml" and isinstance(data, dict) and "abbreviation" in data:
            data = {**data, "short_name": data["abbreviation"]}
            del data["abbreviation"]
        return data

    monkeypatch.setattr("generator.model.formats.CURRENT_FORMAT", 2)
    monkeypatch.setattr("generator.model.project.CURRENT_FORMAT", 2)
    monkeypatch.setitem(generator.model.formats.UPGRADES, 2, step)
    old = "format: 1\n" + MINI_AGENCY.replace("short_name:", "abbreviation:").replace(
        "contact@example.go.th", "nobody"
    )
    root = make_project({"data/agency.yml": old})
    assert errors(root) == [
        'data/agency.yml:7:10: error: "nobody" is not an e-mail address. '
        "Write it as name@agency.go.th."
    ]
    (root / "data/agency.yml").write_text(old.replace("nobody", "web@example.go.th"), "utf-8")
    assert load_project(root).agency.short_name.th == "กทร."
    assert (root / "data/agency.yml").read_text(encoding="utf-8").count("abbreviation:") == 1
