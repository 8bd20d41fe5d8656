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

from generator.messages import Message, _
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
) -> tuple[Message, Message] | None:
    """Why a page may not link to (or, for an image, load) `address`, as a message and a
    hint; None when it may."""
    scheme = scheme_of(address)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return (
            _('the link to "{link}" may not use "{scheme}:".', link=address, scheme=scheme),
            _("Only http, https, mailto and tel links (or a page of this site) are allowed."),
        )
    # Browsers read a backslash in a web address as a slash, and any number of slashes
    # after http(s): as two (https:\\host\x.png and https:/host/x.png are on host).
    plain = address.strip().replace("\\", "/")
    if image and (scheme is not None or plain.startswith("//")):
        rest = plain.split(":", 1)[1] if scheme else plain
        host = urlsplit("https://" + rest.lstrip("/")).hostname
        if host not in image_hosts:
            return (
                _(
                    'the image "{image}" comes from another site ({host}), which would learn '
                    "who reads the page.",
                    image=address,
                    host=str(host),
                ),
                _(
                    "Put the image under content/files/ and write its path, or allow that site "
                    "under settings: image_hosts: in data/agency.yml."
                ),
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
        raise fail(_("the file name is empty."), _("Write a path such as files/2569/report.pdf."))
    if "\\" in text:
        raise fail(
            _('"{value}" uses backslashes.', value=value),
            _("Use / between folders: files/2569/x.pdf."),
        )
    pure = PurePosixPath(text)
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", text) or text.startswith("~"):
        raise fail(
            _('"{value}" is an absolute path.', value=value),
            _("Write the path relative to the content/ folder, e.g. files/2569/x.pdf."),
        )
    if ".." in pure.parts:
        raise fail(
            _('"{value}" points outside the content/ folder.', value=value),
            _("Put the file under content/files/ and write its path from there."),
        )
    if "://" in text:
        raise fail(
            _('"{value}" is a web address, not a file.', value=value), _("Use `url:` for links.")
        )
    if not _PLAIN_NAME.match(text):
        raise fail(
            _(
                '"{value}" has spaces or characters other than Latin letters, digits, - _ . '
                "and / in its name: its web address would not work everywhere.",
                value=value,
            ),
            _(
                'Rename the file to "{name}" and write {path} here.',
                name=suggested_name(pure.name),
                path=str(pure.parent / suggested_name(pure.name)),
            ),
        )
    if pure.suffix.lower() not in suffixes:
        allowed = ", ".join(sorted(suffixes))
        raise fail(
            _('"{value}" has a file type this field does not accept.', value=value),
            _("Accepted types: {allowed}.", allowed=allowed),
        )
    context = info.context or {}
    content_dir: Path | None = context.get("content_dir")
    if content_dir is not None:
        target = content_dir / text
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise fail(
                _('"content/{text}" is a link that leads back to itself.', text=text),
                _("Replace the link with the file itself."),
            ) from None
        if not resolved.is_relative_to(content_dir.resolve()):
            raise fail(
                _('"{value}" is a link to a file outside the project.', value=value),
                _("Copy the file into content/files/ instead of linking to it."),
            )
        if not target.is_file():
            raise fail(
                _('the file "content/{text}" does not exist.', text=text),
                _("Check the spelling (names are case-sensitive) or add the file."),
            )
    # The path as the site publishes it: files/./x.pdf and files/x.pdf/ are files/x.pdf.
    return str(pure)


#: The characters a published file's path may hold, so that its address needs no encoding.
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9._/-]+$")


def suggested_name(name: str) -> str:
    """A file name of lower-case Latin letters, digits and - for `name`: Thai words are
    romanised (Royal Institute system, PyThaiNLP), spaces become -, other characters go:
    `รายงาน ประจำปี 2568.pdf` -> `raingan-prachampi-2568.pdf`."""
    from pythainlp.tokenize import word_tokenize
    from pythainlp.transliterate import romanize

    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    words = []
    for run in re.findall(r"[\u0e00-\u0e7f]+|[A-Za-z0-9]+", stem):
        if run.isascii():
            words.append(run.lower())
        else:
            words += [romanize(w, engine="royin") for w in word_tokenize(run)]
    new = "-".join(w for w in (re.sub(r"[^a-z0-9]", "", w.lower()) for w in words) if w)
    new = new or "file"
    return f"{new}.{suffix.lower()}" if suffix else new


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
                _('"{value}" is not a full web address.', value=value),
                _("Start it with https:// (or mailto: / tel:)."),
            )
        raise fail(
            _('links may not use "{scheme}:".', scheme=scheme),
            _("Only http, https, mailto and tel links are allowed."),
        )
    if scheme in ("http", "https") and not urlsplit(text).netloc:
        raise fail(
            _('"{value}" has no host name.', value=value),
            _("Write it as https://www.example.go.th/..."),
        )
    if any(c.isspace() for c in text):
        raise fail(_('"{value}" contains spaces.', value=value), _("Replace each space with %20."))
    return text


#: The allowed schemes for editors' tools, so that `javascript:` is flagged as it is typed.
URL_PATTERN = r"^\s*([hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:|[tT][eE][lL]:)\S*\s*$"

#: A web link (http, https, mailto or tel).
Url = Annotated[
    str,
    AfterValidator(check_url),
    WithJsonSchema({"type": "string", "pattern": URL_PATTERN}),
]
