"""A table's total row against the sum of the rows above it, and a total column against the sum of
the numbers of its row."""
from __future__ import annotations

from engine.audit import arithmetic
from engine.audit.figures import in_cell, plain
from engine.audit.finding import Finding
from engine.audit.registry import audit_check
from engine.audit.tables import is_total, number_columns, value
from engine.text.audit_vocabulary import TOTAL_LABEL


@audit_check("table_totals")
def check_table_totals(ctx):
    out = []
    for table in ctx.doc.tables:
        columns = number_columns(table)
        totals = [i for i, h in enumerate(table.header) if TOTAL_LABEL.match(h)]
        out += _column_totals(table, sorted(columns + totals)) + _row_totals(table, columns)
    return out


def _column_totals(table, columns):
    out, above = [], []
    for row in table.rows:
        if not is_total(row):
            above.append(row)
            continue
        for c in columns:
            out += _summed("table_total", table.place(row, c), in_cell(row.cells[c]), [value(r.cells[c]) for r in above])
        above = []
    return out


def _row_totals(table, columns):
    out = []
    for t, head in enumerate(table.header):
        if not TOTAL_LABEL.match(head):
            continue
        summed = [c for c in columns if c < t]
        for row in table.rows:
            out += _summed("row_total", table.place(row, t), in_cell(row.cells[t]), [value(row.cells[c]) for c in summed])
    return out


def _summed(kind: str, place, stated, parts: list) -> list:
    """A finding when a stated total is not the sum of its (two or more, all readable) parts."""
    if stated is None or len(parts) < 2 or any(p is None for p in parts):
        return []
    result = sum(parts)
    if result == stated.value:
        return []
    return [Finding(kind, place, stated.text, plain(result), f"{arithmetic.total(parts, result)} ≠ {stated.text}")]
