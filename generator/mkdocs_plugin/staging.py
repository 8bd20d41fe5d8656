"""The staged docs folder that MkDocs builds from: content/ plus the generated pages.

Why: mkdocs-static-i18n 1.3.1 crashes on pages added in memory and drops pages backed by
files outside `docs_dir` (ultrabug/mkdocs-static-i18n#263). So the plugin writes one
folder holding both and points `docs_dir` at it.

The folder is the tool's own and nothing else is ever written: content/ is mirrored into
it (hard links, or copies where links are impossible) and generated files are written
beside, each as a new file moved into place, so no write can reach a hand-written file
through a link. A hand-written file at the address of a generated page is an error that
names both. Only files whose bytes changed are replaced, because `mkdocs serve` watches
this folder and would otherwise rebuild forever.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from generator import urls
from generator.errors import DataError, Problem

Origin = Callable[[str], str]  # a generated file -> the data file that makes it


def stage(
    content_dir: Path,
    files: dict[str, str | bytes],
    origin: Origin,
    staging_dir: Path,
    root: Path,
) -> None:
    """Make `staging_dir` hold exactly content/ plus `files`, touching only what changed.
    Raise DataError when a hand-written file would take the place of a generated one, or
    when the staging folder is not the tool's own (inside content/, reached by a link from
    the project folder `root`)."""
    content = dict(_content_files(content_dir))
    clashes = _clashes(content, files, origin)
    if clashes:
        raise DataError(clashes)
    _check_folder(staging_dir, content_dir, root)
    staging_dir.mkdir(parents=True, exist_ok=True)
    for folder, dirs, names in os.walk(staging_dir):  # links planted in it lead elsewhere
        for entry in dirs + names:
            if (Path(folder) / entry).is_symlink():
                (Path(folder) / entry).unlink()
    wanted = {staging_dir / name for name in [*content, *files]}
    for name, source in content.items():
        _mirror(source, staging_dir / name)
    for name, text in files.items():
        _write(staging_dir / name, text if isinstance(text, bytes) else text.encode("utf-8"))
    for folder, dirs, names in os.walk(staging_dir, topdown=False):
        for entry in names:
            path = Path(folder) / entry
            if path not in wanted:
                path.unlink()
        for entry in dirs:
            path = Path(folder) / entry
            if path.is_symlink():
                path.unlink()
            elif not any(path.iterdir()):
                path.rmdir()


def _content_files(content_dir: Path) -> Iterator[tuple[str, Path]]:
    """content/'s files by their path inside it, without hidden files; links to folders are
    not followed (links out of the project are refused earlier, by model.files)."""
    for folder, dirs, names in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(folder) / name
                yield path.relative_to(content_dir).as_posix(), path


def page_address(name: str) -> str | None:
    """The address of the page MkDocs makes from the Markdown file `name` (docs-relative,
    any language suffix ignored), or None for a file that is not a page."""
    if not name.endswith(".md"):
        return None
    stem = name[: -len(".md")]
    for lang in urls.LANGS:
        stem = stem.removesuffix(f".{lang}")
    folder, _, base = stem.rpartition("/")
    prefix = folder + "/" if folder else ""
    return prefix if base in ("index", "README") else f"{prefix}{base}/"


def _clashes(
    content: dict[str, Path], files: dict[str, str | bytes], origin: Origin
) -> list[Problem]:
    """An error for each hand-written file at a generated file's place or page address."""
    generated = set(files)
    addresses = {page_address(name): name for name in files if page_address(name) is not None}
    problems = []
    for name in content:
        address = page_address(name)
        if name in generated:
            taken = name
        elif address is not None and address in addresses:
            taken = addresses[address]
        else:
            continue
        where = f"/{address}" if address is not None else f"/{name}"
        problems.append(
            Problem(
                f"content/{name}",
                1,
                1,
                "error",
                f"this hand-written file takes the place of {where}, which the tool "
                f"generates from {origin(taken)}.",
                "Move or rename this file; the generated page keeps that address.",
            )
        )
    return problems


def _check_folder(staging_dir: Path, content_dir: Path, root: Path) -> None:
    """The staging folder is the tool's own: outside content/, reached through no link
    from the project folder."""
    staging, content = staging_dir.absolute(), content_dir.resolve()
    inside = staging.resolve().is_relative_to(content) or content.is_relative_to(staging.resolve())
    below = [p for p in (staging, *staging.parents) if p.is_relative_to(root) and p != root]
    links = [p for p in below if p.is_symlink()]
    if not (inside or links):
        return
    what = f"is reached through a link ({_shown(links[0], root)})" if links else "overlaps content/"
    raise DataError(
        [
            Problem(
                _shown(staging, root),
                1,
                1,
                "error",
                f"the staging folder {what}; the tool writes only into a folder of its own.",
                "Remove the link, or set the oit plugin's staging_dir in mkdocs.yml to a "
                "folder outside content/ (default .oit).",
            )
        ]
    )


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _write(target: Path, data: bytes) -> None:
    if not target.is_symlink() and target.is_file() and target.read_bytes() == data:
        return
    _replace(target, lambda temp: temp.write_bytes(data))


def _mirror(source: Path, target: Path) -> None:
    """`target` as a hard link to `source` (a copy where links are impossible), refreshed
    when the source changed."""
    if target.exists() and not target.is_symlink():
        a, b = source.stat(), target.stat()
        if (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) or (
            a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
        ):
            return
    _replace(target, lambda temp: _link_or_copy(source, temp))


def _link_or_copy(source: Path, temp: Path) -> None:
    temp.unlink()
    try:
        os.link(source, temp)
    except OSError:
        shutil.copy2(source, temp)


def _replace(target: Path, fill: Callable[[Path], object]) -> None:
    """Fill a new file beside `target` and move it into place: the directory entry is
    replaced, never the file a link at `target` points to."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=".oit-", dir=target.parent)
    os.close(descriptor)
    temp = Path(name)
    try:
        fill(temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
