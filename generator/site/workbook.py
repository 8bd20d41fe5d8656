"""The ITAS sheet as an Excel workbook, from its cells (itas.py makes them).

openpyxl is imported when a workbook is written, so that commands which write none do not
wait for it. Every cell is text: a value that starts like a formula is neutralised
(`exports.spreadsheet_text`) and stored as a string, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from generator.site.exports import spreadsheet_text

LINK_COLUMNS = slice(3, 5)  # the page addresses, Thai and English
WIDTHS = (8, 50, 40, 45, 45, 90)


def itas_workbook(table: list[list[str]], fy: int, modified: dt.date | None = None) -> bytes:
    """The sheet `table` (header first) as a workbook; the same cells give the same bytes.

    Why: the workbook is published with the site, which must be byte-identical between
    builds of the same data. openpyxl stamps the current time into the document
    properties and into every zip entry, so both are fixed here (`modified` is the
    data's own date).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"ITAS {fy}"
    header, *lines = table
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append([spreadsheet_text(value) for value in line])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # openpyxl would store "=..." as a formula
        for cell in sheet[sheet.max_row][LINK_COLUMNS]:
            if cell.value:
                cell.hyperlink = str(cell.value)
    for letter, width in zip("ABCDEF", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    stamp = dt.datetime.combine(modified or dt.date(2000, 1, 1), dt.time())
    book.properties.creator = "oit-site"
    book.properties.created = book.properties.modified = stamp
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _fixed_zip_times(raw.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
