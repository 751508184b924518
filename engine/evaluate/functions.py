"""The formula function library: aggregates over ledgers per unit, ratios and dates.

Every aggregate returns one value per unit of the snapshot (a Series indexed by unit), so
a formula is evaluated for all units at once.
"""
from __future__ import annotations

import ast
import math

import numpy as np
import pandas as pd

from engine.evaluate import expressions as ex
from engine.core.numbers import number_text
from engine.core.values import NOT_DONE
from engine.load.cells import out_of_range, parse_dates, parse_numbers
from engine.load.ledgers import UNIT
from engine.core.suggest import near
from engine.text import both



def _near(word, choices) -> str:
    return near(word, choices)


def to_date(value):
    if isinstance(value, pd.Series):
        if pd.api.types.is_numeric_dtype(value) and not pd.api.types.is_bool_dtype(value) and value.notna().any():
            raise ex.ExpressionError("eval.failed", detail=both("formulas.number_not_date"))
        return pd.to_datetime(value, errors="coerce")
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return pd.NaT
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):  # 20210101 would be 1970
        raise ex.ExpressionError("eval.failed", detail=both("formulas.value_not_date", value=value))
    try:
        return pd.Timestamp(value).normalize()
    except (ValueError, TypeError) as exc:
        raise ex.ExpressionError("eval.failed", detail=both("formulas.text_not_date", value=repr(value))) from exc


class Library:
    """Functions bound to one snapshot's ledgers and units."""

    def __init__(self, ledgers: dict, units: list[str], snapshot: pd.Timestamp, period_start: pd.Timestamp,
                 record: bool = False):
        self.ledgers, self.units = ledgers, pd.Index(units, name="unit")
        self.snapshot, self.period_start = snapshot, period_start
        self.used_rows: dict[str, set] = {}  # ledger -> row numbers read, for the trace
        self.calls: list[dict] | None = [] if record else None  # with record: each aggregate call (jixiao explain)

    def functions(self) -> dict:
        return {
            "count": self.count, "sum": self.sum, "mean": self.mean, "min": self.min, "max": self.max,
            "ratio": ratio, "percent": percent, "date": to_date, "days_late": self.days_late,
            "days_between": days_between, "year": year, "abs": _abs, "round": _round,
            "isblank": isblank, "coalesce": coalesce,
        }

    def days_late(self, done, deadline):
        """Days after the deadline; for something not done, counted up to the snapshot date."""
        if isinstance(done, pd.Series):
            done = done.where(done != NOT_DONE, self.snapshot)
        elif done is not None and not pd.isna(done) and to_date(done) == NOT_DONE:
            done = self.snapshot
        return days_late(done, deadline)

    # --- ledgers -------------------------------------------------------------------------
    def _rows(self, ledger: str, where, filters: dict) -> pd.DataFrame:
        if not isinstance(ledger, str) or ledger not in self.ledgers:
            raise ex.ExpressionError("eval.unknown_ledger", name=ledger, allowed=sorted(self.ledgers))
        frame = self.ledgers[ledger].frame
        mask = pd.Series(True, index=frame.index)
        for column, wanted in filters.items():
            values = self._column(ledger, frame, column)
            wanted = [_like(values, w) for w in wanted] if isinstance(wanted, (list, tuple)) else [_like(values, wanted)]
            mask &= values.isin(wanted)
        if where is not None:
            mask &= ex.truth(self._where(ledger, frame, where))
        return frame.loc[mask]

    def _column(self, ledger, frame, column):
        if column not in frame.columns or str(column).startswith("__"):  # __unit, __row: jixiao's own
            raise ex.ExpressionError("eval.unknown_column", ledger=ledger, name=column,
                                     near=_near(column, [c for c in frame.columns if not c.startswith("__")]))
        return frame[column]

    def _where(self, ledger, frame, text):
        if not isinstance(text, str):
            raise ex.ExpressionError("eval.failed", detail=both("formulas.where_not_text"))
        tree = ex.parse(text)
        names = {c: frame[c] for c in frame.columns if not c.startswith("__")}
        names.update(snapshot=self.snapshot, period_start=self.period_start, period_end=self.snapshot)
        functions = {"date": to_date, "year": year, "isblank": isblank, "abs": _abs}
        for kind, name, near in ex.unknown_names(tree, names, functions):
            if kind == "name":
                raise ex.ExpressionError("eval.unknown_column", ledger=ledger, name=name,
                                         near=_near(name, [c for c in frame.columns if not c.startswith("__")]))
            raise ex.ExpressionError("expr.unknown_function", name=name, near=near, allowed=list(functions))
        try:
            return ex.evaluate(tree, text, names, functions)
        except ex.ExpressionError as exc:  # a date column with a text cell (未完成) compared with a date
            for column in sorted(_names_in(tree) & set(names) - {"snapshot", "period_start", "period_end"}):
                detail = mixed_date_cell(ledger, self.ledgers[ledger].file, frame, column)
                if detail:
                    raise ex.ExpressionError("eval.not_number", detail=detail) from exc
            raise

    def _per_unit(self, ledger, rows, column, how):
        self.used_rows.setdefault(ledger, set()).update(rows["__row"].tolist())
        if how == "count":
            return rows.groupby(UNIT).size().reindex(self.units, fill_value=0).astype(float)
        values = self._column(ledger, rows, column)
        if not values.notna().any():  # no figure at all (a new ledger, only its header): nothing to add up
            values = values.astype(float)
        dates_ok = how in ("min", "max") and pd.api.types.is_datetime64_any_dtype(values)
        if not pd.api.types.is_numeric_dtype(values) and not dates_ok:
            raise ex.ExpressionError("eval.not_number", detail=bad_cell(ledger, self.ledgers[ledger].file, rows, column))
        if how == "sum":  # exact sums, all units at once: the order of the ledger's rows cannot change a digit;
            at = self.units.get_indexer(rows[UNIT])  # a unit without rows sums to 0
            mine = at >= 0
            return pd.Series(exact_sums(values.to_numpy(dtype=float)[mine], at[mine], len(self.units)),
                             index=self.units, name=values.name)
        grouped = values.groupby(rows[UNIT])
        if how == "mean":
            return grouped.agg(exact_mean).reindex(self.units)
        return getattr(grouped, how)().reindex(self.units)  # no rows: missing

    def count(self, ledger, where=None, **filters):
        rows = self._rows(ledger, where, filters)
        return self._record("count", ledger, None, where, filters, rows, self._per_unit(ledger, rows, None, "count"))

    def sum(self, ledger, column=None, where=None, **filters):
        return self._aggregate("sum", ledger, column, where, filters)

    def mean(self, ledger, column=None, where=None, **filters):
        return self._aggregate("mean", ledger, column, where, filters)

    def min(self, ledger, column=None, where=None, **filters):
        if not isinstance(ledger, str):  # min(a, b): element-wise
            return np.minimum(*_two_values("min", ledger, column))  # a missing value stays missing
        return self._aggregate("min", ledger, column, where, filters)

    def max(self, ledger, column=None, where=None, **filters):
        if not isinstance(ledger, str):
            return np.maximum(*_two_values("max", ledger, column))
        return self._aggregate("max", ledger, column, where, filters)

    def _aggregate(self, how, ledger, column, where, filters):
        if column is None:
            raise ex.ExpressionError("eval.failed", detail=both("formulas.needs_column", how=how))
        rows = self._rows(ledger, where, filters)
        return self._record(how, ledger, column, where, filters, rows, self._per_unit(ledger, rows, column, how))

    def _record(self, how, ledger, column, where, filters, rows, result):
        """With record=True, keep what each aggregate read: the ledger, its filters, the rows and the result."""
        if self.calls is not None:
            self.calls.append({"function": how, "ledger": ledger, "file": self.ledgers[ledger].file,
                               "column": column, "where": where, "filters": dict(filters), "rows": rows,
                               "result": result})
        return result


def _texts(rows: pd.DataFrame, column: str) -> pd.Series:
    return rows[column].astype(object).map(lambda v: v if isinstance(v, str) else None if pd.isna(v) else str(v))


def _first(ledger: str, file: str, rows: pd.DataFrame, column: str, text: pd.Series, bad: pd.Series,
           what: str) -> dict:
    """The first cell that is not what its column holds, with its file and row."""
    first = bad.idxmax()
    row, cell = int(rows.loc[first, "__row"]), text[first]
    return both("formulas.cell_in_row", ledger=ledger, file=file, row=row, column=column, cell=cell,
                what=both(f"formulas.{what}"))


def _two_values(name: str, a, b) -> tuple:
    """min(a, b) and max(a, b) compare two values, each a number or one per unit: a list would be
    spread into an array of any length (max over eight 10-item lists: 10^8 numbers)."""
    for value in (a, b):
        if isinstance(value, (list, tuple, set, dict, np.ndarray)) or value is None and b is None:
            raise ex.ExpressionError("eval.failed", detail=both("formulas.minmax_values", name=name))
    return a, b


def bad_cell(ledger: str, file: str, rows: pd.DataFrame, column: str) -> dict:
    """Where a ledger column stops being numbers: its file, row and cell (not the column's first cell)."""
    text = _texts(rows, column)
    bad = parse_numbers(text)[1] & text.notna()
    if not bad.any():
        return both("formulas.column_not_numbers", ledger=ledger, file=file, column=column)
    first = text.loc[[bad.idxmax()]]  # by label: rows may be one unit's, not the ledger's first
    beyond = bool(out_of_range(first).iloc[0])
    return _first(ledger, file, rows, column, text, bad, "out_of_range" if beyond else "not_a_number")


def _like(values: pd.Series, wanted):
    """A filter value as the column holds it: 级别="1" finds 1 in a column of numbers, 年度=2021
    finds "2021" in a column of text, as a person reading the table would expect."""
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if numeric and isinstance(wanted, str):
        parsed, bad = parse_numbers(pd.Series([wanted], dtype=object))
        return wanted if bad.iloc[0] else float(parsed.iloc[0])
    if not numeric and isinstance(wanted, (int, float)) and not isinstance(wanted, bool):
        return number_text(wanted)
    return wanted


def _names_in(tree) -> set:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def mixed_date_cell(ledger: str, file: str, rows: pd.DataFrame, column: str) -> dict | None:
    """A column of dates but for some cells (未完成, 2021-02-30): the first such cell, with its row."""
    values = rows[column]
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return None
    text = _texts(rows, column)
    parsed, bad = parse_dates(text)
    if not parsed.notna().any() or not bad.any():
        return None
    return _first(ledger, file, rows, column, text, bad, "not_a_date_like_others")


def exact_sums(values: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    """The correctly rounded sum (math.fsum of the cells that are not missing: the same in any order) of each code's values, codes 0..n-1.
    Whole numbers whose sizes add up below 2**53 add up exactly in any order: one bincount gives the
    same; others are summed with fsum group by group."""
    if len(values) == 0:
        return np.zeros(n)
    whole = np.isfinite(values).all() and (values == np.round(values)).all() and not np.signbit(values[values == 0]).any()
    if whole and np.abs(values).sum() < 2.0 ** 53:
        return np.bincount(codes, weights=values, minlength=n)
    kept = values == values
    values, codes = values[kept], codes[kept]
    order = np.argsort(codes, kind="stable")
    ordered = values[order].tolist()
    bounds = np.searchsorted(codes[order], np.arange(n + 1)).tolist()
    return np.array([math.fsum(ordered[a:b]) for a, b in zip(bounds, bounds[1:])], dtype=float)


def exact_mean(values) -> float:
    present = [v for v in values if v == v]
    return math.fsum(present) / len(present) if present else np.nan


def ratio(a, b):
    """a ÷ b; empty (missing) where b is 0 or missing, never a division error."""
    return ex.divide(a, b)


def percent(a, b):
    r = ratio(a, b)
    return r * 100


def days_between(start, end):
    d = to_date(end) - to_date(start)
    return d.dt.days.astype(float) if isinstance(d, pd.Series) else float(d.days) if pd.notna(d) else np.nan


def days_late(done, deadline):
    """Days after the deadline; 0 when on time; empty when not known."""
    d = days_between(deadline, done)
    return d.clip(lower=0) if isinstance(d, pd.Series) else (max(d, 0.0) if pd.notna(d) else np.nan)


def year(value):
    d = to_date(value)
    return d.dt.year.astype(float) if isinstance(d, pd.Series) else float(d.year)


def isblank(value):
    return value.isna() if isinstance(value, pd.Series) else bool(pd.isna(value))


def coalesce(value, fallback):
    return value.fillna(fallback) if isinstance(value, pd.Series) else (fallback if pd.isna(value) else value)


def _abs(value):
    return abs(value)


def _round(value, digits=0):
    if not isinstance(digits, int) or not 0 <= digits <= 10:
        raise ex.ExpressionError("eval.failed", detail=both("formulas.round_digits"))
    return value.round(digits) if isinstance(value, pd.Series) else round(value, digits)


FUNCTION_NAMES = ("count", "sum", "mean", "min", "max", "ratio", "percent", "date", "days_late",
                  "days_between", "year", "abs", "round", "isblank", "coalesce")
