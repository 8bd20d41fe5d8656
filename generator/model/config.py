"""mkdocs.yml read for its YAML only, so that `oit check` reports a syntax error in it like
one in a data file (file:line:column, plain words), before MkDocs would stop on it with
PyYAML's own message.

Where it sits: stage 1, beside `load`; the settings themselves are MkDocs' to check.
mkdocs.yml holds tags such as `!ENV` and `!!python/name:`, which composing (unlike
loading) does not run, so they pass.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import Problem
from generator.messages import _
from generator.model.load import LoadError, compose_file

CONFIG = "mkdocs.yml"


def check_mkdocs_yml(root: Path) -> list[Problem]:
    """The problem with mkdocs.yml's YAML, if any (none when the file reads)."""
    try:
        node = compose_file(root / CONFIG, CONFIG)
    except LoadError as exc:
        return [exc.problem]
    if node is None or not isinstance(node, yaml.MappingNode):
        return [
            Problem(
                CONFIG,
                1,
                1,
                "error",
                _("mkdocs.yml holds no settings."),
                _("Write the site's settings as `key: value` lines (site_name:, plugins:, ...)."),
            )
        ]
    return []
