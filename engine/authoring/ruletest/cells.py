"""A case's values and ledger rows as the cells of a table read from a file: text cells placed at
their lines in the test file, so that the one reader of value tables and ledgers
(engine/load/values.py, ledgers.py) types them and locates their problems."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.load.cells import ROW, Cells, clean
from engine.load.values import VALUE_COLUMNS
from engine.load.yaml_source import YamlDoc


def path_text(path) -> str:
    """("cases", 0, "values", "S1") -> cases[0].values.S1, as problems name a place in a YAML file."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def cell_text(value):
    """A YAML value as the text of a cell: a list of cause codes joined, a float as written."""
    if value is None:
        return np.nan
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return clean(repr(value) if isinstance(value, float) else str(value))


def unit_column(row: dict):
    """The column of a ledger row that names its unit, if any."""
    for column in row:
        if str(column).strip().lower() in VALUE_COLUMNS["unit"]:
            return column
    return None


def value_cells(doc: YamlDoc, base: tuple, records: list, by_id: dict, units: list, problem) -> Cells:
    """The rows a case writes, as text cells at their places in the test file.
    records: (indicator id, unit or None, fields, path); problem(code, path, **params) says what
    cannot become a row."""
    rows, places = [], {}
    for ind_id, unit, fields, path in records:
        ind = by_id[ind_id]
        actual_path = path + ("actual",) if doc.mark(base + path + ("actual",)) != doc.mark(base + path) else path
        if unit is None and len(units) > 1:
            problem("ruletest.unit_needed", path, allowed=list(units))
            continue
        if ind.actual and fields.get("actual") is not None:
            problem("ruletest.formula_actual", actual_path, id=ind_id, formula=ind.actual)
            continue
        k = len(rows)
        line = doc.mark(base + path)[0]
        for column, where in (("indicator", path), ("unit", path + ("unit",)), ("actual", actual_path),
                              ("causes", path + ("causes",)), ("note", path + ("note",)),
                              ("likelihood", path + ("likelihood",)), ("evidence", path + ("evidence",))):
            places[(k, column)] = (*doc.mark(base + where), path_text(base + where))
        rows.append({"indicator": ind_id, "unit": cell_text(unit if unit is not None else units[0]),
                     "actual": cell_text(fields.get("actual")), "causes": cell_text(fields.get("causes")),
                     "note": cell_text(fields.get("note")), "likelihood": cell_text(fields.get("likelihood")),
                     "evidence": cell_text(fields.get("evidence")), ROW: line})
    columns = list(VALUE_COLUMNS) + [ROW]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return Cells(frame, doc.file, places=places)


def ledger_cells(doc: YamlDoc, path: tuple, table: list) -> Cells:
    """Ledger rows as a table read from a file would be: text cells, their lines as rows."""
    columns = []
    for row in table:
        for column in row:
            if column not in columns:
                columns.append(column)
    frame = pd.DataFrame([[cell_text(row.get(c)) for c in columns] for row in table], columns=columns, dtype=object)
    frame[ROW] = [doc.mark(path + (k,))[0] for k in range(len(table))]
    return Cells(frame, doc.file, table_place=(*doc.key_mark(path), path_text(path)))
