"""The URL manifest: every address the site has published, committed as `urls.txt`.

Assessors re-open the URLs an agency entered into ITAS weeks later, and past years must
stay online, so an address once published must keep working. After a build (both
languages) the plugin compares the built site with the manifest: a listed address that
is neither built nor redirected (data/redirects.yml) fails the build, naming it. New
addresses are added with `oit urls --update`, which never drops a line, so archived years
stay listed. The manifest holds the addresses the generator owns: every page, in every
language, and the data files published beside pages (table CSV/JSON, ITAS sheets). Theme
assets, the search index and the agency's own files under files/ are left out: they are
not pages anyone enters into ITAS, and a static site could not redirect them anyway.

One path per line from the site root (`/2569/oit/o11/`), sorted so that item o2 comes
before o10; lines starting with # are comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.urls import MANIFEST_HEADER


def read_manifest(path: Path) -> list[str]:
    """The recorded addresses (empty when the project has no manifest yet)."""
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def write_manifest(path: Path, addresses: Iterable[str]) -> None:
    path.write_text(MANIFEST_HEADER + "".join(f"{a}\n" for a in sort_addresses(addresses)), "utf-8")


def sort_addresses(addresses: Iterable[str]) -> list[str]:
    """Sorted as people read them: /2569/oit/o2/ before /2569/oit/o10/."""

    def key(address: str) -> list[tuple[int, str]]:
        return [
            (int(part), "") if part.isdigit() else (-1, part) for part in _DIGITS.split(address)
        ]

    return sorted(set(addresses), key=key)


_DIGITS = re.compile(r"(\d+)")


def built_addresses(site_dir: Path, data_files: Iterable[str]) -> set[str]:
    """The addresses a built site answers: its pages and the generated data files in it."""
    pages = {
        "/" + page.parent.relative_to(site_dir).as_posix() + "/"
        for page in site_dir.rglob("index.html")
    }
    pages = {"/" if page == "/./" else page for page in pages}
    files = {"/" + name for name in data_files if (site_dir / name).is_file()}
    return pages | files


def lost_addresses(recorded: Iterable[str], published: set[str]) -> list[str]:
    return [address for address in recorded if address not in published]


def new_addresses(recorded: Iterable[str], published: set[str]) -> list[str]:
    return sort_addresses(published - set(recorded))
