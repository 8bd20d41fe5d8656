"""The data format's version: `format:` in data/agency.yml, read before anything else.

An agency's files are never rewritten by an upgrade of the tool. Instead, every newer tool
reads every earlier format: when a release changes the format (renames a key, splits a
file), it raises `CURRENT_FORMAT` and adds to `UPGRADES` the step that turns data of the
format before into the new one, in memory, as each file is read. The editor's files, their
lines and comments stay as they were; `oit check` keeps pointing at them. CHANGELOG.md says,
for each release, what an agency may do (nothing is ever required of it).

Data written for a newer tool than the one installed cannot be read: that is one clear
error, before the rest is validated (the unknown keys of a newer format would otherwise
bury it under a page of "unknown key" errors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.errors import Problem
from generator.model.load import SourceFile
from generator.schema.agency import CURRENT_FORMAT

#: `UPGRADES[n]` turns one file's data of format n - 1 into format n: (path of the file in the
#: project, e.g. "data/2569/year.yml", its data) -> its data. Empty while format 1 is current.
UPGRADES: dict[int, Callable[[str, Any], Any]] = {}


def data_format(agency: SourceFile) -> tuple[int, Problem | None]:
    """The format data/agency.yml declares (1 without `format:`), and the problem that stops
    the load when the tool cannot read it."""
    data = agency.data
    value = data.get("format", 1) if isinstance(data, dict) else 1
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return 1, None  # the schema reports it, with the rest of agency.yml
    if value > CURRENT_FORMAT:
        return value, agency.problem(
            ("format",),
            f"these files are in data format {value}, which is newer than this version of oit "
            f"reads (format {CURRENT_FORMAT}).",
            "Install the version of oit they were written for: the version in requirements.txt "
            "(see CHANGELOG.md), then run pip install -r requirements.txt again.",
        )
    return value, None


def upgrade(path: str, data: Any, written_in: int) -> Any:
    """One file's data, written in format `written_in`, as the current format reads it."""
    for step in range(written_in + 1, CURRENT_FORMAT + 1):
        data = UPGRADES[step](path, data)
    return data
