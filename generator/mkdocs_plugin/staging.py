"""The staged docs folder that MkDocs builds from: content/ plus the generated pages.

Why: mkdocs-static-i18n 1.3.1 crashes on pages added in memory and drops pages backed by
files outside `docs_dir` (ultrabug/mkdocs-static-i18n#263). So the plugin writes one
folder holding both and points `docs_dir` at it. Only files whose bytes changed are
written, because `mkdocs serve` watches this folder and would otherwise rebuild forever.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def stage(content_dir: Path, pages: dict[str, str | bytes], staging_dir: Path) -> None:
    """Make `staging_dir` hold exactly content/ plus `pages`, touching only what changed."""
    staging_dir.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    for source in sorted(content_dir.rglob("*")):
        if source.is_dir() or source.name.startswith("."):
            continue
        target = staging_dir / source.relative_to(content_dir)
        wanted.add(target)
        _mirror(source, target)
    for name, text in pages.items():
        target = staging_dir / name
        wanted.add(target)
        _write(target, text if isinstance(text, bytes) else text.encode("utf-8"))
    for path in sorted(staging_dir.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _write(target: Path, data: bytes) -> None:
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _mirror(source: Path, target: Path) -> None:
    """A hard link to `source` (a copy where links are not possible), refreshed on change."""
    if target.exists():
        a, b = source.stat(), target.stat()
        if (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) or (
            a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
        ):
            return
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
