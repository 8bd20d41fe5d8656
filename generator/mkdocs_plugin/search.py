"""The site's search index: Pagefind, fed a copy of each page with its Thai split into words.

Where it sits: as MkDocs writes each page, `SearchIndex.add_page` writes a copy of the page's
content for Pagefind into a folder of its own; once every language is built, `write` runs
Pagefind's command line on that folder, which writes the index into the site's `pagefind/`
(one index per language, split into small files that the reader's browser fetches only when
a search needs them; generator/theme/assets/javascripts/oit-search.js is the search box). The
published pages are not changed.

Why a copy:

- Pagefind splits a Thai query in the browser with `Intl.Segmenter` (ICU) and finds a page
  only when each query word begins a word of the index. Its own Thai splitting at indexing
  time differs from ICU's, and then จัดซื้อ, งบประมาณ and ไม่มีเรื่องร้องเรียน find nothing.
  So the copy's Thai is split here with ICU (PyICU), which splits as Chromium does, and the
  words are separated by U+200B, which Pagefind's extended binary splits on and leaves out of
  the text it shows.
- ICU keeps some compounds whole (ปีงบประมาณ, ครอบคลุม) and splits others oddly
  (ผลก|ระ|ทบ), so a word inside them (งบประมาณ, กระทบ) would begin no word of the index. At
  each place inside a Thai run where a word of PyThaiNLP's dictionary begins, and that is not
  already the start of an ICU word, the copy also indexes the text from there to the end of
  the ICU word that the dictionary word ends in (`inner_words`), in a block at the end of
  the page (`INNER_MARK` starts it; the search box leaves it out of what it shows).
- Only the article is indexed (not the navigation); the permalink signs are left out, and
  so are the parts marked `data-pagefind-ignore` (tables over 100 rows: their words would
  make one search fetch megabytes; they are published whole as CSV and JSON) and the pages
  whose front matter says `search: {exclude: true}` (the further pages of long tables).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import icu  # PyICU (pyicu-wheels): the same word breaks as Chromium's Intl.Segmenter
import pagefind_bin_extended  # Pagefind's program, in the wheel (pagefind[extended])
from pythainlp.corpus import thai_words as dictionary_words

from generator.messages import _

ZWSP = "\u200b"
#: Starts the block of words found inside compounds at the end of an indexed page (U+2063
#: INVISIBLE SEPARATOR; Pagefind keeps it in the page's text, where nothing else has it).
INNER_MARK = "\u2063"
#: The shortest dictionary word looked for inside ICU's words (two letters would add
#: pieces such as ลี and ยะ at nearly every place of every run).
MIN_INNER = 3
#: The folder of the site that holds the index.
BUNDLE = "pagefind"
#: Files of Pagefind's bundle the site does not use (its ready-made search interfaces).
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.DOTALL)
_LANG = re.compile(r'<html[^>]*\blang="([a-z]{2})')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)  # charts: Pagefind skips their text
_IGNORED = re.compile(r"<(\w+)\b[^>]*\bdata-pagefind-ignore\b[^>]*>")
# Text between tags: markup and character references stay as they are.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")  # Thai letters and marks (not digits)
# Vowels and marks that follow a consonant: no word begins with one.
_NO_START = frozenset("ะัาำิีึืฺุูๅ็่้๊๋์ํ๎")


class SearchIndexError(Exception):
    """Pagefind failed; `message` says so, with what it printed."""

    def __init__(self, output: str) -> None:
        super().__init__(output)
        self.message = _("Pagefind could not index the site:\n{output}", output=output.rstrip())


class SearchIndex:
    """The pages of one build, prepared for Pagefind in `folder`, and the index written
    from them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.output = folder  # set by start()
        self._job: subprocess.Popen[str] | None = None
        self._stopped = False

    def add_page(self, dest_uri: str, html: str) -> None:
        """Write the indexed copy of a built page (`dest_uri` as MkDocs writes it, e.g.
        `en/2569/oit/o11/index.html`); a page without an article is left out."""
        copy = indexed_copy(html)
        if copy is None:
            return
        target = self.folder / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(copy, encoding="utf-8")

    def write(self, site_dir: Path) -> None:
        """Index the pages added so far into `site_dir/pagefind/`, replacing what was there
        (Pagefind never deletes the files of an earlier index)."""
        self.start(site_dir)
        self.wait()

    def start(self, site_dir: Path) -> None:
        """Start writing the index (`wait` for it): Pagefind's own program runs beside the
        build's last steps, on another core when there is one."""
        self.output = site_dir / BUNDLE
        if self.output.exists():
            shutil.rmtree(self.output)
        self._job = subprocess.Popen(
            [
                str(pagefind_bin_extended.get_executable()),
                "--site",
                str(self.folder),
                "--output-path",
                str(self.output),
                "--quiet",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def stop(self) -> None:
        """Stop writing the index (a preview's rebuild makes it out of date); `wait` then
        returns at once."""
        if self._job is not None and self._job.poll() is None:
            self._stopped = True
            self._job.terminate()

    def wait(self) -> None:
        """Wait for the index `start` began; SearchIndexError when Pagefind failed."""
        assert self._job is not None, "start() first"
        try:
            output, _ = self._job.communicate()
        except BaseException:  # SIGTERM or Ctrl+C while waiting: Pagefind stops too
            self._job.kill()
            self._job.wait()
            raise
        if self._stopped:
            self._stopped = False
            return
        if self._job.returncode != 0:
            raise SearchIndexError(output)
        for name in _UNUSED:
            (self.output / name).unlink(missing_ok=True)
        # Pagefind lists the languages in a random order (a Rust HashMap): sorted, two builds
        # of the same site are byte-identical.
        entry = self.output / "pagefind-entry.json"
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(
            json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
            encoding="utf-8",
        )


def indexed_copy(html: str) -> str | None:
    """The page as Pagefind reads it: its language, and its article with the Thai split
    into words, the ignored parts left out and the inner words of compounds at the end."""
    article = _ARTICLE.search(html)
    if article is None:
        return None
    lang = _LANG.search(html[:500])
    body = without_ignored(_SVG.sub("", _HEADERLINK.sub("", article.group(1))))
    parts = _MARKUP.split(body)
    inner: dict[str, None] = {}  # the inner pieces, in the order they are found, once
    for index in range(0, len(parts), 2):
        parts[index] = _THAI_RUN.sub(lambda run: _split_run(run.group(0), inner), parts[index])
    block = ""
    if inner:
        block = f'\n<p data-pagefind-weight="0.5">{INNER_MARK} {" ".join(inner)}</p>'
    return (
        f'<!DOCTYPE html>\n<html lang="{lang.group(1) if lang else "th"}">'
        '<head><meta charset="utf-8"><title></title></head>\n'
        f"<body><article data-pagefind-body>{''.join(parts)}{block}</article></body></html>\n"
    )


def _split_run(run: str, inner: dict[str, None]) -> str:
    words = thai_words(run)
    for piece in inner_words(run, words):
        inner[escape(ZWSP.join(piece))] = None
    return ZWSP.join(words)


def without_ignored(html: str) -> str:
    """`html` without the elements marked `data-pagefind-ignore` (and what they hold)."""
    pieces = []
    position = 0
    while (start := _IGNORED.search(html, position)) is not None:
        pieces.append(html[position : start.start()])
        position = _element_end(html, start.group(1), start.end())
    pieces.append(html[position:])
    return "".join(pieces)


def _element_end(html: str, tag: str, position: int) -> int:
    """The end of the element `tag` whose start tag ends at `position` (nested elements of
    the same name counted); the end of `html` when it is not closed."""
    tags = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
    depth = 1
    for match in tags.finditer(html, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)


class WordSet:
    """PyThaiNLP's dictionary (62,000 words), asked one question: how long is the longest
    word that begins at a place in a text. Two sets (the words, and every proper prefix of
    a word, which stops the walk where no word goes on) answer it; building PyThaiNLP's own
    trie takes five times as long."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = frozenset(w.strip() for w in words)
        self.stems = frozenset(w[:i] for w in self.words for i in range(1, len(w)))

    def longest(self, text: str, start: int) -> int:
        """The length of the longest word at `start` in `text` (0: none)."""
        found = 0
        for end in range(start + 1, len(text) + 1):
            candidate = text[start:end]
            if candidate in self.words:
                found = end - start
            if candidate not in self.stems:
                break
        return found


@functools.cache
def dictionary() -> WordSet:
    return WordSet(dictionary_words())


_breaker = icu.BreakIterator.createWordInstance(icu.Locale("th"))


@functools.lru_cache(maxsize=50_000)
def thai_words(run: str) -> tuple[str, ...]:
    """The words of a run of Thai letters, as ICU (and so the reader's browser) splits it."""
    _breaker.setText(run)
    bounds = [0, *_breaker]
    return tuple(run[start:end] for start, end in itertools.pairwise(bounds))


@functools.lru_cache(maxsize=50_000)
def inner_words(run: str, words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The pieces of `run` that a query could begin with but no word of ICU's split of
    `run` begins with: at each place where a dictionary word begins inside one of ICU's
    words (ปีงบประมาณ: งบประมาณ, ประมาณ), or where the longest dictionary word spans several
    of them (งบ|ประมาณ|ราย: งบประมาณ), the text from there to the end of the ICU word that
    the longest dictionary word ends in, split as ICU splits it alone (งบ|ประมาณ), as the
    reader's browser splits a query that begins there.

    Why: a query word is found when it begins a word of the index, and the browser splits
    a query by itself, not in the context of the page's sentence.
    """
    bounds = [0]
    for word in words:
        bounds.append(bounds[-1] + len(word))
    next_bound = {}  # place -> the first of ICU's word ends after it
    for here, there in itertools.pairwise(bounds):
        for place in range(here, there):
            next_bound[place] = there
    starts = set(bounds)
    known = dictionary()
    found = []
    for start in range(len(run) - 1):
        if run[start] in _NO_START:
            continue
        longest = known.longest(run, start)
        if longest < MIN_INNER:
            continue
        end = start + longest
        end = end if end == len(run) else next_bound[end - 1]
        if start in starts and next_bound[start] == end:
            continue  # ICU's own word
        found.append(thai_words(run[start:end]))
    return tuple(found)
