"""Every cache the tool keeps in a process, in one place, each with a bound.

Why caches at all: one `oit build` loads the data once for the check and again in each of
the two language builds that mkdocs-static-i18n runs; `oit serve` rebuilds after every edit
and should only redo what the edit touched. What is kept:

- `PROJECTS`: validated projects by folder, with a fingerprint of every input file; a
  changed file makes the next load start again (`model.project.load_project_cached`);
- `FILES`: validated data files while previewing, so an edit revalidates one file;
  cleared whenever content/ changes, since validation checks the files data refers to;
- `CHECKLISTS`: the shipped checklists, the largest YAML files, which never change;
- `YEARS`: the rendered pages of each fiscal year while previewing, by a digest of what
  they were made from (`site.render`);
- `NAVIGATION`: what each page's scoped navigation looks up in the site's navigation,
  worked out once per language build (`mkdocs_plugin.nav`).

Compiled templates are kept by Jinja's own `FileSystemBytecodeCache` (`template_cache`),
in the user's temporary folder, checked against each template's source.

Besides these, a few pure functions remember their answers with `functools` (bounded,
never stale, since the same argument always gives the same answer): the links of a
Markdown text (`schema.text.markdown_addresses`), the words of a Thai phrase and the
dictionary (`mkdocs_plugin.search`), and the templates' environment (`site.render`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

from jinja2 import BytecodeCache, FileSystemBytecodeCache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Bounded(Generic[K, V]):
    """A dict that forgets its least recently used entries beyond `size`."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._inputs: Hashable = None

    def valid_for(self, inputs: Hashable) -> None:
        """Forget everything when `inputs` (a digest of what every entry depends on)
        differ from those of the last call."""
        if inputs != self._inputs:
            self.clear()
            self._inputs = inputs

    def get(self, key: K) -> V | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> V:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


#: (fingerprint, Project) by project folder; a test session loads a few hundred projects.
PROJECTS: Bounded[Any, tuple[str, Any]] = Bounded(8)
#: (model, SourceFile, problems) by (path, model, size, mtime); about a large agency's files.
FILES: Bounded[Any, tuple[Any, Any, Any]] = Bounded(4096)
#: (Checklist, SourceFile, problems) by (path, size, mtime).
CHECKLISTS: Bounded[Any, tuple[Any, Any, Any]] = Bounded(32)
#: (digest of inputs, pages) by (project folder, fiscal year).
YEARS: Bounded[Any, tuple[str, Any]] = Bounded(64)
#: A _NavIndex by the Navigation of one language build (MkDocs makes one per build).
NAVIGATION: Bounded[Any, Any] = Bounded(2)


_TEMPLATES: list[BytecodeCache | None] = []


def template_cache() -> BytecodeCache | None:
    """Jinja's bytecode cache for compiled templates, or None where the temporary folder
    cannot hold one (templates then compile on every build, which is only slower)."""
    if not _TEMPLATES:
        try:
            _TEMPLATES.append(FileSystemBytecodeCache())
        except (OSError, RuntimeError):
            _TEMPLATES.append(None)
    return _TEMPLATES[0]
