"""The release's promises to agencies: one version everywhere, a CHANGELOG entry for it, and a
data format that every newer tool reads."""

from __future__ import annotations

import re
from importlib import metadata

from conftest import REPO
from generator import __version__
from generator.schema.agency import CURRENT_FORMAT


def test_the_package_and_the_tool_say_the_same_version() -> None:
    assert metadata.version("oit-site") == __version__
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{__version__}"' in pyproject


def test_the_changelog_has_an_entry_for_this_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", changelog, re.MULTILINE)
    assert __version__ in headings
    # Every release says what agencies do and whether the data format changed.
    for section in re.split(r"^## ", changelog, flags=re.MULTILINE)[1:]:
        if section.startswith("Unreleased"):
            assert "### For agencies" in section and "### Data format" in section
        else:
            assert "Data format" in section


def test_the_changelog_names_the_current_data_format() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"Format {CURRENT_FORMAT}" in changelog or f"format {CURRENT_FORMAT}" in changelog
