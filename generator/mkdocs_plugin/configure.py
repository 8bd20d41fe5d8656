"""What the tool gives MkDocs, so that an agency's mkdocs.yml stays short.

The package carries the theme's overrides (`generator/theme/`: templates, styles, the Sarabun
font, the search box); the oit plugin's `on_config` puts them first in the theme's
folders (after an agency's own `custom_dir`, which may override them), sets up the `i18n`
plugin and the Markdown extensions the generated pages use, and takes the
site's identity from data/agency.yml: `site_name` per language, `site_url`, the logo and
the favicon. `generator.model.site_config` reports a value of mkdocs.yml that disagrees.

Why not a base config for MkDocs' `INHERIT`: it names a file relative to mkdocs.yml, and
the package's folder differs on every machine.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config.config_options import ExtraScriptValue, Plugins

from generator import labels, urls

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.schema.agency import Agency

#: The MkDocs command a build runs for (the plugins' on_startup).
Command = Literal["build", "gh-deploy", "serve"]

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"

FEATURES = [
    "navigation.footer",
    "navigation.indexes",
    "navigation.top",
    "content.tooltips",
]
MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]
EXTRA_CSS = ["assets/fonts/sarabun.css", "assets/oit.css"]
EXTRA_JAVASCRIPT = ["assets/javascripts/oit-print.js"]

#: No `search` plugin: Material's search would load the index of the whole site, both
#: languages, on every page. The oit plugin writes a Pagefind index instead (search.py),
#: which the search box (generator/theme/assets/javascripts/oit-search.js) loads in pieces, when a
#: reader searches.


def i18n_settings(agency: Agency, nav_translations: dict[str, str]) -> dict[str, Any]:
    """mkdocs-static-i18n's settings: Thai at /, English at /en/, from `x.md` and `x.en.md`."""
    return {
        "docs_structure": "suffix",
        "fallback_to_default": True,
        "reconfigure_material": True,
        "languages": [
            {
                "locale": "th",
                "default": True,
                "name": labels.LANGUAGE_NAMES["th"],
                "build": True,
            },
            {
                "locale": "en",
                "name": labels.LANGUAGE_NAMES["en"],
                "build": True,
                "site_name": agency.name.get("en").text,
                "nav_translations": dict(nav_translations),
            },
        ],
    }


def configure(
    config: MkDocsConfig,
    agency: Agency,
    *,
    nav_translations: dict[str, str],
    serving: bool,
    command: Command,
    dirty: bool,
) -> None:
    """Give MkDocs the tool's theme, plugins and extensions, and the agency's identity.

    Runs in every on_config: mkdocs-static-i18n builds English on the same config, so each
    step leaves a value already set as it is.
    """
    _identity(config, agency, serving)
    _theme(config)
    _markdown(config)
    _plugins(config, agency, nav_translations, command, dirty)


def _identity(config: MkDocsConfig, agency: Agency, serving: bool) -> None:
    config.site_name = agency.name.th  # the English build: i18n's site_name above
    if not serving:  # a preview keeps its local address (MkDocs sets it)
        config.site_url = agency.site_url
    if agency.logo:
        config.theme["logo"] = agency.logo
    favicon = agency.favicon or agency.logo
    if favicon:
        config.theme["favicon"] = favicon


def _theme(config: MkDocsConfig) -> None:
    theme = config.theme
    ours = str(THEME_DIR)
    if ours not in theme.dirs:
        # After the agency's own custom_dir (which may override ours), before Material.
        theme.dirs.insert(1 if theme.custom_dir else 0, ours)
    theme["font"] = False  # no Google Fonts: the site makes no request to any other host
    theme["language"] = urls.DEFAULT_LANG
    features = list(theme.get("features") or [])
    theme["features"] = FEATURES + [f for f in features if f not in FEATURES]
    config.extra_css[:0] = [css for css in EXTRA_CSS if css not in config.extra_css]
    given = [str(script) for script in config.extra_javascript]
    config.extra_javascript[:0] = [
        ExtraScriptValue(script) for script in EXTRA_JAVASCRIPT if script not in given
    ]
    # Links and anchors that MkDocs would only mention: warnings, so that `oit build`
    # (strict) stops on them.
    links, nav = config.validation.links, config.validation.nav
    for section, key in (
        (links, "absolute_links"),
        (links, "unrecognized_links"),
        (links, "anchors"),
        (nav, "omitted_files"),
        (nav, "absolute_links"),
    ):
        if isinstance(section[key], int) and section[key] < logging.WARNING:
            section[key] = logging.WARNING


def _markdown(config: MkDocsConfig) -> None:
    for name in MARKDOWN_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    config.mdx_configs.setdefault("toc", {}).setdefault("permalink", True)
    # A column's alignment as an attribute: the site's CSP refuses inline styles.
    config.mdx_configs.setdefault("tables", {}).setdefault("use_align_attribute", True)


def _plugins(
    config: MkDocsConfig,
    agency: Agency,
    nav_translations: dict[str, str],
    command: Command,
    dirty: bool,
) -> None:
    """Load the i18n plugin into MkDocs' own plugin collection.

    As Material's `group` plugin does (material/plugins/group/plugin.py): through the
    `plugins` option, so that MkDocs keeps one instance of a plugin with on_startup across
    the rebuilds of `mkdocs serve`, and each new one gets the on_startup it missed. Its
    events run after ours (i18n's at -100).
    """
    wanted = [("i18n", i18n_settings(agency, nav_translations))]
    missing = [
        (name, settings)
        for name, settings in wanted
        if name not in config.plugins and f"material/{name}" not in config.plugins
    ]
    if not missing:
        return
    option = dict(config._schema)["plugins"]
    assert isinstance(option, Plugins)
    option.plugins = config.plugins  # the collection of this config (the option's last one)
    for name, settings in missing:
        _, plugin = option.load_plugin_with_namespace(name, dict(settings))
        if hasattr(plugin, "on_startup"):
            plugin.on_startup(command=command, dirty=dirty)
