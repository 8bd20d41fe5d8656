"""The files of data/ and content/, checked before anything is read or published.

Where it sits: stage 3 (`project.load_project`) calls `check_files` first. MkDocs
publishes everything under content/ on the agency's own domain, following links, and the
loader reads everything under data/. So:

- a symbolic link must stay inside its own folder (a link in content/ to `.git/config`
  or a key would be published; a link in data/ to another project file would be read as
  data), and must lead somewhere;
- content/ publishes only pages (Markdown) and the documents and pictures agencies
  publish (PDF, office and OpenDocument files, CSV, plain text, JSON, ZIP, raster
  images): no HTML, script, SVG or XML, which a browser would run on the agency's domain;
  and a file must be what its name says (a PDF starts like a PDF), so that an HTML page
  cannot pass as a picture;
- names must work as web addresses: no `#`, `?`, `%`, backslash or control characters.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.errors import Problem

#: What content/ may publish, with the bytes each kind of file starts with (None: text).
PUBLISHED: dict[str, tuple[bytes, ...] | None] = {
    ".md": None,
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
    # Office Open XML and OpenDocument files are ZIP archives; older office files are OLE.
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".odp": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04", b"PK\x05\x06"),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".ppt": (b"\xd0\xcf\x11\xe0",),
    ".csv": None,
    ".txt": None,
    ".json": None,
}
_UNSAFE_NAME = re.compile(r"[#?%\\\x00-\x1f\x7f]")
_FORMS = {".webp": (8, b"WEBP")}  # a second mark further in


def check_files(root: Path) -> list[Problem]:
    """A problem for every file of data/ and content/ that may not be read or published."""
    root = root.resolve()
    problems: list[Problem] = []
    for name in ("data", "content"):
        top = root / name
        for path in _entries(top):
            rel = path.relative_to(root).as_posix()
            problem = _name_problem(path.name, rel) or _link_problem(path, top, root, rel)
            if problem is None and name == "content" and path.is_file():
                problem = _content_problem(path, rel)
            if problem is not None:
                problems.append(problem)
    return sorted(problems)


def leads_out(path: Path, folder: Path) -> bool:
    """True when `path` (inside `folder` by name) really leads out of it through a link,
    or nowhere."""
    try:
        return not path.resolve(strict=True).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a broken link, or a loop of links
        return True


def _entries(top: Path) -> list[Path]:
    """`top` itself when it is a link, and everything under it, links not followed."""
    found = [top] if top.is_symlink() else []
    for folder, dirs, files in os.walk(top, followlinks=False):
        found += [Path(folder) / entry for entry in sorted(dirs + files)]
    return found


def _name_problem(name: str, rel: str) -> Problem | None:
    if not _UNSAFE_NAME.search(name):
        return None
    shown = repr(name)[1:-1]
    return Problem(
        repr(rel)[1:-1],
        1,
        1,
        "error",
        f'the name "{shown}" holds a character that does not work in a web address '
        "(#, ?, %, \\ or a control character).",
        "Rename it with letters, digits, - and _ only, e.g. o11-2569-10.pdf.",
    )


def _link_problem(path: Path, top: Path, root: Path, rel: str) -> Problem | None:
    if not path.is_symlink():
        return None
    folder = top.name
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(
            rel,
            1,
            1,
            "error",
            "this link leads nowhere (its target is missing, or it leads back to itself).",
            "Replace the link with the file itself.",
        )
    if not target.is_relative_to(root):
        return Problem(
            rel,
            1,
            1,
            "error",
            "this is a link to a file outside the project; it would be published or read as data.",
            "Copy the file into the project instead of linking to it.",
        )
    if path != top and not target.is_relative_to(top.resolve()):
        return Problem(
            rel,
            1,
            1,
            "error",
            f"this is a link to {target.relative_to(root).as_posix()}, outside {folder}/; "
            f"only files of {folder}/ may be {'published' if folder == 'content' else 'read'}.",
            "Copy the file here instead of linking to it.",
        )
    return None


def _content_problem(path: Path, rel: str) -> Problem | None:
    suffix = path.suffix.lower()
    if suffix not in PUBLISHED:
        kinds = ", ".join(sorted(s for s in PUBLISHED if s != ".md"))
        return Problem(
            rel,
            1,
            1,
            "error",
            f'files of type "{suffix or path.name}" are not published: a browser could run '
            "what they hold on the agency's site.",
            f"Publish documents and pictures as {kinds}; pages as .md.",
        )
    marks = PUBLISHED[suffix]
    kind = suffix.lstrip(".").upper()
    if marks is None:
        with path.open("rb") as file:
            head = file.read(16)
        if suffix != ".md" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return Problem(
                rel,
                1,
                1,
                "error",
                f"this {kind} file holds web page or SVG/XML markup, which a browser could "
                "run on the agency's site.",
                f"Publish it as plain {kind} text without markup.",
            )
        return None
    if is_what_its_name_says(path):
        return None
    return Problem(
        rel,
        1,
        1,
        "error",
        f'this file is named "{path.name}" but is not in {kind} format.',
        f"Save it again as a real {kind} file, or rename it after its real type.",
    )


def is_what_its_name_says(path: Path) -> bool:
    """Does the file start as files of its type do (text types: always)?"""
    marks = PUBLISHED.get(path.suffix.lower())
    if marks is None:
        return True
    with path.open("rb") as file:
        head = file.read(16)
    second = _FORMS.get(path.suffix.lower())
    return head.startswith(marks) and not (second and head[second[0] : second[0] + 4] != second[1])
