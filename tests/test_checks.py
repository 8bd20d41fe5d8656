"""Completeness of items against their checklist elements, and translation gaps."""

from __future__ import annotations

from conftest import MakeProject, item_of
from generator.checks.completeness import check_project, item_status, translation_gaps
from generator.model.project import Item, Project, load_project

O13 = "data/2569/oit/o13-hr.yml"
DOC = "      - {title: {th: แผน, en: Plan}, url: https://www.example.go.th/hr.pdf}\n"


def status_of(make_project: MakeProject, text: str, code: str = "o13") -> tuple[Project, Item]:
    project = load_project(make_project({O13: text}))
    return project, item_of(project.years[2569], code)


def test_complete_item(make_project: MakeProject) -> None:
    _, item = status_of(
        make_project,
        "blocks:\n  - type: documents\n    element: criteria\n"
        "    documents:\n" + DOC + "  - type: documents\n    element: plan\n"
        "    documents:\n" + DOC,
    )
    assert item_status(item).state == "complete"


def test_incomplete_item_names_the_missing_element(make_project: MakeProject) -> None:
    project, item = status_of(
        make_project, "blocks:\n  - type: documents\n    element: criteria\n    documents:\n" + DOC
    )
    status = item_status(item)
    assert status.state == "incomplete"
    assert [e.element.key for e in status.missing] == ["plan"]
    warnings = [p.format("en") for p in check_project(project) if p.file == O13]
    assert warnings == [
        f'{O13}:1:1: warning: item o13: element "plan" (แผนการบริหารและพัฒนาทรัพยากรบุคคล) '
        "is missing. Add a block of type documents with "
        "`element: plan`."
    ]


def test_untagged_block_counts_for_its_type(make_project: MakeProject) -> None:
    # o14 has a single element (report, documents): an untagged documents block provides it.
    project = load_project(
        make_project(
            {
                "data/2569/oit/o14-hr-report.yml": "blocks:\n  - type: documents\n    documents:\n"
                + DOC
            }
        )
    )
    assert item_status(item_of(project.years[2569], "o14")).state == "complete"


def test_minimum_counts(make_project: MakeProject) -> None:
    project = load_project(
        make_project(
            {
                "data/checklists/ita-2569.yml": CHECKLIST_WITH_MIN,
                "data/2569/oit/o1-laws.yml": "blocks:\n  - type: documents\n    documents:\n"
                + DOC * 4,
            }
        )
    )
    status = item_status(item_of(project.years[2569], "o1"))
    assert status.state == "incomplete"
    assert (status.elements[0].count, status.elements[0].element.min) == (4, 5)
    assert [p.format("en") for p in check_project(project)] == [
        'data/2569/oit/o1-laws.yml:1:1: warning: item o1: element "laws" (กฎหมาย) has 4, '
        "needs 5. Add a block of type documents with `element: laws`."
    ]


CHECKLIST_WITH_MIN = """
id: ita-2569
year: 2569
title: {th: แบบวัดทดสอบ, en: Test checklist}
status: provisional
sources: [test]
items:
  - code: O1
    title: {th: กฎหมายที่เกี่ยวข้อง, en: Laws}
    period: standing
    elements:
      - {key: laws, title: {th: กฎหมาย, en: Laws}, blocks: [documents], min: 5}
"""


def test_project_checklist_overrides_the_shipped_one(make_project: MakeProject) -> None:
    project = load_project(make_project({"data/checklists/ita-2569.yml": CHECKLIST_WITH_MIN}))
    assert [i.code for i in project.years[2569].items] == ["o1"]
    assert project.checklists["ita-2569"].title.en == "Test checklist"


def test_missing_item_is_a_warning_on_the_year(make_project: MakeProject) -> None:
    project = load_project(make_project())
    warnings = [p.format("en") for p in check_project(project)]
    assert len(warnings) == 26
    assert warnings[0] == (
        "data/2569/year.yml:1:1: warning: FY2569 item o1 (โครงสร้าง หน้าที่และอำนาจ) has no "
        "content. Create data/2569/oit/o01-<name>.yml."
    )


def test_translation_gaps_count_every_thai_only_text(make_project: MakeProject) -> None:
    _, item = status_of(
        make_project,
        "intro: ภาษาไทยเท่านั้น\nblocks:\n"
        "  - type: documents\n    documents:\n"
        "      - {title: แผนฯ, url: https://www.example.go.th/a.pdf}\n"
        "      - {title: {th: แผน, en: Plan}, url: https://www.example.go.th/b}\n",
    )
    assert translation_gaps(item) == 2
