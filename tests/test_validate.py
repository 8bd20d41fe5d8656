"""Validation of data files: every rule has a bad example with its exact message."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import PERSON, MakeProject, item_of
from generator.errors import DataError
from generator.model.project import Project, load_project

ITEM = "data/2569/oit/o02-executives.yml"


def problems(root: Path) -> list[str]:
    try:
        project = load_project(root)
    except DataError as exc:
        return [p.format("en") for p in exc.problems]
    return [p.format("en") for p in project.warnings]


def item_problems(make_project: MakeProject, text: str, extra: dict | None = None) -> list[str]:
    return problems(make_project({ITEM: text, **(extra or {})}))


def test_valid_item_has_no_problems(make_project: MakeProject) -> None:
    assert item_problems(make_project, PERSON) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            PERSON.replace("position:", "positon:"),
            [
                f'{ITEM}:5:9: error: block 1, person 1: "position" is missing. '
                "Add a line `position: ...` here.",
                f'{ITEM}:6:9: error: block 1, person 1: unknown key "positon". Did you mean "position"?',
            ],
            id="unknown-key-with-suggestion",
        ),
        pytest.param(
            PERSON.replace("type: people", "type: peple"),
            [
                f'{ITEM}:2:11: error: block 1: unknown block type "peple". Did you mean "people"?',
            ],
            id="unknown-block-type",
        ),
        pytest.param(
            PERSON + "        phone: 21234567\n",
            [
                f"{ITEM}:7:16: error: block 1, person 1: expected text, not a number. "
                'Put this value in quotes: "21234567".',
            ],
            id="number-where-text-expected",
        ),
        pytest.param(
            PERSON.replace("    people:\n", "    people:\n      name: x\n").split("      - name")[
                0
            ],
            [
                f"{ITEM}:5:7: error: block 1: expected a list. "
                "Write each entry on its own line starting with '- '.",
            ],
            id="wrong-type-list",
        ),
        pytest.param(
            "updated: 2567-02-30\n",
            [
                f'{ITEM}:1:10: error: "2567-02-30" is not a real calendar date. '
                "Check the month (1-12) and the day of the month.",
            ],
            id="impossible-date",
        ),
        pytest.param(
            "updated: 15/01/2569\n",
            [
                f'{ITEM}:1:10: error: "15/01/2569" is not a date in the form YYYY-MM-DD. '
                "Write it as YYYY-MM-DD, e.g. 2569-01-15 (Buddhist Era) or 2026-01-15.",
            ],
            id="date-format",
        ),
        pytest.param(
            "updated: 3000-01-01\n",
            [
                f'{ITEM}:1:10: error: the year in "3000-01-01" is not plausible. '
                "Use a Buddhist Era year (e.g. 2569) or a Common Era year (e.g. 2026).",
            ],
            id="implausible-year",
        ),
        pytest.param(
            "blocks:\n  - type: links\n    links:\n      - title: x\n"
            "        url: javascript:alert(1)\n",
            [
                f'{ITEM}:5:14: error: block 1, link 1: links may not use "javascript:". '
                "Only http, https, mailto and tel links are allowed.",
            ],
            id="javascript-link",
        ),
        pytest.param(
            "blocks:\n  - type: documents\n    documents:\n      - title: x\n"
            "        file: ../../secret.pdf\n",
            [
                f'{ITEM}:5:15: error: block 1, document 1: "../../secret.pdf" points outside the '
                "content/ folder. Put the file under content/files/ and write its path from there.",
            ],
            id="path-outside",
        ),
        pytest.param(
            "blocks:\n  - type: documents\n    documents:\n      - title: x\n"
            "        file: /etc/passwd.pdf\n",
            [
                f'{ITEM}:5:15: error: block 1, document 1: "/etc/passwd.pdf" is an absolute path. '
                "Write the path relative to the content/ folder, e.g. files/2569/x.pdf.",
            ],
            id="absolute-path",
        ),
        pytest.param(
            "blocks:\n  - type: documents\n    documents:\n      - title: x\n"
            "        file: files/nothere.pdf\n",
            [
                f'{ITEM}:5:15: error: block 1, document 1: the file "content/files/nothere.pdf" does '
                "not exist. Check the spelling (names are case-sensitive) or add the file.",
            ],
            id="missing-file",
        ),
        pytest.param(
            "blocks:\n  - type: documents\n    documents:\n      - title: x\n",
            [
                f"{ITEM}:4:9: error: block 1, document 1: a document needs either `file:` or `url:` "
                "(one of them). Add `file: files/...` for a file you publish, or `url: https://...`.",
            ],
            id="document-without-file-or-url",
        ),
        pytest.param(
            "blocks:\n  - type: text\n    title: {th: แผน, en: Plan, fiscal year 2026}\n"
            "    body: x\n",
            [
                f'{ITEM}:3:32: error: block 1: unknown key "fiscal year 2026". If "fiscal year 2026" '
                "belongs to the text before it, put that whole text in quotes: inside { } a comma "
                "starts a new key.",
            ],
            id="comma-in-flow-mapping",
        ),
        pytest.param(
            "blocks:\n  - type: text\n    body: {en: only English}\n",
            [
                f"{ITEM}:3:11: error: block 1: this text has English but no Thai. Add the Thai text "
                "as `th: ...` (Thai is the main language of the site).",
            ],
            id="english-without-thai",
        ),
        pytest.param(
            "blocks:\n  - type: text\n    element: dutys\n    body: x\n",
            [
                f'{ITEM}:3:14: error: item o2 has no element "dutys". Elements of this item are: '
                "executives.",
            ],
            id="unknown-element",
        ),
        pytest.param(
            PERSON + "        unit: สลน.\n",
            [
                f'{ITEM}:7:15: warning: unknown unit "สลน.". Did you mean "สล."? Units are listed under units: in data/agency.yml.',
            ],
            id="unknown-unit",
        ),
    ],
)
def test_bad_item(make_project: MakeProject, text: str, expected: list[str]) -> None:
    assert item_problems(make_project, text) == expected


def updated(project: Project) -> dt.date | None:
    content = item_of(project.years[2569], "o2").content
    assert content is not None
    return content.updated


def test_be_and_ce_dates_are_the_same_day(make_project: MakeProject) -> None:
    be = load_project(make_project({ITEM: "updated: 2569-01-15\n" + PERSON}, "be"))
    ce = load_project(make_project({ITEM: "updated: 2026-01-15\n" + PERSON}, "ce"))
    assert updated(be) == updated(ce)
    # 29 Feb exists in BE 2567 (CE 2024) though not in the Gregorian year 2567.
    leap = load_project(make_project({ITEM: "updated: 2567-02-29\n" + PERSON}, "leap"))
    assert str(updated(leap)) == "2024-02-29"


def test_thai_digits_in_dates(make_project: MakeProject) -> None:
    project = load_project(make_project({ITEM: "updated: ๒๕๖๙-๐๑-๑๕\n" + PERSON}))
    assert str(updated(project)) == "2026-01-15"


def test_symlink_out_of_the_project(make_project: MakeProject, tmp_path: Path) -> None:
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"%PDF-1.4\n")
    root = make_project(
        {
            ITEM: "blocks:\n  - type: documents\n    documents:\n"
            "      - title: x\n        file: files/link.pdf\n"
        }
    )
    (root / "content/files").mkdir(parents=True)
    os.symlink(outside, root / "content/files/link.pdf")
    assert problems(root) == [
        "content/files/link.pdf:1:1: error: this is a link to a file outside the project; it "
        "would be published or read as data. Copy the file into the project instead of "
        "linking to it.",
        f'{ITEM}:5:15: error: block 1, document 1: "files/link.pdf" is a link to a file '
        "outside the project. Copy the file into content/files/ instead of linking to it.",
    ]


def test_unknown_item_code(make_project: MakeProject) -> None:
    root = make_project({"data/2569/oit/o27-extra.yml": PERSON})
    assert problems(root) == [
        "data/2569/oit/o27-extra.yml:1:1: error: the ita-2569 checklist has no item o27. "
        'Did you mean "o2"?'
    ]


def test_two_files_for_one_item(make_project: MakeProject) -> None:
    root = make_project({ITEM: PERSON, "data/2569/oit/o2-more.yml": PERSON})
    assert problems(root) == [
        "data/2569/oit/o2-more.yml:1:1: error: item o2 already has a file: "
        f"{ITEM}. Merge the two files into one."
    ]


def test_item_file_name_without_code(make_project: MakeProject) -> None:
    root = make_project({"data/2569/oit/executives.yml": PERSON})
    assert problems(root) == [
        "data/2569/oit/executives.yml:1:1: error: the file name must start with the item "
        "code. Name it like o02-executives.yml."
    ]


def test_unknown_checklist(make_project: MakeProject) -> None:
    root = make_project({"data/2569/year.yml": "checklist: ita-2596\n"})
    assert problems(root) == [
        'data/2569/year.yml:1:12: error: there is no checklist "ita-2596". Did you mean "ita-2569"?'
    ]


def test_year_without_year_file(make_project: MakeProject) -> None:
    root = make_project({"data/2570/oit/o01-structure.yml": PERSON})
    assert problems(root) == [
        "data/2570/year.yml:1:1: error: fiscal year 2570 has no year.yml. "
        "Create it with the line `checklist: ita-2570`."
    ]


def test_agency_errors_are_located(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/agency.yml": "name: กรม\nshort_name: ก.\n"
            "site_url: https://www.example.go.th/ita\n"
            "contact: {email: nobody}\n"
        }
    )
    assert problems(root) == [
        "data/agency.yml:3:11: error: site_url must end with /. "
        "Write it as https://www.example.go.th/ita/",
        'data/agency.yml:4:18: error: "nobody" is not an e-mail address. '
        "Write it as name@agency.go.th.",
    ]


def test_all_errors_are_reported_together(make_project: MakeProject) -> None:
    root = make_project(
        {
            ITEM: PERSON.replace("position:", "positon:"),
            "data/2569/oit/o03-contact.yml": "blocks:\n  - type: contact\n",
        }
    )
    found = problems(root)
    assert len(found) == 3
    assert found == sorted(found)
