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

from generator.errors import Problem, Severity
from generator.messages import Message, _

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
    #: What the file's text (not its data) gives away: a ` #` that cut a text short.
    warnings: list[Problem] = field(default_factory=list)
    #: The line of a `# REVIEW` note (`oit new-year` puts one on every file it carries
    #: over); 0 when there is none.
    review_line: int = 0

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
        message: Message,
        hint: Message | None = None,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> Problem:
        line, column = self.where(loc, key=key)
        return Problem(self.path, line, column, severity, message, hint)


class LoadError(Exception):
    """The file cannot be read as YAML data; carries one located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format("en"))


def _save_as_utf8(rel: str) -> Message:
    if rel.lower().endswith(".csv"):
        return _("Save it as UTF-8 (in Excel: Save As > 'CSV UTF-8').")
    return _("Save it as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8).")


def _utf16(raw: bytes) -> bool:
    """Is this UTF-16 text (Windows Notepad's "Unicode")? With a byte-order mark, or without
    one when every other byte of its start is zero (the Latin letters, digits, spaces and
    line breaks of YAML: Thai letters are not zero there, but keys are Latin)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:2000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.3


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
                _("this file cannot be read."),
                _("Check that it exists and is a regular file."),
            )
        ) from None
    if size > limit:
        raise LoadError(
            Problem(
                rel,
                1,
                1,
                "error",
                _(
                    "this file is {size:.1f} MB; data files may be at most {limit:.0f} MB.",
                    size=size / 1024 / 1024,
                    limit=limit / 1024 / 1024,
                ),
                _("Put large tables in a CSV or XLSX file under content/files/ and refer to it."),
            )
        )
    raw = path.read_bytes()
    if _utf16(raw):
        raise LoadError(
            Problem(
                rel,
                1,
                1,
                "error",
                _('this file is saved as UTF-16 ("Unicode"), not as UTF-8 text.'),
                _save_as_utf8(rel),
            )
        )
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
                _("this file is not UTF-8 text (byte 0x{byte:02x}).", byte=raw[exc.start]),
                _save_as_utf8(rel),
            )
        ) from None


def load_yaml(path: Path, rel: str) -> SourceFile:
    """Read one YAML file into a `SourceFile`; raise `LoadError` for anything unreadable."""
    text = read_text(path, rel)
    if not text.strip():
        raise LoadError(
            Problem(rel, 1, 1, "error", _("this file is empty."), _("Fill it in or delete it."))
        )
    node = compose_yaml(text, rel)
    source = SourceFile(rel, None)
    if node is None:
        raise LoadError(
            Problem(
                rel,
                1,
                1,
                "error",
                _("this file holds no data (only comments)."),
                _("Fill it in or delete it."),
            )
        )
    try:
        source.data = _Builder(source, text).build(node, ())
    except RecursionError:
        raise LoadError(_too_deep(rel)) from None
    source.review_line = _review_line(text)
    return source


def compose_yaml(text: str, rel: str, loader: Any = None) -> Node | None:
    """The YAML node tree of `text`; a LoadError in plain words for a syntax error.
    `loader`: a PyYAML loader class (default: the safe C loader)."""
    try:
        return yaml.compose(text, Loader=loader or _Loader)
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
                _(
                    "this file holds an invisible control character (U+{code:04X}).",
                    code=exc.character if isinstance(exc.character, int) else 0,
                ),
                _("Delete it; it often comes with text copied out of a PDF or a word processor."),
            )
        ) from None
    except YAMLError as exc:  # errors without a position (rare)
        raise LoadError(
            Problem(rel, 1, 1, "error", _("YAML syntax error: {detail}.", detail=str(exc)))
        ) from None
    except RecursionError:
        raise LoadError(_too_deep(rel)) from None


_REVIEW = re.compile(r"^(?:.*\s)?#\s*REVIEW\b", re.MULTILINE)


def _review_line(text: str) -> int:
    match = _REVIEW.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def compose_file(path: Path, rel: str) -> Node | None:
    """The YAML node tree of a file that is not ours to interpret (mkdocs.yml, which may use
    MkDocs' own tags such as !ENV): the nodes carry their positions, tags are left as they
    are; LoadError when the file is not YAML."""
    return compose_yaml(read_text(path, rel), rel)


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
        _("the data in this file is nested too deeply."),
        _CHECK_BRACKETS,
    )


_CHECK_BRACKETS = _("Check the brackets [ ] and {{ }}: each one opened must be closed.")
#: A value that starts with a bracket: `body: [ร่าง] ข้อความ`, `- {th: ก} ข`.
_BRACKETED_VALUE = re.compile(r"^(\s*(?:-\s+)*(?:[^\s#:\[\]{}][^:#]*:\s+)?)([\[{].*?)\s*$")


def _syntax_problem(rel: str, exc: MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error in plain words, at the place the editor has to look."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark or mark
    lines = text.splitlines()

    def at(where: Any, message: Message, hint: Message | None) -> Problem:
        line, column = (where.line + 1, where.column + 1) if where is not None else (1, 1)
        return Problem(rel, line, column, "error", _syntax(message), hint)

    if "quoted scalar" in context and "escape" in problem and mark is not None:
        # "\ud800", "\q": a backslash in double quotes starts an escape that YAML refuses.
        return at(
            mark,
            _("a backslash in text between double quotes starts a code that is not a character"),
            _(
                "Write the character itself, or put the text between single quotes ('…'), "
                "where a backslash is an ordinary character."
            ),
        )
    if "quoted scalar" in context and opened is not None:
        # Point at the opening quote: the end of the file, where the parser noticed, says little.
        return at(
            opened,
            _("the quote opened here is never closed"),
            _("Add the closing quote at the end of the text."),
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
            _syntax(_("a bracket opened here is never closed")),
            _CHECK_BRACKETS,
        )
    if "flow" in context:  # "while parsing a flow mapping / sequence"
        bracket = "{" if "mapping" in context else "["
        closing = "}" if bracket == "{" else "]"
        opened_line = opened.line + 1 if opened else 1
        # At the end of the file the parser only noticed; the bracket that was opened is the
        # place to look.
        at_end = mark is None or mark.index >= len(text.rstrip())
        if at_end:
            return at(
                opened,
                _("a {bracket} is never closed", bracket=bracket),
                _(
                    "Check that the {bracket} opened on line {line} is closed with {closing}, "
                    "with commas between the entries.",
                    bracket=bracket,
                    line=opened_line,
                    closing=closing,
                ),
            )
        entry = _flow_entry_with_colon(lines, mark)
        if entry is not None:
            key, value = entry
            return at(
                mark,
                _(
                    'a text inside {bracket} {closing} holds ": " (a colon and a space)',
                    bracket=bracket,
                    closing=closing,
                ),
                _('Put that text in quotes: {key}: "{value}".', key=key, value=value),
            )
        return at(
            mark,
            _(
                "inside {bracket} {closing} a comma or the closing {closing} was expected here",
                bracket=bracket,
                closing=closing,
            ),
            _(
                "Check that the {bracket} opened on line {line} is closed with {closing}, "
                'with commas between the entries; put a text that holds ": " or "," in quotes.',
                bracket=bracket,
                line=opened_line,
                closing=closing,
            ),
        )
    if problem.startswith("but found another document"):
        return at(
            mark,
            _("this file holds a second document (after a line ---)"),
            _("Keep one document per file: delete the --- line and what does not belong here."),
        )
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "tab" in problem:
        return at(mark, _("a tab is used to indent this line"), _("Indent with spaces, not tabs."))
    if problem.startswith("mapping values are not allowed"):
        return at(
            mark,
            _('this value holds ": " (a colon and a space)'),
            _('A value that contains ": " must be put in quotes.'),
        )
    # libyaml's words for a key or list entry that is not aligned with its group
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        bracketed = _BRACKETED_VALUE.match(line_text)
        if bracketed and mark is not None and mark.column > len(bracketed.group(1)):
            prefix, value = bracketed.groups()
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            return at(
                mark,
                _(
                    'a text that starts with "{bracket}" is read as YAML brackets',
                    bracket=value[0],
                ),
                _(
                    "Put the whole text in quotes: {example}",
                    example=f'{prefix.strip()} "{quoted}"',
                ),
            )
        return at(
            mark,
            _("this line is not indented like the lines of its group"),
            _("Check the indentation of this line and the one before it."),
        )
    if "could not find expected ':'" in problem:
        return at(
            mark,
            _('this line is not of the form "key: value"'),
            _("Check the indentation of this line and the one before it."),
        )
    return at(
        mark,
        _("{detail}", detail=problem or context or "invalid YAML"),
        _("Check the indentation, colons and quotes on this line and the one before it."),
    )


def _syntax(what: Message) -> Message:
    return _("YAML syntax error: {what}.", what=what)


def _flow_entry_with_colon(lines: list[str], mark: Any) -> tuple[str, str] | None:
    """`(key, value)` of the entry inside { } or [ ] where the parser stopped, when its value
    holds ": " (`{th: อธิบดี: รักษาราชการ}`): the colon ended the key's value early."""
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    start = max(line.rfind(c, 0, mark.column) for c in "{[,") + 1
    ends = [i for i in (line.find(c, mark.column) for c in ",}]") if i >= 0]
    entry = line[start : min(ends) if ends else len(line)].strip()
    key, colon, value = entry.partition(": ")
    if not colon or ": " not in value or not key.strip():
        return None
    return key.strip(), value.strip()


class _Builder:
    """Turns a composed YAML node tree into plain data, recording positions."""

    def __init__(self, source: SourceFile, text: str) -> None:
        self.source = source
        self.text = text  # marks count characters of it
        self.lines = text.split("\n")
        self.seen: set[int] = set()

    def fail(self, node: Node, message: Message, hint: Message | None = None) -> LoadError:
        mark = node.start_mark
        return LoadError(
            Problem(self.source.path, mark.line + 1, mark.column + 1, "error", message, hint)
        )

    def build(self, node: Node, loc: Path_) -> Any:
        # An alias makes the composer hand back the very same node object again.
        if id(node) in self.seen:
            raise self.fail(
                node,
                _("YAML aliases (*name) are not allowed in data files."),
                _("Write the value out in full."),
            )
        self.seen.add(id(node))
        self.source.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self.build_mapping(node, loc)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                raise self.fail(node, *_unsupported_tag(node.tag))
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.build_scalar(node)

    def build_mapping(self, node: MappingNode, loc: Path_) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            raise self.fail(node, *_unsupported_tag(node.tag))
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "null":
                raise self.fail(
                    key_node, _("a key must be a plain word."), _("Write keys as `name: value`.")
                )
            if key_node.tag == _TAG + "merge":
                raise self.fail(
                    key_node,
                    _("YAML merge keys (<<) are not allowed in data files."),
                    _("Write the values out in full."),
                )
            key = str(key_node.value)
            if key in result:
                first = self.source.keys[(*loc, key)]
                raise self.fail(
                    key_node,
                    _(
                        'the key "{key}" appears twice in the same place (first on line {line}).',
                        key=key,
                        line=first[0],
                    ),
                    _("Delete one of them or merge their values."),
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
            raise self.fail(node, *_unsupported_tag(node.tag))
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
        self.check_comment(node)
        return text

    def check_comment(self, node: ScalarNode) -> None:
        """Warn when ` #` ended a plain text: YAML reads the rest of the line as a comment
        (`title: รายงาน #2` is "รายงาน"). A comment that starts with a space after the `#`
        (`# REVIEW`, `# see o11`) is taken as one the editor meant."""
        end = node.end_mark
        if end.line >= len(self.lines):
            return
        cut = _CUT.match(self.lines[end.line][end.column :])
        if cut is None:
            return
        line = self.lines[end.line]
        whole = line[node.start_mark.column : end.column] + cut.group(1) + cut.group(2)
        if node.start_mark.line != end.line:
            whole = f"{node.value} {cut.group(2)}"
        self.source.warnings.append(
            Problem(
                self.source.path,
                end.line + 1,
                end.column + len(cut.group(1)) + 1,
                "warning",
                _(
                    'the text "{cut}" after " #" is left out: YAML reads " #" as the start of '
                    "a comment.",
                    cut=cut.group(2).rstrip(),
                ),
                _(
                    'If it belongs to the text, put the whole text in quotes: "{whole}".',
                    whole=whole.rstrip(),
                ),
            )
        )


#: What follows a plain text on its line when a comment cut it: spaces, then `#` and a
#: character that is not a space.
_CUT = re.compile(r"^([ \t]+)(#[^\s#].*)$")


def _short(tag: str) -> str:
    return tag.replace(_TAG, "!!")


def _unsupported_tag(tag: str) -> tuple[Message, Message]:
    return _("unsupported YAML tag {tag}.", tag=_short(tag)), _("Remove the tag.")
