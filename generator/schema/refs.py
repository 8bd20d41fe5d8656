"""References out of a data file: files under `content/` and web links.

A file reference is a path relative to the project's `content/` folder (where the
site's static files live), e.g. `files/2569/o01-structure.pdf`. It must stay inside
the project (no `..`, no absolute path, no symlink leading out) and the file must exist.
A link must use http, https, mailto or tel, so that no `javascript:` reaches a page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, ValidationInfo, WithJsonSchema

from generator.schema.base import fail

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def scheme_of(address: str) -> str | None:
    """The scheme a browser reads in `address` (character references decoded, invisible
    characters dropped, case folded), or None for an address on this site."""
    cleaned = _INVISIBLE.sub("", html.unescape(address)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def address_problem(
    address: str, image: bool, image_hosts: Collection[str]
) -> tuple[str, str] | None:
    """Why a page may not link to (or, for an image, load) `address`, as a message and a
    hint; None when it may."""
    scheme = scheme_of(address)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return (
            f'the link to "{address}" may not use "{scheme}:".',
            "Only http, https, mailto and tel links (or a page of this site) are allowed.",
        )
    if image and (scheme is not None or address.strip().startswith("//")):
        host = urlsplit(address.strip() if scheme else "https:" + address.strip()).hostname
        if host not in image_hosts:
            return (
                f'the image "{address}" comes from another site ({host}), which would learn '
                "who reads the page.",
                "Put the image under content/files/ and write its path, or allow that site "
                "under settings: image_hosts: in data/agency.yml.",
            )
    return None


DOCUMENT_SUFFIXES = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".csv",
        ".json",
        ".odt",
        ".ods",
        ".ppt",
        ".pptx",
        ".txt",
        ".zip",
        ".jpg",
        ".jpeg",
        ".png",
        ".webp",
        ".gif",
    }
)
#: Raster pictures: an SVG file can hold script, which would run on the agency's domain.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
TABLE_SUFFIXES = frozenset({".csv", ".xlsx"})


def check_file(value: str, info: ValidationInfo, suffixes: frozenset[str]) -> str:
    text = value.strip()
    if not text:
        raise fail("the file name is empty.", "Write a path such as files/2569/report.pdf.")
    if "\\" in text:
        raise fail(f'"{value}" uses backslashes.', "Use / between folders: files/2569/x.pdf.")
    pure = PurePosixPath(text)
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", text) or text.startswith("~"):
        raise fail(
            f'"{value}" is an absolute path.',
            "Write the path relative to the content/ folder, e.g. files/2569/x.pdf.",
        )
    if ".." in pure.parts:
        raise fail(
            f'"{value}" points outside the content/ folder.',
            "Put the file under content/files/ and write its path from there.",
        )
    if "://" in text:
        raise fail(f'"{value}" is a web address, not a file.', "Use `url:` for links.")
    if pure.suffix.lower() not in suffixes:
        allowed = ", ".join(sorted(suffixes))
        raise fail(
            f'"{value}" has a file type this field does not accept.', f"Accepted types: {allowed}."
        )
    context = info.context or {}
    content_dir: Path | None = context.get("content_dir")
    if content_dir is not None:
        target = content_dir / text
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise fail(
                f'"content/{text}" is a link that leads back to itself.',
                "Replace the link with the file itself.",
            ) from None
        if not resolved.is_relative_to(content_dir.resolve()):
            raise fail(
                f'"{value}" is a link to a file outside the project.',
                "Copy the file into content/files/ instead of linking to it.",
            )
        if not target.is_file():
            raise fail(
                f'the file "content/{text}" does not exist.',
                "Check the spelling (names are case-sensitive) or add the file.",
            )
    return text


def _document_file(value: str, info: ValidationInfo) -> str:
    return check_file(value, info, DOCUMENT_SUFFIXES)


def _image_file(value: str, info: ValidationInfo) -> str:
    return check_file(value, info, IMAGE_SUFFIXES)


def _table_file(value: str, info: ValidationInfo) -> str:
    return check_file(value, info, TABLE_SUFFIXES)


#: A path inside content/ for editors' tools: not absolute, no "..", no "://", no "\\".
FILE_PATTERN = r"^(?![/~])(?!.*(^|/)\.\.(/|$))(?!.*:)[^\\]+$"
_FILE_SCHEMA = WithJsonSchema({"type": "string", "pattern": FILE_PATTERN})

#: A document under content/ (PDF, office file, image, data file).
DocumentFile = Annotated[str, AfterValidator(_document_file), _FILE_SCHEMA]
#: A picture under content/ (photo, logo).
ImageFile = Annotated[str, AfterValidator(_image_file), _FILE_SCHEMA]
#: A CSV or XLSX table under content/.
TableFile = Annotated[str, AfterValidator(_table_file), _FILE_SCHEMA]


def check_url(value: Any) -> str:
    text = value.strip()
    scheme = urlsplit(text).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        if not scheme:
            raise fail(
                f'"{value}" is not a full web address.',
                "Start it with https:// (or mailto: / tel:).",
            )
        raise fail(
            f'links may not use "{scheme}:".', "Only http, https, mailto and tel links are allowed."
        )
    if scheme in ("http", "https") and not urlsplit(text).netloc:
        raise fail(f'"{value}" has no host name.', "Write it as https://www.example.go.th/...")
    if any(c.isspace() for c in text):
        raise fail(f'"{value}" contains spaces.', "Replace each space with %20.")
    return text


#: The allowed schemes for editors' tools, so that `javascript:` is flagged as it is typed.
URL_PATTERN = r"^\s*([hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:|[tT][eE][lL]:)\S*\s*$"

#: A web link (http, https, mailto or tel).
Url = Annotated[
    str,
    AfterValidator(check_url),
    WithJsonSchema({"type": "string", "pattern": URL_PATTERN}),
]
