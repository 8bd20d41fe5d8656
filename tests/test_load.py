"""The YAML loader: positions, and the traps editors fall into."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.load import MAX_YAML_BYTES, LoadError, SourceFile, load_yaml


def load_text(tmp_path: Path, text: str | bytes) -> SourceFile:
    path = tmp_path / "x.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_yaml(path, "data/x.yml")


def error_of(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(LoadError) as info:
        load_text(tmp_path, text)
    return info.value.problem.format("en")


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    source = load_text(tmp_path, "a: 1\nblocks:\n  - type: text\n    body: สวัสดี\n")
    assert source.data == {"a": 1, "blocks": [{"type": "text", "body": "สวัสดี"}]}
    assert source.where(("blocks", 0, "body")) == (4, 11)
    assert source.where(("blocks", 0, "body"), key=True) == (4, 5)
    assert source.where(("blocks", 0, "missing")) == (3, 5)


def test_scalars_follow_yaml_1_2_and_keep_phone_numbers(tmp_path: Path) -> None:
    source = load_text(tmp_path, "no: no\nphone: 021234567\nn: 12\nd: 2567-02-29\nf: 1.5\n")
    assert source.data == {"no": "no", "phone": "021234567", "n": 12, "d": "2567-02-29", "f": 1.5}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("v: !!str 123\n", "123"),
        ("v: !!str 0123\n", "0123"),
        ("v: !!str true\n", "true"),
        ("v: &a !!str 1.5\n", "1.5"),
        ("ไทย: ข้อความ\nv: !!str 12\n", "12"),
        ("v: &a 12\n", 12),
        ("v: '12'\n", "12"),
    ],
)
def test_an_explicit_str_tag_keeps_the_text(tmp_path: Path, text: str, value: object) -> None:
    assert load_text(tmp_path, text).data["v"] == value


def test_a_scalar_alias_is_refused_like_any_alias(tmp_path: Path) -> None:
    assert error_of(tmp_path, "title: &t ข้อความ\nbody: *t\n") == (
        "data/x.yml:1:8: error: YAML aliases (*name) are not allowed in data files. "
        "Write the value out in full."
    )


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    assert error_of(tmp_path, "a: [1\nb: 2\n") == (
        "data/x.yml:2:2: error: YAML syntax error: inside [ ] a comma or the closing ] was expected here. "
        "Check that the [ opened on line 1 is closed with ], with commas between the entries; "
        'put a text that holds ": " or "," in quotes.'
    )


def test_tab_indentation(tmp_path: Path) -> None:
    assert "Indent with spaces, not tabs." in error_of(tmp_path, "a:\n\tb: 1\n")


def test_duplicate_key(tmp_path: Path) -> None:
    assert error_of(tmp_path, "title: ก\nbody: x\ntitle: ข\n") == (
        'data/x.yml:3:1: error: the key "title" appears twice in the same place '
        "(first on line 1). Delete one of them or merge their values."
    )


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{k}: &{k} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, k in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert "YAML aliases (*name) are not allowed" in error_of(tmp_path, bomb)


def test_merge_key_is_refused(tmp_path: Path) -> None:
    assert "merge keys" in error_of(tmp_path, "a: &x {b: 1}\nc:\n  <<: *x\n")


def test_custom_tag_is_refused(tmp_path: Path) -> None:
    assert "unsupported YAML tag !!python/object" in error_of(
        tmp_path, "a: !!python/object:os.system {}\n"
    )


def test_not_utf8(tmp_path: Path) -> None:
    assert error_of(tmp_path, "title: ok\nbody: สวัสดี\n".encode("tis-620")) == (
        "data/x.yml:2:7: error: this file is not UTF-8 text (byte 0xca). "
        "Save it as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8)."
    )


def test_empty_and_comment_only(tmp_path: Path) -> None:
    assert "this file is empty" in error_of(tmp_path, "  \n")
    assert "holds no data" in error_of(tmp_path, "# only a comment\n")


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    message = error_of(tmp_path, "a: " + "x" * (MAX_YAML_BYTES + 10) + "\n")
    assert "data files may be at most 2 MB" in message


def test_folded_and_literal_text(tmp_path: Path) -> None:
    source = load_text(tmp_path, "a: >-\n  one two\n  three\nb: |\n  x\n  y\n")
    assert source.data == {"a": "one two three", "b": "x\ny\n"}


def test_bom_is_accepted(tmp_path: Path) -> None:
    assert load_text(tmp_path, "\ufeffa: 1\n").data == {"a": 1}
