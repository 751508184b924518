"""Ledgers (台账): any columns, one record per row; a 单位 column says whose record it is. Columns
whose every filled cell is a number (or a date) are typed so (engine/load/cells.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
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
    unit_codes: tuple | None = None  # (codes, units): frame[UNIT] as its distinct units, as read

    def column_number(self, header) -> int | None:
        return self.columns.get(header)


def read_ledger(cells: Cells, name: str, default_unit: str) -> Ledger:
    unit_col = headers_used(cells.frame, {"unit": VALUE_COLUMNS["unit"]}).get("unit")
    frame = typed(cells.frame, keep_text=[unit_col] if unit_col else [], distinct=cells.distinct)
    coded = _units(cells, unit_col, default_unit) if unit_col else None
    if coded is None:
        frame[UNIT] = default_unit
    elif not _blank_held(cells, unit_col, coded[0]):  # no blank cell: the column itself, as str
        frame[UNIT] = cells.frame[unit_col].astype(str)  # (sharing its array: the snapshot holds it once)
    else:
        frame[UNIT] = pd.Series(coded[1][coded[0]], index=frame.index, dtype="str")  # str, as astype(str) made it
    return Ledger(name, cells.file, frame, shared=not unit_col, unit_column=unit_col, columns=dict(cells.columns),
                  unit_codes=coded)


def _blank_held(cells: Cells, column: str, codes) -> bool:
    """Whether a cell of the column is blank (or not text)."""
    if column not in cells.distinct:
        return not all(isinstance(t, str) for t in pd.unique(cells.frame[column].astype(object)))
    texts = cells.distinct[column][1]
    return bool(np.array([not isinstance(t, str) for t in texts.tolist()], dtype=bool)[codes].any())


def _units(cells: Cells, column: str, default_unit: str) -> tuple:
    """(codes, units): each row's unit as text, a blank cell the default unit; worked out once per
    distinct text."""
    if column in cells.distinct:
        codes, texts = cells.distinct[column]
    else:
        codes, found = pd.factorize(cells.frame[column].astype(object), use_na_sentinel=True)
        texts = found.tolist() + [None]  # code -1: a blank cell
    units = np.array([default_unit if pd.isna(t) else str(t) for t in list(texts)], dtype=object)
    return codes, units


def undeclared_units(lg: Ledger, declared: set) -> list[Problem]:
    """Rows of a unit the manifest does not declare: it would become a college of its own."""
    column = lg.unit_column
    if lg.unit_codes is not None:  # each distinct unit looked up once
        codes, units = lg.unit_codes
        odd = lg.frame.loc[~np.array([u in declared for u in units], dtype=bool)[codes]]
    else:
        odd = lg.frame.loc[~lg.frame[UNIT].isin(declared)]
    return [Problem("table.unknown_unit", lg.file, int(row[ROW]), lg.column_number(column), column,
                    {"unit": row[column] if isinstance(row[column], str) else both("load.blank_cell"),
                     "allowed": sorted(declared)})
            for _, row in odd.iterrows()]


def units_of(values: pd.DataFrame, ledgers: dict, declared: dict, default_unit: str) -> list[str]:
    """The units of a snapshot: those of its value rows, its ledgers and its manifest."""
    found = set(pd.unique(values["unit"]))
    for lg in ledgers.values():
        if not lg.shared and lg.unit_codes is not None:  # those some row holds
            codes, units = lg.unit_codes
            found.update(units[np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(units)))].tolist())
        elif not lg.shared:
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
        lg.unit_codes = None  # used: from here on the frame's column is the one to read
    return problems
