"""The process's caches: bounded, and emptied when what they depend on changes."""

from __future__ import annotations

from conftest import MakeProject
from generator import caches
from generator.caches import Bounded
from generator.model.project import load_project, load_project_cached


def test_a_bounded_cache_forgets_the_least_recently_used() -> None:
    cache: Bounded[str, int] = Bounded(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # a is now the most recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    assert len(cache) == 2


def test_a_cache_is_emptied_when_its_inputs_change() -> None:
    cache: Bounded[str, int] = Bounded(10)
    cache.valid_for("state 1")
    cache.put("a", 1)
    cache.valid_for("state 1")
    assert cache.get("a") == 1
    cache.valid_for("state 2")
    assert cache.get("a") is None


def test_validated_files_are_reused_until_content_changes(make_project: MakeProject) -> None:
    root = make_project()
    agency = root / "data/agency.yml"

    def validated() -> object:
        [entry] = [value for key, value in caches.FILES._entries.items() if key[0] == agency]
        return entry

    load_project(root)
    first = validated()
    load_project(root)
    assert validated() is first
    (root / "content/files").mkdir()
    (root / "content/files/new.pdf").write_bytes(b"%PDF-1.4\n")
    load_project(root)  # content/ changed: files that refer to it are validated again
    assert validated() is not first


def test_a_changed_file_is_loaded_again(make_project: MakeProject) -> None:
    root = make_project()
    first = load_project_cached(root)
    assert load_project_cached(root) is first
    agency = root / "data/agency.yml"
    agency.write_text(agency.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_project_cached(root) is not first
