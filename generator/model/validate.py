"""Stage 2: plain data from one file -> a validated model, or problems with file:line:col.

pydantic does the checking; this module turns its errors into plain words with a fix,
located through the positions the loader recorded (RenderCV's approach). All errors
of a file are reported together.
"""

from __future__ import annotations

import itertools
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, did_you_mean
from generator.messages import N_, Message, _, _n, joined
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


def at(where: Message | None, message: Message) -> Message:
    """`message` after the place it is about (`block 2, person 1: ...`), if any."""
    return message if where is None else _("{where}: {message}", where=where, message=message)


def _problem(model: type[BaseModel], source: SourceFile, error: Any) -> Problem:
    loc = _data_loc(model, source.data, error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    what = describe(loc)
    if kind == "oit":
        return source.problem(loc, at(what, ctx["message"]), ctx.get("hint"))
    if kind == "missing":
        name = error["loc"][-1]
        parent = loc if loc and loc[-1] != name else loc[:-1]
        return source.problem(
            parent,
            at(describe(parent), _('"{name}" is missing.', name=name)),
            _("Add a line `{name}: ...` here.", name=name),
        )
    if kind == "extra_forbidden":
        name = str(loc[-1])
        split = split_number(source.data, loc)
        if split is not None:
            return number_with_commas(source, split)
        allowed = _fields_at(model, error["loc"][:-1])
        hint = did_you_mean(name, allowed) if allowed else _("Remove it.")
        value = _value_at(source.data, loc)
        if value is None and (" " in name.strip() or set(allowed) == {"th", "en"}):
            # `{th: ..., en: Plan, fiscal year 2026}`: the comma ended the text.
            hint = _(
                'If "{name}" belongs to the text before it, put that whole text in '
                "quotes: inside {{ }} a comma starts a new key.",
                name=name,
            )
        return source.problem(
            loc, at(describe(loc[:-1]), _('unknown key "{name}".', name=name)), hint, key=True
        )
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", "")
        expected = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        return source.problem(
            (*loc, "type"),
            at(what, _('unknown block type "{tag}".', tag=tag)),
            did_you_mean(tag, expected, N_("Block types are: {choices}.")),
        )
    if kind == "union_tag_not_found":
        return source.problem(
            loc,
            at(what, _('this block has no "type".')),
            _("Add `type: text` (or documents, people, contact, table, links)."),
        )
    if kind in ("string_type",):
        value = _value_at(source.data, loc)
        return source.problem(
            loc,
            at(what, _("expected text, not {kind}.", kind=kind_of(value))),
            _('Put this value in quotes: "{value}".', value=str(value))
            if value is not None
            else _("Write the text after the colon."),
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
        return source.problem(
            loc, at(what, _("expected a whole number.")), _("Write digits only, e.g. 12.")
        )
    if kind in ("bool_type", "bool_parsing"):
        return source.problem(
            loc, at(what, _("expected true or false.")), _("Write true or false.")
        )
    if kind == "list_type":
        return source.problem(
            loc,
            at(what, _("expected a list.")),
            _("Write each entry on its own line starting with '- '."),
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return source.problem(
            loc,
            at(
                what,
                _(
                    "expected a group of `key: value` lines, not {kind}.",
                    kind=kind_of(_value_at(source.data, loc)),
                ),
            ),
            _("Indent the keys under this one."),
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
            at(what, _('"{value}" is not allowed here.', value=value)),
            did_you_mean(value, expected, N_("Valid values are: {choices}.")),
        )
    if kind in ("too_short", "string_too_short"):
        return source.problem(
            loc, at(what, _("this may not be empty.")), _("Fill it in or remove it.")
        )
    if kind in ("too_long", "string_too_long"):
        limit = ctx.get("max_length", 0)
        return source.problem(
            loc,
            at(
                what,
                _n(
                    "this is too long (string should have at most {n} character).",
                    "this is too long (string should have at most {n} characters).",
                    int(limit),
                )
                if kind == "string_too_long"
                else _n(
                    "this is too long (list should have at most {n} item).",
                    "this is too long (list should have at most {n} items).",
                    int(limit),
                ),
            ),
            _("Shorten it, or put long content in a document file."),
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": _(
                "input should be greater than or equal to {bound}.", bound=str(bound)
            ),
            "less_than_equal": _(
                "input should be less than or equal to {bound}.", bound=str(bound)
            ),
            "greater_than": _("input should be greater than {bound}.", bound=str(bound)),
            "less_than": _("input should be less than {bound}.", bound=str(bound)),
        }
        return source.problem(loc, at(what, words[kind]))
    # Not expected: show pydantic's own words rather than nothing.
    return source.problem(loc, at(what, _("invalid value ({detail}).", detail=error["msg"])))


def split_number(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str] | None:
    """A number with thousands separators that YAML split inside { }: in
    `{budget: 3,134,030.00}` the commas end the value, and "134" and "030.00" become keys
    without values. Returns where the number starts (the key before them) and its text,
    when the key at `loc` is such a piece."""
    parent = _value_at(data, loc[:-1])
    if not isinstance(parent, dict) or not loc:
        return None
    keys = list(parent)
    name = str(loc[-1])
    if name not in parent or parent[name] is not None or not _PIECE.match(name):
        return None
    index = keys.index(name)
    first = index
    while first > 0 and parent[keys[first - 1]] is None and _PIECE.match(str(keys[first - 1])):
        first -= 1
    if first == 0:
        return None
    head = parent[keys[first - 1]]
    if isinstance(head, bool) or not isinstance(head, int | float | str):
        return None
    if isinstance(head, str) and not _HEAD.match(head):
        return None
    pieces = [str(head)]
    for key in keys[first:]:
        if parent[key] is not None or not _PIECE.match(str(key)):
            break
        pieces.append(str(key))
    return (*loc[:-1], keys[first - 1]), ",".join(pieces)


_PIECE = re.compile(r"^\d{3}(\.\d+)?$")
_HEAD = re.compile(r"^[+-]?\d{1,3}$")


def number_with_commas(source: SourceFile, split: tuple[tuple[Any, ...], str]) -> Problem:
    """One problem for a number that commas split inside { } (see `split_number`), at the
    number's key, for every piece (so that the set of problems keeps one)."""
    where, number = split
    return source.problem(
        where,
        at(
            describe(where),
            _(
                "the number {number} was split at its commas: inside {{ }} a comma starts a "
                "new key.",
                number=number,
            ),
        ),
        _('Put the number in quotes: {key}: "{number}".', key=str(where[-1]), number=number),
    )


def _data_loc(model: type[BaseModel], data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic's loc without the entries that are not in the data (union tags, validators).

    Why the model is walked too: a block's tag can be the name of one of its keys (a
    `people` block has `people:`), so a part of the loc cannot be told from the data alone.
    """
    out: list[Any] = []
    node = data
    tp: Any = model
    for index, part in enumerate(loc):
        member = _union_member(tp, part) if tp is not None else None
        if member is not None:
            tp = member  # the tag that chose the union's member: not part of the data
            continue
        last = index == len(loc) - 1
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            out.append(part)
            node = node[part]
            tp = _step(tp, part) if tp is not None else None
        elif last and isinstance(node, dict) and isinstance(part, str):
            out.append(part)  # a missing or extra key: keep it as the last part
            node = None
        # else: a validator name that is not part of the data: skip it
    return tuple(out)


def _union_member(tp: Any, part: Any) -> Any:
    """The member of the (discriminated) union `tp` whose tag is `part`, or None."""
    if not _is_union(tp):
        return None
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    members = [a for a in typing.get_args(tp) if a is not type(None)]
    return next((m for m in members if _tag_of(m) == part and part is not None), None)


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def kind_of(value: Any) -> Message:
    """What kind of value an editor wrote, in words."""
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a group of keys")
    if value is None:
        return _("nothing")
    return _("text")


#: The words for a place in a file, counting from 1 (`block 2, document 3`), by the key of
#: the list the place is in.
PLACES: dict[str, str] = {
    "blocks": N_("block {n}"),
    "documents": N_("document {n}"),
    "people": N_("person {n}"),
    "rows": N_("row {n}"),
    "links": N_("link {n}"),
    "items": N_("item {n}"),
    "elements": N_("element {n}"),
    "columns": N_("column {n}"),
    "phones": N_("phone {n}"),
    "social": N_("channel {n}"),
    "groups": N_("group {n}"),
    # plans, progress rounds and results (schema/measures.py, schema/results.py)
    "measures": N_("measure {n}"),
    "steps": N_("step {n}"),
    "activities": N_("activity {n}"),
    "questions": N_("question {n}"),
    "recommendations": N_("recommendation {n}"),
}


def describe(loc: tuple[Any, ...]) -> Message | None:
    """Where the problem is, for people, counting from 1: `block 2, document 3`; None at
    the top of a file."""
    return joined(
        Message(PLACES[prev], {"n": part + 1})
        for prev, part in itertools.pairwise(loc)
        if isinstance(part, int) and prev in PLACES
    )


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
