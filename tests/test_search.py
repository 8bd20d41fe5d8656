"""The search index prepared for Thai: words split at build time, a language on each entry.

The searching itself (query splitting, one language per reader) runs in the browser and is
tested in tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SAMPLE
from generator.mkdocs_plugin.search import (
    ZWSP,
    SearchConfigError,
    language_of,
    merge_rebuilt,
    prepare_index,
    segment,
)

SEPARATOR = r"[\s\u200b\-]+"


def test_thai_phrases_are_split_into_words() -> None:
    text = "<p>สรุปผลการจัดซื้อจัดจ้างรายเดือน</p>"
    result = segment(text)
    assert result.replace(ZWSP, "") == text
    assert result.split(ZWSP)[1:4] == ["ผล", "การ", "จัดซื้อจัดจ้าง"]
    assert "รายเดือน</p>" in result.split(ZWSP)


def test_markup_latin_words_and_abbreviations_stay_whole() -> None:
    text = '<a href="x">ข้อมูลผู้บริหาร</a> ITA &amp; OIT ปีงบประมาณ พ.ศ. 2569 E-Service'
    result = segment(text)
    assert result.replace(ZWSP, "") == text
    assert '<a href="x">' in result and "&amp;" in result
    assert f"ข้อมูล{ZWSP}ผู้บริหาร" in result
    assert " พ.ศ. 2569 E-Service" in result


def test_text_without_thai_is_unchanged() -> None:
    text = "<p>Procurement results, monthly (FY 2026)</p>"
    assert segment(text) == text


@pytest.mark.parametrize(
    ("location", "lang"),
    [
        ("", "th"),
        ("2569/oit/o11/", "th"),
        ("2569/oit/o11/#el-monthly", "th"),
        ("en/", "en"),
        ("en/2569/oit/o11/", "en"),
        ("years/", "th"),
    ],
)
def test_language_of_an_entry(location: str, lang: str) -> None:
    assert language_of(location) == lang


def test_prepare_index_tags_languages_and_keeps_the_rest() -> None:
    index = {
        "config": {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": {}},
        "docs": [
            {"location": "2569/oit/o2/", "title": "O2 ข้อมูลผู้บริหาร", "text": "", "boost": 2},
            {"location": "en/2569/oit/o2/", "title": "O2 Executives", "text": "<p>Head</p>"},
        ],
    }
    prepared = prepare_index(index)
    assert prepared["config"] == index["config"]
    assert [doc["lang"] for doc in prepared["docs"]] == ["th", "en"]
    assert prepared["docs"][0]["title"] == f"O2 ข้อมูล{ZWSP}ผู้บริหาร"
    assert prepared["docs"][0]["boost"] == 2
    assert prepared["docs"][1]["text"] == "<p>Head</p>"


def test_a_separator_without_zero_width_space_is_an_error() -> None:
    index = {"config": {"separator": r"[\s\-]+"}, "docs": []}
    with pytest.raises(SearchConfigError) as error:
        prepare_index(index)
    assert str(error.value) == (
        "the search separator '[\\\\s\\\\-]+' does not split on U+200B, so Thai words cannot "
        "be found. Add \\u200b to `separator` under `plugins: search` in mkdocs.yml, "
        "e.g. '[\\s\\u200b\\-]+'."
    )


def test_the_built_index_is_prepared(built_sample: Path) -> None:
    raw = (built_sample / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u0e" not in raw  # written as UTF-8, not as ASCII escapes
    index = json.loads(raw)
    assert index["config"]["lang"] == ["en"]
    assert re.split(index["config"]["separator"], f"a{ZWSP}b") == ["a", "b"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert {doc["lang"] for doc in index["docs"]} == {"th", "en"}
    assert docs["2569/oit/o11/"]["lang"] == "th" and docs["en/2569/oit/o11/"]["lang"] == "en"
    # Both languages are in the index: each reader's worker keeps its own.
    assert sum(doc["lang"] == "en" for doc in index["docs"]) == sum(
        doc["lang"] == "th" for doc in index["docs"]
    )
    assert f"{ZWSP}จัดซื้อจัดจ้าง{ZWSP}" in docs["2569/oit/o11/"]["title"]
    # Every entry of both languages is split, once.
    for doc in index["docs"]:
        for name in ("title", "text"):
            assert doc[name] == segment(doc[name].replace(ZWSP, "")), doc["location"]


def test_pages_name_the_search_worker(built_sample: Path) -> None:
    for prefix, lang in (("", "th"), ("en/", "en")):
        html = (built_sample / prefix / "2569/oit/o11/index.html").read_text(encoding="utf-8")
        worker = re.search(r'"search": "([^"]+)"', html)
        assert worker is not None
        path, query = worker.group(1).split("?")
        assert path.endswith("assets/javascripts/workers/oit-search.js")
        assert (built_sample / prefix / "2569/oit/o11" / path).resolve().is_file()
        material = dict(p.split("=") for p in query.split("&"))
        assert material["lang"] == lang
        assert (built_sample / "assets/javascripts/workers" / material["material"]).is_file()


def test_the_dictionary_segments_as_pythainlps_trie() -> None:
    """WordSet stands in for PyThaiNLP's Trie: every Thai run of the sample's data is split
    into the same words by both."""
    from pythainlp.tokenize import word_dict_trie, word_tokenize

    from generator.mkdocs_plugin.search import WordSet, dictionary

    runs = set()
    for path in (SAMPLE / "data").rglob("*.yml"):
        runs.update(re.findall(r"[\u0e01-\u0e4e][^\s<>&]*", path.read_text(encoding="utf-8")))
    assert len(runs) > 500
    trie = word_dict_trie()
    words = dictionary()
    assert isinstance(words, WordSet) and len(words) == len(trie)
    for run in sorted(runs):
        expected = word_tokenize(run, engine="newmm", custom_dict=trie)
        # newmm reads only prefixes() of its dictionary (see WordSet)
        segmented = word_tokenize(run, engine="newmm", custom_dict=words)  # type: ignore[arg-type]
        assert segmented == expected, run


def test_a_rebuilt_page_replaces_all_its_entries_in_the_preview_index() -> None:
    earlier = [
        {"location": "2569/oit/o2/", "text": "old"},
        {"location": "2569/oit/o2/#el-gone", "text": "old section"},
        {"location": "2569/oit/o3/", "text": "kept"},
    ]
    rebuilt = [{"location": "2569/oit/o2/", "text": "new"}]
    assert merge_rebuilt(earlier, rebuilt) == [
        {"location": "2569/oit/o3/", "text": "kept"},
        {"location": "2569/oit/o2/", "text": "new"},
    ]
