"""Cells of the ledger columns that sum, mean, min and max read: text where a number is needed,
and blanks that a sum leaves out. Said at the first such cell, once per column and snapshot."""
from __future__ import annotations

import pandas as pd

from engine.check.context import problem
from engine.check.ledger_refs import ledger_refs
from engine.check.registry import LEDGERS, check
from engine.text import both
from engine.load.cells import ROW, out_of_range, parse_numbers


def once_per_column(ctx, functions, find) -> list:
    """find(snapshot, ledger, ref) -> Problem or None for each column that calls of these functions
    read, in each snapshot's ledger; once a column has its problem, later calls are not asked."""
    problems, done = [], set()
    for ref in ledger_refs(ctx):
        if ref.function not in functions or not ref.column:
            continue
        for snap in ctx.snapshots:
            ledger = snap.ledgers.get(ref.ledger)
            key = (snap.date, ref.ledger, ref.column)
            if ledger is None or ref.column not in ledger.frame.columns or key in done:
                continue
            found = find(snap, ledger, ref)
            if found is not None:
                problems.append(found)
                done.add(key)
    return problems


@check(LEDGERS, "validate.column_not_number")
def check_summed_columns(ctx):
    """A column that sum/mean (or min/max) read holds a cell that is not a number: the formula
    would fail."""
    def find(snap, ledger, ref):
        values = ledger.frame[ref.column]
        if not values.notna().any() or pd.api.types.is_numeric_dtype(values) or \
                (ref.function in ("min", "max") and pd.api.types.is_datetime64_any_dtype(values)):
            return None
        _, bad = parse_numbers(values.where(values.notna(), None).astype(object).map(
            lambda v: v if v is None or isinstance(v, str) else str(v)))
        rows = ledger.frame.loc[bad]
        first = rows.iloc[0] if len(rows) else None
        cell = str(first[ref.column]) if first is not None else ""
        if cell and out_of_range(pd.Series([cell], dtype=object)).iloc[0]:  # 1e30: a number, but too large
            cell = both("limits.value_out_of_range", value=cell)
        return problem("validate.column_not_number", ledger.file, int(first[ROW]) if first is not None else 1,
                       ledger.column_number(ref.column), ref.column, "error",
                       ledger=ref.ledger, column=ref.column, value=cell,
                       count=len(rows), function=ref.function, rule=f"{ref.ind.file}:{ref.formula.line}",
                       id=ref.ind.id, _snapshots=(snap.date,))
    return once_per_column(ctx, ("sum", "mean", "min", "max"), find)


@check(LEDGERS, "validate.blank_summed")
def check_blank_summed(ctx):
    """Blank cells in a column that sum or mean read: left out of the sum, never counted as 0
    (said so that a 0 is typed where 0 is meant)."""
    def find(snap, ledger, ref):
        blank = ledger.frame.loc[ledger.frame[ref.column].isna()]
        if not len(blank):
            return None
        return problem("validate.blank_summed", ledger.file, int(blank.iloc[0][ROW]),
                       ledger.column_number(ref.column), ref.column, "warning",
                       ledger=ref.ledger, column=ref.column, count=len(blank), function=ref.function,
                       id=ref.ind.id, _snapshots=(snap.date,))
    return once_per_column(ctx, ("sum", "mean"), find)
