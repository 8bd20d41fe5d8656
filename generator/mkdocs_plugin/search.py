"""Thai words and languages in the search index, after MkDocs has written it.

Where it sits: Material's search plugin writes `search/search_index.json` at the end of the
build (mkdocs-static-i18n rewrites it with the entries of both languages). The plugin's
`on_post_build` then rewrites it with `prepare_index`, which

- splits every Thai chunk of the indexed text into words with PyThaiNLP (newmm) and puts a
  zero-width space (U+200B) between them, which the search separator in mkdocs.yml splits
  on. Thai is written without spaces, so without this a whole phrase such as
  สรุปผลการจัดซื้อจัดจ้างรายเดือน would be one search term and จัดซื้อ would not find it;
- tags each entry with the language of its page (`"lang": "th"` or `"en"`), so that the
  search worker (generator/theme/assets/javascripts/workers/oit-search.js) keeps only the reader's
  language: mkdocs-static-i18n merges both languages into one index
  (ultrabug/mkdocs-static-i18n#271).

The zero-width spaces are invisible; the worker also removes them from the results it shows.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pythainlp.corpus import thai_words as dictionary_words
from pythainlp.tokenize import word_tokenize

from generator import urls

ZWSP = "\u200b"
INDEX_FILE = Path("search") / "search_index.json"

_THAI = re.compile(r"[\u0e01-\u0e4e]")
# Markup, character references and whitespace stay as they are; the chunks between them are
# split into words when they hold Thai letters.
_KEEP = re.compile(r"(<[^>]*>|&#?\w+;|\s+)")


class SearchConfigError(Exception):
    """The search plugin's settings cannot work with segmented Thai text."""


class WordSet:
    """PyThaiNLP's default dictionary in the form newmm reads it, built in a fraction of the
    time of its `Trie`.

    newmm asks its dictionary only for `prefixes(text, start)`: the words that begin at
    `start`. PyThaiNLP's Trie answers that by walking one node per letter, and building its
    62,000 words letter by letter takes about a second, on every build. Two sets answer
    the same question (the words, and every proper prefix of a word, which stops the walk
    where the trie has no child) and take a fifth of that to build; the segmentation is
    identical (tests/test_search.py compares both on the sample's text).
    """

    def __init__(self, words: frozenset[str]) -> None:
        self.words = frozenset(w.strip() for w in words)
        self.stems = frozenset(w[:i] for w in self.words for i in range(1, len(w)))

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        found = []
        for end in range(start + 1, len(text) + 1):
            candidate = text[start:end]
            if candidate in self.words:
                found.append(candidate)
            if candidate not in self.stems:
                break
        return found


@functools.cache
def dictionary() -> WordSet:
    return WordSet(dictionary_words())


@functools.lru_cache(maxsize=20_000)
def thai_words(chunk: str) -> tuple[str, ...]:
    """The words of a chunk of text without spaces, by PyThaiNLP's dictionary-based newmm.

    newmm also splits off Latin words, digits and punctuation, and keeps abbreviations
    such as พ.ศ. whole. A chunk that newmm would alter is kept as it is."""
    tokens = word_tokenize(
        chunk,
        engine="newmm",
        keep_whitespace=False,
        custom_dict=dictionary(),  # type: ignore[arg-type]  # newmm reads only prefixes()
    )
    words = tuple(w for w in tokens if w)
    return words if "".join(words) == chunk else (chunk,)


def _parts(text: str) -> list[str]:
    """`text` cut into kept parts (odd indexes) and the chunks between them (even)."""
    return _KEEP.split(text)


def segment(text: str) -> str:
    """`text` (HTML, as in the index) with U+200B between the words of every Thai chunk."""
    parts = _parts(text)
    for index in range(0, len(parts), 2):
        if _THAI.search(parts[index]):
            parts[index] = ZWSP.join(thai_words(parts[index]))
    return "".join(parts)


def language_of(location: str) -> str:
    """The language of an indexed page: English pages sit under `en/`, Thai at the root."""
    first = location.split("/", 1)[0]
    return first if first in urls.LANGS and first != urls.DEFAULT_LANG else urls.DEFAULT_LANG


def check_separator(index: dict[str, Any]) -> None:
    separator = index["config"]["separator"]
    if len(re.split(separator, f"a{ZWSP}b")) != 2:
        raise SearchConfigError(
            f"the search separator {separator!r} does not split on U+200B, so Thai words "
            "cannot be found. Add \\u200b to `separator` under `plugins: search` in "
            "mkdocs.yml, e.g. '[\\s\\u200b\\-]+'."
        )


def prepare_index(index: dict[str, Any]) -> dict[str, Any]:
    """The search index with segmented Thai and a language on every entry."""
    check_separator(index)
    docs = []
    for doc in index["docs"]:
        doc = dict(doc, title=segment(doc["title"]), text=segment(doc["text"]))
        doc["lang"] = language_of(doc["location"])
        docs.append(doc)
    return {**index, "docs": docs}


def merge_rebuilt(
    earlier: list[dict[str, Any]], rebuilt: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The index entries of a preview after a rebuild: the rebuilt pages' entries replace
    all of those pages' earlier entries (their sections may have changed); the entries of
    pages not rebuilt stay."""
    pages = {doc["location"].partition("#")[0] for doc in rebuilt}
    kept = [doc for doc in earlier if doc["location"].partition("#")[0] not in pages]
    return kept + rebuilt


def read_index(site_dir: Path) -> dict[str, Any] | None:
    """The search index MkDocs wrote, or None when the site has none."""
    path = site_dir / INDEX_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def write_index(site_dir: Path, index: dict[str, Any]) -> None:
    """Write the index in UTF-8 (about half the size of the ASCII escapes MkDocs writes)."""
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (site_dir / INDEX_FILE).write_text(text, encoding="utf-8")
