"""`oit init`: a new agency's project that holds only its own files, checks and builds at
once with the agency's name and address on its pages, and works with the tool installed
from a wheel in a fresh environment."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, run_oit
from generator import __version__
from generator.cli import main
from generator.model.load import load_yaml
from generator.model.project import load_project
from generator.schema.dates import fiscal_year_of

NAME = "กรมทดสอบการเริ่มต้น (องค์การมหาชน)"
NAME_EN = "Department of Getting Started"
SITE_URL = "https://www.start.example.go.th/ita/"
OPTIONS = ["--name", NAME, "--name-en", NAME_EN, "--short-name", "กทร.", "--site-url", SITE_URL]

#: What a new project holds besides its item templates: the agency's own files only.
OWN_FILES = [
    ".github/workflows/oit.yml",
    ".gitignore",
    "README.md",
    "content/about.en.md",
    "content/about.md",
    "content/index.en.md",
    "content/index.md",
    "data/2569/year.yml",
    "data/agency.yml",
    "data/redirects.yml",
    "mkdocs.yml",
    "requirements.txt",
    "urls.txt",
]


def init(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *map(str, args)])
    return result.exit_code, result.output


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    code, output = init(tmp_path / "agency", *OPTIONS, "--fy", "2569")
    assert code == 0, output
    return tmp_path / "agency"


def test_init_writes_the_agencys_own_files(project: Path) -> None:
    found = files(project)
    templates = [f for f in found if f.startswith("data/2569/oit/")]
    assert [f for f in found if f not in templates] == OWN_FILES
    assert len(templates) == 26  # one per item of ita-2569
    assert "data/2569/oit/o11-procurement-monthly.yml" in templates
    assert not any(part in ("generator", "theme") for f in found for part in f.split("/"))
    agency = load_yaml(project / "data/agency.yml", "data/agency.yml").data
    assert agency["format"] == 1
    assert agency["name"] == {"th": NAME, "en": NAME_EN}
    assert agency["site_url"] == SITE_URL
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_name: {NAME}  #" in config
    assert "site_url" not in config.replace("(site_url)", "")
    assert (project / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == (
        f"oit-site=={__version__}"
    )
    assert (project / "urls.txt").read_text(encoding="utf-8").startswith("# Every address")
    readme = (project / "README.md").read_text(encoding="utf-8")
    for text in (NAME.replace("(", "\\(").replace(")", "\\)"), NAME_EN, SITE_URL, "oit check"):
        assert text in readme
    assert "python -m pip install -r requirements.txt" in readme


def test_the_new_project_checks_with_warnings_only(project: Path) -> None:
    loaded = load_project(project)  # raises on any error
    assert [y for y in loaded.years] == [2569]
    result = run_oit("check", "--as-of", "2026-03-15", "--project", project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 26 warnings" in result.stdout
    assert "26 missing" in result.stdout


def test_init_defaults_to_the_current_fiscal_year(tmp_path: Path) -> None:
    code, output = init(tmp_path / "agency", *OPTIONS)
    assert code == 0, output
    assert (tmp_path / "agency" / "data" / str(fiscal_year_of(dt.date.today()))).is_dir()


def test_init_asks_for_missing_values_in_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.cli._interactive", lambda: True)
    answers = f"{NAME}\n\nกทร.\nhttps://www.start.example.go.th/\n"
    result = CliRunner().invoke(
        main, ["init", str(tmp_path / "agency"), "--fy", "2569"], input=answers
    )
    assert result.exit_code == 0, result.output
    agency = load_yaml(tmp_path / "agency/data/agency.yml", "agency.yml").data
    assert agency["name"] == {"th": NAME}  # English left for later
    assert agency["site_url"] == "https://www.start.example.go.th/"


def test_init_outside_a_terminal_names_the_missing_options(tmp_path: Path) -> None:
    code, output = init(tmp_path / "agency", "--name", NAME)
    assert code == 2
    assert output.endswith(
        "Error: give --short-name, --site-url (oit init asks for them when run in a terminal).\n"
    )
    assert not (tmp_path / "agency").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--site-url",
            "https://www.start.example.go.th/ita",
            "site_url must end with /. Write it as https://www.start.example.go.th/ita/",
        ),
        (
            "--site-url",
            "www.start.example.go.th/ita/",
            '"www.start.example.go.th/ita/" is not a full web address. Start it with https:// '
            "(or mailto: / tel:).",
        ),
        (
            "--name",
            "กรม<script>",
            "the agency's name may not contain \"<\": it is the site's title, which the theme "
            "prints into every page as it is.",
        ),
        (
            "--name-en",
            'The "Department"',
            "the agency's name may not contain a double quote: it is the site's title",
        ),
        ("--checklist", "ita-2596", 'there is no checklist "ita-2596". Did you mean "ita-2569"?'),
    ],
)
def test_init_refuses_a_wrong_value_and_writes_nothing(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    args = [*OPTIONS, "--fy", "2569"]
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    code, output = init(tmp_path / "agency", *args)
    assert code == 2, output
    assert f"Error: Invalid value for {option}: {message}" in output
    assert not (tmp_path / "agency").exists()
    assert list(tmp_path.iterdir()) == []  # no scratch folder left behind


def test_init_never_writes_over_a_project(project: Path) -> None:
    before = {name: (project / name).read_bytes() for name in files(project)}
    code, output = init(project, *OPTIONS, "--fy", "2570")
    assert code == 1
    assert "already holds" in output and "data/agency.yml" in output and "mkdocs.yml" in output
    assert {name: (project / name).read_bytes() for name in files(project)} == before


def test_init_fills_an_empty_folder_or_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (clone / "LICENSE").write_text("licence\n")
    code, output = init(clone, *OPTIONS, "--fy", "2569")
    assert code == 0, output
    assert (clone / "mkdocs.yml").is_file() and (clone / "LICENSE").read_text() == "licence\n"
    assert [p.name for p in tmp_path.iterdir()] == ["clone"]


def test_init_writes_the_agencys_workflow(project: Path) -> None:
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint
    result = subprocess.run(
        [actionlint, "-no-color", ".github/workflows/oit.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
    workflow = (project / ".github/workflows/oit.yml").read_text(encoding="utf-8")
    assert "python -m pip install -r requirements.txt" in workflow
    assert "--editable" not in workflow and "oit schema" not in workflow


@pytest.mark.slow
def test_the_new_project_builds_with_the_agencys_name_and_address(project: Path) -> None:
    result = run_oit("build", "--project", project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>หน้าแรก - {NAME}</title>" in home
    assert f'aria-label="{NAME}"' in home  # the header's link home
    assert f'<link rel="canonical" href="{SITE_URL}">' in home
    english = (site / "en" / "2569" / "oit" / "index.html").read_text(encoding="utf-8")
    assert f"- {NAME_EN}</title>" in english
    assert f'<link rel="canonical" href="{SITE_URL}en/2569/oit/">' in english
    # The checklist is provisional; a real agency's public site does not say so by default.
    assert "has not yet been checked" not in english
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}2569/oit/o11/</loc>" in sitemap
    assert (site / "assets" / "fonts" / "sarabun.css").is_file()  # the theme, from the package


def run_in(venv_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    scripts = venv_dir / ("Scripts" if os.name == "nt" else "bin")
    return subprocess.run(
        [str(scripts / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_a_wheel_in_a_fresh_environment_runs_a_new_project(tmp_path: Path) -> None:
    """The package carries all it needs: a wheel of this repository, installed in a new
    virtual environment, makes a project outside the repository that checks and builds.

    The wheel is built from a copy of the tool's own sources (so nothing else of the
    checkout can reach it). Its dependencies come from the environment running the tests
    (a path added to the new environment; the test does not download them), which does not
    see the checkout's generator/: `import generator` finds the wheel's.
    """
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheels.glob("oit_site-*.whl")

    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    installed = run_in(
        env_dir, "python", "-m", "pip", "install", "-q", "--no-deps", str(wheel), cwd=tmp_path
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    site_packages = run_in(
        env_dir,
        "python",
        "-c",
        "import sysconfig; print(sysconfig.get_path('purelib'))",
        cwd=tmp_path,
    ).stdout.strip()
    ours = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (Path(site_packages) / "dependencies.pth").write_text("\n".join(ours) + "\n")
    where = run_in(
        env_dir, "python", "-c", "import generator; print(generator.__file__)", cwd=tmp_path
    )
    assert where.stdout.strip().startswith(site_packages), where.stdout + where.stderr

    work = tmp_path / "work"
    work.mkdir()
    made = run_in(env_dir, "oit", "init", "agency", *OPTIONS, "--fy", "2569", cwd=work)
    assert made.returncode == 0, made.stdout + made.stderr
    project = work / "agency"
    assert not (project / "generator").exists() and not (project / "theme").exists()
    checked = run_in(env_dir, "oit", "check", "--as-of", "2026-03-15", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 errors, 26 warnings" in checked.stdout
    build = run_in(env_dir, "oit", "build", cwd=project)
    assert build.returncode == 0, build.stdout + build.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert f"<title>หน้าแรก - {NAME}</title>" in home
    assert (project / "site" / "assets" / "javascripts" / "oit-search.js").is_file()
    assert (project / "site" / "pagefind" / "pagefind-entry.json").is_file()
    # Plain MkDocs builds it too, with the same plugin from the wheel.
    plain = run_in(
        env_dir, "python", "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "plain"), cwd=project
    )
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert (tmp_path / "plain" / "2569" / "oit" / "o11" / "index.html").is_file()
