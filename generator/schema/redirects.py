"""`data/redirects.yml`: where a published address has gone.

A URL entered into ITAS must keep working, and so must any address the site has published
(urls.txt lists them). When one has to go, say because a corrected checklist renumbers an
item, the old address is declared here with the new one, and the build publishes a small
page at the old address that sends readers on. Addresses are written as in urls.txt, from
the site root: `/2569/oit/o26/: /2569/oit/o25/`. A page redirect covers every language
(`/en/2569/oit/o26/` goes to `/en/2569/oit/o25/`); a data file beside a page
(`/2569/oit/o11/procurement.csv`) can only point at another data file, which is then
published at the old address too, since a static site cannot redirect a download.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from generator import urls
from generator.messages import _
from generator.schema.base import Model, fail

_PATH = re.compile(r"^/[A-Za-z0-9._~/-]*$")


def _check_path(value: str) -> str:
    text = value.strip()
    if "://" in text or not text.startswith("/"):
        raise fail(
            _('"{value}" is not an address on this site.', value=value),
            _("Write the path from the site root, as urls.txt lists it, e.g. /2569/oit/o26/."),
        )
    if not _PATH.match(text) or "//" in text or "/../" in text + "/" or "/./" in text + "/":
        raise fail(
            _('"{value}" is not a plain site path.', value=value),
            _("Use letters, digits, - _ . and / only, e.g. /2569/oit/o26/."),
        )
    other = [lang for lang in urls.LANGS if lang != urls.DEFAULT_LANG]
    if any(text.startswith(f"/{lang}/") for lang in other):
        raise fail(
            _('"{value}" names a page in one language.', value=value),
            _(
                "Write the {lang} path without /{other}/: a redirect covers every language.",
                lang=urls.DEFAULT_LANG,
                other=other[0],
            ),
        )
    return text


#: A path of the site from its root, as in urls.txt: `/2569/oit/o26/` or a data file.
SitePath = Annotated[str, AfterValidator(_check_path)]


class RedirectsFile(Model):
    """Old addresses and where they went."""

    redirects: dict[SitePath, SitePath] = Field(
        description="old path: new path, one per line (e.g. /2569/oit/o26/: /2569/oit/o25/). "
        "/ ที่อยู่เดิม: ที่อยู่ใหม่"
    )
