"""Messages to the people who edit the data, in Thai and English, from one gettext catalog.

Every problem, hint and report line the tool shows an editor is a `Message`: an English
msgid written in the code with `_("...", name=value)` (named `{placeholders}`, never an
f-string) and its parameters. A message is rendered in a language only when it is shown
(`render(lang)`), so one loaded project can be reported in Thai and in English, and the
caches and the sorting of problems do not depend on the language.

The Thai forms are in `generator/locale/th/LC_MESSAGES/oit.po`, compiled to `oit.mo` (both
committed; `make messages` extracts new msgids with Babel, updates the .po and compiles it,
and tests/test_messages.py fails when a msgid lacks a Thai form, when a Thai form changes
the placeholders, or when the .mo is older than the .po). English is the msgid itself.

Where it sits: a shared leaf, imported by every stage; it imports nothing of the project.
"""

from __future__ import annotations

import gettext
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Final, Literal, Protocol, TypeAlias, cast, get_args

Lang = Literal["th", "en"]
LANGS: Final[tuple[Lang, ...]] = cast("tuple[Lang, ...]", get_args(Lang))
#: Editors read Thai unless `settings: messages: en` (data/agency.yml) or `--lang en` says so.
DEFAULT_LANG: Final[Lang] = "th"

DOMAIN = "oit"
LOCALE_DIR = Path(__file__).parent / "locale"

#: When true (the test suite sets it), rendering a message that has no Thai form raises
#: instead of showing the English msgid to a Thai reader.
STRICT = False


class Renderable(Protocol):
    """A parameter shown differently by language (a date: 1 ต.ค. 2568 / 1 Oct 2025).
    It must be hashable and comparable for equality, as messages are."""

    def render(self, lang: Lang) -> str: ...


Param: TypeAlias = "str | int | float | Decimal | Message | Renderable"


class MissingTranslation(LookupError):
    """A message was rendered in Thai but the catalog has no Thai form for it."""


class Message:
    """A message in no language yet: an English msgid with named parameters.

    Parameters that are messages themselves (a place in a file, a "did you mean" hint)
    are rendered in the same language as the message that holds them. Equal when msgid
    and parameters are equal (problems are deduplicated through sets); ordered by the
    English text, so that problems sort the same way whatever the language shown.
    """

    __slots__ = ("_english", "msgid", "n", "params", "plural")

    def __init__(
        self,
        msgid: str,
        params: Mapping[str, Param] | None = None,
        *,
        plural: str | None = None,
        n: int | None = None,
    ) -> None:
        self.msgid = msgid
        self.plural = plural
        self.n = n
        self.params = tuple(sorted((params or {}).items()))
        self._english: str | None = None

    def render(self, lang: Lang) -> str:
        """The message in `lang`, its placeholders filled in (in `lang` too)."""
        if lang == "en" and self._english is not None:
            return self._english
        translations = catalog(lang)
        if self.plural is not None:
            assert self.n is not None
            template = translations.ngettext(self.msgid, self.plural, self.n)
            untranslated = template in (self.msgid, self.plural)
        else:
            template = translations.gettext(self.msgid)
            untranslated = template == self.msgid
        if STRICT and lang != "en" and untranslated and _has_letters(self.msgid):
            raise MissingTranslation(f"no {lang} form for the message {self.msgid!r}")
        values = {key: render_param(value, lang) for key, value in self.params}
        if self.n is not None:
            values.setdefault("n", self.n)
        text = template.format(**values)
        if lang == "en":
            self._english = text
        return text

    def __str__(self) -> str:
        """The English text (for logs, exceptions and tests; editors get `render(lang)`)."""
        return self.render("en")

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, {dict(self.params)!r})"

    def _key(self) -> tuple[object, ...]:
        return (self.msgid, self.plural, self.n, self.params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Message) -> bool:
        return (str(self), self.msgid, repr(self.params)) < (
            str(other),
            other.msgid,
            repr(other.params),
        )


def _(msgid: str, /, **params: Param) -> Message:
    """Mark an English message for the catalog and give its parameters by name:
    `_('unknown key "{key}".', key=name)`. `pybabel extract` finds these calls."""
    return Message(msgid, params)


def _n(singular: str, plural: str, n: int, /, **params: Param) -> Message:
    """A message with singular and plural English forms (Thai has one): `{n}` is the count."""
    return Message(singular, params, plural=plural, n=n)


def N_(msgid: str) -> str:
    """Mark a msgid that is made into a `Message` later (`Message(template, ...)`), so that
    extraction finds it: gettext's `gettext_noop`."""
    return msgid


def render_param(value: Param, lang: Lang) -> str | int | float | Decimal:
    if isinstance(value, str | int | float | Decimal):
        return value
    return value.render(lang)


def joined(parts: Iterable[Param], separator: str = "{first}, {then}") -> Message | None:
    """Messages one after the other (`block 2, person 1`); None for no parts. `separator`
    is a msgid with the placeholders `{first}` and `{then}`, so each language joins in
    its own way (Thai with a space)."""
    items = list(parts)
    if not items:
        return None
    if len(items) == 1:
        return items[0] if isinstance(items[0], Message) else Message("{only}", {"only": items[0]})
    first: Param = items[0]
    for then in items[1:]:
        first = Message(separator, {"first": first, "then": then})
    return first if isinstance(first, Message) else None


def either(words: Iterable[Param]) -> Message | None:
    """`documents or links` (Thai `documents หรือ links`)."""
    return joined(words, N_("{first} or {then}"))


# The default separator, marked for the catalog (Thai joins the parts with a space).
N_("{first}, {then}")


@cache
def catalog(lang: Lang) -> gettext.NullTranslations:
    """The compiled catalog of `lang` (English is the msgids themselves)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def placeholders(template: str) -> set[str]:
    """The names of a template's placeholders (`{file}`, `{size:.1f}` -> file, size)."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def _has_letters(text: str) -> bool:
    """Messages made only of placeholders and punctuation (`{where}: {message}`) may keep
    the English form in Thai."""
    literal = "".join(part[0] for part in string.Formatter().parse(text))
    return any(c.isalpha() for c in literal)


def choose_lang(*choices: str | None) -> Lang:
    """The first language given (the command line's, then the data's setting), else Thai."""
    for choice in choices:
        if choice in LANGS:
            return choice
    return DEFAULT_LANG
