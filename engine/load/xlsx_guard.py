"""Workbooks refused before openpyxl opens them: what their zip says they hold (a file of 800 KB
can unpack to 700 MB of spaces, or hold 2,000,000 empty rows that take openpyxl a minute)."""
from __future__ import annotations

import re
import zipfile

from engine.text import both

MAX_SHEET_ROWS = 1_048_576       # Excel's own limit
MAX_UNPACKED = 400 * 2**20       # a workbook's XML, all parts together (a 100 MB file holds ~10x its size)
MAX_SHARED_STRINGS = 100 * 2**20  # the shared strings are held in memory whole


def inflated(path) -> dict | None:
    """Why a workbook is refused before opening it: its parts unpack to more than the limits (a
    file of 800 KB can hold 700 MB of spaces). The sizes are the zip's own: reading stops there."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        total = sum(p.file_size for p in parts)
        shared = sum(p.file_size for p in parts if p.filename.lower().endswith("sharedstrings.xml"))
        if total > MAX_UNPACKED or shared > MAX_SHARED_STRINGS:
            return both("limits.xlsx_inflated", size=total // 2**20, limit=MAX_UNPACKED // 2**20,
                        shared=shared // 2**20, shared_limit=MAX_SHARED_STRINGS // 2**20)
        for part in parts:  # 2,000,000 empty <row/> fit in 5 MB and take openpyxl a minute: counted first
            if part.filename.lower().startswith("xl/worksheets/") and _rows_over(archive, part, MAX_SHEET_ROWS):
                return both("limits.too_many_rows", limit=MAX_SHEET_ROWS)
    return None


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")


def _rows_over(archive, part, limit: int) -> bool:
    """Whether a sheet's XML holds more than limit rows, counted in chunks at the speed of bytes; a
    tag cut by a chunk's end is counted with the next chunk (the last 64 bytes are carried over)."""
    count, tail = 0, b""
    with archive.open(part) as xml:
        while chunk := xml.read(1 << 20):
            text = tail + chunk
            cut = max(0, len(text) - 64)
            count += sum(1 for m in _ROW_TAG.finditer(text) if m.start() < cut)
            tail = text[cut:]
            if count > limit:
                return True
    return count + len(_ROW_TAG.findall(tail)) > limit
