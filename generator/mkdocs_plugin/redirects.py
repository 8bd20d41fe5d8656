"""Redirects declared in data/redirects.yml, published into the built site.

Runs after both languages are built (plugin.py): each old page address gets a small page
that sends the reader on (a meta refresh, a plain link for browsers that ignore it, and
rel=canonical so that search engines move to the new address); an old data-file address
gets a copy of the new file. Nothing is written unless every redirect is sound: its old
address is no longer built and its new one is.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from generator import urls
from generator.errors import Problem
from generator.labels import label
from generator.model.load import SourceFile


def expand(redirects: dict[str, str]) -> dict[str, str]:
    """{old: new} per published address: a page redirect in every language, a file once."""
    out: dict[str, str] = {}
    for old, new in redirects.items():
        langs = urls.LANGS if old.endswith("/") else (urls.DEFAULT_LANG,)
        for lang in langs:
            out["/" + urls.in_lang(old[1:], lang)] = "/" + urls.in_lang(new[1:], lang)
    return out


def check_redirects(
    redirects: dict[str, str],
    source: SourceFile | None,
    built: set[str],
    recorded: set[str] | None,
    site_dir: Path,
) -> list[Problem]:
    """What keeps the declared redirects from being published, located in redirects.yml:
    a redirect sends an address the site has published (`recorded`: urls.txt, None for a
    project that keeps none) and no longer has to one it has, and never takes the place of
    a file the build wrote."""
    problems = []
    path = source.path if source else "data/redirects.yml"

    def problem(old: str, message: str, hint: str) -> Problem:
        if source is None:
            return Problem(path, 1, 1, "error", message, hint)
        return source.problem(("redirects", old), message, hint, key=True)

    for old, new in redirects.items():
        written = [o for o in expand({old: new}) if _target(site_dir, o).exists()]
        if old in built or written:
            problems.append(
                problem(
                    old,
                    f"{old} is still an address of the site, so it cannot redirect.",
                    "Remove this line, or remove the page it names.",
                )
            )
        elif new not in built:
            problems.append(
                problem(
                    old,
                    f"the new address {new} is not an address of the site.",
                    "Redirect to a page (or data file) the site publishes, as urls.txt lists it.",
                )
            )
        elif recorded is not None and old not in recorded:
            problems.append(
                problem(
                    old,
                    f"{old} is not in urls.txt, so the site never published it.",
                    "Only an address the site has published and lost can redirect: check "
                    "the address against urls.txt.",
                )
            )
    return problems


def _target(site_dir: Path, old: str) -> Path:
    """The file a redirect of the address `old` would write."""
    target = site_dir / old.lstrip("/")
    return target / "index.html" if old.endswith("/") else target


def write_redirects(site_dir: Path, redirects: dict[str, str], site_url: str) -> None:
    """Publish every expanded redirect (see `expand`) into the built site."""
    for old, new in sorted(redirects.items()):
        target = _target(site_dir, old)
        assert not target.exists(), target  # check_redirects refuses such a redirect
        if old.endswith("/"):
            target.parent.mkdir(parents=True, exist_ok=True)
            lang = next(
                (lang for lang in urls.LANGS if old.startswith(f"/{lang}/")), urls.DEFAULT_LANG
            )
            target.write_text(redirect_page(old[1:], new[1:], site_url, lang), encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site_dir / new.lstrip("/"), target)


def redirect_page(old: str, new: str, site_url: str, lang: str) -> str:
    """A page at `old` (site path) that sends the reader to `new`."""
    link = html.escape(urls.relative(old, new))
    canonical = html.escape(urls.absolute(site_url, new))
    title = html.escape(label("moved_title", lang))
    text = html.escape(label("moved", lang))
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>{text}: <a href="{link}">{canonical}</a></p>\n'
        "</body>\n"
        "</html>\n"
    )
