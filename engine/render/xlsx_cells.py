"""The workbook's cells: values as Excel stores them (numbers, fractions with a percent format,
dates) and Grid, which writes cells and sizes the columns for Chinese text."""
from __future__ import annotations

import datetime as dt
import re

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from wcwidth import wcswidth

from engine.core.numbers import number_text
from engine.render.colours import HEADER_FILL
from engine.text import t
from engine.core.safe_text import visible

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
WIDE = 60  # widest column, in half-width characters; longer text wraps
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor=HEADER_FILL)
THIN = Side(style="thin", color="999999")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def w(key: str, lang: str) -> str:
    """A word of the workbook (engine/text/workbook.py)."""
    return t(f"workbook.{key}", lang)


# ---- cell values -----------------------------------------------------------------------------

def percent_format(digits: int) -> str:
    return "0%" if digits <= 0 else "0." + "0" * digits + "%"


def fraction(percent) -> float | None:
    """A percentage as Excel stores it: 89.66 → 0.8966 (without binary noise such as 0.8966000000000001)."""
    return None if percent is None else round(float(percent) / 100, 10)


def number_format(value) -> str:
    return "0" if float(value).is_integer() else "0.00##"


def cell_value(value, measure: str | None, lang: str):
    """An indicator's target or actual as a cell: (value, number format or None)."""
    if value is None:
        return None, None
    if isinstance(value, dict):  # a range target
        return number_text(value) + ("%" if measure == "%" else ""), None
    if isinstance(value, str):
        if value == "not_done":
            return w("not_done", lang), None
        if DATE_RE.fullmatch(value):
            return dt.date.fromisoformat(value), "yyyy-mm-dd"
        return value, None
    if isinstance(value, bool):
        return value, None
    if measure == "%":
        return fraction(value), "0.00%"
    return value, number_format(value)


def rate_digits(text: str) -> int:
    """Digits of a rate as the summary printed it: "100%" → 0, "89.47%" → 2."""
    return len(text.rstrip("%").partition(".")[2])


# ---- writing ----------------------------------------------------------------------------------

class Grid:
    """Writes cells and remembers how wide each column needs to be for Chinese text."""

    def __init__(self, ws):
        self.ws = ws
        self.widths: dict[int, int] = {}
        self.wrapped: set[int] = set()

    def put(self, row, col, value, fmt=None, fill=None, bold=False, wrap=False, measure=True):
        value = visible(value)  # a BEL from a staff note: openpyxl refuses control characters
        cell = self.ws.cell(row=row, column=col, value=value)
        if isinstance(value, str) and cell.data_type == "f":  # text from the inputs (=HYPERLINK(…)) stays text
            cell.data_type = "s"
        if fmt:
            cell.number_format = fmt
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        if bold:
            cell.font = BOLD
        if wrap:
            cell.alignment = WRAP
            self.wrapped.add(col)
        if measure:  # a block title may overflow into the next cells instead
            self.widths[col] = max(self.widths.get(col, 0), self._width(value, fmt))
        return cell

    @staticmethod
    def _width(value, fmt) -> int:
        if value is None:
            return 0
        if isinstance(value, (dt.date, dt.datetime)):
            return 10
        if isinstance(value, float) and fmt and fmt.endswith("%"):
            return len(f"{value * 100:.2f}%")
        if isinstance(value, (int, float)):
            return len(number_text(value))
        text = str(value)
        return max((wcswidth(line) if wcswidth(line) >= 0 else len(line)) for line in text.splitlines() or [""])

    def header(self, row, names):
        for col, name in enumerate(names, start=1):
            cell = self.put(row, col, name, bold=True)
            cell.fill = HEAD_FILL
            cell.border = Border(bottom=THIN)
            cell.alignment = Alignment(vertical="center", wrap_text=True)

    def finish(self, freeze: str | None, filter_ref: str | None):
        for col, width in self.widths.items():
            width = min(max(width + 2, 6), WIDE + 2)
            self.ws.column_dimensions[get_column_letter(col)].width = width
        if freeze:
            self.ws.freeze_panes = freeze
        if filter_ref:
            self.ws.auto_filter.ref = filter_ref
        setup = self.ws.page_setup
        setup.orientation, setup.paperSize = "landscape", self.ws.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
