"""The `oit` command: check, build and serve an agency's OIT site.

Every command acts on the project in the current folder (the one holding mkdocs.yml),
or on the one given with --project. Exit codes: 0 OK, 1 data errors, 2 usage.

Each command imports what it uses when it runs, so that `oit --help` and the quick
commands do not wait for MkDocs, pydantic and PyThaiNLP to import.

Messages to editors are in Thai unless `--lang en`, the environment's OIT_LANG or
`settings: messages: en` in data/agency.yml says otherwise, in that order
(`generator.messages`). Command help stays in English, like MkDocs' own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.messages import DEFAULT_LANG, LANGS, Lang, Message, _, _n, choose_lang

if TYPE_CHECKING:
    from generator.checks.readiness import Readiness
    from generator.errors import Problem
    from generator.model.project import Project


class OitError(click.ClickException):
    """A usage problem told in the reader's language (exit code 1)."""

    def __init__(self, message: Message, lang: Lang) -> None:
        self.lang = lang
        super().__init__(message.render(lang))

    def show(self, file: object = None) -> None:
        click.echo(_("Error: {message}", message=self.message).render(self.lang), err=True)


def say(message: Message, lang: Lang, *, err: bool = False) -> None:
    click.echo(message.render(lang), err=err)


def find_project(start: Path, lang: Lang = DEFAULT_LANG) -> Path:
    """The folder holding mkdocs.yml: `start` or one of its parents."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise OitError(
        _(
            "no mkdocs.yml in {folder} or above it. Run oit inside a project, or give "
            "--project DIR.",
            folder=str(start),
        ),
        lang,
    )


def project_and_lang(project_dir: Path, flag: str | None) -> tuple[Path, Lang]:
    """The project folder and the language of the messages: `--lang`, else OIT_LANG, else
    `settings: messages:` of data/agency.yml, else Thai."""
    from generator.model.project import message_language

    lang = choose_lang(flag, os.environ.get("OIT_LANG"))
    explicit = flag in LANGS or os.environ.get("OIT_LANG") in LANGS
    root = find_project(project_dir, lang)
    if not explicit:
        lang = choose_lang(message_language(root))
    return root, lang


project_option = click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder (holding mkdocs.yml and data/).",
)

lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of the messages: th or en (default: OIT_LANG, else settings: messages: "
    "in data/agency.yml, else th).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="oit-site")
def main() -> None:
    """Publish an agency's OIT disclosures (Thai ITA) as a bilingual static site."""


def _load(root: Path) -> tuple[Project | None, list[Problem]]:
    from generator.checks.completeness import check_project
    from generator.errors import DataError
    from generator.model.config import check_mkdocs_yml
    from generator.model.project import load_project_cached

    config = check_mkdocs_yml(root)
    if config:
        return None, config
    try:
        project = load_project_cached(root)
    except DataError as exc:
        return None, exc.problems
    return project, project.warnings + check_project(project)


def _print_problems(problems: list[Problem], fmt: str, lang: Lang) -> None:
    """Problems as text lines or (fmt "github") workflow annotations, at most a few
    hundred (`errors.shown`)."""
    from generator.errors import shown

    for line in shown(problems, lang, github=fmt == "github"):
        click.echo(line)


@main.command(short_help="Validate the data and report readiness for the OIT window.")
@project_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for annotations on a pull request, "
    "markdown for a readiness summary (a CI job summary).",
)
@click.option(
    "--as-of",
    "as_of_text",
    metavar="YYYY-MM-DD",
    help="Judge readiness for the OIT window as of this date (a Buddhist Era year is "
    "fine); default: today.",
)
@click.option(
    "--external",
    is_flag=True,
    help="Also check that links to other sites answer (uses the network; not for CI).",
)
@click.option(
    "--missing-english",
    is_flag=True,
    help="Also list every text that has no English, one line each (file:line:column).",
)
@lang_option
def check(
    project_dir: Path,
    fmt: str,
    as_of_text: str | None,
    external: bool,
    missing_english: bool,
    lang: str | None,
) -> None:
    """Validate all data and report each item's readiness for the OIT window.

    Readiness covers the fiscal year of the --as-of date: each item complete, incomplete
    (naming what is missing) or missing, the period rules of its checklist entry, and the
    days left in the OIT window. Exit 1 on errors; readiness problems are warnings.
    """
    from generator.checks.completeness import missing_english_texts
    from generator.checks.external import check_external
    from generator.checks.readiness import check_readiness
    from generator.checks.summary import provisional_notes
    from generator.errors import counts, format_json

    root, reader = project_and_lang(project_dir, lang)
    as_of = _parse_as_of(as_of_text, reader)
    project, problems = _load(root)
    notes = provisional_notes(project) if project is not None else []
    readiness = check_readiness(project, as_of) if project is not None else None
    if readiness is not None:
        problems += readiness.problems()
    if external and project is not None:
        problems += check_external(project)
    if missing_english and project is not None:
        problems += missing_english_texts(project)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "markdown":
        from generator.checks.summary import readiness_markdown

        headline = _headline(readiness) if readiness is not None else None
        click.echo(readiness_markdown(project, problems, headline, notes, reader), nl=False)
    elif fmt == "json":
        click.echo(
            format_json(
                problems,
                reader,
                as_of=as_of.isoformat(),
                readiness=readiness.to_json(reader) if readiness else None,
                notes=[note.format(reader) for note in notes],
            )
        )
    else:
        _print_problems(problems, fmt, reader)
        for note in notes:
            click.echo(note.format_github(reader) if fmt == "github" else note.format(reader))
    if fmt == "github" and readiness is not None:
        notice = _(
            "FY{fy} as of {date}: {headline}",
            fy=readiness.fy,
            date=as_of.isoformat(),
            headline=_headline(readiness),
        )
        click.echo(f"::notice::{notice.render(reader)}")
    if fmt == "text":
        if readiness is not None:
            _print_readiness(readiness, reader)
        if project is not None:
            _print_summary(project, reader)
        say(counts(problems), reader)
    if errors:
        sys.exit(1)


def _parse_as_of(value: str | None, lang: Lang) -> dt.date:
    from pydantic_core import PydanticCustomError

    from generator.schema.dates import parse_date

    if value is None:
        return dt.date.today()
    try:
        return parse_date(value)
    except PydanticCustomError as exc:
        context = exc.context or {}
        text = _("{message} {hint}", message=context["message"], hint=context.get("hint") or "")
        raise click.BadParameter(text.render(lang), param_hint="'--as-of'") from None


def _headline(readiness: Readiness) -> Message:
    if readiness.year is None:
        return _("no data for fiscal year {fy}", fy=readiness.fy)
    return _("{summary}; {window}", summary=readiness.summary(), window=readiness.window_text())


def _print_readiness(readiness: Readiness, lang: Lang) -> None:
    """The readiness table: one line per item, what to do in the last column."""
    from generator.checks.readiness import STATES, period_label
    from generator.errors import pad, width
    from generator.format import DateText

    click.echo("")
    say(
        _(
            "Readiness of FY{fy} as of {date} ({day})",
            fy=readiness.fy,
            date=readiness.as_of.isoformat(),
            day=DateText(readiness.as_of, style="long"),
        ),
        lang,
    )
    if readiness.year is None:
        say(_("  no data/{fy}/ folder yet", fy=readiness.fy), lang)
        click.echo("")
        return
    say(readiness.window_text(), lang)
    header = (_("Item"), _("Status"), _("Period"), _("To do"))
    rows = [tuple(word.render(lang) for word in header)]
    for r in readiness.items:
        rows.append(
            (
                r.item.code.upper(),
                STATES[r.status.state].render(lang),
                period_label(r.item).render(lang),
                "; ".join(note.render(lang) for note in r.notes()),
            )
        )
    widths = [max(width(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [pad(cell, columns) for cell, columns in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[3]]).rstrip())
    say(readiness.summary(), lang)
    click.echo("")


def _print_summary(project: Project, lang: Lang) -> None:
    from generator.checks.completeness import summarize_year

    for year in project.years.values():
        s = summarize_year(year, project.results.get(year.fy))
        say(
            _(
                "FY{fy} ({checklist}, {items} items): {complete} complete, {incomplete} "
                "incomplete, {missing} missing; English missing for {gaps} text(s) and {cells} "
                "table cell(s)",
                fy=year.fy,
                checklist=year.checklist.id,
                items=s.items,
                complete=s.complete,
                incomplete=s.incomplete,
                missing=s.missing,
                gaps=s.gaps,
                cells=s.cells,
            ),
            lang,
        )


@main.command()
@project_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site/ in the project).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.option(
    "--check-urls",
    is_flag=True,
    help="Fail when the site publishes addresses that urls.txt does not list yet (for CI).",
)
@lang_option
def build(
    project_dir: Path, site_dir: Path | None, quiet: bool, check_urls: bool, lang: str | None
) -> None:
    """Check the data, then build the site with MkDocs (strict).

    The site is built in a temporary folder and moved into place only when the build
    succeeds, so a failed build leaves the previous site untouched.
    """
    root, reader = project_and_lang(project_dir, lang)
    project, problems = _load(root)
    _print_problems([p for p in problems if p.severity == "error"], "text", reader)
    if project is None:
        say(
            _("Build stopped: fix the errors above; the previous site was not changed."),
            reader,
            err=True,
        )
        sys.exit(1)
    target = (site_dir or root / "site").resolve()
    _setup_logging(quiet)
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(project))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_scratch(target.parent)
        with _stopped_cleanly():
            scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH}{os.getpid()}-", dir=target.parent))
            try:
                new = _mkdocs_build(root, scratch / "site", staging=scratch / "docs", lang=reader)
                if check_urls and new:
                    _unrecorded(new, root, reader)
                    sys.exit(1)
                _swap(scratch / "site", target, scratch / "old")
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
    except OSError as exc:  # a read-only folder, a full disk: the machine, not the data
        reason = exc.strerror or str(exc)
        say(
            _(
                "Build failed: cannot write {file}: {reason}. The previous site was not changed.",
                file=str(exc.filename),
                reason=reason,
            )
            if exc.filename
            else _(
                "Build failed: cannot write: {reason}. The previous site was not changed.",
                reason=reason,
            ),
            reader,
            err=True,
        )
        sys.exit(1)
    if not quiet:
        say(_("Site written to {folder}", folder=str(target)), reader)


def _unrecorded(new: list[str], root: Path, lang: Lang) -> None:
    """Why `oit build --check-urls` failed: the addresses urls.txt lacks, and what to run."""
    for address in new:
        say(_("not recorded: {address}", address=address), lang, err=True)
    say(
        _n(
            "Build stopped: {n} address of the site is not in urls.txt yet. Run `oit urls "
            "--update` and commit urls.txt (or add the line above to urls.txt); the previous "
            "site was not changed.",
            "Build stopped: {n} addresses of the site are not in urls.txt yet. Run `oit urls "
            "--update` and commit urls.txt (or add the lines above to urls.txt); the previous "
            "site was not changed.",
            len(new),
        )
        if (root / "urls.txt").is_file()
        else _(
            "Build stopped: there is no urls.txt yet. Run `oit urls --update` and commit "
            "urls.txt; the previous site was not changed."
        ),
        lang,
        err=True,
    )


def _mkdocs_build(
    root: Path,
    site_dir: Path,
    *,
    staging: Path,
    lang: Lang,
    update_urls: bool = False,
) -> list[str]:
    """Build with MkDocs, staging the pages in `staging`; return the addresses the site
    published that the URL manifest did not list (recorded in it when `update_urls`)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.mkdocs_plugin.plugin import OitPlugin

    try:
        config = load_config(
            config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True
        )
        plugin = next(p for p in config.plugins.values() if isinstance(p, OitPlugin))
        plugin.update_manifest = update_urls
        plugin.staging = staging
        plugin.lang = lang
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        say(
            _("Build failed: {error}. The previous site was not changed.", error=str(exc)),
            lang,
            err=True,
        )
        sys.exit(1)
    return plugin.new_addresses


@contextlib.contextmanager
def _stopped_cleanly() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP (a CI job cancelled, a terminal closed) into a normal exit
    for the duration, so that cleaning up (the scratch folder) runs as after Ctrl+C."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    names = ("SIGTERM", "SIGHUP")  # SIGHUP does not exist on Windows
    signals = [getattr(signal, name) for name in names if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, stop) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


#: Scratch folders of `oit build`, named after the process that made them.
SCRATCH = ".oit-build-"


def _remove_stale_scratch(parent: Path) -> None:
    """Remove the scratch folders that builds killed before they could clean up left
    beside the site: those of processes that no longer run (on Windows, where a process
    cannot be asked after safely, those over a day old)."""
    for folder in parent.glob(f"{SCRATCH}*"):
        owner = folder.name[len(SCRATCH) :].split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and not _running(owner, folder):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: str, folder: Path) -> bool:
    if os.name == "nt" or not pid.isdigit():
        return time.time() - folder.stat().st_mtime < 24 * 3600
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, as another user
    return True


def _swap(new: Path, target: Path, old: Path) -> None:
    if target.exists():
        target.rename(old)
    new.rename(target)


def _source_date_epoch(project: Project) -> str:
    """The build's date for MkDocs (sitemap, archives): the newest date the data states (an
    item updated, a document, a progress round), so that a site changes only when its
    content does and two builds of the same data are identical; 0 without any date."""
    from generator.site.views import last_updated

    dates = [last_updated(item) for year in project.years.values() for item in year.items]
    dates += [
        round.round.date
        for year in project.years.values()
        for plan in year.plans.values()
        for round in plan.rounds
    ]
    newest = max(filter(None, dates), default=None)
    if newest is None:
        return "0"
    return str(int(dt.datetime.combine(newest, dt.time(), dt.UTC).timestamp()))


def _setup_logging(quiet: bool) -> None:
    # Material 9.x prints an end-of-life banner on every run; the README says what it means.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.WARNING if quiet else logging.INFO)


@main.command(short_help="Preview the site; it rebuilds when a file changes.")
@project_option
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="HOST:PORT",
    help="Address to serve the preview on.",
)
@lang_option
def serve(project_dir: Path, dev_addr: str, lang: str | None) -> None:
    """Preview the site at http://127.0.0.1:8000/; it rebuilds when a file changes.

    A data error shows in the browser as a page listing each problem (file:line), replaced
    by the site as soon as it is fixed. Only the pages whose staged Markdown changed are
    rebuilt, so an edit shows within seconds even with many fiscal years; the preview's
    search index keeps every page once, the rebuilt ones as they are now. Stop with Ctrl+C.
    """
    from generator.mkdocs_plugin.preview import serve as serve_preview

    root, reader = project_and_lang(project_dir, lang)
    host, _sep, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(
            _(
                '"{address}" is not an address; write it as 127.0.0.1:8000.', address=dev_addr
            ).render(reader),
            param_hint="-a",
        )
    if lang in LANGS:  # the plugin's messages and the error page (else each build reads
        os.environ["OIT_LANG"] = lang  # OIT_LANG, then settings: messages: of agency.yml)
    _setup_logging(quiet=False)
    try:
        with _stopped_cleanly():  # SIGTERM too stops the search index and removes the preview
            serve_preview(root, host.strip("[]"), int(port))
    except OSError as exc:
        raise OitError(
            _(
                "cannot serve on {address} ({reason}). Another program may be using that "
                "port: give another with -a 127.0.0.1:8001.",
                address=dev_addr,
                reason=exc.strerror or str(exc),
            ),
            reader,
        ) from None


@main.command(short_help="Write the ITAS sheet (URLs to enter into ITAS) of a year.")
@project_option
@click.argument("fy", type=int)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write itas-<fy>.csv and itas-<fy>.xlsx into.",
)
@lang_option
def itas(project_dir: Path, fy: int, out_dir: Path, lang: str | None) -> None:
    """Write the ITAS sheet of fiscal year FY, such as 2569: each item's URL and explanation.

    The same sheet is published on the site at /<fy>/itas/.
    """
    from generator.site.itas import itas_csv, itas_rows, itas_xlsx, sheet_names
    from generator.site.views import last_updated

    root, reader = project_and_lang(project_dir, lang)
    project, problems = _load(root)
    if project is None:
        _print_problems(problems, "text", reader)
        sys.exit(1)
    year = project.years.get(fy)
    if year is None:
        known = ", ".join(str(y) for y in project.years)
        raise OitError(
            _("there is no fiscal year {fy} in data/. Known years: {known}.", fy=fy, known=known),
            reader,
        )
    rows = itas_rows(project, year)
    newest = max(filter(None, map(last_updated, year.items)), default=None)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_name, xlsx_name = sheet_names(fy)
    (out_dir / csv_name).write_text(itas_csv(rows), encoding="utf-8")
    (out_dir / xlsx_name).write_bytes(itas_xlsx(rows, fy, newest))
    say(
        _(
            "Wrote {csv} and {xlsx} ({count} items)",
            csv=str(out_dir / csv_name),
            xlsx=str(out_dir / xlsx_name),
            count=len(rows),
        ),
        reader,
    )


@main.command()
@project_option
@click.option(
    "--update", is_flag=True, help="Add the addresses the site now publishes to the manifest."
)
@lang_option
def urls(project_dir: Path, update: bool, lang: str | None) -> None:
    """Compare the site's addresses with the URL manifest (urls.txt).

    Builds the site in a temporary folder (the site/ folder is not touched). Fails when
    an address of the manifest is lost (declare a redirect in data/redirects.yml), or,
    without --update, when the site publishes addresses the manifest does not list yet.
    """
    root, reader = project_and_lang(project_dir, lang)
    project, problems = _load(root)
    _print_problems([p for p in problems if p.severity == "error"], "text", reader)
    if project is None:
        sys.exit(1)
    _setup_logging(quiet=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(project))
    with _stopped_cleanly(), tempfile.TemporaryDirectory(prefix=".oit-urls-") as scratch:
        new = _mkdocs_build(
            root,
            Path(scratch) / "site",
            staging=Path(scratch) / "docs",
            lang=reader,
            update_urls=update,
        )
    for address in new:
        if update:
            say(_("recorded: {address}", address=address), reader)
        else:
            say(_("not recorded: {address}", address=address), reader)
    if update:
        say(_("urls.txt: {count} new address(es) recorded", count=len(new)), reader)
    elif new:
        say(
            _(
                "{count} address(es) are not in urls.txt yet; run oit urls --update",
                count=len(new),
            ),
            reader,
        )
        sys.exit(1)
    else:
        say(_("urls.txt lists every address of the site"), reader)


@main.command(short_help="Write the JSON Schemas and the data-format help page.")
@project_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the JSON Schema files (default: schema/ in the project).",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if a schema file or the reference page is out of date.",
)
@lang_option
def schema(project_dir: Path, out_dir: Path | None, check_only: bool, lang: str | None) -> None:
    """Write the JSON Schema of every data file kind and the data-format help page.

    VS Code's YAML extension uses the schemas (see .vscode/settings.json) to complete and
    check data files as they are typed; the page is content/help/data-format(.en).md.
    """
    from generator.tools.json_schema import stale_schemas, write_schemas
    from generator.tools.reference import reference_pages, write_reference

    root, reader = project_and_lang(project_dir, lang)
    out = (out_dir or root / "schema").resolve()
    content = root / "content"
    if check_only:
        stale = stale_schemas(out) + [
            path
            for path, text in reference_pages(content).items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text
        ]
        for path in stale:
            say(
                _(
                    "{file} is out of date: run oit schema and commit it.",
                    file=_shown(path, root),
                ),
                reader,
            )
        if stale:
            sys.exit(1)
        say(_("The schema files and the data-format page are up to date."), reader)
        return
    changed = write_schemas(out) + write_reference(content)
    for path in changed:
        say(_("wrote {file}", file=_shown(path, root)), reader)
    if not changed:
        say(_("The schema files and the data-format page were already up to date."), reader)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


@main.command(short_help="Start an agency's project in a new or empty folder.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The agency's full name in Thai: the site's title.")
@click.option("--name-en", help="The agency's name in English: the English pages' title.")
@click.option("--short-name", help="The agency's abbreviation, e.g. สขป.")
@click.option(
    "--site-url",
    help="Where the site will be published, ending in /, e.g. https://www.agency.go.th/ita/.",
)
@click.option(
    "--fy",
    type=int,
    default=None,
    help="The first fiscal year (Buddhist Era); default: the current one.",
)
@click.option(
    "--checklist",
    "checklist_id",
    default=None,
    help="Checklist id for that year (default: the one for that ITA year, else the newest).",
)
@lang_option
def init(
    directory: Path,
    name: str | None,
    name_en: str | None,
    short_name: str | None,
    site_url: str | None,
    fy: int | None,
    checklist_id: str | None,
    lang: str | None,
) -> None:
    """Start an agency's project in DIRECTORY (new or empty), holding only its own files.

    It writes data/agency.yml (the agency's identity), the fiscal year's item templates,
    home and about pages in Thai and English, mkdocs.yml, the CI workflow and a README;
    the tool stays installed as a package (requirements.txt pins this version). Missing
    values are asked for when run in a terminal.
    """
    from generator.schema.dates import fiscal_year_of
    from generator.tools.init import Identity, InitError, init_project

    reader = choose_lang(lang, os.environ.get("OIT_LANG"))  # no project yet: no settings
    asking = _interactive()
    values = {"--name": name, "--short-name": short_name, "--site-url": site_url}
    missing = [option for option, value in values.items() if not value]
    if missing and not asking:
        raise click.UsageError(
            _(
                "give {options} (oit init asks for them when run in a terminal).",
                options=", ".join(missing),
            ).render(reader)
        )
    if not name:
        name = click.prompt(_("The agency's full name in Thai").render(reader))
    if name_en is None and asking:
        name_en = click.prompt(
            _("Its name in English (Enter to leave it for later)").render(reader),
            default="",
            show_default=False,
        )
    if not short_name:
        short_name = click.prompt(_("Its abbreviation, e.g. สขป.").render(reader))
    if not site_url:
        site_url = click.prompt(
            _("Where the site will be published, e.g. https://www.agency.go.th/ita/").render(reader)
        )
    year = fy or fiscal_year_of(dt.date.today())
    identity = Identity(name.strip(), short_name.strip(), site_url.strip(), (name_en or "").strip())
    try:
        made = init_project(directory, identity, year, checklist_id)
    except InitError as exc:
        if exc.option:
            raise click.BadParameter(exc.message.render(reader), param_hint=exc.option) from None
        raise OitError(exc.message, reader) from None
    for note in made.notes:
        say(note, reader)
    say(
        _n(
            "Made the project of {name} in {folder} (FY{fy}, checklist {checklist}, {n} file).",
            "Made the project of {name} in {folder} (FY{fy}, checklist {checklist}, {n} files).",
            len(made.files),
            name=identity.name,
            folder=str(made.root),
            fy=made.fy,
            checklist=made.checklist,
        ),
        reader,
    )
    say(
        _(
            "Next, in that folder: install the tool in its own environment (README.md says how), "
            "then\n"
            "  cd {folder}\n"
            "  oit serve    # preview at http://127.0.0.1:8000/ while you fill in data/\n"
            "  oit check    # check the data\n"
            "  oit build    # the site, in site/",
            folder=_shown(made.root, Path.cwd().resolve()),
        ),
        reader,
    )


def _interactive() -> bool:
    """Is a person at the terminal to answer questions?"""
    return sys.stdin.isatty()


@main.command("new-year")
@click.argument("fy")
@project_option
@click.option(
    "--checklist",
    "checklist_id",
    default=None,
    help="Checklist id for the new year (default: the one for that ITA year, else the newest).",
)
@lang_option
def new_year_command(
    fy: str, project_dir: Path, checklist_id: str | None, lang: str | None
) -> None:
    """Scaffold data/FY/ from the previous year.

    Standing items are carried over for review (marked # REVIEW), the others get TODO
    templates; existing files are never overwritten."""
    from generator.errors import DataError
    from generator.model.project import load_project_cached
    from generator.schema.base import thai_digits_to_arabic
    from generator.tools.newyear import NewYearError, new_year

    root, reader = project_and_lang(project_dir, lang)
    year = thai_digits_to_arabic(fy.strip())
    if not year.isdigit() or not 2500 <= int(year) <= 2700:
        raise click.BadParameter(
            _('"{fy}" is not a Buddhist Era fiscal year, e.g. 2570.', fy=fy).render(reader),
            param_hint="FY",
        )
    try:
        project = load_project_cached(root)
    except DataError as exc:
        _print_problems(exc.problems, "text", reader)
        say(
            _("new-year stopped: fix the errors above first (it copies last year's files)."),
            reader,
            err=True,
        )
        sys.exit(1)
    try:
        scaffold = new_year(project, int(year), checklist_id)
    except NewYearError as exc:
        raise OitError(exc.message, reader) from None
    for line in scaffold.report():
        say(line, reader)


@main.command(short_help="Copy a shipped checklist into data/checklists/ to correct it.")
@click.argument("checklist_id", metavar="ID")
@project_option
@lang_option
def checklist(checklist_id: str, project_dir: Path, lang: str | None) -> None:
    """Copy the shipped checklist ID (e.g. ita-2569) into data/checklists/, to correct it.

    The copy replaces the shipped checklist for this project: correct it where the NACC's
    manual of that year differs, and write `status: verified` once it matches. Nothing that
    exists is overwritten.
    """
    from generator.tools.checklists import ChecklistCopyError, copy_checklist

    root, reader = project_and_lang(project_dir, lang)
    try:
        path = copy_checklist(root, checklist_id)
    except ChecklistCopyError as exc:
        raise OitError(exc.message, reader) from None
    say(
        _(
            "wrote {file}: correct it where the NACC's manual differs, then run oit check.",
            file=_shown(path, root),
        ),
        reader,
    )


@main.command(short_help="Print the Content-Security-Policy header for the site.")
def csp() -> None:
    """Print the Content-Security-Policy header for the web server (the pages carry the same
    policy in a meta element)."""
    from generator.mkdocs_plugin.csp import content_security_policy

    click.echo(content_security_policy())
