"""The `oit` command: check, build and serve an agency's OIT site.

Every command acts on the project in the current folder (the one holding mkdocs.yml),
or on the one given with --project. Exit codes: 0 OK, 1 data errors, 2 usage.

Each command imports what it uses when it runs, so that `oit --help` and the quick
commands do not wait for MkDocs, pydantic and PyThaiNLP to import.
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

if TYPE_CHECKING:
    from generator.checks.readiness import Readiness
    from generator.errors import Problem
    from generator.model.project import Project


def find_project(start: Path) -> Path:
    """The folder holding mkdocs.yml: `start` or one of its parents."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise click.ClickException(
        f"no mkdocs.yml in {start} or above it. Run oit inside a project, or give --project DIR."
    )


project_option = click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder (holding mkdocs.yml and data/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="oit-site")
def main() -> None:
    """Publish an agency's OIT disclosures (Thai ITA) as a bilingual static site."""


def _load(project_dir: Path, fmt: str = "text") -> tuple[Project | None, list[Problem]]:
    from generator.checks.completeness import check_project
    from generator.errors import DataError
    from generator.model.project import load_project_cached

    root = find_project(project_dir)
    try:
        project = load_project_cached(root)
    except DataError as exc:
        return None, exc.problems
    return project, project.warnings + check_project(project)


def _print_problems(problems: list[Problem], fmt: str) -> None:
    """Problems as text lines or (fmt "github") workflow annotations, at most a few
    hundred (`errors.shown`)."""
    from generator.errors import shown

    for line in shown(problems, github=fmt == "github"):
        click.echo(line)


@main.command()
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
    "as_of",
    metavar="YYYY-MM-DD",
    callback=lambda ctx, param, value: _parse_as_of(value),
    help="Judge readiness for the OIT window as of this date (a Buddhist Era year is "
    "fine); default: today.",
)
@click.option(
    "--external",
    is_flag=True,
    help="Also check that links to other sites answer (uses the network; not for CI).",
)
def check(project_dir: Path, fmt: str, as_of: dt.date, external: bool) -> None:
    """Validate all data and report each item's readiness for the OIT window.

    Readiness covers the fiscal year of the --as-of date: each item complete, incomplete
    (naming what is missing) or missing, the period rules of its checklist entry, and the
    days left in the OIT window. Exit 1 on errors; readiness problems are warnings.
    """
    from generator.checks.external import check_external
    from generator.checks.readiness import check_readiness
    from generator.checks.summary import provisional_notes
    from generator.errors import format_json

    project, problems = _load(project_dir)
    notes = provisional_notes(project) if project is not None else []
    readiness = check_readiness(project, as_of) if project is not None else None
    if readiness is not None:
        problems += readiness.problems()
    if external and project is not None:
        problems += check_external(project)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "markdown":
        from generator.checks.summary import readiness_markdown

        headline = _headline(readiness) if readiness is not None else None
        click.echo(readiness_markdown(project, problems, headline, notes), nl=False)
    elif fmt == "json":
        click.echo(
            format_json(
                problems,
                as_of=as_of.isoformat(),
                readiness=readiness.to_json() if readiness else None,
                notes=[note.format() for note in notes],
            )
        )
    else:
        _print_problems(problems, fmt)
        for note in notes:
            click.echo(note.format_github() if fmt == "github" else note.format())
    if fmt == "github" and readiness is not None:
        click.echo(f"::notice::FY{readiness.fy} as of {as_of.isoformat()}: {_headline(readiness)}")
    if fmt == "text":
        if readiness is not None:
            _print_readiness(readiness)
        if project is not None:
            _print_summary(project)
        click.echo(f"{errors} error(s), {len(problems) - errors} warning(s)")
    if errors:
        sys.exit(1)


def _parse_as_of(value: str | None) -> dt.date:
    from pydantic_core import PydanticCustomError

    from generator.schema.dates import parse_date

    if value is None:
        return dt.date.today()
    try:
        return parse_date(value)
    except PydanticCustomError as exc:
        context = exc.context or {}
        raise click.BadParameter(f"{context.get('message')} {context.get('hint')}") from None


def _headline(readiness: Readiness) -> str:
    if readiness.year is None:
        return f"no data for fiscal year {readiness.fy}"
    return f"{readiness.summary()}; {readiness.window_text()}"


def _print_readiness(readiness: Readiness) -> None:
    """The readiness table: one line per item, what to do in the last column."""
    from generator.checks.readiness import period_label
    from generator.format import Formatter

    click.echo("")
    click.echo(
        f"Readiness of FY{readiness.fy} as of {readiness.as_of.isoformat()} "
        f"({Formatter('th').date(readiness.as_of, 'long')})"
    )
    if readiness.year is None:
        click.echo(f"  no data/{readiness.fy}/ folder yet")
        click.echo("")
        return
    click.echo(readiness.window_text())
    rows = [("Item", "Status", "Period", "To do")]
    for r in readiness.items:
        rows.append(
            (r.item.code.upper(), r.status.state, period_label(r.item), "; ".join(r.notes()))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[3]]).rstrip())
    click.echo(readiness.summary())
    click.echo("")


def _print_summary(project: Project) -> None:
    from generator.checks.completeness import summarize_year

    for year in project.years.values():
        s = summarize_year(year)
        click.echo(
            f"FY{year.fy} ({year.checklist.id}, {s.items} items): {s.complete} complete, "
            f"{s.incomplete} incomplete, {s.missing} missing; English missing for {s.gaps} "
            f"text(s) and {s.cells} table cell(s)"
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
def build(project_dir: Path, site_dir: Path | None, quiet: bool) -> None:
    """Check the data, then build the site with MkDocs (strict).

    The site is built in a temporary folder and moved into place only when the build
    succeeds, so a failed build leaves the previous site untouched.
    """
    root = find_project(project_dir)
    project, problems = _load(root)
    _print_problems([p for p in problems if p.severity == "error"], "text")
    if project is None:
        click.echo(
            "Build stopped: fix the errors above; the previous site was not changed.",
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
                _mkdocs_build(root, scratch / "site", staging=scratch / "docs")
                _swap(scratch / "site", target, scratch / "old")
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
    except OSError as exc:  # a read-only folder, a full disk: the machine, not the data
        where = f" {exc.filename}" if exc.filename else ""
        click.echo(
            f"Build failed: cannot write{where}: {exc.strerror or exc}. "
            "The previous site was not changed.",
            err=True,
        )
        sys.exit(1)
    if not quiet:
        click.echo(f"Site written to {target}")


def _mkdocs_build(
    root: Path, site_dir: Path, *, staging: Path, update_urls: bool = False
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
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        click.echo(f"Build failed: {exc}. The previous site was not changed.", err=True)
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


@main.command()
@project_option
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="HOST:PORT",
    help="Address to serve the preview on.",
)
def serve(project_dir: Path, dev_addr: str) -> None:
    """Preview the site at http://127.0.0.1:8000/; it rebuilds when a file changes.

    A data error shows in the browser as a page listing each problem (file:line), replaced
    by the site as soon as it is fixed. Only the pages whose staged Markdown changed are
    rebuilt, so an edit shows within seconds even with many fiscal years; the preview's
    search index keeps every page once, the rebuilt ones as they are now. Stop with Ctrl+C.
    """
    from generator.mkdocs_plugin.preview import serve as serve_preview

    root = find_project(project_dir)
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(
            f'"{dev_addr}" is not an address; write it as 127.0.0.1:8000.', param_hint="-a"
        )
    _setup_logging(quiet=False)
    try:
        serve_preview(root, host.strip("[]"), int(port))
    except OSError as exc:
        raise click.ClickException(
            f"cannot serve on {dev_addr} ({exc.strerror or exc}). Another program may be "
            "using that port: give another with -a 127.0.0.1:8001."
        ) from None


@main.command()
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
def itas(project_dir: Path, fy: int, out_dir: Path) -> None:
    """Write the ITAS sheet of fiscal year FY (e.g. 2569): each item's URL and explanation.

    The same sheet is published on the site at /<fy>/itas/.
    """
    from generator.site.itas import itas_csv, itas_rows, itas_xlsx, sheet_names
    from generator.site.views import last_updated

    project, problems = _load(project_dir)
    if project is None:
        _print_problems(problems, "text")
        sys.exit(1)
    year = project.years.get(fy)
    if year is None:
        known = ", ".join(str(y) for y in project.years)
        raise click.ClickException(f"there is no fiscal year {fy} in data/. Known years: {known}.")
    rows = itas_rows(project, year)
    newest = max(filter(None, map(last_updated, year.items)), default=None)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_name, xlsx_name = sheet_names(fy)
    (out_dir / csv_name).write_text(itas_csv(rows), encoding="utf-8")
    (out_dir / xlsx_name).write_bytes(itas_xlsx(rows, fy, newest))
    click.echo(f"Wrote {out_dir / csv_name} and {out_dir / xlsx_name} ({len(rows)} items)")


@main.command()
@project_option
@click.option(
    "--update", is_flag=True, help="Add the addresses the site now publishes to the manifest."
)
def urls(project_dir: Path, update: bool) -> None:
    """Compare the site's addresses with the URL manifest (urls.txt).

    Builds the site in a temporary folder (the site/ folder is not touched). Fails when
    an address of the manifest is lost (declare a redirect in data/redirects.yml), or,
    without --update, when the site publishes addresses the manifest does not list yet.
    """
    root = find_project(project_dir)
    project, problems = _load(root)
    _print_problems([p for p in problems if p.severity == "error"], "text")
    if project is None:
        sys.exit(1)
    _setup_logging(quiet=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(project))
    with _stopped_cleanly(), tempfile.TemporaryDirectory(prefix=".oit-urls-") as scratch:
        new = _mkdocs_build(
            root, Path(scratch) / "site", staging=Path(scratch) / "docs", update_urls=update
        )
    for address in new:
        click.echo(f"{'recorded' if update else 'not recorded'}: {address}")
    if update:
        click.echo(f"urls.txt: {len(new)} new address(es) recorded")
    elif new:
        click.echo(f"{len(new)} address(es) are not in urls.txt yet; run oit urls --update")
        sys.exit(1)
    else:
        click.echo("urls.txt lists every address of the site")


@main.command()
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
def schema(project_dir: Path, out_dir: Path | None, check_only: bool) -> None:
    """Write the JSON Schema of every data file kind and the data-format help page.

    VS Code's YAML extension uses the schemas (see .vscode/settings.json) to complete and
    check data files as they are typed; the page is content/help/data-format(.en).md.
    """
    from generator.tools.json_schema import stale_schemas, write_schemas
    from generator.tools.reference import reference_pages, write_reference

    root = find_project(project_dir)
    out = (out_dir or root / "schema").resolve()
    content = root / "content"
    if check_only:
        stale = stale_schemas(out) + [
            path
            for path, text in reference_pages(content).items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text
        ]
        for path in stale:
            click.echo(f"{_shown(path, root)} is out of date: run oit schema and commit it.")
        if stale:
            sys.exit(1)
        click.echo("The schema files and the data-format page are up to date.")
        return
    changed = write_schemas(out) + write_reference(content)
    for path in changed:
        click.echo(f"wrote {_shown(path, root)}")
    if not changed:
        click.echo("The schema files and the data-format page were already up to date.")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


@main.command()
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
def init(
    directory: Path,
    name: str | None,
    name_en: str | None,
    short_name: str | None,
    site_url: str | None,
    fy: int | None,
    checklist_id: str | None,
) -> None:
    """Start an agency's project in DIRECTORY (new or empty), holding only its own files.

    It writes data/agency.yml (the agency's identity), the fiscal year's item templates,
    home and about pages in Thai and English, mkdocs.yml, the CI workflow and a README;
    the tool stays installed as a package (requirements.txt pins this version). Missing
    values are asked for when run in a terminal.
    """
    from generator.schema.dates import fiscal_year_of
    from generator.tools.init import Identity, InitError, init_project

    asking = _interactive()
    values = {"--name": name, "--short-name": short_name, "--site-url": site_url}
    missing = [option for option, value in values.items() if not value]
    if missing and not asking:
        raise click.UsageError(
            f"give {', '.join(missing)} (oit init asks for them when run in a terminal)."
        )
    if not name:
        name = click.prompt("The agency's full name in Thai (ชื่อหน่วยงานภาษาไทย)")
    if name_en is None and asking:
        name_en = click.prompt(
            "Its name in English (ชื่อภาษาอังกฤษ; Enter to leave it for later)",
            default="",
            show_default=False,
        )
    if not short_name:
        short_name = click.prompt("Its abbreviation (ชื่อย่อ), e.g. สขป.")
    if not site_url:
        site_url = click.prompt(
            "Where the site will be published, e.g. https://www.agency.go.th/ita/ (ที่อยู่เว็บไซต์)"
        )
    year = fy or fiscal_year_of(dt.date.today())
    identity = Identity(name.strip(), short_name.strip(), site_url.strip(), (name_en or "").strip())
    try:
        made = init_project(directory, identity, year, checklist_id)
    except InitError as exc:
        if exc.option:
            raise click.BadParameter(str(exc), param_hint=exc.option) from None
        raise click.ClickException(str(exc)) from None
    for note in made.notes:
        click.echo(note)
    click.echo(
        f"Made the project of {identity.name} in {made.root} (FY{made.fy}, checklist "
        f"{made.checklist}, {len(made.files)} files)."
    )
    shown = _shown(made.root, Path.cwd().resolve())
    click.echo(
        "Next, in that folder: install the tool in its own environment (README.md says how), "
        "then\n"
        f"  cd {shown}\n"
        "  oit serve    # preview at http://127.0.0.1:8000/ while you fill in data/\n"
        "  oit check    # check the data\n"
        "  oit build    # the site, in site/"
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
def new_year_command(fy: str, project_dir: Path, checklist_id: str | None) -> None:
    """Scaffold data/FY/ from the previous year: standing items are carried over for
    review, the others get TODO templates; existing files are never overwritten."""
    from generator.errors import DataError
    from generator.model.project import load_project_cached
    from generator.schema.base import thai_digits_to_arabic
    from generator.tools.newyear import NewYearError, new_year

    year = thai_digits_to_arabic(fy.strip())
    if not year.isdigit() or not 2500 <= int(year) <= 2700:
        raise click.BadParameter(
            f'"{fy}" is not a Buddhist Era fiscal year, e.g. 2570.', param_hint="FY"
        )
    root = find_project(project_dir)
    try:
        project = load_project_cached(root)
    except DataError as exc:
        _print_problems(exc.problems, "text")
        click.echo(
            "new-year stopped: fix the errors above first (it copies last year's files).",
            err=True,
        )
        sys.exit(1)
    try:
        scaffold = new_year(project, int(year), checklist_id)
    except NewYearError as exc:
        raise click.ClickException(str(exc)) from None
    for line in scaffold.report():
        click.echo(line)


@main.command()
@click.argument("checklist_id", metavar="ID")
@project_option
def checklist(checklist_id: str, project_dir: Path) -> None:
    """Copy the shipped checklist ID (e.g. ita-2569) into data/checklists/, to correct it.

    The copy replaces the shipped checklist for this project: correct it where the NACC's
    manual of that year differs, and write `status: verified` once it matches. Nothing that
    exists is overwritten.
    """
    from generator.tools.checklists import ChecklistCopyError, copy_checklist

    root = find_project(project_dir)
    try:
        path = copy_checklist(root, checklist_id)
    except ChecklistCopyError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"wrote {_shown(path, root)}: correct it where the NACC's manual differs, then run "
        "oit check."
    )


@main.command()
def csp() -> None:
    """Print the Content-Security-Policy header for the web server (the pages carry the same
    policy in a meta element)."""
    from generator.mkdocs_plugin.csp import content_security_policy

    click.echo(content_security_policy())
