"""Messages to editors: every one has a Thai and an English form, with the same placeholders.

The English form is the msgid written in the code; the Thai form is in the gettext catalog
generator/locale/th/LC_MESSAGES/oit.po (compiled to oit.mo, both committed). These tests
extract the msgids from the code as `make messages` does and fail when the catalog lacks
one, keeps one the code no longer has, marks one fuzzy, changes a placeholder, or when the
compiled .mo is older than the .po. Problems refuse plain strings, so no message can reach
an editor without going through the catalog.
"""

from __future__ import annotations

import ast
import io
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from conftest import REPO, MakeProject
from generator import messages
from generator.cli import main
from generator.errors import Problem, counts, did_you_mean
from generator.messages import Message, MissingTranslation, _, _n, joined

CATALOG = REPO / "generator" / "locale" / "th" / "LC_MESSAGES" / "oit"
KEYWORDS = {"_": None, "_n": (1, 2), "N_": None}


def code_msgids() -> set[str | tuple[str, ...]]:
    """The msgids of the code, found as `make messages` finds them (Babel, babel.cfg)."""
    found: set[str | tuple[str, ...]] = set()
    method_map = [("generator/**.py", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def catalog() -> dict[str | tuple[str, ...], tuple[str, bool]]:
    """msgid -> (Thai form, fuzzy) of the committed .po."""
    with (CATALOG.with_suffix(".po")).open("rb") as handle:
        po = read_po(handle)
    entries = {}
    for message in po:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        text = message.string if isinstance(message.string, str) else (message.string or [""])[0]
        entries[key] = (text, message.fuzzy)
    return entries


def names(template: str) -> list[tuple[str, str, str | None]]:
    """The placeholders of a template, with their format spec and conversion."""
    return sorted(
        (name, spec or "", conversion)
        for _text, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    )


def test_every_message_has_a_thai_form_with_the_same_placeholders() -> None:
    code, po = code_msgids(), catalog()
    assert len(code) > 500
    missing = sorted(map(str, code - set(po)))
    assert not missing, f"run `make messages` and translate: {missing}"
    obsolete = sorted(map(str, set(po) - code))
    assert not obsolete, f"the code no longer has these msgids (make messages): {obsolete}"
    for msgid, (thai, fuzzy) in po.items():
        assert thai.strip(), f"no Thai form for {msgid!r}"
        assert not fuzzy, f"the Thai form of {msgid!r} is marked fuzzy: review it"
        english = msgid if isinstance(msgid, str) else msgid[0]
        assert set(names(thai)) == set(names(english)), (msgid, thai)
        if isinstance(msgid, tuple):
            assert set(names(msgid[1])) == set(names(english)), msgid


def test_the_compiled_catalog_is_the_po_file() -> None:
    with (CATALOG.with_suffix(".po")).open("rb") as handle:
        po = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, po)
    assert CATALOG.with_suffix(".mo").read_bytes() == compiled.getvalue(), (
        "oit.mo is older than oit.po: run `make messages` and commit both"
    )


def test_messages_are_marked_with_literal_text() -> None:
    """`_()` takes the msgid as written (no f-string, no variable): otherwise extraction
    misses it and the catalog cannot translate it."""
    for path in sorted((REPO / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in KEYWORDS:
                count = 2 if node.func.id == "_n" else 1  # type: ignore[attr-defined]
                for arg in node.args[:count]:
                    assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                        f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)[:80]}"
                    )


def test_extraction_finds_every_marked_message() -> None:
    """Babel skips a msgid marked inside the arguments of another call inside `_()`
    (`_("{hint}", hint=did_you_mean(x, y, N_("...")))`): such a message would never get its
    Thai form, and the tests above would not see it. Mark it in a statement of its own."""
    marked: set[str | tuple[str, ...]] = set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id not in KEYWORDS:
                    continue
                args = [str(a.value) for a in node.args if isinstance(a, ast.Constant)]
                marked.add((args[0], args[1]) if node.func.id == "_n" else args[0])
    missed = sorted(map(str, marked - code_msgids()))
    assert not missed, f"not extracted (mark them outside the call): {missed}"


def test_a_problem_refuses_a_plain_string() -> None:
    with pytest.raises(TypeError, match="must be a Message"):
        Problem("data/x.yml", 1, 1, "error", "untranslated")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a Message"):
        Problem("data/x.yml", 1, 1, "error", _("this file is empty."), "hint")  # type: ignore[arg-type]


def test_messages_render_in_either_language() -> None:
    message = _(
        "{where}: {message}",
        where=joined([Message("block {n}", {"n": 2}), Message("person {n}", {"n": 1})]) or "",
        message=_('unknown key "{name}".', name="positon"),
    )
    assert message.render("en") == 'block 2, person 1: unknown key "positon".'
    assert message.render("th") == 'บล็อกที่ 2 บุคคลที่ 1: ไม่รู้จักคีย์ "positon"'
    assert str(message) == message.render("en")
    assert did_you_mean("positon", ["name", "position"]).render("th") == ('หมายถึง "position" หรือไม่')
    problems = [Problem("a.yml", 1, 1, "error", _("this file is empty."))] * 2
    assert counts(problems).render("en") == "2 errors, 0 warnings"
    assert counts(problems[:1]).render("en") == "1 error, 0 warnings"
    assert counts(problems).render("th") == "ข้อผิดพลาด 2 รายการ คำเตือน 0 รายการ"
    assert _n("{n} warning", "{n} warnings", 3).render("th") == "คำเตือน 3 รายการ"


def test_problems_sort_the_same_in_both_languages_and_codes_naturally() -> None:
    def warning(code: str) -> Problem:
        return Problem(
            "data/2569/year.yml",
            1,
            1,
            "warning",
            _("FY{fy} item {code} ({title}) has no content.", fy=2569, code=code, title="x"),
        )

    problems = sorted([warning("o10"), warning("o5"), warning("o1")])
    assert [p.format("en").split(" item ")[1][:3] for p in problems] == ["o1 ", "o5 ", "o10"]
    assert [p.format("th").split(" ข้อ ")[1][:3] for p in problems] == ["o1 ", "o5 ", "o10"]
    assert len({warning("o5"), warning("o5")}) == 1  # deduplicated as before


def test_a_message_without_a_thai_form_fails_in_strict_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unknown = Message("a message nobody translated")
    assert unknown.render("en") == "a message nobody translated"
    with pytest.raises(MissingTranslation):
        unknown.render("th")
    monkeypatch.setattr(messages, "STRICT", False)
    assert unknown.render("th") == "a message nobody translated"


BROKEN = {"data/2569/oit/o02-x.yml": "blocks:\n  - type: people\n"}


def lines(result_output: str) -> list[str]:
    return [line for line in result_output.splitlines() if line.startswith("data/")]


def test_thai_is_the_default_and_the_flag_wins(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OIT_LANG")
    root = make_project(BROKEN)
    default = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert 'data/2569/oit/o02-x.yml:2:5: ข้อผิดพลาด: บล็อกที่ 1: ไม่มี "people"' in default.output
    valid = CliRunner().invoke(main, ["check", "--project", str(make_project(name="valid"))])
    assert "ความพร้อมของปีงบประมาณ " in valid.output
    english = CliRunner().invoke(main, ["check", "--project", str(root), "--lang", "en"])
    assert 'data/2569/oit/o02-x.yml:2:5: error: block 1: "people" is missing.' in english.output
    assert default.exit_code == english.exit_code == 1


def test_the_agency_chooses_english_and_the_flag_or_environment_overrides(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OIT_LANG")
    agency = (REPO / "tests" / "conftest.py").read_text(encoding="utf-8")
    assert "MINI_AGENCY" in agency
    from conftest import MINI_AGENCY

    root = make_project({**BROKEN, "data/agency.yml": MINI_AGENCY + "settings: {messages: en}\n"})
    chosen = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert ": error: block 1:" in chosen.output
    flag = CliRunner().invoke(main, ["check", "--project", str(root), "--lang", "th"])
    assert ": ข้อผิดพลาด: บล็อกที่ 1:" in flag.output
    monkeypatch.setenv("OIT_LANG", "th")
    environment = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert ": ข้อผิดพลาด: บล็อกที่ 1:" in environment.output


def test_an_invalid_agency_file_is_reported_in_its_chosen_language(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OIT_LANG")
    root = make_project(
        {
            "data/agency.yml": "name: กรม\nsite_url: https://x.go.th/ita\n"
            "contact: {email: a@x.go.th}\nsettings: {messages: en}\n"
        }
    )
    result = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert 'data/agency.yml:1:1: error: "short_name" is missing.' in result.output


def test_github_annotations_and_the_ci_summary_are_in_the_chosen_language(
    make_project: MakeProject,
) -> None:
    root = make_project(BROKEN)
    github = CliRunner().invoke(
        main, ["check", "--project", str(root), "--format", "github", "--lang", "th"]
    )
    assert "::error file=data/2569/oit/o02-x.yml,line=2,col=5::บล็อกที่ 1: ไม่มี" in github.output
    summary = CliRunner().invoke(
        main, ["check", "--project", str(root), "--format", "markdown", "--lang", "th"]
    )
    assert summary.output.startswith("## ความพร้อมของ OIT\n")
    assert "**ข้อผิดพลาด 1 รายการ" in summary.output
    assert "<summary>ข้อผิดพลาด (1)</summary>" in summary.output


def test_the_readiness_table_lines_up_thai_columns(make_project: MakeProject) -> None:
    """Thai vowel and tone marks take no column: the table pads by what the eye sees."""
    root = make_project()
    result = CliRunner().invoke(
        main, ["check", "--project", str(root), "--lang", "th", "--as-of", "2026-03-15"]
    )
    from generator.errors import width

    rows = [line for line in result.output.splitlines() if line.startswith(("ข้อ  ", "O1 "))]
    assert len(rows) == 2, result.output
    header, first = rows
    assert width(header[: header.index("สิ่งที่ต้องทำ")]) == width(first[: first.index("ไม่มีแฟ้มของข้อนี้")])


def test_oit_help_lines_are_not_cut() -> None:
    result = CliRunner().invoke(main, ["--help"])
    commands = result.output.split("Commands:")[1].strip().splitlines()
    assert len(commands) == len(main.commands)
    for line in commands:
        assert not line.rstrip().endswith("..."), line
        assert line.count("(") == line.count(")"), line
