"""Benchmark: build times, sizes and memory, and what a reader downloads and waits for.

    python benchmarks/run.py                 # all scales
    python benchmarks/run.py --scales small  # one scale

For each synthetic agency (see synth.py) it measures, in one run on this machine:
the generator's own work (load, validate, render, stage), the full `oit build`, peak
memory, output size, the largest page, the search index; and the same figures for two
plain `mkdocs build`s of the generator's staged Markdown without the generator:

- "stock mkdocs": the same mkdocs.yml without our plugin and theme overrides, with
  Material's own search plugin in place of our search index, so MkDocs
  and Material build their own navigation of every page (what the stack does alone with
  these pages; the overhead target is read against it);
- "no-nav floor": the same with a navigation of the home page only (the other pages are
  still built), a lower bound that does strictly less than any usable site.

Targets are checked as ratios within the run, so a busy machine slows all sides alike;
the small and typical scales are built seven and three times, interleaved, and their median
times compared.

Then the reader's side of each scale's site, served on 127.0.0.1 as it would be published
(see reader.py): the bytes of the first view of a page of each kind with an empty cache,
the bytes and the time to first results of a search on emulated slow 4G, and the Largest
Contentful Paint and layout shift of item pages on slow 4G with a slowed-down CPU.
No figure is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reader import CPU_SLOWDOWN, ReaderFigures, SiteServer, reader_figures
from synth import SCALES, make_agency

MB = 1024 * 1024
# Builds of under half a minute are run this many times, interleaved (ours, stock, floor,
# then again), and their median times compared: one run of a 3-second build on a shared
# machine varies by more than the targets' margins.
REPEATS = {"small": 7, "typical": 3}
# Time over a stock MkDocs build of the same Markdown: a one-year site pays the fixed cost
# of loading the data model and the data, which stock MkDocs does not have; from five years
# up the scoped navigation makes the build faster than stock.
OVERHEAD_TARGET = {"small": 0.25}

# One child process runs a command and reports its wall time and peak memory: the largest
# sum of the resident memory of the command and its own children, sampled every 50 ms from
# /proc, and never less than the largest single process.
_MEASURE = """
import json, os, resource, subprocess, sys, tempfile, time
PAGE = os.sysconf("SC_PAGE_SIZE")

def tree_rss(root):
    # Walks down from the command through each thread's children, reading a few files a
    # sample rather than all of /proc, so that sampling takes little from the machine.
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * PAGE
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return total

start = time.perf_counter()
errors = tempfile.TemporaryFile()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=errors)
sampled = 0
while proc.poll() is None:
    sampled = max(sampled, tree_rss(proc.pid))
    time.sleep(0.05)
wall = time.perf_counter() - start
single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
errors.seek(0)
print(json.dumps({
    "code": proc.returncode, "seconds": wall, "peak": max(sampled, single),
    "errors": errors.read().decode(errors="replace")[-3000:],
}))
"""

# The generator's part of a build, as the plugin runs it (imports excluded).
_GENERATOR = """
import json, sys, time
from pathlib import Path
from generator.model.project import load_project
from generator.site.render import render_site
from generator.mkdocs_plugin.staging import stage
if __name__ == "__main__":
    root = Path(sys.argv[1])
    start = time.perf_counter()
    project = load_project(root)
    rendered = render_site(project)
    staging = root / ".oit" / "bench" / "docs"  # the plain builds take the Markdown from here
    stage(root / "content", rendered.files, rendered.origin, staging, root)
    print(json.dumps({"seconds": time.perf_counter() - start, "files": len(rendered.files)}))
"""


@dataclass
class Figures:
    pages: int = 0
    seconds: float = 0.0
    generator_seconds: float = 0.0
    peak_bytes: int = 0
    output_bytes: int = 0
    largest_page: tuple[int, str] = (0, "")
    largest_plain_page: tuple[int, str] = (0, "")  # pages without data tables
    search_bytes: dict[str, int] = field(default_factory=dict)

    @property
    def mkdocs_seconds(self) -> float:
        return self.seconds - self.generator_seconds


def measure(command: list[str], cwd: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def site_figures(site: Path, figures: Figures) -> None:
    pages = sorted(site.rglob("*.html"))
    figures.pages = len(
        [p for p in pages if p.name == "index.html" and p.parent != site / "search"]
    )
    figures.output_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    for page in pages:
        size = page.stat().st_size
        name = page.relative_to(site).as_posix()
        figures.largest_page = max(figures.largest_page, (size, name))
        if "<table" not in page.read_text(encoding="utf-8"):
            figures.largest_plain_page = max(figures.largest_plain_page, (size, name))
    for index in sorted(site.rglob("search_index.json")):  # Material's (the plain builds)
        lang = index.parent.parent.relative_to(site).as_posix()
        figures.search_bytes["lunr, " + ("th" if lang == "." else lang)] = index.stat().st_size
    bundle = site / "pagefind"  # ours: Pagefind's index, in files fetched as a search needs
    if bundle.is_dir():
        files = [p for p in bundle.rglob("*") if p.is_file()]
        figures.search_bytes["pagefind, all files"] = sum(p.stat().st_size for p in files)
        for lang in ("th", "en"):
            chunks = [p.stat().st_size for p in bundle.glob(f"index/{lang}_*.pf_index")]
            figures.search_bytes[f"{lang} index"] = sum(chunks)
            figures.search_bytes[f"{lang} largest piece"] = max(chunks, default=0)


def build_figures(root: Path) -> Figures:
    figures = Figures()
    generator = subprocess.run(
        [sys.executable, "-c", _GENERATOR, str(root)], capture_output=True, text=True, check=True
    )
    figures.generator_seconds = json.loads(generator.stdout)["seconds"]
    run = measure(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "-q",
            "--project",
            str(root),
            "--site-dir",
            str(root / "site"),
        ],
        root,
    )
    if run["code"] != 0:
        raise SystemExit(f"oit build failed in {root}:\n{run['errors']}")
    figures.seconds, figures.peak_bytes = run["seconds"], run["peak"]
    site_figures(root / "site", figures)
    return figures


def plain_config(root: Path, nav: str) -> str:
    """The site's MkDocs configuration as the oit plugin completes it (configure.py), without
    the plugin and without the tool's theme overrides (they use the plugin's filters)."""
    from generator.mkdocs_plugin import configure
    from generator.model.project import load_project

    agency = load_project(root).agency
    own = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    oit: dict[str, Any] = next(
        (p["oit"] for p in own["plugins"] if isinstance(p, dict) and "oit" in p), {}
    )
    extensions = [e for e in configure.MARKDOWN_EXTENSIONS if e != "toc"]
    config = {
        "site_name": agency.name.th,
        "site_url": agency.site_url,
        "docs_dir": "plain-docs",
        "strict": False,
        "theme": {
            "name": "material",
            "language": "th",
            "font": False,
            "features": [*configure.FEATURES, "search.suggest", "search.highlight"],
        },
        "markdown_extensions": [*extensions, {"toc": {"permalink": True}}],
        "extra_css": configure.EXTRA_CSS,
        "extra_javascript": configure.EXTRA_JAVASCRIPT,
        "plugins": [
            # Stock: Material's own search (lunr, the whole site's index in one file), which
            # the oit plugin replaces with its Pagefind index.
            {"search": {"lang": "en"}},
            {"i18n": configure.i18n_settings(agency, oit.get("nav_translations") or {})},
        ],
    }
    if nav == "home":
        config["nav"] = ["index.md"]
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def plain_figures(root: Path, nav: str) -> Figures:
    """A plain MkDocs build of the staged Markdown without the generator: `nav` "stock"
    lets MkDocs list every page in the navigation, "home" lists the home page only."""
    staged = root / "plain-docs"
    if not staged.exists():
        shutil.copytree(root / ".oit" / "bench" / "docs", staged)
    (root / f"plain-{nav}.yml").write_text(plain_config(root, nav), encoding="utf-8")
    site = root / f"site-plain-{nav}"
    run = measure(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            f"plain-{nav}.yml",
            "--site-dir",
            str(site),
        ],
        root,
    )
    if run["code"] != 0:
        raise SystemExit(f"plain mkdocs build ({nav} nav) failed in {root}:\n{run['errors']}")
    figures = Figures(seconds=run["seconds"], peak_bytes=run["peak"])
    site_figures(site, figures)
    shutil.rmtree(site)  # a stock build of the large scale writes gigabytes
    return figures


def serve_latency(root: Path) -> float:
    """Seconds from saving an item file to `oit serve` showing the change."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--project",
            str(root),
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/2569/oit/o2/"
    try:
        _wait(url, "oit-person", 300)
        item = next((root / "data/2569/oit").glob("o02-*.yml"))
        text = item.read_text(encoding="utf-8")
        marker = f"ผู้บริหารทดสอบเวลา{time.time_ns()}"
        start = time.perf_counter()
        item.write_text(text.replace("name: {th: ", f"name: {{th: {marker}", 1), encoding="utf-8")
        _wait(url, marker, 120)
        seconds = time.perf_counter() - start
        item.write_text(text, encoding="utf-8")
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{text!r} never appeared at {url}")


def median_run(runs: list[Figures]) -> Figures:
    """The figures of repeated runs of one build: the median times, the largest memory."""
    return replace(
        runs[0],
        seconds=statistics.median(f.seconds for f in runs),
        generator_seconds=statistics.median(f.generator_seconds for f in runs),
        peak_bytes=max(f.peak_bytes for f in runs),
    )


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def report(
    results: dict[str, tuple[Figures, Figures, Figures]],
    latency: float | None,
    readers: dict[str, ReaderFigures],
) -> list[str]:
    lines = [
        "| scale | build | pages | total s | generator s | MkDocs s | s/page | peak MB "
        "| output MB | KB/page | largest page | largest page w/o tables | search index |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, (ours, stock, floor) in results.items():
        for label, f in (("oit build", ours), ("stock mkdocs", stock), ("no-nav floor", floor)):
            search = ", ".join(f"{k} {kb(v)}" for k, v in sorted(f.search_bytes.items()))
            lines.append(
                f"| {name} | {label} | {f.pages} | {f.seconds:.1f} | "
                f"{f.generator_seconds:.1f} | {f.mkdocs_seconds:.1f} | "
                f"{f.seconds / f.pages:.3f} | {f.peak_bytes / MB:.0f} | "
                f"{f.output_bytes / MB:.1f} | {kb(f.output_bytes / f.pages)} | "
                f"{kb(f.largest_page[0])} {f.largest_page[1]} | "
                f"{kb(f.largest_plain_page[0])} {f.largest_plain_page[1]} | {search} |"
            )
    lines += ["", "Targets (ratios within this run):"]
    for name, (ours, stock, floor) in results.items():
        overhead = (ours.seconds - stock.seconds) / stock.seconds
        below = (ours.seconds - floor.seconds) / floor.seconds
        target = OVERHEAD_TARGET.get(name, 0.15)
        lines.append(
            f"- {name}: generator overhead {overhead:+.0%} of the stock build "
            f"(target <= {target:.0%}) {'OK' if overhead <= target else 'MISSED'} "
            f"({below:+.0%} of the no-nav floor, for reference); "
            f"peak memory {ours.peak_bytes / MB:.0f} MB; largest page without "
            f"tables {kb(ours.largest_plain_page[0])} (target < 100 KB) "
            f"{'OK' if ours.largest_plain_page[0] < 100 * 1024 else 'MISSED'}; "
            f"largest page {kb(ours.largest_page[0])} (target < 1 MB) "
            f"{'OK' if ours.largest_page[0] < MB else 'MISSED'}"
        )
    for five, ten in (("typical", "ten-years"), ("large-five", "large")):
        if five in results and ten in results:
            lines.append(growth(results[five][0], results[ten][0], f"{ten}/{five}"))
    if "typical" in results and "large" in results:
        t, big = results["typical"][0], results["large"][0]
        lines.append(
            f"- large/typical, read literally: time per page "
            f"x{(big.seconds / big.pages) / (t.seconds / t.pages):.2f}, bytes per page "
            f"x{(big.output_bytes / big.pages) / (t.output_bytes / t.pages):.2f} "
            f"(large pages carry 500-row tables); time per output MB "
            f"x{(big.seconds / big.output_bytes) / (t.seconds / t.output_bytes):.2f}"
        )
    if "large" in results:
        big = results["large"][0]
        lines.append(
            f"- peak memory at large {big.peak_bytes / MB:.0f} MB (target < 1024 MB) "
            f"{'OK' if big.peak_bytes < 1024 * MB else 'MISSED'}"
        )
    if latency is not None:
        lines.append(
            f"- oit serve shows an edited item after {latency:.1f} s on the typical "
            f"site (target <= 3 s) {'OK' if latency <= 3 else 'MISSED'}"
        )
    if readers:
        lines += ["", *reader_report(readers)]
    return lines


def reader_report(readers: dict[str, ReaderFigures]) -> list[str]:
    """The reader's figures per scale, and their targets."""
    lines = [
        "Reader figures (Chromium; empty cache; phone screen):",
        "",
        "| scale | first view, largest (page) | first view, item O11 th / en "
        "| fetched for search on a page view | search: bytes, most (query) "
        "| first results after the last key, typed (query) | pasted at once, slowest "
        "| LCP, slowest (page) | CLS, most |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in readers.items():
        size, page = r.largest_view
        search_bytes, search_query = r.worst("bytes")
        typed, typed_query = r.worst("typed_seconds")
        pasted, pasted_query = r.worst("pasted_seconds")
        lcp, lcp_page = r.worst_paint("lcp")
        cls, _ = r.worst_paint("cls")
        o11 = [r.first_view.get(f"item O11 (tables) {lang}", 0) for lang in ("th", "en")]
        lines.append(
            f"| {name} | {kb(size)} ({page}) | {kb(o11[0])} / {kb(o11[1])} "
            f"| {len(r.search_requests_on_view)} requests | {kb(search_bytes)} ({search_query}) "
            f"| {typed:.2f} s ({typed_query}) | {pasted:.2f} s ({pasted_query}) "
            f"| {lcp:.2f} s ({lcp_page}) | {cls:.3f} |"
        )
    lines += ["", "Reader targets:"]
    for name, r in readers.items():
        size, page = r.largest_view
        search_bytes, _ = r.worst("bytes")
        typed, _ = r.worst("typed_seconds")
        lcp, _ = r.worst_paint("lcp")
        cls, _ = r.worst_paint("cls")
        checks = [
            (f"every page's first view <= 250 KB (largest {kb(size)})", size <= 250 * 1024),
            (
                f"nothing fetched for search before a search ({len(r.search_requests_on_view)})",
                not r.search_requests_on_view,
            ),
            (f"no request to another host ({len(r.other_hosts)})", not r.other_hosts),
            (f"a search fetches <= 300 KB ({kb(search_bytes)})", search_bytes <= 300 * 1024),
            (f"first results within 1 s of typing ({typed:.2f} s)", typed <= 1),
            (f"LCP of item pages <= 2.5 s at {CPU_SLOWDOWN}x CPU ({lcp:.2f} s)", lcp <= 2.5),
            (f"CLS < 0.1 ({cls:.3f})", cls < 0.1),
        ]
        lines.append(
            f"- {name}: " + "; ".join(f"{label} {'OK' if ok else 'MISSED'}" for label, ok in checks)
        )
    return lines


def growth(five: Figures, ten: Figures, label: str) -> str:
    """The growth check: ten years against five of the same content per year."""
    time_ratio = (ten.seconds / ten.pages) / (five.seconds / five.pages)
    size_ratio = (ten.output_bytes / ten.pages) / (five.output_bytes / five.pages)
    return (
        f"- growth {label} (same content per year): time per page x{time_ratio:.2f}, "
        f"bytes per page x{size_ratio:.2f} (target within 20%) "
        f"{'OK' if max(time_ratio, size_ratio) <= 1.2 else 'MISSED'}"
    )


def environment() -> str:
    packages = ", ".join(
        f"{p} {version(p)}"
        for p in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pydantic", "jinja2")
    )
    return (
        f"{platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; {packages}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales",
        default=",".join(scale.name for scale in SCALES),
        help="comma-separated: " + ", ".join(scale.name for scale in SCALES),
    )
    parser.add_argument("--keep", type=Path, help="keep the synthetic projects in this folder")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve latency")
    parser.add_argument(
        "--no-reader", action="store_true", help="skip the reader's figures (Chromium)"
    )
    args = parser.parse_args()
    chosen = [s for s in SCALES if s.name in args.scales.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="oit-bench-"))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    results: dict[str, tuple[Figures, Figures, Figures]] = {}
    readers: dict[str, ReaderFigures] = {}
    latency = None
    print(environment(), flush=True)
    server = SiteServer()  # the sites are built for its address: no request leaves it
    for scale in chosen:
        root = make_agency(work / scale.name, scale, site_url=server.base)
        print(f"{scale.name}: {scale.years} year(s) built in {root}", flush=True)
        runs = [
            (build_figures(root), plain_figures(root, "stock"), plain_figures(root, "home"))
            for _ in range(REPEATS.get(scale.name, 1))
        ]
        ours, stock, floor = (median_run([run[i] for run in runs]) for i in range(3))
        results[scale.name] = ours, stock, floor
        if scale.name == "typical" and not args.no_serve:
            latency = serve_latency(root)
        if not args.no_reader:
            readers[scale.name] = reader_figures(server, root / "site")
            print(f"{scale.name}: reader figures measured", flush=True)
    server.close()
    print("\n".join(report(results, latency, readers)))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
