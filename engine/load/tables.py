"""Read a CSV or XLSX table as people save it from Excel or WPS.

Cells come back as stripped text (blank cells as missing), with the spreadsheet row of each
record in `__row`, so later messages can point at the exact cell.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from engine.text import both, clipped
from engine.text.messages import os_reason
from engine.core.problems import Problem
from engine.load import xlsx_guard
from engine.load.cells import ROW, Cells, clean_frame, strip as _strip

MAX_TABLE_BYTES = 100 * 1024 * 1024


def decode(raw: bytes) -> str | None:
    """UTF-16 and UTF-8 by their BOM; else UTF-8; else GB18030 (Excel/WPS on Chinese Windows)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif raw.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "gb18030")
    for enc in encodings:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    return None


def read_table(path: Path, shown: str, sheet: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    cells, problems = read_cells(path, shown, sheet)
    return (cells.frame if cells is not None else None), problems


def read_cells(path: Path, shown: str, sheet: str | None = None) -> tuple[Cells | None, list[Problem]]:
    """The table as Cells (columns numbered from 1, each column's distinct texts kept), or None."""
    try:
        info = path.stat()
        size = info.st_size
    except OSError as exc:
        return None, [Problem("file.unreadable", shown, params={"reason": os_reason(exc)})]
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):  # a pipe would hang, /dev/zero never end
        return None, [Problem("file.not_regular", shown)]
    if size > MAX_TABLE_BYTES:
        return None, [Problem("table.parse", shown, params={"detail": both("load.table_too_large",
                                                                            limit=MAX_TABLE_BYTES // 2**20)})]
    try:
        if path.suffix.lower() == ".xlsx":
            rows, problems = _read_xlsx(path, shown, sheet)
        else:
            rows, problems = _read_csv(path, shown)
    except OSError as exc:  # a folder named values.csv, a file without read permission
        return None, [Problem("file.unreadable", shown, params={"reason": os_reason(exc)})]
    if rows is None:
        return None, problems
    frame, found = (rows, []) if isinstance(rows, pd.DataFrame) else records_frame(rows, shown)
    problems += found
    if frame is None:
        return None, problems
    frame = _drop_blank_columns(frame)
    problems += _header_problems(frame, shown)
    if any(p.level == "error" for p in problems):
        return None, problems
    frame.columns = [_strip(str(c)) for c in frame.columns]
    frame, distinct = clean_frame(frame)  # blank lines between records are harmless: dropped
    frame[ROW] = frame.index + 2  # header is spreadsheet row 1
    numbers = {c: n for n, c in enumerate(frame.columns, start=1) if c != ROW}
    return Cells(frame.reset_index(drop=True), shown, numbers, distinct=distinct), problems


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not _strip(value))


MAX_COLUMNS = 500


def _last_filled(row) -> int:
    end = len(row)
    while end and _blank(row[end - 1]):
        end -= 1
    return end


def _uniform(rows: list[list[str]]) -> pd.DataFrame | None:
    """The common case, column by column: every record as wide as the header, the header not blank,
    not too wide. None for anything else, which _frame reads record by record and explains."""
    if not rows or len(set(map(len, rows))) != 1 or len(rows[0]) > MAX_COLUMNS:
        return None
    return _body(pd.DataFrame(rows, dtype=object))


def _body(frame: pd.DataFrame) -> pd.DataFrame | None:
    """The records under the header (row 0 of `frame`), trailing empty columns dropped; None when
    the header is blank (which _frame explains)."""
    used = frame.shape[1]
    while used and _blank_column(frame.iloc[:, used - 1]):  # trailing empty cells: formatting, commas
        used -= 1
    header = frame.iloc[0, :used].tolist()
    if not used or all(_blank(v) for v in header):
        return None
    body = frame.iloc[1:, :used].reset_index(drop=True)  # copy-on-write: a view until written
    body.columns = [str(c) for c in header]
    return body


def records_by_pandas(text: str | bytes, sep: str) -> pd.DataFrame | None:
    """pandas' C parser, where it reads a file as the csv module does: no record wider than the
    first (it raises), no NUL; short records and blank lines padded with empty cells, as _frame
    pads them. None otherwise: the csv module then reads the file record by record and locates.
    Bytes are UTF-8 (None if they are not)."""
    if ("\x00" if isinstance(text, str) else b"\x00") in text or not text:
        return None
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        # as categories: the parser finds each column's distinct texts in C and makes one str per
        # distinct text, not one per cell; clean_frame reads them from there (Cells.distinct)
        frame = _parsed(data, sep, "category")
        if not all(isinstance(frame[k].cat.categories.dtype, pd.StringDtype) for k in frame.columns):
            # pandas made numbers (or True/False) of a column whose every text, header too, reads as
            # one: the texts themselves are wanted (' 1', '1.0'), so that file is read as text
            frame = _parsed(data, sep, object)
    except (ValueError, pd.errors.ParserError, csv.Error):  # UnicodeDecodeError too: not UTF-8
        return None
    if frame.shape[1] > MAX_COLUMNS:
        return None
    return _body(frame)


def _parsed(data: bytes, sep: str, dtype) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=sep, header=None, dtype=dtype, na_filter=False,
                       skip_blank_lines=False, engine="c", encoding="utf-8")


def _blank_column(column: pd.Series) -> bool:
    return all(_blank(v) for v in _texts(column))


def _texts(column: pd.Series):
    """A column's distinct texts; a categorical column's categories (those of its whole column in the
    file, the header's text included)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.categories.tolist()
    return pd.unique(column.to_numpy()).tolist()


def records_frame(rows: list[list[str]], shown) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The records under the header (spreadsheet row 1). A record longer than the header is
    refused where the extra cells hold something: they have no column and would be lost."""
    uniform = _uniform(rows)
    if uniform is not None:
        return uniform, []
    if not any(not _blank(v) for row in rows for v in row):  # no bytes, blank lines, an empty sheet
        return None, [Problem("table.empty", shown)]
    used = max((_last_filled(row) for row in rows), default=0)  # trailing empty cells: formatting, commas
    if used > MAX_COLUMNS:
        return None, [Problem("table.parse", shown, params={"detail": both("load.table_too_wide", used=used,
                                                                                limit=MAX_COLUMNS)})]
    rows = [row[:used] for row in rows]
    header = rows[0]
    if all(_blank(v) for v in header):
        return None, [Problem("table.blank_header", shown, 1)]
    width, problems = len(header), []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) > width:
            extra = [k for k, v in enumerate(row[width:], start=width + 1) if not _blank(v)]
            if extra:
                problems.append(Problem("table.extra_cells", shown, n, extra[0], params={
                    "count": len(extra), "col": extra[0], "width": width}))
    if problems:
        return None, problems
    body = [row if len(row) == width else row[:width] + [""] * (width - len(row)) for row in rows[1:]]
    return pd.DataFrame(body, columns=[str(c) for c in header], dtype=object), []


def _read_csv(path, shown):
    raw = path.read_bytes()
    frame = _utf8_records(raw)
    if frame is not None:
        return frame, []
    text = decode(raw)
    if text is None:
        return None, [Problem("table.encoding", shown)]
    first = text.split("\n", 1)[0]
    sep = "\t" if first.count("\t") > first.count(",") else ","  # Excel's "Unicode text" is tab-separated UTF-16
    text = text.rstrip("\r\n " + sep)  # trailing blank lines and separators: empty rows, never data
    frame = records_by_pandas(text, sep)
    if frame is not None:
        return frame, []
    return csv_records(text, sep, shown)


def _utf8_records(raw: bytes) -> pd.DataFrame | None:
    """The common case without decoding the text only to encode it again for pandas: UTF-8 (with or
    without its BOM) read by records_by_pandas from the bytes, as _read_csv reads the text (the same
    separator, the same trailing blank lines and separators taken off: ASCII, never inside a UTF-8
    character). None otherwise (_read_csv then decodes)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    body = raw[len(codecs.BOM_UTF8):] if raw.startswith(codecs.BOM_UTF8) else raw
    first = body[:body.find(b"\n")]  # (not split: that would copy the rest of the file)
    sep = "\t" if first.count(b"\t") > first.count(b",") else ","
    return records_by_pandas(_rstripped(body, ("\r\n " + sep).encode("ascii")), sep)


def _rstripped(body: bytes, chars: bytes) -> bytes:
    """body.rstrip(chars), without copying the file for the one line end it almost always ends with
    (pandas reads a last record the same with or without it)."""
    tail = body[-64:]
    kept = len(tail.rstrip(chars))
    if not kept:  # 64 bytes or more to take off: blank lines, separators
        return body.rstrip(chars)
    if tail[kept:] in (b"\n", b"\r\n", b""):
        return body
    return body[:len(body) - (len(tail) - kept)]


def csv_records(text: str, sep: str, shown: str = ""):
    """The records as the csv module reads them, or the problem that stops it, located."""
    # the csv module, not pandas: a repeated header must stay visible (pandas renames it x.1),
    # and a record longer than the header must be found and located, not lost
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # a quote left open would swallow every row after it
            at = _open_quote_row(text, sep)
            return None, [Problem("table.parse", shown, at, params={"detail": both("load.open_quote")})]
        # text after a closing quote ("已完成" 了): read as Excel does, 已完成 了
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        rows = []
        try:
            for row in reader:
                rows.append(row)
        except csv.Error as exc2:
            return None, [Problem("table.parse", shown, len(rows) + 1, params={"detail": str(exc2)})]
    return rows, []


def _open_quote_row(text: str, sep: str) -> int:
    """The spreadsheet row of the record holding the quote that is never closed."""
    rows = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        for _ in reader:
            rows += 1
    except csv.Error:
        pass
    return rows  # the last record read is the one that ran to the end of the file


def _read_xlsx(path, shown, sheet):
    from openpyxl import load_workbook  # imported here: only XLSX snapshots need it
    from openpyxl.utils.exceptions import InvalidFileException
    import zipfile
    try:
        inflated = xlsx_guard.inflated(path)
        if inflated:
            return None, [Problem("table.parse", shown, params={"detail": inflated})]
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile) as exc:  # a renamed CSV, an old .xls
        return None, [Problem("table.not_xlsx", shown, params={"detail": _xlsx_detail(exc)})]
    except (KeyError, OSError, ValueError, TypeError, IndexError, AttributeError, ET.ParseError) as exc:  # damaged
        return None, [Problem("table.parse", shown, params={"detail": _xlsx_detail(exc)})]
    try:
        if sheet is not None and sheet not in book.sheetnames:
            return None, [Problem("table.parse", shown, params={
                "detail": both("load.no_such_sheet", sheet=sheet, sheets=list(book.sheetnames))})]
        if not book.worksheets:  # a workbook edited by a script down to no sheet at all
            return None, [Problem("table.parse", shown, params={"detail": both("limits.no_sheets")})]
        ws = book[sheet] if sheet else book.worksheets[0]
        if not hasattr(ws, "iter_rows"):  # a chart sheet named in the manifest
            return None, [Problem("table.parse", shown, params={"detail": both("load.chart_sheet", sheet=sheet)})]
        try:
            # the saved dimension may reach XFD1048576 for one formatted empty cell: read only the
            # cells the sheet holds, without padding every row to it
            ws.reset_dimensions()
            rows = []
            for row in ws.iter_rows():
                if len(rows) >= xlsx_guard.MAX_SHEET_ROWS:  # more rows than Excel has: made by a script, not a person
                    return None, [Problem("table.parse", shown, params={"detail": both(
                        "limits.too_many_rows", limit=xlsx_guard.MAX_SHEET_ROWS)})]
                rows.append(_trimmed([cell_text(c) for c in row]))
            while rows and not rows[-1]:
                rows.pop()
            merged, formulas = _sheet_extras(ws)
        except (KeyError, OSError, ValueError, TypeError, IndexError, AttributeError, zipfile.BadZipFile,
                ET.ParseError) as exc:
            return None, [Problem("table.parse", shown, params={"detail": _xlsx_detail(exc)})]
    finally:
        book.close()
    problems = []
    for ref in merged:  # only the top-left cell of a merged range holds the value: the others read blank
        row, col = _cell_position(ref.split(":")[0])
        problems.append(Problem("table.merged_cells", shown, row, col, params={"range": ref}))
    for ref, formula in formulas:
        row, col = _cell_position(ref)
        # rows are trimmed: a formula past the last value, even in a last row of formulas only, has no value
        if row - 1 >= len(rows) or col > len(rows[row - 1]) or rows[row - 1][col - 1] == "":
            problems.append(Problem("table.formula_without_value", shown, row, col,
                                    params={"cell": ref, "formula": "=" + formula if formula else both("load.formula")}))
    if problems:
        return None, problems
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows], []


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return row[:end]


def _xlsx_detail(exc):
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else clipped(text, 197)


def _cell_position(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import coordinate_to_tuple
    return coordinate_to_tuple(ref.replace("$", ""))


def _sheet_extras(ws) -> tuple[list[str], list[tuple[str, str]]]:
    """Merged ranges, and formula cells saved without a computed value, read from the sheet's
    XML (read-only worksheets of openpyxl report neither)."""
    source = getattr(ws, "_get_source", None)
    if source is None:
        return [], []
    merged, formulas = [], []
    with source() as xml:
        for _event, el in ET.iterparse(xml):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "mergeCell" and el.get("ref"):
                merged.append(el.get("ref"))
            elif tag == "c":
                f = v = None
                for child in el:
                    name = child.tag.rsplit("}", 1)[-1]
                    if name == "f":
                        f = child
                    elif name in ("v", "is"):
                        v = child
                # a formula whose result is the empty string (IF(…,"",…)) is saved with t="str" and an empty <v>
                empty_text = v is not None and el.get("t") in ("str", "inlineStr")
                if f is not None and not empty_text and (v is None or (v.text is None and not len(v))) and el.get("r"):
                    formulas.append((el.get("r"), f.text or ""))
                el.clear()
            elif tag == "row":
                el.clear()
    return merged, formulas


def cell_text(cell) -> str:
    """An XLSX cell as the person sees it in Excel: 98.42% for 0.9842 in a percent format, 10 for
    10.0, dates as 2021-12-31 (the one reading of a cell: snapshots and the 任务书 importer)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)):
        if _scales_by_100(getattr(cell, "number_format", "") or ""):
            return f"{round(value * 100, 10):.15g}%"  # the sheet shows 98.42%, the cell holds 0.9842
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    return str(value)


def _scales_by_100(fmt: str) -> bool:
    """A percent format shows the cell × 100 (0.9842 as 98.42%); a % in quotes or after \\ is only text."""
    plain = re.sub(r'"[^"]*"|\\.', "", fmt)
    return "%" in plain


def _drop_blank_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Trailing columns with no header and no data (formatted cells beside a table, trailing
    commas); only trailing ones, so that column numbers in messages stay right."""
    width = frame.shape[1]
    while width and not _strip(str(frame.columns[width - 1])) and not any(
            isinstance(v, str) and _strip(v) != "" for v in _texts(frame.iloc[:, width - 1])):
        width -= 1
    return frame.iloc[:, :width]


def _header_problems(frame, shown) -> list[Problem]:
    problems, seen = [], {}
    for n, name in enumerate(frame.columns, start=1):
        name = _strip(str(name))
        if not name:
            problems.append(Problem("table.empty_header", shown, 1, n, params={"col": n}))
        elif name in seen:
            problems.append(Problem("table.duplicate_column", shown, 1, n, name, {"column": name}))
        seen.setdefault(name, n)
    return problems


def column_number(frame: pd.DataFrame, column: str) -> int:
    return list(frame.columns).index(column) + 1
