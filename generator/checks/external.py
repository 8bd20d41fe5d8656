"""Links to other sites, checked only on request (`oit check --external`).

Documents, link lists, contact channels, table cells and Markdown texts may point at other
sites (e-GP, the NACC's complaint system, the agency's main site). Whether those still
answer depends on the network and on other people's servers, so this check never runs in
a build or in CI; run it before the OIT window. Each link that fails becomes a warning at
the place in the data where it is written.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pydantic import BaseModel

from generator.errors import Problem
from generator.messages import Message, _
from generator.model.load import Path_, SourceFile
from generator.model.project import Project
from generator.schema.blocks import TableBlock
from generator.schema.text import Text

TIMEOUT = 15  # seconds per request
WORKERS = 8
_MARKDOWN_LINK = re.compile(r"\]\((https?://[^)\s]+)|<(https?://[^>\s]+)>")


@dataclass(frozen=True)
class ExternalLink:
    url: str
    source: SourceFile
    loc: Path_


def external_links(project: Project) -> list[ExternalLink]:
    """Every http(s) link written in the agency's data, with where it is written."""
    found = [
        ExternalLink(url, project.agency_source, loc) for loc, url in _urls(project.agency, ())
    ]
    for year in project.years.values():
        for item in year.items:
            if item.content is None or item.source is None:
                continue
            found += [ExternalLink(url, item.source, loc) for loc, url in _urls(item.content, ())]
            for b, table in item.tables.items():
                block = item.content.blocks[b]
                if isinstance(block, TableBlock) and block.file:  # rows from a CSV/XLSX file
                    found += [
                        ExternalLink(cell, item.source, ("blocks", b, "file"))
                        for row in table.rows
                        for cell, column in zip(row, table.columns, strict=True)
                        if column.type == "link" and isinstance(cell, str)
                        if cell.startswith(("http://", "https://"))
                    ]
    return [link for link in found if not link.url.startswith(project.agency.site_url)]


def _urls(value: object, loc: Path_) -> list[tuple[Path_, str]]:
    if isinstance(value, Text):
        return [
            (loc, url)
            for text in (value.th, value.en or "")
            for match in _MARKDOWN_LINK.finditer(text)
            for url in match.groups()
            if url
        ]
    if isinstance(value, str):
        if value.startswith(("http://", "https://")):
            return [(loc, value)]
        return [(loc, url) for m in _MARKDOWN_LINK.finditer(value) for url in m.groups() if url]
    if isinstance(value, BaseModel):
        return [
            found
            for name in type(value).model_fields
            for found in _urls(getattr(value, name), (*loc, name))
        ]
    if isinstance(value, list | tuple):
        return [found for i, v in enumerate(value) for found in _urls(v, (*loc, i))]
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in _urls(v, (*loc, k))]
    return []


def probe(url: str) -> Message | None:
    """Why `url` does not answer, or None when it does (HEAD, then GET if HEAD is refused)."""
    headers = {"User-Agent": "oit-site link check"}
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT):
                return None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD only
            return _("the server answers {code} {reason}", code=exc.code, reason=str(exc.reason))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return _("no answer ({reason})", reason=str(reason))
    return None


def check_external(project: Project) -> list[Problem]:
    """A warning for each written link to another site that does not answer."""
    links = external_links(project)
    urls = sorted({link.url for link in links})
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = dict(zip(urls, pool.map(probe, urls), strict=True))
    return [
        link.source.problem(
            link.loc,
            _(
                "the link {url} does not work: {reason}.",
                url=link.url,
                reason=results[link.url] or "",
            ),
            _("Check the address, or remove the link if the page is gone."),
            severity="warning",
        )
        for link in links
        if results[link.url]
    ]
