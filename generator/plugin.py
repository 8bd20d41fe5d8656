"""The MkDocs plugin: thin glue that runs load -> validate -> render inside `mkdocs build`.

Reading a build from here: `on_config` loads the project (`project.load_project`),
renders its pages (`render.render_site`) and stages them with content/ (`staging.stage`),
then points MkDocs at the staged folder; `on_page_context` gives each page its
fiscal-year navigation (`nav.scoped_nav`); `on_post_build` prepares the search index for
Thai (`search.prepare_search_index`). mkdocs-static-i18n builds the site once per
language by re-running every event, so the validated project is cached by a
fingerprint of the data and reused.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from generator.errors import DataError, format_report
from generator.metadata import absolute_alternates
from generator.nav import page_sources, scoped_nav
from generator.project import SHIPPED_CHECKLISTS, Project, load_project
from generator.render import Options, mark_thai, render_site
from generator.search import SearchConfigError, prepare_search_index
from generator.staging import stage

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


class OitPluginConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the generator off (the site then holds only content/)."""
    staging_dir = c.Type(str, default=".oit/docs")
    """Folder (relative to mkdocs.yml) where content/ and the generated pages are staged."""


class OitPlugin(BasePlugin[OitPluginConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.project: Project | None = None
        self.fingerprint = ""
        self.content_dir: Path | None = None
        self.sources: list[str] = []  # generated pages in reading order

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether we serve a preview: previews show completeness on every page.

        Defining on_startup also keeps this plugin instance (and its cache) across the
        rebuilds of `mkdocs serve`.
        """
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate the data and stage the pages; runs before MkDocs touches site_dir, so a
        data error leaves the previous site untouched."""
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent.resolve()
        staging = (root / self.config.staging_dir).resolve()
        if Path(config.docs_dir).resolve() != staging:  # the first run of this build
            self.content_dir = Path(config.docs_dir).resolve()
        assert self.content_dir is not None
        fingerprint = _fingerprint(root, self.content_dir)
        if fingerprint != self.fingerprint or self.project is None:
            try:
                project = load_project(root)
            except DataError as exc:
                self.fingerprint = ""
                raise PluginError("the data has errors:\n" + format_report(exc.problems)) from None
            for warning in project.warnings:
                log.info(warning.format())
            files = render_site(project, Options(preview=self.serving))
            stage(self.content_dir, files, staging)
            self.sources = page_sources(files)
            self.project, self.fingerprint = project, fingerprint
        config.docs_dir = str(staging)
        config.nav = _with_generated(config.nav, self.sources)
        return config

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when the data or the hand-written content changes.

        MkDocs watches docs_dir, which is our staging folder: each data edit would then
        rebuild twice (once for the edit, once for the pages it re-stages), so the staged
        folder is swapped for the real sources.
        """
        root = Path(config.config_file_path).parent
        server.unwatch(config.docs_dir)
        server.watch(str(root / "data"))
        if self.content_dir is not None:
            server.watch(str(self.content_dir))
        return server

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Filters for the theme's templates (theme/partials/toc-item.html)."""
        env.filters["oit_mark_thai"] = mark_thai
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Render each page with the navigation of its own fiscal year only."""
        if self.config.enabled and self.project is not None:
            lang = "en" if page.file.src_uri.endswith(".en.md") else "th"
            context["nav"] = scoped_nav(nav, page, self.project, lang)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Give search engines full hreflang addresses (see generator/metadata.py)."""
        if not self.config.enabled or not page.canonical_url:
            return output
        return absolute_alternates(output, page.canonical_url)

    # After mkdocs-static-i18n (-100), which writes the index of both languages last.
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Split the Thai text of the search index into words and tag each entry with its
        language (see generator/search.py)."""
        if not self.config.enabled:
            return
        try:
            prepare_search_index(Path(config.site_dir))
        except SearchConfigError as exc:
            raise PluginError(str(exc)) from None


def _with_generated(nav: list[Any] | None, generated: list[str]) -> list[Any]:
    """The site's nav with the generated pages inserted after the home page."""
    if not nav:
        return ["index.md", *generated]
    user = [entry for entry in nav if entry not in generated]
    return [user[0], *generated, *user[1:]]


def _fingerprint(root: Path, content_dir: Path) -> str:
    """Changes whenever any data file, content file or shipped checklist changes."""
    digest = hashlib.sha256()
    for folder in (root / "data", content_dir, SHIPPED_CHECKLISTS):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
