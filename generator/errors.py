"""Problems found in the agency's data, and how they are reported.

Every stage of the pipeline (load, validate, check) reports what is wrong with the
*data* as `Problem`s: file, line, column, a message in plain words and a hint on how
to fix it. A `DataError` carries the errors of one pass so that the editor sees all of
them at once. Anything else that goes wrong is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

Severity = Literal["error", "warning"]

#: How alike a word and a suggestion must be (Jaro-Winkler similarity, 1 = equal).
CLOSE_ENOUGH = 0.7


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located in a file (path relative to the project)."""

    file: str
    line: int
    column: int
    severity: Severity
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        # A value quoted back to the editor may be a pasted page of text or hold line
        # breaks: show its start, on one line, so one problem stays one line of output.
        object.__setattr__(self, "message", _one_line(self.message))
        object.__setattr__(self, "hint", _one_line(self.hint))

    def format(self) -> str:
        """The ruff/gcc shape that editors and CI parse: `file:line:col: severity: message hint`."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} {self.hint}" if self.hint else text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request diff.
        Escaped as the runner reads commands: a file name holding a line break or `::` must
        not end the command and start another."""
        kind = "error" if self.severity == "error" else "warning"
        text = _escape_data(f"{self.message} {self.hint}".strip())
        file = _escape_data(self.file).replace(":", "%3A").replace(",", "%2C")
        return f"::{kind} file={file},line={self.line},col={self.column}::{text}"

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class DataError(Exception):
    """The data cannot be used: one or more `Problem`s of severity error."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))


#: Problems shown one per line; past these, a count. A pasted file can hold thousands of
#: mistakes, and a report of a million lines helps no one (`--format json` lists all).
MAX_SHOWN = 200


def shown(problems: Iterable[Problem], github: bool = False) -> list[str]:
    """The problems' lines (or GitHub annotations), sorted by file and line, at most
    MAX_SHOWN, then how many more there are."""
    ordered = sorted(problems)
    lines = [p.format_github() if github else p.format() for p in ordered[:MAX_SHOWN]]
    if len(ordered) > MAX_SHOWN:
        lines.append(
            f"... and {len(ordered) - MAX_SHOWN} more; fix these first "
            "(oit check --format json lists them all)."
        )
    return lines


def format_report(problems: Iterable[Problem]) -> str:
    """The problems (`shown`), then a count."""
    problems = list(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return "\n".join([*shown(problems), f"{errors} error(s), {warnings} warning(s)"])


#: Quoted values, taken pairwise from the left so that the text between two quoted values
#: is never mistaken for one.
_QUOTED = re.compile(r'"[^"]*"')
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _one_line(text: str) -> str:
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return _QUOTED.sub(lambda m: m.group() if len(m.group()) <= 82 else m.group()[:81] + '…"', text)


def format_json(problems: Iterable[Problem], **report: object) -> str:
    """One JSON object: the other parts of a report (`report`) and its sorted problems."""
    body = {**report, "problems": [p.to_json() for p in sorted(problems)]}
    return json.dumps(body, ensure_ascii=False, indent=2)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, for every "did you mean" hint; None when nothing is
    close. Ties go to the earlier candidate, so callers list the likeliest first.

    Why Jaro-Winkler: typos are letters swapped (ita-2596, titel), dropped (elment, สล)
    or changed near the end, and it weighs the letters a word starts with, which editors
    get right most often.
    """
    match = process.extractOne(
        word,
        list(candidates),
        scorer=JaroWinkler.normalized_similarity,
        score_cutoff=CLOSE_ENOUGH,
    )
    return match[0] if match else None


def did_you_mean(word: str, candidates: Iterable[str], what: str = "Valid keys") -> str:
    """`Did you mean "x"?`, or the list of valid choices when none is close."""
    candidates = sorted(candidates, key=natural_key)
    match = closest(word, candidates)
    if match:
        return f'Did you mean "{match}"?'
    return f"{what} are: " + ", ".join(candidates) + "."


def natural_key(text: str) -> tuple[tuple[int, str], ...]:
    """Sort key that orders numbers by value: o5 before o10, 1.2 before 1.10."""
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in _DIGITS.split(text))


_DIGITS = re.compile(r"(\d+)")
