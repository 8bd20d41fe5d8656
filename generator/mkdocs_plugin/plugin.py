"""The MkDocs plugin: thin glue that runs load -> validate -> render inside `mkdocs build`.

Reading a build from here, in five calls: `on_config` loads the validated project
(`model.project.load_project_cached`), renders its pages (`site.render.render_site`) and
stages them with content/ (`staging.stage`), then points MkDocs at the staged folder;
`on_page_context` gives each page the navigation of its own fiscal year
(`nav.scoped_nav`); `on_post_page` hands each written page to the search index
(`search.SearchIndex`); once every language is built, `on_post_build` writes the search
index and, for a published build, writes the declared redirects and checks the URL
manifest and every link (`_finish_site`).

mkdocs-static-i18n builds each further language by running a whole MkDocs build again
from inside the first build's `on_post_build`; every event runs once per language. The
validated project is cached by a fingerprint of its files, so the second run costs
nothing, and the site-wide work waits for the outermost build to finish (`self.builds`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from generator import caches, urls
from generator.errors import DataError, format_report
from generator.messages import Lang, Message, _, _n, choose_lang
from generator.mkdocs_plugin.configure import Command, configure
from generator.mkdocs_plugin.csp import content_security_policy
from generator.mkdocs_plugin.hreflang import absolute_alternates
from generator.mkdocs_plugin.links import check_links
from generator.mkdocs_plugin.manifest import (
    built_addresses,
    lost_addresses,
    new_addresses,
    read_manifest,
    write_manifest,
)
from generator.mkdocs_plugin.nav import page_sources, scoped_nav
from generator.mkdocs_plugin.redirects import check_redirects, expand, write_redirects
from generator.mkdocs_plugin.safety import PageSafety, SafeMarkdown, check_markdown, check_meta
from generator.mkdocs_plugin.search import SearchIndex, SearchIndexError
from generator.mkdocs_plugin.staging import stage
from generator.model.project import Project, load_project_cached, message_language
from generator.site.context import Options, mark_thai
from generator.site.render import render_site
from generator.urls import MANIFEST

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)


class OitPluginConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the generator off (the site then holds only content/)."""
    staging_dir = c.Type(str, default=".oit")
    """Folder (relative to mkdocs.yml) of the tool's own files: `build/docs` and
    `serve/docs` hold content/ and the generated pages for MkDocs to build."""
    url_manifest = c.Type(str, default=MANIFEST)
    """File (relative to mkdocs.yml) listing every address the site has published."""
    nav_translations = c.Type(dict, default={})
    """The English of each section title of mkdocs.yml's nav (Thai: English), e.g.
    `ความช่วยเหลือ: Help`; pages take their titles from their own files."""


MAX_LISTED = 50  # broken links named in one error; the rest are counted


class OitPlugin(BasePlugin[OitPluginConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.command: Command = "build"
        self.dirty = False
        self.project: Project | None = None
        self.content_dir: Path | None = None
        self.root: Path | None = None
        self.sources: list[str] = []  # generated pages in reading order
        self.data_files: list[str] = []  # generated files beside pages (CSV, JSON, XLSX)
        self.builds = 0  # builds running: mkdocs-static-i18n nests one per extra language
        self.staging: Path | None = None  # `oit build` gives each build a folder of its own
        self.update_manifest = False  # set by `oit urls --update`
        self.new_addresses: list[str] = []  # published but not in the manifest (last build)
        #: The language of the messages: `oit build --lang` sets it; otherwise OIT_LANG (which
        #: `oit serve` sets), else the agency's `settings: messages:`, else Thai.
        self.lang: Lang | None = None
        self.search: SearchIndex | None = None  # the pages of the build, for the index
        self.preview_search: threading.Thread | None = None  # `oit serve` indexes aside
        self.generated: set[str] = set()  # the staged files the generator wrote
        self.origin: Callable[[str], str] = str  # a staged file -> the data file it is from
        self.safety = PageSafety()  # what the page being converted may hold (safety.py)

    def on_startup(self, *, command: Command, dirty: bool) -> None:
        """Note whether we serve a preview: previews show completeness on every page.

        Defining on_startup also keeps this plugin instance (and its cache) across the
        rebuilds of `mkdocs serve`.
        """
        self.serving = command == "serve"
        self.command, self.dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate the data and stage the pages; runs before MkDocs touches site_dir, so a
        data error leaves the previous site untouched. Then give MkDocs the agency's identity
        and the tool's theme, plugins and extensions (configure.py)."""
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent.resolve()
        staging = (
            self.staging
            or root / self.config.staging_dir / ("serve" if self.serving else "build") / "docs"
        )
        if Path(config.docs_dir).resolve() != staging.resolve():  # the first run of this build
            self.content_dir = Path(config.docs_dir).resolve()
        assert self.content_dir is not None
        lang = self.reader(root)
        try:
            project = load_project_cached(root)
            if project is not self.project:  # new or changed data: render and stage again
                for warning in project.warnings:
                    log.info(warning.format(lang))
                rendered = render_site(project, Options(preview=self.serving))
                stage(self.content_dir, rendered.files, rendered.origin, staging, root)
                self.sources = page_sources(rendered.files)
                self.generated = set(rendered.files)
                self.origin = rendered.origin
                self.data_files = [name for name in rendered.files if not name.endswith(".md")]
                self.project = project
        except DataError as exc:
            raise PluginError(
                _("the data has errors:").render(lang) + "\n" + format_report(exc.problems, lang)
            ) from None
        self.root = root
        configure(
            config,
            project.agency,
            nav_translations=self.config.nav_translations,
            serving=self.serving,
            command=self.command,
            dirty=self.dirty,
        )
        self.safety.image_hosts = frozenset(project.agency.settings.image_hosts)
        if not any(isinstance(e, SafeMarkdown) for e in config.markdown_extensions):
            config.markdown_extensions.append(SafeMarkdown(self.safety))  # type: ignore[arg-type]
        # The pages' own Content-Security-Policy (generator/theme/main.html); a preview has
        # none: `mkdocs serve` puts an inline script into every page to reload it.
        config.extra["oit_csp"] = "" if self.serving else content_security_policy(header=False)
        config.docs_dir = str(staging)
        config.nav = _with_generated(config.nav, self.sources)
        return config

    def reader(self, root: Path) -> Lang:
        """The language of this build's messages (see `lang`)."""
        return self.lang or choose_lang(os.environ.get("OIT_LANG"), message_language(root))

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

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Count the builds in progress: the site is complete only when the outermost
        build reaches its on_post_build."""
        if not self.builds and self.config.enabled:
            self._start_search_index(config)
        self.builds += 1

    @event_priority(-150)  # after mkdocs-static-i18n's on_post_build (-100) built the others
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Once every language is built: write the search index (see search.py); for a
        published build, also publish the redirects, then fail the build on an address of
        the manifest the site lost or on a broken internal link."""
        self.builds -= 1
        if self.builds or not self.config.enabled or self.project is None:
            return
        assert self.root is not None and self.search is not None
        site_dir = Path(config.site_dir)
        if self.serving:  # the preview shows at once; its search catches up a moment later
            self.preview_search = threading.Thread(
                target=_write_quietly, args=(self.search, site_dir), daemon=True
            )
            self.preview_search.start()
            return
        search, self.search = self.search, None
        try:
            search.start(site_dir)  # Pagefind indexes while the site is checked
            try:
                self._finish_site(site_dir, self.project, self.root)
            except BaseException:  # a failed check, SIGTERM, Ctrl+C: no index to wait for
                search.stop()
                raise
            finally:
                search.wait()
        except SearchIndexError as exc:
            raise PluginError(exc.message.render(self.reader(self.root))) from None
        finally:
            shutil.rmtree(search.folder, ignore_errors=True)

    def on_shutdown(self) -> None:
        """`oit serve` ends: stop the preview's search index if it is being written."""
        if self.search is not None:
            self.search.stop()

    def on_build_error(self, *, error: Exception) -> None:
        self.builds = 0
        if self.search is not None and not self.serving:
            shutil.rmtree(self.search.folder, ignore_errors=True)
            self.search = None

    def _start_search_index(self, config: MkDocsConfig) -> None:
        """A folder for the pages Pagefind will read: a new one for each build; for `oit
        serve`, one kept across rebuilds, which rebuild only the pages an edit touched."""
        if self.preview_search is not None:  # the previous rebuild's index is out of date
            if self.search is not None:
                self.search.stop()
            self.preview_search.join()
            self.preview_search = None
        if self.serving:
            root = Path(config.config_file_path).parent.resolve()
            if self.search is None:
                folder = root / self.config.staging_dir / "serve" / "search"
                shutil.rmtree(folder, ignore_errors=True)
                self.search = SearchIndex(folder)
        else:
            self.search = SearchIndex(Path(tempfile.mkdtemp(prefix="oit-search-")))

    def _finish_site(self, site_dir: Path, project: Project, root: Path) -> None:
        site_url = project.agency.site_url
        lang = self.reader(root)
        manifest = root / self.config.url_manifest
        recorded = read_manifest(manifest)
        built = built_addresses(site_dir, self.data_files)
        redirects = expand(project.redirects)
        published = built | set(redirects)
        errors = [
            p.format(lang)
            for p in check_redirects(
                project.redirects,
                project.redirects_source,
                built,
                set(recorded) if manifest.is_file() else None,
                site_dir,
            )
        ]
        if not errors:
            write_redirects(site_dir, redirects, site_url)
        lost = lost_addresses(recorded, published)
        if lost:
            errors.append(_lost_message(lost, manifest.name).render(lang))
        broken = check_links(site_dir, site_url)
        if broken:
            listed = [f"  {b.format(lang)}" for b in broken[:MAX_LISTED]]
            if len(broken) > MAX_LISTED:
                more = _("... and {count} more", count=len(broken) - MAX_LISTED)
                listed.append(f"  {more.render(lang)}")
            errors.append(
                _("broken links in the built site:").render(lang) + "\n" + "\n".join(listed)
            )
        if errors:
            raise PluginError("\n".join(errors))
        self.new_addresses = new_addresses(recorded, published)
        count = len(self.new_addresses)
        if self.update_manifest:
            write_manifest(manifest, [*recorded, *published])
            say = _(
                "{manifest}: {count} new address(es) recorded", manifest=manifest.name, count=count
            )
            log.info(say.render(lang))
        elif not manifest.is_file():
            say = _(
                "no {manifest} yet: record the addresses with `oit urls --update`",
                manifest=manifest.name,
            )
            log.info(say.render(lang))
        elif self.new_addresses:
            say = _n(
                "{n} new address not yet in {manifest}; record it with `oit urls --update`",
                "{n} new addresses not yet in {manifest}; record them with `oit urls --update`",
                count,
                manifest=manifest.name,
            )
            log.info(say.render(lang))

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """Scope the navigation of page-less templates too (404.html)."""
        if self.config.enabled and self.project is not None and "nav" in context:
            lang = config.theme.get("language", "th")
            context["nav"] = scoped_nav(context["nav"], None, self.project, lang)
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """A filter for the theme's templates (generator/theme/partials/toc-item.html), and Jinja's
        bytecode cache: MkDocs makes a new environment for every build (each language,
        each rebuild of `mkdocs serve`), which would compile Material's templates again."""
        env.filters["oit_mark_thai"] = mark_thai
        env.bytecode_cache = caches.template_cache()
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Before a page is converted: escape its metadata texts, refuse metadata a
        hand-written page may not set, and tell the Markdown checks whose page it is."""
        if not self.config.enabled:
            return markdown
        generated = page.file.src_uri in self.generated
        self.safety.page, self.safety.generated = page.file.src_uri, generated
        for what in check_meta(page.meta, generated):
            self.safety.refuse(what)
        if not generated:  # the generator's data texts were checked when they were loaded
            for what in check_markdown(markdown):
                self.safety.refuse(what)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """After a page is converted: stop the build on anything it may not publish."""
        refused = [r.what for r in self.safety.refused if r.page == page.file.src_uri]
        self.safety.refused.clear()
        if refused:
            lang = self.reader(self.root) if self.root else "th"
            listed = "".join(f"  {what.render(lang)}\n" for what in dict.fromkeys(refused))
            message = _(
                "{source} holds what the site may not publish:\n{listed}Remove it: pages may "
                "link to http(s), mailto and tel addresses and to this site, show images from "
                "this site, and use plain Markdown and simple HTML (no scripts, styles, frames "
                "or forms).",
                source=self._source_of(page.file.src_uri),
                listed=listed,
            )
            raise PluginError(message.render(lang))
        return html

    def _source_of(self, src_uri: str) -> str:
        """Where an editor finds a page's source: the data file of a generated page, the
        hand-written file under content/ (which the staging folder mirrors) otherwise."""
        if src_uri in self.generated:
            return f"{self.origin(src_uri)} (page /{src_uri.rsplit('index', 1)[0]})"
        return f"content/{src_uri}"

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Render each page with the navigation of its own fiscal year only."""
        if self.config.enabled and self.project is not None:
            lang = "en" if page.file.src_uri.endswith(".en.md") else "th"
            context["nav"] = scoped_nav(nav, page, self.project, lang)
        return context

    @event_priority(-100)  # last: the output is the page as written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Give search engines full hreflang addresses (see hreflang.py); hand the page to
        the search index unless its front matter says `search: {exclude: true}`."""
        if not self.config.enabled:
            return output
        if self.search is not None and not (page.meta.get("search") or {}).get("exclude"):
            self.search.add_page(page.file.dest_uri, output)
        if not page.canonical_url:
            return output
        return absolute_alternates(output, page.canonical_url)


def _write_quietly(search: SearchIndex, site_dir: Path) -> None:
    """Write the preview's search index; a failure is logged, the preview goes on."""
    try:
        search.write(site_dir)
    except SearchIndexError as exc:
        log.warning(exc.message.render(choose_lang(os.environ.get("OIT_LANG"))))


def _lost_message(lost: list[str], manifest: str) -> Message:
    example = lost[0]
    for lang in urls.LANGS:
        if lang != urls.DEFAULT_LANG and example.startswith(f"/{lang}/"):
            example = example.removeprefix(f"/{lang}")
    return _(
        "the site no longer has these addresses, which {manifest} lists as published:\n"
        "{addresses}Bring them back, or say in data/redirects.yml where each one went (a "
        "page's line covers every language), e.g.\n  redirects:\n    {example}: "
        "/where/it/went/",
        manifest=manifest,
        addresses="".join(f"  {address}\n" for address in lost),
        example=example,
    )


def _with_generated(nav: list[Any] | None, generated: list[str]) -> list[Any]:
    """The site's nav with the generated pages inserted after the home page."""
    if not nav:
        return ["index.md", *generated]
    user = [entry for entry in nav if entry not in generated]
    return [user[0], *generated, *user[1:]]
