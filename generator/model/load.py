"""Stage 1 of the pipeline: YAML files -> plain Python data that remembers where it came from.

The loader gives no meaning to the data yet (that is `schema/`); it only turns a YAML file
into dicts, lists and scalars, and records the line and column of every key and value so
that later stages can point the editor at the exact place. It is strict about the YAML
traps editors fall into: duplicate keys, aliases (and so alias bombs), custom tags,
files that are not UTF-8, huge files. Dates are kept as their text, so that the schema
can read Buddhist Era years (2569-02-29 is a valid BE date but not a valid CE one).

Parsing is libyaml's (PyYAML's C composer: ruamel's pure-Python parser took 70 times as
long). PyYAML resolves plain scalars by YAML 1.1 (`no` is false, `0123` octal, `1:30`
sexagesimal), so plain scalars are resolved here again by the YAML 1.2 core schema.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.error import MarkedYAMLError, YAMLError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from generator.errors import Problem

#: Data files are small text; anything larger is a mistake (a pasted export, a binary).
MAX_YAML_BYTES = 2 * 1024 * 1024

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema, for plain (unquoted) scalars.
_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class SourceFile:
    """One loaded YAML file: its data plus the position of every key and value in it."""

    path: str  # relative to the project, with "/" separators: what the editor sees
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of `loc`, or of its closest recorded parent."""
        table = self.keys if key else self.values
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            if not key and loc in self.keys:
                return self.keys[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(
        self,
        loc: Path_,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Problem:
        line, column = self.where(loc, key=key)
        return Problem(self.path, line, column, severity, message, hint)  # type: ignore[arg-type]


class LoadError(Exception):
    """The file cannot be read as YAML data; carries one located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format())


def read_text(path: Path, rel: str, *, limit: int = MAX_YAML_BYTES) -> str:
    """The file's text, or a LoadError naming what is wrong with its bytes."""
    try:
        size = path.stat().st_size
    except OSError:
        raise LoadError(
            Problem(
                rel,
                1,
                1,
                "error",
                "this file cannot be read.",
                "Check that it exists and is a regular file.",
            )
        ) from None
    if size > limit:
        raise LoadError(
            Problem(
                rel,
                1,
                1,
                "error",
                f"this file is {size / 1024 / 1024:.1f} MB; data files may be at most "
                f"{limit / 1024 / 1024:.0f} MB.",
                "Put large tables in a CSV or XLSX file under content/files/ and refer to it.",
            )
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            Problem(
                rel,
                line,
                column,
                "error",
                f"this file is not UTF-8 text (byte 0x{raw[exc.start]:02x}).",
                "Save it as UTF-8 (in Excel: Save As > 'CSV UTF-8')."
                if rel.lower().endswith(".csv")
                else "Save it as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8).",
            )
        ) from None


def load_yaml(path: Path, rel: str) -> SourceFile:
    """Read one YAML file into a `SourceFile`; raise `LoadError` for anything unreadable."""
    text = read_text(path, rel)
    if not text.strip():
        raise LoadError(
            Problem(rel, 1, 1, "error", "this file is empty.", "Fill it in or delete it.")
        )
    try:
        node = yaml.compose(text, Loader=_Loader)
    except MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(rel, exc, text)) from None
    except ReaderError as exc:
        # libyaml counts bytes of the UTF-8 text; columns count characters.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise LoadError(
            Problem(
                rel,
                line,
                column,
                "error",
                f"this file holds an invisible control character (U+{exc.character:04X}).",
                "Delete it; it often comes with text copied out of a PDF or a word processor.",
            )
        ) from None
    except YAMLError as exc:  # errors without a position (rare)
        raise LoadError(Problem(rel, 1, 1, "error", f"YAML syntax error: {exc}.")) from None
    except RecursionError:
        raise LoadError(_too_deep(rel)) from None
    source = SourceFile(rel, None)
    if node is None:
        raise LoadError(
            Problem(
                rel,
                1,
                1,
                "error",
                "this file holds no data (only comments).",
                "Fill it in or delete it.",
            )
        )
    try:
        source.data = _Builder(source, text).build(node, ())
    except RecursionError:
        raise LoadError(_too_deep(rel)) from None
    return source


def compose_yaml(path: Path, rel: str) -> Node | None:
    """The YAML node tree of a file that is not ours to interpret (mkdocs.yml, which may use
    MkDocs' own tags such as !ENV): the nodes carry their positions, tags are left as they
    are; LoadError when the file is not YAML."""
    text = read_text(path, rel)
    try:
        return yaml.compose(text, Loader=_Loader)
    except MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(rel, exc, text)) from None
    except (YAMLError, RecursionError) as exc:
        raise LoadError(Problem(rel, 1, 1, "error", f"YAML syntax error: {exc}.")) from None


#: Text YAML reads back as the same string when written plain (unquoted).
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`](?!.*(: | #|:$)).*(?<!\s)$")


def yaml_scalar(text: str) -> str:
    """`text` as a YAML value on one line: plain where YAML 1.2 reads it back as the same
    string (`https://x/`, `กรม...`), in double quotes otherwise (`"2569"`, `"a: b"`)."""
    resolved = any(p.match(text) for p in (_NULL, _BOOL, _INT, _FLOAT))
    if _PLAIN.match(text) and not resolved and "\n" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _too_deep(rel: str) -> Problem:
    return Problem(
        rel,
        1,
        1,
        "error",
        "the data in this file is nested too deeply.",
        "Check the brackets [ ] and { }: each one opened must be closed.",
    )


def _syntax_problem(rel: str, exc: MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error in plain words, at the place the editor has to look."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark or mark
    if "quoted scalar" in context and opened is not None:
        # Point at the opening quote: the end of the file, where the parser noticed, says little.
        return Problem(
            rel,
            opened.line + 1,
            opened.column + 1,
            "error",
            "YAML syntax error: the quote opened here is never closed.",
            "Add the closing quote at the end of the text.",
        )
    if "flow node" in context:  # deep in unclosed brackets: point at the first one
        first = min((i for i in (text.find("["), text.find("{")) if i >= 0), default=0)
        line = text.count("\n", 0, first) + 1
        column = first - (text.rfind("\n", 0, first) + 1) + 1
        return Problem(
            rel,
            line,
            column,
            "error",
            "YAML syntax error: a bracket opened here is never closed.",
            "Check the brackets [ ] and { }: each one opened must be closed.",
        )
    if "flow" in context:  # "while parsing a flow mapping / sequence"
        bracket = "{" if "mapping" in context else "["
        closing = "}" if bracket == "{" else "]"
        # At the end of the file the parser only noticed; the bracket that was opened is the
        # place to look.
        at_end = mark is None or mark.index >= len(text.rstrip())
        where = opened if at_end and opened is not None else mark
        what = f"a {bracket} is never closed" if at_end else (problem or context)
        return Problem(
            rel,
            where.line + 1 if where else 1,
            where.column + 1 if where else 1,
            "error",
            f"YAML syntax error: {what}.",
            f"Check that the {bracket} opened on line {opened.line + 1 if opened else 1} is "
            f"closed with {closing}, with commas between the entries.",
        )
    if problem.startswith("but found another document"):
        return Problem(
            rel,
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
            "error",
            "YAML syntax error: this file holds a second document (after a line ---).",
            "Keep one document per file: delete the --- line and what does not belong here.",
        )
    what = problem or context or "invalid YAML"
    # libyaml's words for a key or list entry that is not aligned with its group
    if what in ("did not find expected key", "did not find expected '-' indicator"):
        what = "this line is not indented like the lines of its group"
    if what.startswith("mapping values are not allowed"):
        what = 'this value holds ": " (a colon and a space)'
    hint = _syntax_hint(what, text, mark)
    if hint == _TAB_HINT:
        what = "a tab is used to indent this line"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(rel, line, column, "error", f"YAML syntax error: {what}.", hint)


_TAB_HINT = "Indent with spaces, not tabs."


def _syntax_hint(problem: str, text: str, mark: Any) -> str:
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line[: len(line) - len(line.lstrip())] or "tab" in problem:
        return _TAB_HINT
    if problem.startswith("this value holds"):
        return 'A value that contains ": " must be put in quotes.'
    if "indented" in problem or "could not find expected ':'" in problem:
        return "Check the indentation of this line and the one before it."
    return "Check the indentation, colons and quotes on this line and the one before it."


class _Builder:
    """Turns a composed YAML node tree into plain data, recording positions."""

    def __init__(self, source: SourceFile, text: str) -> None:
        self.source = source
        self.text = text  # marks count characters of it
        self.seen: set[int] = set()

    def fail(self, node: Node, message: str, hint: str = "") -> LoadError:
        mark = node.start_mark
        return LoadError(
            Problem(self.source.path, mark.line + 1, mark.column + 1, "error", message, hint)
        )

    def build(self, node: Node, loc: Path_) -> Any:
        # An alias makes the composer hand back the very same node object again.
        if id(node) in self.seen:
            raise self.fail(
                node,
                "YAML aliases (*name) are not allowed in data files.",
                "Write the value out in full.",
            )
        self.seen.add(id(node))
        self.source.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self.build_mapping(node, loc)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                raise self.fail(
                    node, f"unsupported YAML tag {_short(node.tag)}.", "Remove the tag."
                )
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.build_scalar(node)

    def build_mapping(self, node: MappingNode, loc: Path_) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            raise self.fail(node, f"unsupported YAML tag {_short(node.tag)}.", "Remove the tag.")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "null":
                raise self.fail(
                    key_node, "a key must be a plain word.", "Write keys as `name: value`."
                )
            if key_node.tag == _TAG + "merge":
                raise self.fail(
                    key_node,
                    "YAML merge keys (<<) are not allowed in data files.",
                    "Write the values out in full.",
                )
            key = str(key_node.value)
            if key in result:
                first = self.source.keys[(*loc, key)]
                raise self.fail(
                    key_node,
                    f'the key "{key}" appears twice in the same place (first on line {first[0]}).',
                    "Delete one of them or merge their values.",
                )
            self.source.keys[(*loc, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*loc, key))
        return result

    def explicit_tag(self, node: Node) -> bool:
        """Does the node carry a tag in the file (`!!str 123`), not one the parser resolved?
        A node's text starts with its properties: the tag and the anchor (`&a`)."""
        written = self.text[node.start_mark.index : node.end_mark.index]
        return written.startswith("!") or (written.startswith("&") and " !" in written)

    def build_scalar(self, node: ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise self.fail(node, f"unsupported YAML tag {_short(node.tag)}.", "Remove the tag.")
        text = node.value
        if node.style:  # quoted or block text: always a string
            return text
        if node.tag == _TAG + "str" and self.explicit_tag(node):  # `!!str 123`: as written
            return text
        if _NULL.match(text):
            return None
        if _BOOL.match(text):
            return text.lower() == "true"
        if _INT.match(text):
            # A leading zero means a phone number or a code, not a quantity: keep its text.
            digits = text.lstrip("+-")
            if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
                return text
            try:
                return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
            except ValueError:  # more digits than Python converts: the schema says why
                return text
        if _FLOAT.match(text):
            return float(text)
        return text


def _short(tag: str) -> str:
    return tag.replace(_TAG, "!!")
