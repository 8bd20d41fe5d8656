"""`oit serve`: MkDocs' live-reload preview, in this process, that keeps no browser waiting.

MkDocs' own `serve` (mkdocs/commands/serve.py) stops when its first build fails, and when a
later rebuild fails its server answers no request until a build succeeds (a page is served
only once the site is as new as the last change: mkdocs/livereload/__init__.py); the browser
waits minutes for it. Here each build is MkDocs' `build()` on a freshly loaded config, as in
MkDocs' serve, with its `LiveReloadServer`; but a build that fails (a data error, a broken
mkdocs.yml, a staging clash) puts in the site's place a page that lists the problems, at
every address, which reloads itself until a build succeeds and the site is back.

The preview is served at the server's root (http://127.0.0.1:8000/2569/oit/o11/), whatever
folder `site_url` names: the site's own links are relative.

Builds are dirty (only the pages whose staged Markdown changed are rendered again), as with
`mkdocs serve --dirtyreload`; mkdocs-static-i18n builds English with the same setting only
when it finds that option among the command's arguments (mkdocs_static_i18n/plugin.py,
on_post_build), so it is added to sys.argv while the preview runs. After a failed build the
next one is complete.
"""

from __future__ import annotations

import base64
import html
import logging
import re
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from generator.mkdocs_plugin.configure import THEME_DIR
from generator.model.load import LoadError, compose_yaml

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.oit.preview")

#: Seconds between two reloads of the error page.
RELOAD_EVERY = 2

#: MkDocs' notes about its --dirty and --clean options, which `oit serve` does not have (the
#: preview's builds are dirty by design; MkDocs says it to the English build of i18n, which
#: it takes for a `mkdocs build --dirty`).
_NOT_FOR_US = ("Use --clean", "A 'dirty' build is being performed")


class PreviewServer(LiveReloadServer):
    """MkDocs' server; while the last build failed, every page is the page of its problems."""

    failure: bytes | None = None

    def serve_request(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if self.failure is not None and not path.startswith("/livereload/"):
            start_response(
                "503 Service Unavailable",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(self.failure))),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [self.failure]
        return super().serve_request(environ, start_response)


class Preview:
    """The builds of one `oit serve`."""

    def __init__(self, root: Path, host: str, port: int) -> None:
        self.root = root
        self.host, self.port = host, port
        self.url = f"http://{host}:{port}/"
        self.site_dir = tempfile.mkdtemp(prefix="oit-preview-")
        self.server = PreviewServer(
            builder=self.build, host=host, port=port, root=self.site_dir, mount_path="/"
        )
        self.config: MkDocsConfig | None = None  # the last one loaded
        self.started = False  # the plugins' on_startup has run
        self.complete = False  # the site_dir holds a whole site: the next build may be dirty
        self.content_dir = root / "content"

    def load(self) -> MkDocsConfig:
        config = load_config(
            config_file=str(self.root / "mkdocs.yml"),
            site_dir=self.site_dir,
            dev_addr=f"{self.host}:{self.port}",
            strict=False,  # MkDocs warns about every dirty rebuild; `oit build` is strict
        )
        config.site_url = self.url
        if not self.started:
            config.plugins.on_startup(command="serve", dirty=True)
            self.started = True
        return config

    def build(self) -> None:
        """Build the site; never raise: a failed build serves the page of its problems."""
        errors = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(errors)
        try:
            config = self.load()
            self.config = config
            self.content_dir = Path(config.docs_dir)
            build(config, serve_url=self.url, dirty=self.complete)
        except MkDocsException as exc:  # the data, mkdocs.yml: what MkDocs logged, or its words
            messages = errors.messages or [self.config_problem() or str(exc)]
            if not errors.messages:
                log.error(messages[0])
            self.fail(messages)
        except Exception as exc:  # anything else is a bug: its traceback, and keep serving
            traceback.print_exc()
            self.fail([*errors.messages, "".join(traceback.format_exception(exc)).strip()])
        else:
            self.complete = True
            self.server.failure = None
        finally:
            logger.removeHandler(errors)

    def fail(self, messages: list[str]) -> None:
        self.complete = False
        self.server.failure = error_page(messages)
        log.error("The preview shows these problems until they are fixed.")

    def config_problem(self) -> str | None:
        """mkdocs.yml's YAML error, located; None when its YAML is fine."""
        try:
            compose_yaml(self.root / "mkdocs.yml", "mkdocs.yml")
        except LoadError as exc:
            return exc.problem.format()
        return None

    def watch(self) -> None:
        """Rebuild when mkdocs.yml, data/ or content/ changes (the staged pages MkDocs reads
        are the tool's own and never edited)."""
        paths = [self.root / "mkdocs.yml", self.root / "data", self.content_dir]
        if self.config is not None:
            paths += [Path(p) for p in self.config.watch]
        for path in paths:
            if path.exists():
                self.server.watch(str(path))

    def close(self) -> None:
        if self.config is not None and self.started:
            self.config.plugins.on_shutdown()
        shutil.rmtree(self.site_dir, ignore_errors=True)


def serve(root: Path, host: str, port: int) -> None:
    """Preview the project at `root` on http://host:port/ until interrupted (Ctrl+C)."""
    with _dirty_argv(), _quiet_about_options():
        preview = Preview(root, host, port)
        try:
            preview.build()
            preview.watch()
            try:
                preview.server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                preview.server.shutdown()
        finally:
            preview.close()


def error_page(messages: list[str]) -> bytes:
    """A page listing the problems of a failed build (text escaped), reloading itself. The
    Thai words are set in the tool's own Sarabun (inlined: the site may not exist yet)."""
    body = "\n".join(_html(message) for message in messages)
    page = f"""<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{RELOAD_EVERY}">
<title>สร้างเว็บไซต์ไม่สำเร็จ · The site could not be built</title>
<style>
{_font_faces()}
body {{ font-family: Sarabun, system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; line-height: 1.6; color: #1a1a1a; }}
h1 {{ font-size: 1.6rem; color: #b00020; }}
li {{ margin: 0.4rem 0; }}
code, pre {{ font-size: 0.9rem; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>สร้างเว็บไซต์ไม่สำเร็จ <span lang="en">· The site could not be built</span></h1>
<p>แก้ไขแฟ้มตามรายการด้านล่างแล้วบันทึก หน้านี้จะแสดงเว็บไซต์อีกครั้งเมื่อสร้างได้
แต่ละบรรทัดบอกแฟ้ม:บรรทัด:คอลัมน์ สิ่งที่ผิด และวิธีแก้</p>
<p lang="en">Fix the files named below and save them: this page shows the site again as soon as
it builds. Each line reads file:line:column, what is wrong, then how to fix it.</p>
<div lang="en">
{body}
</div>
</main>
</body>
</html>
"""
    return page.encode("utf-8")


_LOCATED = re.compile(r"^(\S+:\d+:\d+): (.*)$")


def _html(message: str) -> str:
    """One logged message: its located problems as a list, other lines as they are."""
    if message.startswith("Traceback"):
        return f"<pre>{html.escape(message)}</pre>"
    parts, items = [], []
    for line in message.splitlines():
        found = _LOCATED.match(line)
        if found:
            where, what = (html.escape(part) for part in found.groups())
            items.append(f"<li><code>{where}</code>: {what}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(parts)


def _font_faces() -> str:
    faces = []
    for script, ranges in (("thai", "U+0E01-0E5B, U+200C-200D"), ("latin", "U+0000-00FF")):
        font = THEME_DIR / "assets" / "fonts" / f"sarabun-{script}-400-normal.woff2"
        if font.is_file():
            data = base64.b64encode(font.read_bytes()).decode("ascii")
            faces.append(
                "@font-face { font-family: Sarabun; font-weight: 400 700; "
                f"src: url(data:font/woff2;base64,{data}) format('woff2'); "
                f"unicode-range: {ranges}; }}"
            )
    return "\n".join(faces)


class _Collect(logging.Handler):
    """The error messages MkDocs and the plugins log during one build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _dirty_argv() -> Iterator[None]:
    saved = sys.argv
    sys.argv = [*saved, "--dirtyreload"]
    try:
        yield
    finally:
        sys.argv = saved


class _DropNotes(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not any(note in record.getMessage() for note in _NOT_FOR_US)


@contextmanager
def _quiet_about_options() -> Iterator[None]:
    logger = logging.getLogger("mkdocs.commands.build")
    drop = _DropNotes()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)
