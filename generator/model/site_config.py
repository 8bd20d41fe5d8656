"""mkdocs.yml against data/agency.yml: the agency's identity is written in one place.

The oit plugin gives MkDocs the site's name (per language), address, logo and favicon from
data/agency.yml, and the theme, plugins and Markdown extensions from the tool itself
(`generator.mkdocs_plugin.configure`). A project's mkdocs.yml then holds only what an agency
may want to change (its menu, its own pages' settings). A value in it that says otherwise
would be overridden without a word, so each one is an error here, at its line:

- `site_name` (which MkDocs requires) must be the agency's Thai name; `site_url`, the
  theme's `logo` and `favicon` are better left out, and must agree when given;
- the theme is Material, loads no fonts from other hosts (`font: false`), and the pages are
  read from content/ (`docs_dir: content`);
- the `oit` plugin is listed, and `search` and `i18n` are not (the plugin sets them up).

mkdocs.yml is read as YAML nodes only (MkDocs' tags such as `!ENV` are not interpreted);
a value written with such a tag is not compared.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem
from generator.messages import Message, _
from generator.model.load import LoadError, compose_file, yaml_scalar
from generator.schema.agency import Agency

CONFIG = "mkdocs.yml"
_STR = "tag:yaml.org,2002:str"
#: Plugins the oit plugin sets up itself, or replaces (search: its own Pagefind index).
OWN_PLUGINS = ("search", "material/search", "i18n")


def check_site_config(root: Path, agency: Agency) -> list[Problem]:
    """Each value of mkdocs.yml that disagrees with data/agency.yml or with what the tool
    sets up, as an error at its line."""
    try:
        node = compose_file(root / CONFIG, CONFIG)
    except LoadError as exc:
        return [exc.problem]
    if not isinstance(node, MappingNode):
        return []  # MkDocs says what is wrong with it
    checker = _Checker(node)
    checker.site_name(agency)
    checker.site_url(agency)
    checker.docs_dir()
    checker.theme(agency)
    checker.plugins()
    return checker.problems


class _Checker:
    def __init__(self, root: MappingNode) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def error(self, node: Node | None, message: Message, hint: Message) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.problems.append(Problem(CONFIG, line, column, "error", message, hint))

    def site_name(self, agency: Agency) -> None:
        name = agency.name.th
        found = _get(self.root, "site_name")
        if found is None:
            self.error(
                None,
                _("there is no site_name."),
                _(
                    "Add the line `site_name: {name}` (MkDocs needs it; the site's names come "
                    "from name: in data/agency.yml).",
                    name=yaml_scalar(name),
                ),
            )
            return
        value = _text(found[1])
        if value is not None and value != name:
            self.error(
                found[1],
                _(
                    'site_name is "{value}", but data/agency.yml names the agency "{name}".',
                    value=value,
                    name=name,
                ),
                _(
                    "The site's names come from name: in data/agency.yml; write `site_name: "
                    "{name}` here (MkDocs needs the line).",
                    name=yaml_scalar(name),
                ),
            )

    def site_url(self, agency: Agency) -> None:
        found = _get(self.root, "site_url")
        value = _text(found[1]) if found else None
        if found is not None and value is not None and value != agency.site_url:
            self.error(
                found[1],
                _(
                    'site_url is "{value}", but data/agency.yml says "{site_url}".',
                    value=value,
                    site_url=agency.site_url,
                ),
                _("Delete this line: the site's address comes from site_url: in data/agency.yml."),
            )

    def docs_dir(self) -> None:
        found = _get(self.root, "docs_dir")
        value = _text(found[1]) if found else "docs"
        if value is not None and value.rstrip("/\\") != "content":
            self.error(
                found[1] if found else None,
                _(
                    'MkDocs reads the pages from "{value}", but the project keeps them in '
                    "content/.",
                    value=value,
                ),
                _("Write `docs_dir: content`."),
            )

    def theme(self, agency: Agency) -> None:
        found = _get(self.root, "theme")
        theme = found[1] if found else None
        name = _text(theme) if isinstance(theme, ScalarNode) else None
        if isinstance(theme, MappingNode):
            entry = _get(theme, "name")
            name = _text(entry[1]) if entry else None
        if name != "material":
            self.error(
                theme,
                _("the oit tool builds the site with the Material for MkDocs theme."),
                _("Write `theme:` with `name: material` under it."),
            )
        if not isinstance(theme, MappingNode):
            return
        wanted = {"logo": agency.logo, "favicon": agency.favicon or agency.logo}
        for key, value in wanted.items():
            entry = _get(theme, key)
            given = _text(entry[1]) if entry else None
            if entry is not None and given is not None and given != value:
                self.error(
                    entry[1],
                    _(
                        'the theme\'s {key} is "{given}", but data/agency.yml says "{value}".',
                        key=key,
                        given=given,
                        value=value,
                    )
                    if value
                    else _(
                        'the theme\'s {key} is "{given}", but data/agency.yml has no {key}.',
                        key=key,
                        given=given,
                    ),
                    _("Delete this line: the {key} comes from {key}: in data/agency.yml.", key=key),
                )
        font = _get(theme, "font")
        if font is not None and not (
            isinstance(font[1], ScalarNode) and font[1].value.lower() == "false"
        ):
            self.error(
                font[1],
                _(
                    "the theme's font would be loaded from Google's servers; the site makes no "
                    "request to any other host."
                ),
                _("Delete this line: the site brings its own font (Sarabun)."),
            )

    def plugins(self) -> None:
        found = _get(self.root, "plugins")
        entries: list[tuple[str, Node]] = []
        if found is not None and isinstance(found[1], SequenceNode):
            for entry in found[1].value:
                if isinstance(entry, ScalarNode):
                    entries.append((entry.value, entry))
                elif isinstance(entry, MappingNode) and entry.value:
                    key = entry.value[0][0]
                    entries.append((str(key.value), key))
        elif found is not None and isinstance(found[1], MappingNode):
            entries = [(str(key.value), key) for key, _value in found[1].value]
        names = [name for name, _node in entries]
        if "oit" not in names:
            self.error(
                found[0] if found else None,
                _(
                    "the oit plugin is not listed under plugins:, so MkDocs would build the "
                    "pages of content/ alone."
                ),
                _("Add the line `- oit` under plugins:."),
            )
        for name, node in entries:
            if name in OWN_PLUGINS and name != "i18n":
                self.error(
                    node,
                    _(
                        "the oit plugin gives the site its search itself (Pagefind, loaded only "
                        "when a reader searches); the {name} plugin would load the whole site's "
                        "index on every page.",
                        name=name,
                    ),
                    _("Delete this entry and its settings."),
                )
            elif name in OWN_PLUGINS:
                self.error(
                    node,
                    _(
                        "the oit plugin sets up the {name} plugin itself, with the settings the "
                        "site's pages and Thai search need.",
                        name=name,
                    ),
                    _(
                        "Delete this entry and its settings; name the English of a menu section "
                        "under the oit plugin's nav_translations:."
                    )
                    if name == "i18n"
                    else _("Delete this entry and its settings."),
                )


def _get(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _text(node: Node) -> str | None:
    """A plain string value as written; None for anything MkDocs would compute (a tag)."""
    if isinstance(node, ScalarNode) and node.tag == _STR:
        return str(node.value)
    return None
