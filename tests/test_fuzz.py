"""Property-based fuzzing of the loader and validation (hypothesis).

Whatever bytes or text an editor saves, `load_yaml` either returns data or raises
`LoadError`, and validating that data against any data-file model returns problems with a
position, never an exception. The deadline is generous on purpose: it catches runaway
work (an alias bomb, a regex gone quadratic), not ordinary slowness of a shared machine.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.messages import LANGS
from generator.model.load import LoadError, load_yaml
from generator.model.validate import validate_file
from generator.tools.json_schema import KINDS

FOLDER = Path(tempfile.mkdtemp(prefix="oit-fuzz-"))
CONTEXT = {"content_dir": FOLDER}
FUZZ = settings(
    max_examples=150,
    deadline=dt.timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow],
)


def load_and_validate(raw: bytes) -> None:
    path = FOLDER / "o02-fuzz.yml"
    path.write_bytes(raw)
    try:
        source = load_yaml(path, "data/2569/oit/o02-fuzz.yml")
    except LoadError as exc:
        assert_located(exc.problem)
        return
    for kind in KINDS:
        model, problems = validate_file(kind.model, source, CONTEXT)
        assert (model is None) == bool(problems)
        for problem in problems:
            assert_located(problem)


def assert_located(problem: Problem) -> None:
    assert problem.file == "data/2569/oit/o02-fuzz.yml"
    assert problem.line >= 1 and problem.column >= 1
    assert problem.severity == "error"
    for lang in LANGS:  # in every language, one problem stays one line
        assert problem.text(lang) and "\n" not in problem.format(lang)


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes(raw: bytes) -> None:
    load_and_validate(raw)


#: Characters that matter to YAML, Thai text and our own parsers.
YAMLISH = st.lists(
    st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyz0123456789 \t\n:-?[]{},#&*!|>'\"%@`.\\/")
        + list("กขคงจ๐๑๒๓๔๕๖๗๘๙ ุ")
        + ["blocks:", "type:", "title:", "people:", "- ", "th:", "en:", "file:", "url:"]
        + ["\x00", "\x07", "\ufeff", "\u2028", "\r", "  ", "\n  - "]
    ),
    max_size=200,
).map("".join)


@FUZZ
@given(YAMLISH)
def test_yaml_like_text(text: str) -> None:
    load_and_validate(text.encode("utf-8"))


def field_names() -> list[str]:
    names: set[str] = set()
    for kind in KINDS:
        schema = kind.model.model_json_schema()
        for model in [schema, *schema.get("$defs", {}).values()]:
            names |= set(model.get("properties", {}))
    return sorted(names)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2569-02-29",
            "๒๕๖๙-๐๑-๑๕",
            "javascript:alert(1)",
            "files/../x.pdf",
            "https://example.go.th/",
            "text",
            "people",
            "ita-2569",
            "o1",
        ]
    ),
)
KEYS = st.one_of(st.sampled_from(field_names()), st.text(max_size=10))
DATA: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)
    ),
    max_leaves=40,
)


@FUZZ
@given(st.dictionaries(KEYS, DATA, min_size=1, max_size=8))
def test_structured_data_with_real_field_names(data: dict[str, Any]) -> None:
    load_and_validate(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))
