"""The URL contract with ITAS: one function per kind of page.

URLs come only from data that does not change (fiscal year, item code), never from
titles. Paths are relative to the site root, without a leading slash, ending in `/`;
English pages sit under `en/`.
"""

from __future__ import annotations

from urllib.parse import urljoin

LANGS = ("th", "en")
DEFAULT_LANG = "th"

#: The URL manifest: every address the site has published, from the site root, one a line.
MANIFEST = "urls.txt"
MANIFEST_HEADER = """\
# Every address this site has published, from the site root (site_url), one per line.
# The build fails when one of them is no longer built, unless data/redirects.yml says
# where it went. Record new addresses with `oit urls --update` (it never removes one);
# delete a line by hand only for an address that was never used anywhere.
"""


def url_for_home() -> str:
    return ""


def url_for_years() -> str:
    return "years/"


def url_for_year(fy: int) -> str:
    return f"{fy}/"


def url_for_checklist(fy: int) -> str:
    return f"{fy}/oit/"


def url_for_item(fy: int, code: str) -> str:
    return f"{fy}/oit/{code}/"


def url_for_itas(fy: int) -> str:
    """The ITAS sheet of a fiscal year: every item's URL with its explanation."""
    return f"{fy}/itas/"


def anchor_for_element(key: str) -> str:
    """The id of the place on an item's page where a checklist element starts (`el-chart`)."""
    return f"el-{key}"


def url_for_measures(fy: int) -> str:
    """The dashboard of the year's plans and measures."""
    return f"{fy}/measures/"


def url_for_plan_data(fy: int, kind: str, extension: str) -> str:
    """A plan's measures as data: `2569/measures/integrity-measures.csv` (or `.json`)."""
    return f"{fy}/measures/{kind}.{extension}"


def url_for_measure(fy: int, no: int | str, kind: str = "integrity-measures") -> str:
    """One measure: integrity measures by number, other plans' measures under their kind.
    A number printed with levels keeps them: measure "1.1" is at `measures/1-1/`."""
    slug = measure_slug(no)
    if kind == "integrity-measures":
        return f"{fy}/measures/{slug}/"
    return f"{fy}/measures/{kind}/{slug}/"


def measure_slug(no: int | str) -> str:
    """A measure number in a URL: 3 stays 3, "1.1" becomes 1-1, "7.10" becomes 7-10."""
    return str(no).replace(".", "-")


def url_for_ita(fy: int) -> str:
    """The agency's results in the ITA held in fiscal year `fy`."""
    return f"{fy}/ita/"


def in_lang(path: str, lang: str) -> str:
    """The path of the same page in `lang`."""
    return path if lang == DEFAULT_LANG else f"{lang}/{path}"


def absolute(site_url: str, path: str, lang: str = DEFAULT_LANG) -> str:
    """The full address of a page under the agency's `site_url` (which ends in /)."""
    return urljoin(site_url, in_lang(path, lang))


def source_for(path: str, lang: str) -> str:
    """The staged Markdown file that MkDocs turns into the page at `path`."""
    suffix = "" if lang == DEFAULT_LANG else f".{lang}"
    return f"{path}index{suffix}.md"


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at `from_path` to `to_path` (both site-root relative)."""
    depth = from_path.count("/")
    return "../" * depth + to_path if (depth or to_path) else "./"
