"""Golden files for the generated Markdown: every kind of page, and items of every block type.

Each item case in tests/golden/<code>-<name>/ holds the item file `item.yml` (absent for an
item the agency has not published) and optionally `files/` for content/files/ and
`data/` for plans and results the item is composed from. tests/golden/pages/<kind>/ holds
one page of each other kind, rendered from the sample agency. The expected Thai and
English Markdown sit beside them as th.md and en.md; run with UPDATE_GOLDEN=1 to rewrite
them, and review the diff like any content change.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import MakeProject, item_of
from generator import urls
from generator.model.project import load_project
from generator.schema.blocks import BLOCK_TYPES
from generator.site.render import Renderer, render_site

GOLDEN = Path(__file__).parent / "golden"
REPO_CHECKLISTS = Path(__file__).parent.parent / "generator" / "checklists"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir() and p.name != "pages")
#: One page of each kind the site has besides item pages, from the sample agency.
PAGES = {
    "years": urls.url_for_years(),
    "year": urls.url_for_year(2569),
    "checklist": urls.url_for_checklist(2569),
    "itas": urls.url_for_itas(2569),
    "measures": urls.url_for_measures(2569),
    "measure": urls.url_for_measure(2569, 1),
    "measure-of-another-plan": urls.url_for_measure(2569, 1, "risk-management-plan"),
    "ita": urls.url_for_ita(2568),
}


@pytest.mark.parametrize("case", CASES)
def test_golden_markdown(make_project: MakeProject, case: str) -> None:
    folder = GOLDEN / case
    code = "o" + str(int(case.split("-")[0][1:]))
    files = {}
    if (folder / "item.yml").exists():
        files[f"data/2569/oit/{case}.yml"] = (folder / "item.yml").read_text(encoding="utf-8")
    root = make_project(files)
    if (folder / "files").is_dir():
        shutil.copytree(folder / "files", root / "content" / "files")
    if (folder / "data").is_dir():
        shutil.copytree(folder / "data", root / "data", dirs_exist_ok=True)
    project = load_project(root)
    year = project.years[2569]
    pages = Renderer(project).render_item(year, item_of(year, code))
    compare(pages, urls.url_for_item(2569, code), folder)


def compare(pages: dict[str, str], path: str, folder: Path) -> None:
    for lang in urls.LANGS:
        actual = pages[urls.source_for(path, lang)]
        expected_file = folder / f"{lang}.md"
        if os.environ.get("UPDATE_GOLDEN"):
            expected_file.parent.mkdir(parents=True, exist_ok=True)
            expected_file.write_text(actual, encoding="utf-8")
        assert actual == expected_file.read_text(encoding="utf-8"), f"{folder.name} {lang}"


@pytest.fixture(scope="module")
def sample_pages(sample_copy: Path) -> dict[str, str | bytes]:
    return render_site(load_project(sample_copy)).files


@pytest.mark.parametrize("kind", PAGES)
def test_golden_pages(sample_pages: dict[str, str], kind: str) -> None:
    compare(sample_pages, PAGES[kind], GOLDEN / "pages" / kind)


def test_the_item_cases_cover_every_block_type() -> None:
    """Each block type appears in some case, and so do an item composed from plan data and
    an item without content."""
    written = "".join(
        (GOLDEN / case / "item.yml").read_text(encoding="utf-8")
        for case in CASES
        if (GOLDEN / case / "item.yml").is_file()
    )
    assert [kind for kind in BLOCK_TYPES if f"type: {kind}" not in written] == []
    assert any((GOLDEN / case / "data").is_dir() for case in CASES)  # composed
    assert "blocks: []" in written  # empty


def test_measures_table_renders_markdown_objective_and_kpis(make_project: MakeProject) -> None:
    """A checklist may ask for a measure's objective (Markdown) and KPIs: the item's measures
    table then renders the objective's Markdown inside its cell."""
    folder = GOLDEN / "o25-composed"
    checklist = (REPO_CHECKLISTS / "ita-2569.yml").read_text(encoding="utf-8")
    asked = "fields: [title, analysis, steps, period, units]"
    assert checklist.count(asked) == 1
    plan = (folder / "data/2569/plans/integrity-measures.yml").read_text(encoding="utf-8")
    plan = plan.replace(
        "    budget: 45000\n",
        "    budget: 45000\n"
        "    objective: {th: 'ลด **การยืม** ที่ผิดหลักเกณฑ์', en: 'Fewer **irregular** loans'}\n"
        "    kpis: [{title: {th: หน่วยงานที่ตรวจ, en: Units checked}, target: 12}]\n",
    )
    root = make_project(
        {
            "data/checklists/ita-2569.yml": checklist.replace(
                asked, "fields: [title, objective, kpis, budget]"
            ),
            "data/2569/plans/integrity-measures.yml": plan,
        }
    )
    shutil.copytree(folder / "data", root / "data", dirs_exist_ok=True, ignore=_plans)
    project = load_project(root)
    year = project.years[2569]
    pages = Renderer(project).render_item(year, item_of(year, "o25"))
    source = pages[urls.source_for(urls.url_for_item(2569, "o25"), "en")]
    body = markdown.markdown(source.split("---", 2)[2], extensions=["md_in_html", "attr_list"])
    table = body[body.index('<div class="oit-table oit-measures-table">') :]
    table = table[: table.index("</table>")]
    assert "(2) Objective" in table and "(3) Indicators of success" in table
    assert "Fewer <strong>irregular</strong> loans" in table
    assert "Units checked" in table and "45,000" in table
    assert "markdown=" not in table  # md_in_html consumed every marker


def _plans(folder: str, names: list[str]) -> list[str]:
    """Keep the test's own plan file when copying the golden case's data."""
    return ["integrity-measures.yml"] if folder.endswith("plans") else []
