"""The `oit` command: check, build and serve an agency's OIT site.

Every command acts on the project in the current folder (the one holding mkdocs.yml),
or on the one given with --project. Exit codes: 0 OK, 1 data errors, 2 usage.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from generator.checks import check_project, item_status, translation_gaps, untranslated_cells
from generator.errors import DataError, Problem, format_json
from generator.project import Project, load_project


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
    root = find_project(project_dir)
    try:
        project = load_project(root)
    except DataError as exc:
        return None, exc.problems
    return project, project.warnings + check_project(project)


def _print_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        click.echo(format_json(problems))
        return
    for problem in sorted(problems):
        click.echo(problem.format_github() if fmt == "github" else problem.format())


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
def check(project_dir: Path, fmt: str) -> None:
    """Validate all data and report incomplete items (exit 1 on errors)."""
    project, problems = _load(project_dir)
    if fmt == "markdown":
        from generator.summary import readiness_markdown

        click.echo(readiness_markdown(project, problems), nl=False)
        sys.exit(1 if any(p.severity == "error" for p in problems) else 0)
    _print_problems(problems, fmt)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "text":
        if project is not None:
            _print_summary(project)
        click.echo(f"{errors} error(s), {len(problems) - errors} warning(s)")
    if errors:
        sys.exit(1)


def _print_summary(project: Project) -> None:
    for year in project.years.values():
        states = [item_status(item).state for item in year.items]
        gaps = sum(translation_gaps(item) for item in year.items)
        cells = sum(untranslated_cells(item) for item in year.items)
        click.echo(
            f"FY{year.fy} ({year.checklist.id}, {len(states)} items): "
            f"{states.count('complete')} complete, {states.count('incomplete')} incomplete, "
            f"{states.count('missing')} missing; English missing for {gaps} text(s) "
            f"and {cells} table cell(s)"
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
            "Build stopped: fix the errors above; the previous site was not changed.", err=True
        )
        sys.exit(1)
    target = (site_dir or root / "site").resolve()
    _setup_logging(quiet)
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(root))
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".oit-build-", dir=target.parent))
    try:
        _mkdocs_build(root, scratch / "site")
        _swap(scratch / "site", target, scratch / "old")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if not quiet:
        click.echo(f"Site written to {target}")


def _mkdocs_build(root: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(
            config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        click.echo(f"Build failed: {exc}. The previous site was not changed.", err=True)
        sys.exit(1)


def _swap(new: Path, target: Path, old: Path) -> None:
    if target.exists():
        target.rename(old)
    new.rename(target)


def _source_date_epoch(root: Path) -> str:
    """The time of the last commit, so that sitemaps and archives do not change between
    builds of the same data; 0 outside git."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "0"
    return out or "0"


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
    help="Address to serve the preview on.",
)
def serve(project_dir: Path, dev_addr: str) -> None:
    """Preview the site; it rebuilds when a data or content file changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    root = find_project(project_dir)
    _setup_logging(quiet=False)
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)


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
    from generator.json_schema import stale_schemas, write_schemas
    from generator.reference import reference_pages, write_reference

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
    from generator.newyear import NewYearError, new_year
    from generator.schema.base import thai_digits_to_arabic

    year = thai_digits_to_arabic(fy.strip())
    if not year.isdigit() or not 2500 <= int(year) <= 2700:
        raise click.BadParameter(
            f'"{fy}" is not a Buddhist Era fiscal year, e.g. 2570.', param_hint="FY"
        )
    root = find_project(project_dir)
    try:
        project = load_project(root)
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
@project_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The built site to read (default: site/ in the project).",
)
def csp(project_dir: Path, site_dir: Path | None) -> None:
    """Print the Content-Security-Policy header for the built site (for the web server)."""
    from generator.csp import content_security_policy

    site = site_dir or find_project(project_dir) / "site"
    if not (site / "index.html").is_file():
        raise click.ClickException(f"there is no built site in {site}: run oit build first.")
    click.echo(content_security_policy(site))
