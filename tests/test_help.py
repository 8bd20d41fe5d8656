"""The help section: the editor's guide quotes real messages and valid YAML, the pages are in
the navigation of both languages, and the publishing page's CSP is the one the built sample
needs, checked in a real browser."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, SAMPLE, build_sample_at
from generator.checks.summary import provisional_notes
from generator.cli import main
from generator.mkdocs_plugin.csp import content_security_policy
from generator.model.load import load_yaml
from generator.model.project import load_project
from generator.model.validate import validate_file
from generator.schema.item import ItemFile
from generator.tools.checklists import copy_checklist

HELP = SAMPLE / "content" / "help"
PAGES = ["getting-started", "editing", "data-format", "itas", "checklists", "publishing"]
LINE = re.compile(r"^\S+:\d+:\d+: (error|warning|ข้อผิดพลาด|คำเตือน): .*$", re.MULTILINE)
#: The guide's table of words: `words` | meaning.
TABLE_WORDS = re.compile(r"^\| `([^`]+)` \|", re.MULTILINE)


def corpus_lines(lang: str) -> set[str]:
    suffix = "_th" if lang == "th" else ""
    lines: set[str] = set()
    for path in (REPO / "tests" / "corpus").glob("*.yml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            lines |= set(case.get("errors" + suffix, []))
            lines |= set(case.get("warnings" + suffix, []))
    return lines


@pytest.mark.parametrize(("name", "lang"), [("editing.md", "th"), ("editing.en.md", "en")])
def test_the_guide_quotes_real_messages(name: str, lang: str) -> None:
    """The Thai guide quotes the Thai messages, the English one the English messages, as
    the corpus shows `oit check` printing them."""
    text = (HELP / name).read_text(encoding="utf-8")
    quoted = [m.group() for m in LINE.finditer(text)]
    assert len(quoted) == 8
    known = corpus_lines(lang)
    for line in quoted:
        assert line in known, f"{name} quotes a message the corpus does not produce: {line}"


@pytest.mark.parametrize(("name", "lang"), [("editing.md", "th"), ("editing.en.md", "en")])
def test_the_guides_table_quotes_the_catalog(name: str, lang: str) -> None:
    """Each message the guide's table explains is words of a message in the catalog, in the
    guide's language; and both guides explain the same messages."""
    from babel.messages.pofile import read_po

    with (REPO / "generator/locale/th/LC_MESSAGES/oit.po").open("rb") as handle:
        po = read_po(handle)
    texts = [
        (m.string if isinstance(m.string, str) else (m.string or [""])[0])
        if lang == "th"
        else (m.id if isinstance(m.id, str) else m.id[0])
        for m in po
        if m.id
    ]
    # The guide shows placeholders filled in as the corpus does (FY2569, "javascript:").
    examples = {"fy": "2569", "scheme": "javascript"}
    messages = [
        re.sub(r"\{(\w+)[^}]*\}", lambda m: examples.get(m.group(1), "…"), text) for text in texts
    ]
    words = TABLE_WORDS.findall((HELP / name).read_text(encoding="utf-8"))
    assert len(words) == 12
    for phrase in words:
        assert any(phrase in text for text in messages), (
            f"{name}: `{phrase}` is not in the {lang} catalog"
        )


@pytest.mark.parametrize("name", ["editing.md", "editing.en.md"])
def test_the_guides_yaml_examples_are_valid(name: str, tmp_path: Path) -> None:
    text = (HELP / name).read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert blocks
    for block in blocks:
        path = tmp_path / "example.yml"
        path.write_text(block, encoding="utf-8")
        _, problems = validate_file(ItemFile, load_yaml(path, "example.yml"), {})
        assert problems == [], problems


def test_help_pages_are_in_both_languages_and_in_the_nav(built_sample: Path) -> None:
    config = (SAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    assert "ความช่วยเหลือ: Help" in config
    for page in PAGES:
        assert f"help/{page}.md" in config
        assert (HELP / f"{page}.md").is_file() and (HELP / f"{page}.en.md").is_file()
        thai = (built_sample / "help" / page / "index.html").read_text(encoding="utf-8")
        english = (built_sample / "en" / "help" / page / "index.html").read_text(encoding="utf-8")
        assert '<html lang="th"' in thai and '<html lang="en"' in english


@pytest.mark.parametrize("name", ["publishing.md", "publishing.en.md"])
def test_the_documented_csp_is_the_sites(name: str) -> None:
    text = (HELP / name).read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{content_security_policy()}" always;' in text
    for command in ("oit check --format github", "oit check --format markdown", "oit csp"):
        assert command in text


def test_csp_command() -> None:
    result = CliRunner().invoke(main, ["csp"])
    assert result.exit_code == 0
    assert result.output == content_security_policy() + "\n"
    assert "'unsafe-inline'" not in result.output and "sha256-" not in result.output


def test_every_page_carries_the_policy_and_no_inline_script_or_style(
    built_sample: Path,
) -> None:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(header=False)}">'
    for page in sorted(built_sample.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page: no script, no style
        assert meta in html, page
        assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))[^>]*>", html), page
        assert not re.search(r"<style\b| style=", html), page


@pytest.fixture
def serve_with_csp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The sample built for and served at http://127.0.0.1:<port>/ita/ with the site's CSP
    header: built for that address, its pages only ever ask that server."""
    site = tmp_path_factory.mktemp("csp") / "project" / "site"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path(path.removeprefix("/ita"))

        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", content_security_policy())
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site))
    )
    base = f"http://127.0.0.1:{server.server_address[1]}/ita/"
    build_sample_at(site.parent, base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, site
    finally:
        server.shutdown()


def csp_messages(url: str) -> list[str]:
    """Content-Security-Policy messages Chromium logs while it loads `url` and runs its
    scripts."""
    result = subprocess.run(
        [
            shutil.which("chromium") or "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "oit-search" in result.stdout, result.stderr[-2000:]
    return [line for line in result.stderr.splitlines() if "Content Security Policy" in line]


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()), reason="no Chromium"
)
def test_the_csp_lets_every_kind_of_page_work_in_chromium(
    serve_with_csp: tuple[str, Path],
) -> None:
    base, site = serve_with_csp
    for path in (
        "",
        "en/2569/oit/o11/",
        "2569/oit/",
        "2569/measures/",
        "help/editing/",
        "404.html",
    ):
        assert csp_messages(base + path) == [], path
    # What data or content might smuggle in does not run: the check can fail.
    page = (site / "2569/oit/o11/index.html").read_text(encoding="utf-8")
    (site / "2569/oit/o11/index.html").write_text(
        page.replace("</body>", '<script>alert(1)</script><p style="color:red">x</p></body>'),
        encoding="utf-8",
    )
    refused = " ".join(csp_messages(base + "2569/oit/o11/"))
    assert "Executing inline script violates" in refused
    assert "Applying inline style violates" in refused


def test_the_help_pages_the_tool_names_exist(tmp_path: Path) -> None:
    """`oit check` and `oit checklist` send editors to a help page by its title."""
    title = "When the NACC manual differs from our checklist"
    page = (HELP / "checklists.en.md").read_text(encoding="utf-8")
    assert page.startswith(f"---\ntitle: {title}\n---")
    project = load_project(SAMPLE)
    notes = provisional_notes(project)
    assert notes and all(f'the help page "{title}"' in note.format("en") for note in notes)
    # The Thai message names the Thai page by its title.
    thai = (
        (HELP / "checklists.md").read_text(encoding="utf-8").split("\n")[1].removeprefix("title: ")
    )
    assert all(f'หน้าความช่วยเหลือ "{thai}"' in note.format("th") for note in notes)
    copy = copy_checklist(tmp_path, "ita-2569").read_text(encoding="utf-8")
    assert f'# "{title}").' in copy
