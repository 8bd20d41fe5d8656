"""Symbolic links that lead out of the project, found before anything is read or published.

Where it sits: stage 3 (`project.load_project`) calls it for data/ and content/. MkDocs
publishes everything under content/, following links, so a link there to a file elsewhere
on the machine (a key, a password file) would be copied into the public site; a link in
data/ would be read as data. Links that stay inside the project are fine.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import Problem
from generator.messages import _


def links_out_of(root: Path, folders: tuple[str, ...] = ("data", "content")) -> list[Problem]:
    """An error for every symlink under `folders` whose target is outside `root`."""
    root = root.resolve()
    problems = []
    for name in folders:
        top = root / name
        links = [top] if top.is_symlink() else []  # data/ or content/ itself
        for folder, dirs, files in os.walk(top, followlinks=False):
            links += [Path(folder) / entry for entry in sorted(dirs + files)]
        for path in links:
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(
                    Problem(
                        path.relative_to(root).as_posix(),
                        1,
                        1,
                        "error",
                        _(
                            "this is a link to a file outside the project; it would be published "
                            "or read as data."
                        ),
                        _("Copy the file into the project instead of linking to it."),
                    )
                )
    return sorted(problems)


def is_outside(path: Path, root: Path) -> bool:
    """True when `path` (inside `root` by name) really leads out of it through a link."""
    return not path.resolve().is_relative_to(root.resolve())
