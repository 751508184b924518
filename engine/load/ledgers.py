"""Ledgers (台账): any columns, one record per row; a 单位 column says whose record it is. Columns
whose every filled cell is a number (or a date) are typed so (engine/load/cells.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from engine.core.problems import Problem
from engine.load.cells import ROW, Cells, typed
from engine.load.values import VALUE_COLUMNS, headers_used
from engine.text import both

UNIT = "__unit"  # the unit column of every loaded ledger


@dataclass
class Ledger:
    name: str
    file: str
    frame: pd.DataFrame
    shared: bool = False            # no unit column: the records belong to the snapshot's only unit
    unit_column: str | None = None  # the header of its unit column, as written
    columns: dict = field(default_factory=dict)  # header -> column number in its file

    def column_number(self, header) -> int | None:
        return self.columns.get(header)


def read_ledger(cells: Cells, name: str, default_unit: str) -> Ledger:
    unit_col = headers_used(cells.frame, {"unit": VALUE_COLUMNS["unit"]}).get("unit")
    frame = typed(cells.frame, keep_text=[unit_col] if unit_col else [], distinct=cells.distinct)
    frame[UNIT] = frame[unit_col].astype(object).fillna(default_unit).astype(str) if unit_col else default_unit
    return Ledger(name, cells.file, frame, shared=not unit_col, unit_column=unit_col, columns=dict(cells.columns))


def undeclared_units(lg: Ledger, declared: set) -> list[Problem]:
    """Rows of a unit the manifest does not declare: it would become a college of its own."""
    column = lg.unit_column
    odd = lg.frame.loc[~lg.frame[UNIT].isin(declared)]
    return [Problem("table.unknown_unit", lg.file, int(row[ROW]), lg.column_number(column), column,
                    {"unit": row[column] if isinstance(row[column], str) else both("load.blank_cell"),
                     "allowed": sorted(declared)})
            for _, row in odd.iterrows()]


def units_of(values: pd.DataFrame, ledgers: dict, declared: dict, default_unit: str) -> list[str]:
    """The units of a snapshot: those of its value rows, its ledgers and its manifest."""
    found = set(pd.unique(values["unit"]))
    for lg in ledgers.values():
        if not lg.shared:
            found.update(pd.unique(lg.frame[UNIT]))
    return sorted(found | set(declared)) or [default_unit]


def settle_units(ledgers: dict, units: list, declared: set, no_unit_place) -> list[Problem]:
    """Ledgers checked against the snapshot's units: a row of an undeclared unit, or a ledger without
    a unit column when there are several units, is refused; a shared ledger belongs to the only unit.
    no_unit_place(ledger) -> (file, line, col, path) where a missing unit column is said."""
    problems = []
    for name, lg in ledgers.items():
        if declared and not lg.shared:
            problems += undeclared_units(lg, declared)
        if lg.shared and len(units) > 1:
            problems.append(Problem("table.no_unit_column", *no_unit_place(lg), params={"ledger": name}))
        elif lg.shared:
            lg.frame[UNIT] = units[0]
    return problems
