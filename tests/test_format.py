"""How values read on Thai and English pages: dates, fiscal years, digits, money."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from conftest import MINI_AGENCY, MakeProject, item_of
from generator import urls
from generator.errors import DataError
from generator.format import Formatter
from generator.model.project import load_project
from generator.site.render import Renderer

DAY = dt.date(2026, 1, 15)
TH, EN, TH_DIGITS = Formatter("th"), Formatter("en"), Formatter("th", thai_digits=True)


@pytest.mark.parametrize(
    ("fmt", "style", "expected"),
    [
        (TH, "short", "15 ม.ค. 2569"),
        (TH, "long", "15 มกราคม 2569"),
        (EN, "short", "15 Jan 2026"),
        (EN, "long", "15 January 2026"),
        (TH_DIGITS, "short", "๑๕ ม.ค. ๒๕๖๙"),
        (TH_DIGITS, "long", "๑๕ มกราคม ๒๕๖๙"),
        (Formatter("en", thai_digits=True), "long", "15 January 2026"),
    ],
)
def test_dates(fmt: Formatter, style: str, expected: str) -> None:
    assert fmt.date(DAY, style) == expected


def test_every_thai_month_comes_from_pythainlp() -> None:
    months = [TH.date(dt.date(2025, m, 1), "long").split()[1] for m in range(1, 13)]
    assert months[0] == "มกราคม" and months[8] == "กันยายน" and months[11] == "ธันวาคม"
    short = [TH.date(dt.date(2025, m, 1)).split()[1] for m in range(1, 13)]
    assert short[9] == "ต.ค." and short[10] == "พ.ย."


@pytest.mark.parametrize(
    ("fmt", "label", "short", "span"),
    [
        (
            TH,
            "ปีงบประมาณ พ.ศ. 2569",
            "พ.ศ. 2569",
            "1 ตุลาคม 2568 – 30 กันยายน 2569",
        ),
        (
            EN,
            "Fiscal year 2026 (B.E. 2569)",
            "FY2026 (B.E. 2569)",
            "1 October 2025 – 30 September 2026",
        ),
        (
            TH_DIGITS,
            "ปีงบประมาณ พ.ศ. ๒๕๖๙",
            "พ.ศ. ๒๕๖๙",
            "๑ ตุลาคม ๒๕๖๘ – ๓๐ กันยายน ๒๕๖๙",
        ),
    ],
)
def test_fiscal_year_labels(fmt: Formatter, label: str, short: str, span: str) -> None:
    assert fmt.fiscal_year(2569) == label
    assert fmt.fiscal_year_short(2569) == short
    assert fmt.fiscal_year_span(2569) == span


@pytest.mark.parametrize(
    ("value", "th", "th_digits"),
    [
        (Decimal("1290000"), "1,290,000", "๑,๒๙๐,๐๐๐"),
        (Decimal("1289999.22"), "1,289,999.22", "๑,๒๘๙,๙๙๙.๒๒"),
        (Decimal("500.5"), "500.50", "๕๐๐.๕๐"),
        (0, "0", "๐"),
    ],
)
def test_money(value: Decimal, th: str, th_digits: str) -> None:
    assert TH.money(value) == th == EN.money(value)
    assert TH_DIGITS.money(value) == th_digits


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal("1290000"), "หนึ่งล้านสองแสนเก้าหมื่นบาทถ้วน"),
        (Decimal("21967.50"), "สองหมื่นหนึ่งพันเก้าร้อยหกสิบเจ็ดบาทห้าสิบสตางค์"),
        (Decimal("101"), "หนึ่งร้อยเอ็ดบาทถ้วน"),
    ],
)
def test_baht_in_words(value: Decimal, words: str) -> None:
    assert TH.baht_words(value) == words


def test_numbers_keep_their_decimals() -> None:
    assert TH.number(Decimal("79.85")) == "79.85"
    assert TH_DIGITS.number(Decimal("1234")) == "๑,๒๓๔"


TABLE_ITEM = """\
blocks:
  - type: table
    element: monthly
    columns:
      - {key: month, title: {th: เดือน, en: Month}, type: date}
      - {key: amount, title: {th: วงเงิน, en: Amount}, type: money, words: true}
      - {key: price, title: {th: ราคา, en: Price}, type: money}
    rows:
      - {month: 2568-10-31, amount: 1290000, price: 1289999.22}
"""


def test_thai_digits_setting_on_a_rendered_item(make_project: MakeProject) -> None:
    agency = MINI_AGENCY + "settings:\n  thai_digits: true\n"
    root = make_project(
        {"data/agency.yml": agency, "data/2569/oit/o11-procurement.yml": TABLE_ITEM}
    )
    project = load_project(root)
    year = project.years[2569]
    pages = Renderer(project).render_item(year, item_of(year, "o11"))
    path = urls.url_for_item(2569, "o11")
    th, en = pages[urls.source_for(path, "th")], pages[urls.source_for(path, "en")]
    assert '<time datetime="2025-10-31">๓๑ ต.ค. ๒๕๖๘</time>' in th
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๙" in th
    assert (
        '<td class="oit-num">๑,๒๙๐,๐๐๐<br><small class="oit-baht-words">'
        "(หนึ่งล้านสองแสนเก้าหมื่นบาทถ้วน)</small></td>" in th
    )
    assert '<td class="oit-num">๑,๒๘๙,๙๙๙.๒๒</td>' in th
    assert 'data-digits="thai"' in th
    # English pages keep Arabic digits and Common Era dates, and no Thai amounts in words.
    assert '<time datetime="2025-10-31">31 Oct 2025</time>' in en
    assert '<td class="oit-num">1,290,000</td>' in en
    assert "บาทถ้วน" not in en
    assert not re.search("[๐-๙]", en)
    year_page = (
        Renderer(project).render_year(year).files[urls.source_for(urls.url_for_year(2569), "th")]
    )
    assert "๑ ตุลาคม ๒๕๖๘ – ๓๐ กันยายน ๒๕๖๙" in year_page


def test_words_are_for_money_columns_only(make_project: MakeProject) -> None:
    item = TABLE_ITEM.replace("type: money}", "type: number, words: true}")
    root = make_project({"data/2569/oit/o11-procurement.yml": item})
    with pytest.raises(DataError) as error:
        load_project(root)
    assert [p.format("en") for p in error.value.problems] == [
        "data/2569/oit/o11-procurement.yml:7:9: error: block 1, column 3: `words:` applies to "
        "money columns only. Remove it, or set type: money."
    ]
