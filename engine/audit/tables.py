"""What a table's shape says: which column is the label, which are serial numbers, numbers or
rates, which row or column is the total."""
from __future__ import annotations

import re
from decimal import Decimal

from engine.audit.figures import in_cell, is_empty
from engine.text.audit_vocabulary import HEADER_BRACKETS, HEADER_YEARS, RATE_CELL_HEADER, SERIAL_HEADER, TOTAL_LABEL



def header_words(header: str) -> str:
    """A column header without years, bracketed notes and spaces: 2019-2021 预算投入（任务书金额） → 预算投入."""
    return re.sub(r"\s+", "", HEADER_BRACKETS.sub("", HEADER_YEARS.sub("", header)))


def label(row) -> str:
    """The row's label: its first cell that is not a serial number."""
    return next((c.strip() for c in row.cells if c.strip() and in_cell(c) is None), "")


def is_total(row) -> bool:
    return any(TOTAL_LABEL.match(c) for c in row.cells if c.strip())


def serial_columns(table) -> set:
    return {i for i, h in enumerate(table.header) if SERIAL_HEADER.match(h)}


def rate_columns(table) -> list:
    """Columns of per-cent cells (or headed by a rate word)."""
    out = []
    for i, h in enumerate(table.header):
        cells = [in_cell(r.cells[i]) for r in table.rows if i < len(r.cells)]
        figures = [c for c in cells if c is not None]
        if figures and (all(c.is_rate for c in figures) or RATE_CELL_HEADER.search(header_words(h))):
            out.append(i)
    return out


def number_columns(table) -> list:
    """Columns of plain numbers (not rates, not serial numbers): those a total adds up."""
    rates, serial = set(rate_columns(table)), serial_columns(table)
    out = []
    for i in range(len(table.header)):
        if i in rates or i in serial or TOTAL_LABEL.match(table.header[i]):
            continue
        cells = [r.cells[i] for r in table.rows if i < len(r.cells)]
        if any(in_cell(c) is not None for c in cells) and all(in_cell(c) is not None or is_empty(c) for c in cells):
            out.append(i)
    return out


def value(cell: str) -> Decimal | None:
    """A cell's number; 0 for an empty cell or a dash (nothing), None for text."""
    figure = in_cell(cell)
    if figure is not None:
        return figure.value
    return Decimal(0) if is_empty(cell) else None
