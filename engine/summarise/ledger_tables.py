"""The report's tables recomputed from ledgers (tasks per construction task, budget by
source and by task …): rows grouped by one ledger column, count / sum / ratio columns,
a total row, and conditional row flags such as overspend.

A province's table is computed once for all its units, column by column: the (unit, key) groups
from the runs of ledger rows, sums and counts per group, ratios and flags over whole columns,
each distinct number written once; per row, Python only puts the row's dicts together."""
from __future__ import annotations

import ast

import numpy as np
import pandas as pd

from engine.evaluate import names as cond
from engine.evaluate import expressions as ex
from engine.evaluate.functions import bad_cell, exact_sums
from engine.load.ledgers import UNIT
from engine.text import t
from engine.text.messages import rule_error_text
from engine.core.model import TableSpec
from engine.core.numbers import number_text, rate_text, rounded


def compute(specs: list[TableSpec], snap, settings, lang: str = "zh", unit: str | None = None) -> list[dict]:
    """Every table for every unit (or only `unit`): each table computed once over all units' rows."""
    units = [u for u in snap.units if unit is None or u == unit]
    return [table for spec in specs for table in _tables(spec, snap, units, settings, lang)]


def _tables(spec: TableSpec, snap, units: list, settings, lang) -> list[dict]:
    def words(text):  # {year}: the snapshot's year (2019-{year} 年度 reads 2019-2020 年度 in 2020)
        return text.replace("{year}", str(snap.date)[:4])

    # the same for every unit: worded once, shared (read only downstream)
    title = words(spec.title if lang == "zh" else (spec.title_en or spec.title))
    columns = [{"id": c["id"], "label": words(c["label"] if lang == "zh" else c.get("label_en", c["label"])),
                "kind": _kind(c)} for c in spec.columns]
    flag_columns = {name: _columns_read(text, spec) for name, text in spec.flags.items()}
    out = [{"id": spec.id, "title": title, "unit": u, "by": spec.by, "columns": columns, "rows": [],
            "total": None, "error": None, "flag_columns": flag_columns} for u in units]
    try:
        if spec.ledger not in snap.ledgers:
            raise ex.ExpressionError("eval.unknown_ledger", name=spec.ledger, allowed=sorted(snap.ledgers))
        ledger = snap.ledgers[spec.ledger]
        if spec.by not in ledger.frame.columns:
            raise ex.ExpressionError("eval.unknown_column", ledger=spec.ledger, name=spec.by, near="")
        groups = _Groups(ledger.frame, spec.by, units)
        values = _columns(spec, groups, ledger.file)
        totals = pd.DataFrame({c: exact_sums(values[c].to_numpy(dtype=float), groups.unit, len(units))
                               for c in values.columns}, index=pd.RangeIndex(len(units)))
        values, totals = _ratios(spec, values), _ratios(spec, totals)
        flags, total_flags = _flags(spec, values), _flags(spec, totals)
    except ex.ExpressionError as exc:
        for table in out:
            table["error"] = _error(spec, exc, snap, table["unit"], lang)
        return out
    # the rows of every unit in report order, by one sort: unit, the key's place, first appearance
    ranks = _ranks(groups.keys, spec.order)[groups.key]
    order = np.lexsort((np.arange(len(groups.unit)), ranks, groups.unit))
    bounds = np.searchsorted(groups.unit[order], np.arange(len(units) + 1)).tolist()
    key_texts = [_key_text(k) for k in groups.keys]
    rows = _rows(spec, values, flags, settings, [key_texts[k] for k in groups.key[order].tolist()], order)
    label = spec.total if lang == "zh" and spec.total else t("summarise.total_row", lang)  # English: always "total"
    total_rows = _rows(spec, totals, total_flags, settings, [_key_text(label)] * len(units), np.arange(len(units)))
    for p, table in enumerate(out):
        table["rows"] = rows[bounds[p]:bounds[p + 1]]
        table["total"] = total_rows[p]
    return out


def _error(spec, exc, snap, unit, lang) -> str:
    if exc.code == "eval.not_number" and "column" in exc.params:  # the first bad cell among the unit's own rows
        ledger = snap.ledgers[spec.ledger]
        mine = ledger.frame.loc[ledger.frame[UNIT] == unit]
        exc = ex.ExpressionError("eval.not_number", detail=bad_cell(spec.ledger, ledger.file, mine, exc.params["column"]))
    return f"{spec.file}:{spec.line} {spec.id}: {rule_error_text(exc.code, lang, exc.params)}"


def _columns_read(condition: str, spec: TableSpec) -> list[str]:
    """The table's columns a flag condition reads: the cells a flagged row highlights."""
    try:
        names = cond.free_names(condition)
    except ex.ExpressionError:
        return []
    return [c["id"] for c in spec.columns if c["id"] in names]


def row_order(keys, order) -> list:
    """The rows of a table: those named in `order` first, in that order, then the others sorted
    by key, so that the table does not depend on the order of the ledger's rows."""
    return sorted(keys, key=lambda k: _place(k, order))  # stable: keys in the same place keep their order


def _place(key, order) -> tuple:
    """Where a key's row goes: (0, i) if it is the i-th named in `order`, then the numbers by value
    (1, value), then the others by type and text (2, type, text)."""
    for i, wanted in enumerate(order):
        if key == wanted or _key_text(key) == str(wanted):
            return (0, i)
    if isinstance(key, (int, float, np.number)) and not isinstance(key, bool):
        return (1, key)
    return (2, type(key).__name__, _key_text(key))


def _ranks(keys: list, order) -> np.ndarray:
    """Each distinct key's rank in row_order; keys in the same place share one (their rows then
    follow the unit's ledger)."""
    places = [_place(k, order) for k in keys]
    ranks = np.zeros(len(keys), dtype=np.int64)
    rank, last = -1, None
    for i in sorted(range(len(keys)), key=places.__getitem__):
        if last is None or places[i] != last:
            rank, last = rank + 1, places[i]
        ranks[i] = rank
    return ranks


def _key_text(key) -> str:
    return key if isinstance(key, str) else number_text(key)


def _kind(column) -> str:
    return "ratio" if "ratio" in column else "count" if "count" in column else "sum"


def _mask(frame, condition, spec, runs: dict) -> np.ndarray:
    """Which rows a count or where= condition holds for. A condition reads the row's own cells
    only, so rows alike in the cells it reads give one answer: it is evaluated on the first row of
    each run of such rows (a ledger's statuses and levels come in runs) and spread to the run.
    runs: the runs found so far for a set of columns (a table's conditions often read the same)."""
    if condition is True or condition is None:
        return np.ones(len(frame), dtype=bool)
    names = {c: frame[c] for c in frame.columns if not c.startswith("__")}
    tree = ex.parse(condition)
    for kind, name, near in ex.unknown_names(tree, names, {}):
        raise ex.ExpressionError("eval.unknown_column", ledger=spec.ledger, name=name, near=near)
    read = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})  # every one in names (checked above)
    if tuple(read) not in runs:
        runs[tuple(read)] = _run_starts(*(names[c] for c in read)) if read else np.arange(len(frame))
    starts = runs[tuple(read)]
    hit = ex.truth(ex.evaluate(tree, condition, {c: names[c].take(starts) for c in read}, {}))
    if not isinstance(hit, pd.Series):  # 1 == 1: every row
        return np.full(len(frame), bool(hit))
    return np.repeat(hit.to_numpy(dtype=bool), np.diff(np.append(starts, len(frame))))


class _Groups:
    """The (unit, key) groups of a ledger's rows, as groupby([unit, key], sort=False) finds them
    (first appearance; rows without a key left out), over the rows of `units` only.
    A ledger lists a unit's rows, and mostly a key's, together: the runs of equal rows are found
    by comparing neighbours and only each run's first row is hashed, not every row."""

    def __init__(self, frame: pd.DataFrame, by: str, units: list):
        starts, run_unit = _unit_runs(frame, by, units)
        if (run_unit < 0).any():  # rows of other units: as if they were not there
            frame = frame.loc[np.repeat(run_unit >= 0, np.diff(np.append(starts, len(frame))))]
            starts, run_unit = _unit_runs(frame, by, units)
        run_key, keys = pd.factorize(frame[by].take(starts))  # the keys as groupby shows them
        present = run_key >= 0
        width = max(len(keys), 1)
        group, pairs = pd.factorize(run_unit[present] * width + run_key[present])
        self.frame, self.starts, self.lengths = frame, starts, np.diff(np.append(starts, len(frame)))
        self.run_group = np.full(len(starts), -1, dtype=np.int64)
        self.run_group[present] = group
        self.unit, self.key = pairs // width, pairs % width  # each group's unit (its place in `units`) and key
        self.keys = list(keys)

    def counts(self, mask: np.ndarray) -> np.ndarray:
        """How many rows of each group the mask holds."""
        per_run = np.add.reduceat(mask.astype(np.int64), self.starts) if len(self.starts) else self.lengths
        mine = self.run_group >= 0
        return np.bincount(self.run_group[mine], weights=per_run[mine], minlength=len(self.unit))

    def sums(self, values: np.ndarray) -> np.ndarray:
        """exact_sums of each group's values."""
        row_group = np.repeat(self.run_group, self.lengths)
        mine = row_group >= 0
        return exact_sums(values[mine], row_group[mine], len(self.unit))


def _unit_runs(frame: pd.DataFrame, by: str, units: list) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each run of rows of one unit and key, and the run's unit (its place in
    `units`, -1 if none)."""
    starts = _run_starts(frame[UNIT], frame[by])
    codes, found = pd.factorize(frame[UNIT].take(starts))
    at = np.append(pd.Index(units).get_indexer(found), -1)  # code -1 (no unit): -1
    return starts, at[codes]


def _run_starts(*columns: pd.Series) -> np.ndarray:
    """The first row of each run of rows alike in every column: the same number bit for bit (0.0 is
    not -0.0), date or text. A column of anything else (texts mixed with numbers …) gives runs of
    one row: 1, 1.0 and True are equal but not alike."""
    n = len(columns[0])
    head = np.zeros(n, dtype=bool)
    head[:1] = True
    for col in columns:
        a = col.to_numpy()
        if a.dtype.kind == "f":
            a = a.view(f"i{a.itemsize}")
        elif a.dtype.kind == "O" and not isinstance(col.dtype, pd.StringDtype) \
                and pd.api.types.infer_dtype(a, skipna=True) not in ("string", "empty"):
            return np.arange(n)
        elif a.dtype.kind not in "iubMmOUS":
            return np.arange(n)
        try:
            head[1:] |= np.not_equal(a[1:], a[:-1])
        except (TypeError, ValueError):  # pd.NA has no plain !=
            return np.arange(n)
    return np.flatnonzero(head)


def _columns(spec, groups: _Groups, file: str) -> pd.DataFrame:
    """Count and sum columns, one row per group."""
    frame, data, runs = groups.frame, {}, {}
    for c in spec.columns:
        if "count" in c:
            data[c["id"]] = groups.counts(_mask(frame, c["count"], spec, runs))
        elif "sum" in c:
            if c["sum"] not in frame.columns:
                raise ex.ExpressionError("eval.unknown_column", ledger=spec.ledger, name=c["sum"], near="")
            col = frame[c["sum"]]
            if not pd.api.types.is_numeric_dtype(col):
                raise ex.ExpressionError("eval.not_number", detail=bad_cell(spec.ledger, file, frame, c["sum"]),
                                         column=c["sum"])
            data[c["id"]] = groups.sums(col.where(_mask(frame, c.get("where"), spec, runs), 0.0).fillna(0.0).to_numpy(dtype=float))
    return pd.DataFrame(data, index=pd.RangeIndex(len(groups.unit)))


def _ratios(spec, values: pd.DataFrame) -> pd.DataFrame:
    values = values.copy()
    for c in spec.columns:
        if "ratio" in c:
            top, bottom = c["ratio"]
            for name in (top, bottom):
                if name not in values.columns:
                    raise ex.ExpressionError("eval.unknown_table_column", table=spec.id, name=name,
                                             allowed=list(values.columns))
            values[c["id"]] = ex.divide(values[top], values[bottom].where(values[bottom] != 0)) * 100
    return values


def _flags(spec, values: pd.DataFrame) -> list[tuple]:
    """Each row's flags (a tuple of names): each condition over every row of every unit at once,
    then each distinct combination of flags named once."""
    names = {c: values[c] for c in values.columns}
    hits = np.zeros((len(values), len(spec.flags)), dtype=bool)
    for j, condition in enumerate(spec.flags.values()):
        tree = ex.parse(condition)
        for kind, missing, near in ex.unknown_names(tree, names, {}):
            raise ex.ExpressionError("eval.unknown_table_column", table=spec.id, name=missing,
                                     allowed=list(values.columns))
        hit = ex.truth(ex.evaluate(tree, condition, names, {}))
        hits[:, j] = hit.to_numpy(dtype=bool) if isinstance(hit, pd.Series) else bool(hit)
    if not spec.flags or not len(values):
        return [()] * len(values)
    combos, at = np.unique(hits, axis=0, return_inverse=True)
    flagged = list(spec.flags)
    named = [tuple(f for f, on in zip(flagged, combo) if on) for combo in combos.tolist()]
    return [named[k] for k in at.reshape(-1).tolist()]


def _rows(spec, values: pd.DataFrame, flags: list, settings, keys: list, order: np.ndarray) -> list[dict]:
    """The rows `order` of a table as dicts: each column's values and texts made over the whole
    column, each distinct number (bit for bit) rounded and written once, then set in each row's
    dicts column by column (a later column of the same id overwrites, as assignment would)."""
    shown, texts = [{} for _ in keys], [{} for _ in keys]
    for c in spec.columns:
        column = values[c["id"]].to_numpy(dtype=float)[order]
        distinct, at = np.unique(column.view(np.int64), return_inverse=True)
        numbers = distinct.view(np.float64).tolist()
        if "ratio" in c:
            digits = c.get("digits", settings.digits)
            made = [rounded(v, digits, settings.rounding) for v in numbers]
            written = [rate_text(v, digits, settings.rounding) for v in numbers]
        else:
            made = [None if v != v else (int(v) if v.is_integer() else round(v, 4)) for v in numbers]
            written = [number_text(v) for v in numbers]
        at = at.reshape(-1).tolist()
        name = c["id"]
        for row, v in zip(shown, map(made.__getitem__, at)):
            row[name] = v
        for row, v in zip(texts, map(written.__getitem__, at)):
            row[name] = v
    return [{"key": key, "values": v, "texts": w, "flags": list(flags[k])}
            for key, v, w, k in zip(keys, shown, texts, order.tolist())]
