"""Table blocks: inline rows or a CSV/XLSX file, read into typed cells.

Both sources go through the same cell parsing, so a bad number is reported the same way
whether it sits in the YAML (file:line:col of the value) or in a CSV (file:row:column).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from generator.errors import Problem, did_you_mean
from generator.model.files import is_what_its_name_says
from generator.model.load import LoadError, SourceFile, read_text
from generator.schema.base import MAX_NUMBER, parse_number
from generator.schema.blocks import Column, TableBlock
from generator.schema.dates import BE_OFFSET, parse_date, parse_month
from generator.schema.refs import check_url
from generator.schema.text import Text

#: A table is one page: 10 MB of CSV is already some 100,000 rows.
MAX_TABLE_BYTES = 10 * 1024 * 1024
#: Rows and columns a table file may hold: a large agency publishes some 10,000 procurement
#: rows a year. Past them a file is refused, whatever its bytes claim.
MAX_ROWS = 100_000
MAX_COLUMNS = 200
#: What an XLSX file may unpack to: its size on disk says little (XML compresses 100-fold).
MAX_XLSX_UNPACKED = 200 * 1024 * 1024

Cell = Text | Decimal | dt.date | str | None


@dataclass(frozen=True)
class TableData:
    """A table ready to render: its columns and rows of typed cells (None = empty)."""

    columns: list[Column]
    rows: list[list[Cell]]


def load_table(
    block: TableBlock, source: SourceFile, loc: tuple[Any, ...], content_dir: Path
) -> tuple[TableData | None, list[Problem]]:
    if block.rows is not None:
        return _inline(block, source, loc)
    assert block.file is not None
    return _from_file(block, block.file, content_dir)


def _inline(
    block: TableBlock, source: SourceFile, loc: tuple[Any, ...]
) -> tuple[TableData | None, list[Problem]]:
    columns = block.columns or []
    keys = [c.key for c in columns]
    problems: list[Problem] = []
    rows: list[list[Cell]] = []
    for r, row in enumerate(block.rows or []):
        row_loc = (*loc, "rows", r)
        cells: list[Cell] = []
        for key in row:
            if key not in keys:
                problems.append(
                    source.problem(
                        (*row_loc, key),
                        f'row {r + 1}: unknown column "{key}".',
                        did_you_mean(key, keys, what="Columns"),
                        key=True,
                    )
                )
        for column in columns:
            try:
                cells.append(parse_cell(row.get(column.key), column))
            except CellError as exc:
                problems.append(
                    source.problem(
                        (*row_loc, column.key),
                        f"row {r + 1}, column {column.key}: {exc.message}",
                        exc.hint,
                    )
                )
                cells.append(None)
        rows.append(cells)
    return (None if problems else TableData(columns, rows)), problems


def _from_file(
    block: TableBlock, file: str, content_dir: Path
) -> tuple[TableData | None, list[Problem]]:
    rel = f"content/{file}"
    path = content_dir / file
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:  # checked before opening: a huge file is never read
        return None, [
            Problem(
                rel,
                1,
                1,
                "error",
                f"this table file is {size / 1024 / 1024:.1f} MB; table files may be at most "
                f"{MAX_TABLE_BYTES // 1024 // 1024} MB.",
                "Split it into smaller files, e.g. one per month.",
            )
        ]
    if not is_what_its_name_says(path):
        return None, []  # model.files reports it
    try:
        if file.lower().endswith(".csv"):
            header, body = _read_csv(path, rel)
        else:
            header, body = _read_xlsx(path, rel, block.sheet)
    except LoadError as exc:
        return None, [exc.problem]
    if block.columns:
        columns = block.columns
        missing = [c.key for c in columns if c.key not in header]
        if missing:
            return None, [
                Problem(
                    rel,
                    1,
                    1,
                    "error",
                    f'the header row has no column "{missing[0]}".',
                    did_you_mean(missing[0], header, what="Columns"),
                )
            ]
    else:
        columns = [Column(key=h) for h in header if h]
    index = [header.index(c.key) for c in columns]
    problems: list[Problem] = []
    rows: list[list[Cell]] = []
    for line, values in body:
        if not any(str(v).strip() for v in values if v is not None):
            continue  # blank line
        cells: list[Cell] = []
        for column, i in zip(columns, index, strict=True):
            raw = values[i] if i < len(values) else None
            try:
                cells.append(parse_cell(raw, column))
            except CellError as exc:
                problems.append(
                    Problem(
                        rel, line, i + 1, "error", f"column {column.key}: {exc.message}", exc.hint
                    )
                )
                cells.append(None)
        rows.append(cells)
    return (None if problems else TableData(columns, rows)), problems


def _read_csv(path: Path, rel: str) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    text = read_text(path, rel, limit=MAX_TABLE_BYTES)
    reader = csv.reader(io.StringIO(text), strict=True)  # strict: a stray quote is an error
    records: list[tuple[int, list[Any]]] = []
    try:
        for row in reader:
            records.append((reader.line_num, row))
            _check_size(rel, len(records), len(row), reader.line_num)
    except csv.Error as exc:
        raise LoadError(
            Problem(
                rel,
                reader.line_num,
                1,
                "error",
                f"CSV error: {exc}.",
                "Check the quotes on this line.",
            )
        ) from None
    if not records:
        raise LoadError(
            Problem(rel, 1, 1, "error", "this CSV file is empty.", "Add a header row and the data.")
        )
    header = [h.strip() for h in records[0][1]]
    return header, records[1:]


def _read_xlsx(
    path: Path, rel: str, sheet: str | None
) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    import zipfile

    from openpyxl import load_workbook

    unreadable = LoadError(
        Problem(
            rel,
            1,
            1,
            "error",
            "this is not a readable XLSX file.",
            "Save it again from Excel or LibreOffice as .xlsx.",
        )
    )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise unreadable from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise LoadError(
            Problem(
                rel,
                1,
                1,
                "error",
                f"this workbook unpacks to {unpacked / 1024 / 1024:.0f} MB; at most "
                f"{MAX_XLSX_UNPACKED // 1024 // 1024} MB are read.",
                "Save only the sheet with the table, or split it into smaller files.",
            )
        )
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise unreadable from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise LoadError(
                Problem(
                    rel,
                    1,
                    1,
                    "error",
                    f'there is no sheet "{sheet}".',
                    did_you_mean(sheet, book.sheetnames, what="Sheets"),
                )
            )
        ws = book[sheet] if sheet else book.worksheets[0]
        # The sheet's own claim of its size (<dimension ref="A1:XFD1048576"/>) is not
        # trusted: rows are read as they are, and no further than the caps.
        ws.reset_dimensions()
        rows: list[list[Any]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            row = list(values)
            while row and row[-1] is None:
                row.pop()
            rows.append(row)
            _check_size(rel, number, len(row), number)
    finally:
        book.close()
    if not rows:
        raise LoadError(
            Problem(rel, 1, 1, "error", "this sheet is empty.", "Add a header row and the data.")
        )
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    return header, [(n + 2, r) for n, r in enumerate(rows[1:])]


def _check_size(rel: str, rows: int, columns: int, line: int) -> None:
    """Stop reading a table file that passes the caps (its header row counts)."""
    if rows > MAX_ROWS + 1 or columns > MAX_COLUMNS:
        what = (
            f"more than {MAX_ROWS:,} rows"
            if rows > MAX_ROWS + 1
            else (f"{columns} columns; at most {MAX_COLUMNS} are read")
        )
        raise LoadError(
            Problem(
                rel,
                line,
                1,
                "error",
                f"this table has {what}.",
                "Split it into smaller files, e.g. one per month or per year.",
            )
        )


class CellError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def parse_cell(value: Any, column: Column) -> Cell:
    """A cell's value read according to its column's type; None for empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    # Fast paths for the common plain forms (a procurement table may hold 100,000 cells);
    # everything else goes through the full parsers below.
    if type(value) is str:
        if column.type == "text":
            return value
        if column.type in ("number", "money") and _PLAIN_NUMBER.fullmatch(value):
            number = Decimal(value)
            if abs(number) < MAX_NUMBER:
                return number  # otherwise parse_number says why it is refused
        if column.type == "date" and (match := _ISO_DATE.fullmatch(value)):
            year, month, day = (int(g) for g in match.groups())
            year = year - BE_OFFSET if year > 2400 else year
            if 1900 <= year <= 2200:
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    pass  # the full parser explains what is wrong
    try:
        if column.type in ("number", "money"):
            return parse_number(value)
        if column.type == "date":
            return parse_date(
                value.date()
                if isinstance(value, dt.datetime)
                else value
                if isinstance(value, dt.date)
                else str(value)
            )
        if column.type == "month":
            return parse_month(value if isinstance(value, dt.date) else str(value))
        if column.type == "link":
            return check_url(str(value))
        if isinstance(value, dict):
            return Text.model_validate(value)
        if isinstance(value, list):
            raise CellError("a cell cannot hold a list.", "Write one value per cell.")
        return str(value)
    except PydanticCustomError as exc:
        context = exc.context or {}
        raise CellError(str(context.get("message", exc)), str(context.get("hint", ""))) from None
    except ValidationError as exc:
        raise CellError(
            "this cell is not text or {th: ..., en: ...}.", str(exc.errors()[0]["msg"])
        ) from None
