"""Thai words and languages in the search index, after MkDocs has written it.

Where it sits: Material's search plugin writes `search/search_index.json` at the end of the
build (mkdocs-static-i18n rewrites it with the entries of both languages). The plugin's
`on_post_build` then calls `prepare_search_index`, which

- splits every Thai chunk of the indexed text into words with PyThaiNLP (newmm) and puts a
  zero-width space (U+200B) between them, which the search separator in mkdocs.yml splits
  on. Thai is written without spaces, so without this a whole phrase such as
  สรุปผลการจัดซื้อจัดจ้างรายเดือน would be one search term and จัดซื้อ would not find it;
- tags each entry with the language of its page (`"lang": "th"` or `"en"`), so that the
  search worker (theme/assets/javascripts/workers/oit-search.js) keeps only the reader's
  language: mkdocs-static-i18n merges both languages into one index
  (ultrabug/mkdocs-static-i18n#271).

The zero-width spaces are invisible; the worker also removes them from the results it shows.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

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


@functools.lru_cache(maxsize=20_000)
def thai_words(chunk: str) -> tuple[str, ...]:
    """The words of a chunk of text without spaces, by PyThaiNLP's dictionary-based newmm.

    newmm also splits off Latin words, digits and punctuation, and keeps abbreviations
    such as พ.ศ. whole. A chunk that newmm would alter is kept as it is."""
    words = tuple(w for w in word_tokenize(chunk, engine="newmm", keep_whitespace=False) if w)
    return words if "".join(words) == chunk else (chunk,)


def segment(text: str) -> str:
    """`text` (HTML, as in the index) with U+200B between the words of every Thai chunk."""
    parts = _KEEP.split(text)
    for index in range(0, len(parts), 2):  # even indexes: the chunks between kept parts
        if _THAI.search(parts[index]):
            parts[index] = ZWSP.join(thai_words(parts[index]))
    return "".join(parts)


def language_of(location: str) -> str:
    """The language of an indexed page: English pages sit under `en/`, Thai at the root."""
    first = location.split("/", 1)[0]
    return first if first in urls.LANGS and first != urls.DEFAULT_LANG else urls.DEFAULT_LANG


def prepare_index(index: dict[str, Any]) -> dict[str, Any]:
    """The search index with segmented Thai and a language on every entry."""
    separator = index["config"]["separator"]
    if len(re.split(separator, f"a{ZWSP}b")) != 2:
        raise SearchConfigError(
            f"the search separator {separator!r} does not split on U+200B, so Thai words "
            "cannot be found. Add \\u200b to `separator` under `plugins: search` in "
            "mkdocs.yml, e.g. '[\\s\\u200b\\-]+'."
        )
    docs = []
    for doc in index["docs"]:
        doc = dict(doc, title=segment(doc["title"]), text=segment(doc["text"]))
        doc["lang"] = language_of(doc["location"])
        docs.append(doc)
    return {**index, "docs": docs}


def prepare_search_index(site_dir: Path) -> bool:
    """Rewrite the site's search index in place (UTF-8, which is also about half the size of
    the ASCII escapes MkDocs writes). False when the site has no search index."""
    path = site_dir / INDEX_FILE
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    text = json.dumps(prepare_index(index), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return True
