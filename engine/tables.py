"""Read a CSV or XLSX table as people save it from Excel or WPS.

Cells come back as stripped text (blank cells as missing), with the spreadsheet row of each
record in `__row`, so later messages can point at the exact cell.
"""
from __future__ import annotations

import codecs
import datetime as dt
import io
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from .problems import Problem

ROW = "__row"
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
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem("file.unreadable", shown, params={"reason": exc.strerror or str(exc)})]
    if size > MAX_TABLE_BYTES:
        return None, [Problem("table.parse", shown, params={"detail": f"文件超过 {MAX_TABLE_BYTES // 2**20} MB"})]
    if path.suffix.lower() == ".xlsx":
        frame, problems = _read_xlsx(path, shown, sheet)
    else:
        frame, problems = _read_csv(path, shown)
    if frame is None:
        return None, problems
    frame = _drop_blank_columns(frame)
    problems += _header_problems(frame, shown)
    if any(p.level == "error" for p in problems):
        return None, problems
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype(object).apply(lambda col: col.map(_clean_cell))
    frame = frame.dropna(how="all")  # blank lines between records are harmless
    frame[ROW] = frame.index + 2  # header is spreadsheet row 1
    return frame.reset_index(drop=True), problems


def _clean_cell(value):
    if not isinstance(value, str):
        return np.nan if value is None or pd.isna(value) else value
    value = value.strip()
    return value if value else np.nan


def _read_csv(path, shown):
    text = decode(path.read_bytes())
    if text is None:
        return None, [Problem("table.encoding", shown)]
    first = text.split("\n", 1)[0]
    sep = "\t" if first.count("\t") > first.count(",") else ","  # Excel's "Unicode text" is tab-separated UTF-16
    try:
        # header=None: pandas would rename a repeated header to "x.1" and hide the mistake
        raw = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                          skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        return None, [Problem("table.parse", shown, params={"detail": str(exc).strip()})]
    frame = raw.iloc[1:].reset_index(drop=True)
    frame.columns = [str(c) for c in raw.iloc[0]]
    return frame, []


def _read_xlsx(path, shown, sheet):
    from openpyxl import load_workbook  # imported here: only XLSX snapshots need it
    from openpyxl.utils.exceptions import InvalidFileException
    import zipfile
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        return None, [Problem("table.parse", shown, params={"detail": str(exc) or type(exc).__name__})]
    try:
        if sheet is not None and sheet not in book.sheetnames:
            return None, [Problem("table.parse", shown, params={
                "detail": f"没有工作表 {sheet}（有：{'、'.join(book.sheetnames)}）"})]
        ws = book[sheet] if sheet else book.worksheets[0]
        rows = [[_cell_text(c) for c in row] for row in ws.iter_rows()]
    finally:
        book.close()
    if not rows:
        return None, [Problem("table.parse", shown, params={"detail": "工作表是空的"})]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = rows[0]
    return pd.DataFrame(rows[1:], columns=header, dtype=object), []


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)):
        if "%" in (getattr(cell, "number_format", "") or ""):
            return f"{round(value * 100, 10)!r}%"  # the sheet shows 98.42%, the cell holds 0.9842
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    return str(value)


def _drop_blank_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Trailing columns with no header and no data (formatted cells beside a table, trailing
    commas); only trailing ones, so that column numbers in messages stay right."""
    width = frame.shape[1]
    while width and not str(frame.columns[width - 1]).strip() and not frame.iloc[:, width - 1].map(
            lambda v: isinstance(v, str) and v.strip() != "").any():
        width -= 1
    return frame.iloc[:, :width]


def _header_problems(frame, shown) -> list[Problem]:
    problems, seen = [], {}
    for n, name in enumerate(frame.columns, start=1):
        name = str(name).strip()
        if not name or name.startswith("Unnamed:"):
            problems.append(Problem("table.empty_header", shown, 1, n, params={"col": n}))
        elif name in seen:
            problems.append(Problem("table.duplicate_column", shown, 1, n, name, {"column": name}))
        seen.setdefault(name, n)
    return problems


def column_number(frame: pd.DataFrame, column: str) -> int:
    return list(frame.columns).index(column) + 1


# --- cell values --------------------------------------------------------------------------

def normalise(text: pd.Series) -> pd.Series:
    """Full-width digits and punctuation to ASCII (１２３ -> 123, ％ -> %)."""
    return text.map(lambda s: unicodedata.normalize("NFKC", s) if isinstance(s, str) else s)


def parse_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers as people type them: 1,200  98.42%  １２３. Returns (values, bad mask)."""
    clean = normalise(text).astype("string").str.replace(",", "", regex=False).str.strip()
    clean = clean.str.removesuffix("%").str.strip().astype(object).where(text.notna(), None)
    values = pd.to_numeric(clean, errors="coerce")
    finite = values.where(np.isfinite(values))
    bad = text.notna() & finite.isna()
    return finite.astype(float), bad


def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    clean = (normalise(text).astype("string").str.replace(r"[年月/.]", "-", regex=True)
             .str.replace("日", "", regex=False).str.strip().astype(object).where(text.notna(), None))
    values = pd.to_datetime(clean, format="%Y-%m-%d", errors="coerce")
    bad = text.notna() & values.isna()
    return values, bad


def typed(frame: pd.DataFrame, keep_text=()) -> pd.DataFrame:
    """Ledger columns as numbers or dates where every filled cell is one; else text."""
    out = frame.copy()
    for column in frame.columns:
        if column.startswith("__") or column in keep_text:
            continue
        col = frame[column]
        if col.notna().sum() == 0:
            continue
        numbers, bad = parse_numbers(col)
        if not bad.any():
            out[column] = numbers
            continue
        dates, bad = parse_dates(col)
        if not bad.any() and col.dropna().str.contains(r"\d{4}").all():
            out[column] = dates
    return out
