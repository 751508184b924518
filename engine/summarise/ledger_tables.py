"""The report's tables recomputed from ledgers (tasks per construction task, budget by
source and by task …): rows grouped by one ledger column, count / sum / ratio columns,
a total row, and conditional row flags such as overspend."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.evaluate import names as cond
from engine.evaluate import expressions as ex
from engine.evaluate.functions import bad_cell, exact_sum
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
        frame = ledger.frame.loc[ledger.frame[UNIT].isin(units)]
        if spec.by not in frame.columns:
            raise ex.ExpressionError("eval.unknown_column", ledger=spec.ledger, name=spec.by, near="")
        values = _columns(spec, frame, ledger.file)
        totals = _unit_totals(values)
        values, totals = _ratios(spec, values), _ratios(spec, totals)
        flags, total_flags = _flags(spec, values), _flags(spec, totals)
    except ex.ExpressionError as exc:
        for table in out:
            table["error"] = _error(spec, exc, snap, table["unit"], lang)
        return out
    keys_of: dict = {}  # each unit's row keys and their positions, found once
    for k, (owner, key) in enumerate(values.index):
        keys_of.setdefault(owner, {})[key] = k
    total_at = {u: k for k, u in enumerate(totals.index)}
    cells = {c: values[c].to_numpy().tolist() for c in values.columns}  # Python numbers: read once each
    total_cells = {c: totals[c].to_numpy().tolist() for c in totals.columns}
    blank = pd.DataFrame([[0.0] * len(values.columns)], columns=values.columns)
    blank_cells = {c: v.to_numpy().tolist() for c, v in _ratios(spec, blank).items()}
    blank_flags = _flags(spec, _ratios(spec, blank))[0]
    ordered: dict = {}  # units with the same keys (a province's funding sources) share their order
    for table in out:
        u = table["unit"]
        mine = keys_of.get(u, {})
        keys = tuple(mine)
        if keys not in ordered:
            ordered[keys] = row_order(keys, spec.order)
        for key in ordered[keys]:
            k = mine[key]
            table["rows"].append(_row(spec, key, {c: v[k] for c, v in cells.items()}, flags[k], settings))
        k = total_at.get(u)
        total = {c: v[k] for c, v in total_cells.items()} if k is not None else {c: v[0] for c, v in blank_cells.items()}
        total_flag = total_flags[k] if k is not None else list(blank_flags)
        label = spec.total if lang == "zh" and spec.total else t("summarise.total_row", lang)  # English: always "total"
        table["total"] = _row(spec, label, total, total_flag, settings)
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
    keys = list(keys)
    listed = []
    for wanted in order:
        for key in keys:
            if key not in listed and (key == wanted or _key_text(key) == str(wanted)):
                listed.append(key)
    rest = [k for k in keys if k not in listed]
    numbers = sorted(k for k in rest if isinstance(k, (int, float, np.number)) and not isinstance(k, bool))
    others = sorted((k for k in rest if k not in numbers), key=lambda k: (type(k).__name__, _key_text(k)))
    return listed + numbers + others


def _key_text(key) -> str:
    return key if isinstance(key, str) else number_text(key)


def _kind(column) -> str:
    return "ratio" if "ratio" in column else "count" if "count" in column else "sum"


def _mask(frame, condition, spec):
    if condition is True or condition is None:
        return pd.Series(True, index=frame.index)
    names = {c: frame[c] for c in frame.columns if not c.startswith("__")}
    tree = ex.parse(condition)
    for kind, name, near in ex.unknown_names(tree, names, {}):
        raise ex.ExpressionError("eval.unknown_column", ledger=spec.ledger, name=name, near=near)
    hit = ex.truth(ex.evaluate(tree, condition, names, {}))
    return hit if isinstance(hit, pd.Series) else pd.Series(bool(hit), index=frame.index)  # 1 == 1: every row


def _columns(spec, frame, file: str) -> pd.DataFrame:
    """Count and sum columns, one row per (unit, key) that the ledger holds."""
    groups = [frame[UNIT], frame[spec.by]]
    present = frame[spec.by].notna()
    data = {}
    for c in spec.columns:
        if "count" in c:
            data[c["id"]] = _mask(frame, c["count"], spec).astype(float)[present].groupby(
                [g[present] for g in groups], sort=False).sum()
        elif "sum" in c:
            if c["sum"] not in frame.columns:
                raise ex.ExpressionError("eval.unknown_column", ledger=spec.ledger, name=c["sum"], near="")
            col = frame[c["sum"]]
            if not pd.api.types.is_numeric_dtype(col):
                raise ex.ExpressionError("eval.not_number", detail=bad_cell(spec.ledger, file, frame, c["sum"]),
                                         column=c["sum"])
            data[c["id"]] = _group_sums(col.where(_mask(frame, c.get("where"), spec), 0.0).fillna(0.0)[present],
                                        [g[present] for g in groups])
    if not data:
        index = pd.MultiIndex.from_frame(frame.loc[present, [UNIT, spec.by]].drop_duplicates())
        return pd.DataFrame(index=index)
    return pd.DataFrame(data).fillna(0.0)


def _unit_totals(values: pd.DataFrame) -> pd.DataFrame:
    """exact_sum of each column over each unit's rows (level 0 of the index), units in order of first
    appearance (as groupby(level=0, sort=False).agg(exact_sum))."""
    if not len(values.columns):
        return values.groupby(level=0, sort=False).agg(exact_sum)
    units = pd.Series(values.index.get_level_values(0), index=values.index)
    return pd.DataFrame({c: _group_sums(values[c], [units]) for c in values.columns})


def _group_sums(values: pd.Series, keys: list) -> pd.Series:
    """exact_sum of each group, groups in order of first appearance (as groupby(sort=False)): the
    values sorted by group once and each group's slice summed, not a pandas call per group."""
    grouped = values.groupby(keys, sort=False)
    codes, index = grouped.ngroup().to_numpy(), grouped.size().index
    order = np.argsort(codes, kind="stable")
    ordered = values.to_numpy(dtype=float)[order].tolist()
    bounds = np.searchsorted(codes[order], np.arange(len(index) + 1)).tolist()
    return pd.Series([exact_sum(ordered[a:b]) for a, b in zip(bounds, bounds[1:])], index=index, dtype=float)


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


def _flags(spec, values: pd.DataFrame) -> list[list[str]]:
    """The rows' flags: each condition over every row of every unit at once."""
    flags = [[] for _ in range(len(values))]
    names = {c: values[c].reset_index(drop=True) for c in values.columns}
    for name, condition in spec.flags.items():
        tree = ex.parse(condition)
        for kind, missing, near in ex.unknown_names(tree, names, {}):
            raise ex.ExpressionError("eval.unknown_table_column", table=spec.id, name=missing,
                                     allowed=list(values.columns))
        hit = ex.truth(ex.evaluate(tree, condition, names, {}))
        hit = hit if isinstance(hit, pd.Series) else pd.Series([hit] * len(values))
        for k, flag in enumerate(hit):
            if flag:
                flags[k].append(name)
    return flags


def _row(spec, key, values, flags, settings) -> dict:
    row = {"key": _key_text(key), "values": {}, "texts": {}, "flags": flags}
    for c in spec.columns:
        v = values[c["id"]]
        if "ratio" in c:
            digits = c.get("digits", settings.digits)
            row["values"][c["id"]] = rounded(v, digits, settings.rounding)
            row["texts"][c["id"]] = rate_text(v, digits, settings.rounding)
        else:
            row["values"][c["id"]] = None if v is None or v != v else (int(v) if float(v).is_integer() else round(float(v), 4))
            row["texts"][c["id"]] = number_text(v)
    return row
