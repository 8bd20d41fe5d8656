"""The MkDocs plugin: thin glue that runs load -> validate -> render inside `mkdocs build`.

Reading a build from here: `on_config` loads the project (`project.load_project`),
renders its pages (`render.render_site`) and stages them with content/ (`staging.stage`),
then points MkDocs at the staged folder; `on_page_context` gives each page its
fiscal-year navigation (`nav.scoped_nav`). mkdocs-static-i18n builds the site once per
language by re-running every event, so the validated project is cached by a
fingerprint of the data (`project.load_project_cached`) and reused. Once every language
is built, `on_post_build` prepares the search index for Thai (`search`), publishes the
declared redirects (`redirects`), checks the URL manifest (`manifest`) and the links of
the whole site (`links`), and fails the build on a lost address or a broken link. The
Thai word splitting and the reading of the pages' links start earlier, in a helper
process (`background`), while MkDocs builds the pages; the helper also compiles the
templates (`templating`).
"""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from generator import urls
from generator.background import Helper
from generator.errors import DataError, format_report
from generator.mkdocs_plugin.hreflang import absolute_alternates
from generator.mkdocs_plugin.links import PageRefs, check_links, html_files, read_pages
from generator.mkdocs_plugin.manifest import (
    MANIFEST,
    built_addresses,
    lost_addresses,
    new_addresses,
    read_manifest,
    write_manifest,
)
from generator.mkdocs_plugin.nav import page_sources, scoped_nav
from generator.mkdocs_plugin.redirects import check_redirects, expand, write_redirects
from generator.mkdocs_plugin.search import (
    SearchConfigError,
    check_separator,
    load_dictionary,
    merge_rebuilt,
    prepare_index,
    read_index,
    split_words,
    thai_chunks,
    write_index,
)
from generator.mkdocs_plugin.staging import stage
from generator.model.project import Project, load_project_cached
from generator.site.context import Options, mark_thai
from generator.site.render import render_site, use_compiled
from generator.templating import Compiled, MemoryBytecodeCache, Recipe, compile_recipe, recipe

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
T = TypeVar("T")


_TEMPLATE_CACHE = MemoryBytecodeCache()  # Material's templates, for every build of the process


class OitPluginConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the generator off (the site then holds only content/)."""
    staging_dir = c.Type(str, default=".oit/docs")
    """Folder (relative to mkdocs.yml) where content/ and the generated pages are staged."""
    url_manifest = c.Type(str, default=MANIFEST)
    """File (relative to mkdocs.yml) listing every address the site has published."""


MAX_LISTED = 50  # broken links named in one error; the rest are counted
READ_BATCH = 16  # pages written before the helper is asked to read their links


class OitPlugin(BasePlugin[OitPluginConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.project: Project | None = None
        self.content_dir: Path | None = None
        self.root: Path | None = None
        self.sources: list[str] = []  # generated pages in reading order
        self.data_files: list[str] = []  # generated files beside pages (CSV, JSON, XLSX)
        self.builds = 0  # builds running: mkdocs-static-i18n nests one per extra language
        self.update_manifest = False  # set by `oit urls --update`
        self.new_addresses: list[str] = []  # published but not in the manifest (last build)
        self.helper = Helper()  # `oit build` hands over the one it started
        self.templates_ahead: Future[dict[str, bytes]] | None = None  # compiled by it
        self.theme_ahead: tuple[Recipe, Future[Compiled]] | None = None
        self.split_ahead: Future[dict[str, str]] | None = None  # the first language's Thai
        self.site_root: Path | None = None  # site_dir of the outermost build
        self.written: list[str] = []  # pages written and not yet handed to the helper
        self.pages_ahead: list[Future[dict[str, PageRefs]]] = []  # their links, read there
        self.preview_docs: list[dict[str, Any]] = []  # the search index of `oit serve`

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
        try:
            project = load_project_cached(root)
        except DataError as exc:
            raise PluginError("the data has errors:\n" + format_report(exc.problems)) from None
        if project is not self.project:  # new or changed data: render and stage again
            for warning in project.warnings:
                log.info(warning.format())
            try:  # with the templates compiled, and the ITAS workbooks written, in the helper
                if self.templates_ahead is not None:
                    use_compiled(self.templates_ahead.result())
                    self.templates_ahead = None
                files = render_site(project, Options(preview=self.serving), self._submit)
            except BrokenProcessPool:
                raise self._helper_stopped() from None
            stage(self.content_dir, files, staging)
            self.sources = page_sources(files)
            self.data_files = [name for name in files if not name.endswith(".md")]
            self.project = project
        self.root = root
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

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Count the builds in progress: mkdocs-static-i18n builds each extra language from
        inside the first build's on_post_build, so the site is complete only when the
        outermost build reaches its on_post_build. The outermost build gives the helper
        its next jobs, in the order they are needed: the theme's templates (for the first
        page written), then PyThaiNLP's dictionary (for the first language's index)."""
        if not self.builds:
            self.site_root = Path(config.site_dir).resolve()
            if self.serving:
                _one_build_search_index(config)
            if self.config.enabled:
                self._compile_theme_ahead(config)
                self._submit(load_dictionary)
        self.builds += 1

    def _compile_theme_ahead(self, config: MkDocsConfig) -> None:
        """Once per process (MkDocs keeps this plugin, and so the cache, across builds)."""
        ahead = recipe(self._theme_env(config.theme.get_env()))
        if ahead is not None and ahead not in _TEMPLATE_CACHE.recipes:
            _TEMPLATE_CACHE.recipes.add(ahead)
            roots = {"main.html", *config.theme.static_templates}
            self.theme_ahead = ahead, self._submit(compile_recipe, ahead, roots)

    @event_priority(-50)  # after Material's search (0) wrote the first language's index
    def _read_ahead(self, *, config: MkDocsConfig) -> None:
        """Before mkdocs-static-i18n (-100) builds the other languages: hand the helper the
        Thai of the first language's search index to split into words."""
        if self.builds != 1 or not self.config.enabled or self.project is None:
            return
        site_dir = Path(config.site_dir)
        index = read_index(site_dir)
        if index is not None:
            self.split_ahead = self._submit(split_words, thai_chunks(index))

    @event_priority(-150)  # after mkdocs-static-i18n's on_post_build (-100) built the others
    def _finish(self, *, config: MkDocsConfig) -> None:
        """Once every language is built: prepare the search index for Thai (see
        search.py), publish the redirects, then fail the build on an address of the manifest
        the site lost or on a broken internal link."""
        self.builds -= 1
        if self.builds or not self.config.enabled or self.project is None:
            return
        assert self.root is not None
        try:
            self._finish_build(Path(config.site_dir), self.project, self.root)
        except BrokenProcessPool:
            raise self._helper_stopped() from None

    def _submit(self, job: Callable[..., T], *args: Any) -> Future[T]:
        try:
            return self.helper.submit(job, *args)
        except BrokenProcessPool:
            raise self._helper_stopped() from None

    def _helper_stopped(self) -> PluginError:
        self.helper.close()  # `oit serve` starts a new one with the next rebuild
        return PluginError(
            "the build's helper process stopped unexpectedly (out of memory?); run the build again"
        )

    def _finish_build(self, site_dir: Path, project: Project, root: Path) -> None:
        split = self.split_ahead.result() if self.split_ahead is not None else {}
        self.split_ahead = None
        pages: dict[str, PageRefs] = {}
        for answer in self.pages_ahead:
            pages.update(answer.result())
        self.pages_ahead, self.written = [], []
        index = read_index(site_dir)
        rest: Future[dict[str, str]] | None = None
        if index is not None:
            try:
                check_separator(index)
            except SearchConfigError as exc:
                raise PluginError(str(exc)) from None
            rest = self._submit(split_words, thai_chunks(index) - split.keys())
        if not self.serving:  # the manifest and link checks belong to `oit build` and CI
            self._finish_site(site_dir, project, root, pages)
        if index is not None and rest is not None:
            prepared = prepare_index(index, {**split, **rest.result()})
            if self.serving:
                prepared["docs"] = self.preview_docs = merge_rebuilt(
                    self.preview_docs, prepared["docs"]
                )
            write_index(site_dir, prepared)

    on_post_build = CombinedEvent(_read_ahead, _finish)

    def on_shutdown(self) -> None:
        self.helper.close()

    def on_build_error(self, *, error: Exception) -> None:
        self.builds = 0
        self.split_ahead, self.pages_ahead, self.written = None, [], []

    def _finish_site(
        self, site_dir: Path, project: Project, root: Path, pages: dict[str, PageRefs]
    ) -> None:
        site_url = project.agency.site_url
        manifest = root / self.config.url_manifest
        recorded = read_manifest(manifest)
        built = built_addresses(site_dir, self.data_files)
        redirects = expand(project.redirects)
        published = built | set(redirects)
        errors = [
            p.format() for p in check_redirects(project.redirects, project.redirects_source, built)
        ]
        if not errors:
            write_redirects(site_dir, redirects, site_url)
        lost = lost_addresses(recorded, published)
        if lost:
            errors.append(_lost_message(lost, manifest.name))
        broken = check_links(site_dir, site_url, self._read_rest(site_dir, pages))
        if broken:
            listed = [f"  {b.format()}" for b in broken[:MAX_LISTED]]
            if len(broken) > MAX_LISTED:
                listed.append(f"  ... and {len(broken) - MAX_LISTED} more")
            errors.append("broken links in the built site:\n" + "\n".join(listed))
        if errors:
            raise PluginError("\n".join(errors))
        self.new_addresses = new_addresses(recorded, published)
        if self.update_manifest:
            write_manifest(manifest, [*recorded, *published])
            log.info(f"{manifest.name}: {len(self.new_addresses)} new address(es) recorded")
        elif not manifest.is_file():
            log.info(f"no {manifest.name} yet: record the addresses with `oit urls --update`")
        elif self.new_addresses:
            log.info(
                f"{len(self.new_addresses)} new address(es) not yet in {manifest.name}; "
                "record them with `oit urls --update`"
            )

    def _read_rest(self, site_dir: Path, pages: dict[str, PageRefs]) -> dict[str, PageRefs]:
        """`pages` read ahead, and the pages not read yet (the last one written, 404.html,
        the redirects): half read by the helper, half here, at the same time."""
        rest = [rel for rel in html_files(site_dir) if rel not in pages]
        theirs = self._submit(read_pages, site_dir, rest[::2])
        mine = read_pages(site_dir, rest[1::2])
        return {**pages, **mine, **theirs.result()}

    def on_template_context(
        self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        """Scope the navigation of page-less templates too (404.html)."""
        if self.config.enabled and self.project is not None and "nav" in context:
            lang = config.theme.get("language", "th")
            context["nav"] = scoped_nav(context["nav"], None, self.project, lang)
        return context

    @event_priority(-100)  # last, so that the environment is complete
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Filters for the theme's templates (theme/partials/toc-item.html); and compiled
        templates kept in memory: MkDocs makes a new environment for every build (each
        language, each rebuild of `mkdocs serve`), which would compile Material's templates
        again every time. The first build takes them from the helper (on_pre_build), if
        they were compiled for an environment like this one."""
        env = self._theme_env(env)
        env.bytecode_cache = _TEMPLATE_CACHE
        if self.theme_ahead is not None:
            ahead, compiled = self.theme_ahead
            self.theme_ahead = None  # later builds find them in the cache
            if ahead == recipe(env):
                _TEMPLATE_CACHE.add_later(compiled)
            else:
                log.debug("the theme's templates compile here: the environment changed")
        return env

    @staticmethod
    def _theme_env(env: Environment) -> Environment:
        """`env` with our filters, and with jinja2.ext.loopcontrols, which
        mkdocs-static-i18n's on_env adds for its sitemap.xml (adding it twice is harmless):
        on_pre_build compiles the theme for the environment on_env will then have."""
        env.filters["oit_mark_thai"] = mark_thai
        env.add_extension("jinja2.ext.loopcontrols")
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Render each page with the navigation of its own fiscal year only."""
        if self.config.enabled and self.project is not None:
            lang = "en" if page.file.src_uri.endswith(".en.md") else "th"
            context["nav"] = scoped_nav(nav, page, self.project, lang)
        return context

    @event_priority(-100)  # last: the output is the page as written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Give search engines full hreflang addresses (see hreflang.py); and
        have the helper read the links of the pages written so far (MkDocs writes this
        one once we return), a batch at a time, for the link check at the end."""
        if not self.config.enabled:
            return output
        if not self.serving and self.site_root is not None:
            if len(self.written) >= READ_BATCH:
                job = self._submit(read_pages, self.site_root, self.written)
                self.pages_ahead.append(job)
                self.written = []
            dest = Path(page.file.abs_dest_path).resolve()
            self.written.append(dest.relative_to(self.site_root).as_posix())
        if not page.canonical_url:
            return output
        return absolute_alternates(output, page.canonical_url)


def _one_build_search_index(config: MkDocsConfig) -> None:
    """Make the search index of a rebuild of `oit serve` hold what that rebuild built, once.

    Material's search plugin, under dirty reload, merges each new index with the previous
    one, assuming one page of one language was rebuilt; mkdocs-static-i18n collects the
    entries of every language's build and never empties its list. Together each rebuild
    wrote about three times the entries of the one before (the index of a five-year site
    doubled with every edit). Both are turned off at the start of each rebuild through
    their internal attributes (`is_dirty` of material/plugins/search/plugin.py,
    `search_entries` of mkdocs_static_i18n/reconfigure.py); `merge_rebuilt` then keeps
    the pages not rebuilt. Either attribute missing: nothing is done.
    """
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and hasattr(search, "is_dirty"):
        search.is_dirty = False
    entries = getattr(config.plugins.get("i18n"), "search_entries", None)
    if isinstance(entries, list):
        entries.clear()


def _lost_message(lost: list[str], manifest: str) -> str:
    example = lost[0]
    for lang in urls.LANGS:
        if lang != urls.DEFAULT_LANG and example.startswith(f"/{lang}/"):
            example = example.removeprefix(f"/{lang}")
    return (
        f"the site no longer has these addresses, which {manifest} lists as published:\n"
        + "".join(f"  {address}\n" for address in lost)
        + "Bring them back, or say in data/redirects.yml where each one went (a page's line "
        f"covers every language), e.g.\n  redirects:\n    {example}: /where/it/went/"
    )


def _with_generated(nav: list[Any] | None, generated: list[str]) -> list[Any]:
    """The site's nav with the generated pages inserted after the home page."""
    if not nav:
        return ["index.md", *generated]
    user = [entry for entry in nav if entry not in generated]
    return [user[0], *generated, *user[1:]]
