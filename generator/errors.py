"""Problems found in the agency's data, and how they are reported.

Every stage of the pipeline (load, validate, check) reports what is wrong with the
*data* as `Problem`s: file, line, column, a message in plain words and a hint on how
to fix it. A `DataError` carries the errors of one pass so that the editor sees all of
them at once. Anything else that goes wrong is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from generator.messages import DEFAULT_LANG, N_, Lang, Message, _, _n

#: "note" is for listings that are neither errors nor warnings (texts without English).
Severity = Literal["error", "warning", "note"]

#: How alike a word and a suggestion must be (Jaro-Winkler similarity, 1 = equal).
CLOSE_ENOUGH = 0.7

_SEVERITY = {
    "error": _("error"),
    "warning": _("warning"),
    "note": _("note"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located in a file (path relative to the project).

    `message` and `hint` are `Message`s, rendered in the reader's language when the
    problem is shown (`format(lang)`): a plain string is refused, so that no message can
    reach an editor untranslated.
    """

    file: str
    line: int
    column: int
    severity: Severity
    message: Message
    hint: Message | None = None

    def __post_init__(self) -> None:
        for value in (self.message, self.hint):
            if value is not None and not isinstance(value, Message):
                raise TypeError(f"a Problem's message must be a Message (from _()): {value!r}")

    def sort_key(self) -> tuple[object, ...]:
        """By file, line and column, item codes in natural order (o5 before o10), then
        by the English text, so that the order is the same in every language."""
        return (
            natural_key(self.file),
            self.line,
            self.column,
            self.severity,
            natural_key(str(self.message)),
            str(self.hint or ""),
        )

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()

    def text(self, lang: Lang) -> str:
        """The message and its hint in `lang`, on one line."""
        message = _one_line(self.message.render(lang))
        hint = _one_line(self.hint.render(lang)) if self.hint is not None else ""
        return f"{message} {hint}" if hint else message

    def format(self, lang: Lang) -> str:
        """The ruff/gcc shape that editors and CI parse: `file:line:col: severity: message hint`
        (the severity word in the reader's language)."""
        severity = _SEVERITY[self.severity].render(lang)
        return f"{self.file}:{self.line}:{self.column}: {severity}: {self.text(lang)}"

    def format_github(self, lang: Lang) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request diff.
        Escaped as the runner reads commands: a file name holding a line break or `::` must
        not end the command and start another."""
        kind = {"error": "error", "warning": "warning", "note": "notice"}[self.severity]
        text = _escape_data(self.text(lang))
        file = _escape_data(self.file).replace(":", "%3A").replace(",", "%2C")
        return f"::{kind} file={file},line={self.line},col={self.column}::{text}"

    def to_json(self, lang: Lang) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": _one_line(self.message.render(lang)),
            "hint": _one_line(self.hint.render(lang)) if self.hint is not None else "",
        }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class DataError(Exception):
    """The data cannot be used: one or more `Problem`s of severity error."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems, "en"))

    def report(self, lang: Lang = DEFAULT_LANG) -> str:
        return format_report(self.problems, lang)


#: Problems shown one per line; past these, a count. A pasted file can hold thousands of
#: mistakes, and a report of a million lines helps no one (`--format json` lists all).
MAX_SHOWN = 200


def shown(problems: Iterable[Problem], lang: Lang, github: bool = False) -> list[str]:
    """The problems' lines (or GitHub annotations) in `lang`, sorted by file and line, at
    most MAX_SHOWN, then how many more there are."""
    ordered = sorted(problems)
    lines = [p.format_github(lang) if github else p.format(lang) for p in ordered[:MAX_SHOWN]]
    if len(ordered) > MAX_SHOWN:
        more = _(
            "... and {count} more; fix these first (oit check --format json lists them all).",
            count=len(ordered) - MAX_SHOWN,
        )
        lines.append(more.render(lang))
    return lines


def format_report(problems: Iterable[Problem], lang: Lang) -> str:
    """The problems (`shown`), then a count."""
    problems = list(problems)
    return "\n".join([*shown(problems, lang), counts(problems).render(lang)])


def counts(problems: Iterable[Problem]) -> Message:
    """`2 errors, 1 warning`."""
    problems = list(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    return _(
        "{errors}, {warnings}",
        errors=_n("{n} error", "{n} errors", errors),
        warnings=_n("{n} warning", "{n} warnings", warnings),
    )


#: Quoted values, taken pairwise from the left so that the text between two quoted values
#: is never mistaken for one.
_QUOTED = re.compile(r'"[^"]*"')
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _one_line(text: str) -> str:
    """A value quoted back to the editor may be a pasted page of text or hold line breaks:
    show its start, on one line, so one problem stays one line of output."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return _QUOTED.sub(lambda m: m.group() if len(m.group()) <= 82 else m.group()[:81] + '…"', text)


def format_json(problems: Iterable[Problem], lang: Lang, **report: object) -> str:
    """One JSON object: the other parts of a report (`report`) and its sorted problems."""
    body = {**report, "problems": [p.to_json(lang) for p in sorted(problems)]}
    return json.dumps(body, ensure_ascii=False, indent=2)


def width(text: str) -> int:
    """How many columns `text` takes in a terminal: Thai vowel and tone marks above and
    below a letter take none (they are combining marks)."""
    return sum(unicodedata.category(c) not in ("Mn", "Me", "Cf") for c in text)


def pad(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` terminal columns (str.ljust counts marks)."""
    return text + " " * max(0, columns - width(text))


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


VALID_KEYS = N_("Valid keys are: {choices}.")


def did_you_mean(word: str, candidates: Iterable[str], choices: str = VALID_KEYS) -> Message:
    """`Did you mean "x"?`, or the list of valid choices when none is close. `choices` is
    a msgid marked with `N_` that has the placeholder `{choices}`."""
    candidates = sorted(candidates, key=natural_key)
    match = closest(word, candidates)
    if match:
        return _('Did you mean "{match}"?', match=match)
    return Message(choices, {"choices": ", ".join(candidates)})


def natural_key(text: str) -> tuple[tuple[int, str], ...]:
    """Sort key that orders numbers by value: o5 before o10, 1.2 before 1.10."""
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in _DIGITS.split(text))


_DIGITS = re.compile(r"(\d+)")
