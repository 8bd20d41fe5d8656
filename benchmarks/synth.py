"""Synthetic agencies for the benchmark, made from the bundled sample agency.

Every fiscal year of a synthetic agency is the sample's FY2569 (26 items of real,
bilingual Thai content) with its dates moved to that year. At the large scale each year
also gets a procurement CSV of 10,000 rows, assembled from the words of the sample's
own procurement data so that the Thai text is realistic.
"""

from __future__ import annotations

import csv
import random
import re
import shutil
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from generator.model.load import load_yaml

REPO = Path(__file__).resolve().parent.parent
#: The sample agency, as the tests read it (tests/sample/): the root may hold a real agency.
SAMPLE = REPO / "tests" / "sample"
SAMPLE_YEAR = 2569
_DATE = re.compile(r"\b(25\d\d)-(\d\d)-(\d\d)\b")


@dataclass(frozen=True)
class Scale:
    name: str
    years: int
    procurement_rows: int  # rows of the project-level procurement table per year
    measures: int = 0  # integrity measures per year (0: the sample's own)


SCALES = (
    Scale("small", 1, 0),
    Scale("typical", 5, 0),
    # Ten years of typical content: the growth check compares it with `typical`, so that
    # only the number of years differs between the two.
    Scale("ten-years", 10, 0),
    Scale("large", 10, 10_000, measures=40),
    # The large agency's last five years (the same content per year as `large`): growth
    # at the large scale compares the two, so that again only the number of years differs.
    Scale("large-five", 5, 10_000, measures=40),
)


SAMPLE_SITE_URL = "https://www.example.go.th/ita/"


def make_agency(root: Path, scale: Scale, site_url: str | None = None) -> Path:
    """Write a project with `scale.years` fiscal years ending in 2569 into `root`, to be
    published at `site_url` (default: the sample's)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy(SAMPLE / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(SAMPLE / "content", root / "content")
    (root / "data").mkdir()
    agency = (SAMPLE / "data/agency.yml").read_text(encoding="utf-8")
    agency = agency.replace(SAMPLE_SITE_URL, site_url or SAMPLE_SITE_URL)
    (root / "data/agency.yml").write_text(agency, encoding="utf-8")
    sample = SAMPLE / "data" / str(SAMPLE_YEAR)
    for fy in range(SAMPLE_YEAR - scale.years + 1, SAMPLE_YEAR + 1):
        shift = fy - SAMPLE_YEAR
        target = root / "data" / str(fy)
        for source in sorted(sample.rglob("*.yml")):
            text = _DATE.sub(partial(_moved, shift=shift), source.read_text(encoding="utf-8"))
            path = target / source.relative_to(sample)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if scale.procurement_rows:
            _big_procurement(root, fy, scale.procurement_rows)
        if scale.measures:
            _many_measures(target / "plans", scale.measures)
    return root


def _moved(match: re.Match[str], shift: int) -> str:
    year, month, day = int(match.group(1)) + shift, match.group(2), match.group(3)
    if (month, day) == ("02", "29"):
        day = "28"
    return f"{year}-{month}-{day}"


def _big_procurement(root: Path, fy: int, rows: int) -> None:
    """Replace the year's project-level procurement CSV by one of `rows` rows."""
    source = SAMPLE / "content/files/2569/o11-procurement-summary.csv"
    with source.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        sample_rows = list(reader)
    rng = random.Random(fy)
    name = f"files/{fy}/o11-procurement-{rows}.csv"
    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(1, rows + 1):
            row = list(rng.choice(sample_rows))
            row[1] = str(n)
            row[2] = f"{row[2]} (รายการที่ {n})"
            row[3] = f"{rng.randint(5_000, 5_000_000)}.00"
            writer.writerow(row)
    item = root / "data" / str(fy) / "oit" / "o11-procurement-monthly.yml"
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("files/2569/o11-procurement-summary.csv", name), encoding="utf-8")


def _many_measures(plans: Path, count: int) -> None:
    """Grow the year's integrity measures (and their progress rounds) to `count` measures by
    repeating the sample's, renumbered."""
    plan_file = plans / "integrity-measures.yml"
    plan = load_yaml(plan_file, "plan").data
    sample = plan["measures"]
    plan["measures"] = [{**sample[n % len(sample)], "no": n + 1} for n in range(count)]
    plan_file.write_text(_dump(plan), encoding="utf-8")
    for round_file in sorted(plans.glob("integrity-measures-*.yml")):
        progress = load_yaml(round_file, "round").data
        reported = list(progress["measures"].values())
        progress["measures"] = {n + 1: reported[n % len(reported)] for n in range(count)}
        round_file.write_text(_dump(progress), encoding="utf-8")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True  # data files may not use aliases: write repeated measures out in full


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
