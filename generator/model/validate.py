"""Stage 2: plain data from one file -> a validated model, or problems with file:line:col.

pydantic does the checking; this module turns its errors into plain words with a fix,
located through the positions the loader recorded (RenderCV's approach). All errors
of a file are reported together.
"""

from __future__ import annotations

import itertools
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, did_you_mean
from generator.model.load import SourceFile

M = TypeVar("M", bound=BaseModel)


def validate_file(
    model: type[M], source: SourceFile, context: dict[str, Any]
) -> tuple[M | None, list[Problem]]:
    """Validate a loaded file against `model`; return the model or the problems."""
    try:
        return model.model_validate(source.data, context=context), []
    except ValidationError as exc:
        problems = {_problem(model, source, error) for error in exc.errors()}
        return None, sorted(problems)


def _problem(model: type[BaseModel], source: SourceFile, error: Any) -> Problem:
    loc = _data_loc(source.data, error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    what = _describe(loc)
    if kind == "oit":
        return source.problem(loc, f"{what}{ctx['message']}", ctx.get("hint", ""))
    if kind == "missing":
        name = error["loc"][-1]
        parent = loc if loc and loc[-1] != name else loc[:-1]
        return source.problem(
            parent, f'{_describe(parent)}"{name}" is missing.', f"Add a line `{name}: ...` here."
        )
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _fields_at(model, error["loc"][:-1])
        hint = did_you_mean(name, allowed) if allowed else "Remove it."
        value = _value_at(source.data, loc)
        if value is None and (" " in name.strip() or set(allowed) == {"th", "en"}):
            # `{th: ..., en: Plan, fiscal year 2026}`: the comma ended the text.
            hint = (
                f'If "{name}" belongs to the text before it, put that whole text in '
                "quotes: inside { } a comma starts a new key."
            )
        return source.problem(loc, f'{_describe(loc[:-1])}unknown key "{name}".', hint, key=True)
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", "")
        expected = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        return source.problem(
            (*loc, "type"),
            f'{what}unknown block type "{tag}".',
            did_you_mean(tag, expected, what="Block types"),
        )
    if kind == "union_tag_not_found":
        return source.problem(
            loc,
            f'{what}this block has no "type".',
            "Add `type: text` (or documents, people, contact, table, links).",
        )
    if kind in ("string_type",):
        value = _value_at(source.data, loc)
        return source.problem(
            loc,
            f"{what}expected text, not {_kind_of(value)}.",
            f'Put this value in quotes: "{value}".'
            if value is not None
            else "Write the text after the colon.",
        )
    if kind in (
        "int_parsing",
        "int_type",
        "float_parsing",
        "float_type",
        "decimal_parsing",
        "decimal_type",
        "int_from_float",
    ):
        return source.problem(loc, f"{what}expected a whole number.", "Write digits only, e.g. 12.")
    if kind in ("bool_type", "bool_parsing"):
        return source.problem(loc, f"{what}expected true or false.", "Write true or false.")
    if kind == "list_type":
        return source.problem(
            loc, f"{what}expected a list.", "Write each entry on its own line starting with '- '."
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return source.problem(
            loc,
            f"{what}expected a group of `key: value` lines, "
            f"not {_kind_of(_value_at(source.data, loc))}.",
            "Indent the keys under this one.",
        )
    if kind == "literal_error":
        value = str(_value_at(source.data, loc))
        expected = [
            e.strip(" '")
            for e in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
            if e.strip()
        ]
        return source.problem(
            loc,
            f'{what}"{value}" is not allowed here.',
            did_you_mean(value, expected, what="Valid values"),
        )
    if kind in ("too_short", "string_too_short"):
        return source.problem(loc, f"{what}this may not be empty.", "Fill it in or remove it.")
    if kind in ("too_long", "string_too_long"):
        return source.problem(
            loc,
            f"{what}this is too long ({error['msg'].lower()}).",
            "Shorten it, or put long content in a document file.",
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return source.problem(loc, f"{what}{error['msg'].lower()}.", "")
    # Not expected: show pydantic's own words rather than nothing.
    return source.problem(loc, f"{what}{error['msg']}.", "")


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic's loc without the entries that are not in the data (union tags, validators)."""
    out: list[Any] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            out.append(part)
            node = node[part]
        elif last and isinstance(node, dict) and isinstance(part, str):
            out.append(part)  # a missing or extra key: keep it as the last part
            node = None
        # else: a union tag or validator name that is not part of the data: skip it
    return tuple(out)


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    if value is None:
        return "nothing"
    return "text"


def _describe(loc: tuple[Any, ...]) -> str:
    """A human prefix for where the problem is, counting from 1: 'block 2, document 3: '."""
    words = {
        "blocks": "block",
        "documents": "document",
        "people": "person",
        "rows": "row",
        "links": "link",
        "items": "item",
        "elements": "element",
        "columns": "column",
        "phones": "phone",
        "social": "channel",
        "groups": "group",
        # plans, progress rounds and results (schema/measures.py, schema/results.py)
        "measures": "measure",
        "steps": "step",
        "activities": "activity",
        "questions": "question",
        "recommendations": "recommendation",
    }
    parts = []
    for prev, part in itertools.pairwise(loc):
        if isinstance(part, int) and prev in words:
            parts.append(f"{words[prev]} {part + 1}")
    return (", ".join(parts) + ": ") if parts else ""


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at `loc` (pydantic's loc) in `model`, for "did you mean" hints."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap(current, None)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(tp: Any, tag: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            chosen = next((m for m in members if _tag_of(m) == tag), None)
            tp = chosen if chosen is not None else members[0]
        else:
            return tp


def _tag_of(tp: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, BaseModel) and "type" in tp.model_fields:
        args = typing.get_args(tp.model_fields["type"].annotation)
        return args[0] if args else None
    return None


def _step(tp: Any, part: Any) -> Any:
    unwrapped = _unwrap(tp, part)
    if unwrapped is not _unwrap(tp, None) or (_is_union(tp) and _tag_of(unwrapped) == part):
        return unwrapped  # `part` was the tag of a discriminated union: it chose the member
    tp = unwrapped
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, info in tp.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        return None
    origin = typing.get_origin(tp)
    if origin is list:
        return typing.get_args(tp)[0]
    if origin is dict:
        return typing.get_args(tp)[1]
    return None


def _is_union(tp: Any) -> bool:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return typing.get_origin(tp) in (typing.Union, types.UnionType)
