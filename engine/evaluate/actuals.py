"""Actual values: from the value table (typed when it was read), or from each indicator's `actual:`
formula, in the order the formulas depend on each other. A formula that cannot work breaks only its
own indicator (and those that read it)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.directions.rows import as_numbers
from engine.evaluate import expressions as ex
from engine.evaluate import names as nm
from engine.evaluate.trace import FormulaTrace
from engine.load.rules_check import dependencies
from engine.text import both


class Broken(Exception):
    """A formula of this indicator cannot work: code and params for the rule-error text, and the
    formula it concerns (None when it is the data, not a formula)."""

    def __init__(self, code, params, formula=None):
        super().__init__(code)
        self.code, self.params, self.formula = code, params, formula


class Actuals:
    """The actual value of every indicator and unit (one object column of the grid), and each
    indicator's values as a typed Series over the units when a formula reads them."""

    def __init__(self, grid):
        self.grid, self.broken = grid, {}
        self.by_id = grid.rules.by_id()
        self.column = grid.actual_read.copy()
        for ind in grid.indicators:
            if ind.formula("actual") is not None:  # the formula's value, never a value typed beside it
                self.column[grid.rows_of(ind.id)] = np.nan
        numbers = grid.kind == "number"
        if numbers.any():  # the reader typed them; an infinite value is no value
            typed = as_numbers(self.column[numbers])
            typed[~np.isfinite(typed)] = np.nan
            self.column[numbers] = typed
        self._series: dict[str, pd.Series] = {}

    def series(self, ind) -> pd.Series:
        """The indicator's actual values over the units, as formulas see them."""
        if ind.id not in self._series:
            values = pd.Series(self.column[self.grid.rows_of(ind.id)], index=self.grid.units)
            self._series[ind.id] = as_kind(values, ind, None)
        return self._series[ind.id]

    def named(self, ids) -> dict:
        return {i: self.series(self.by_id[i]) for i in ids if i in self.by_id}

    def put(self, ind, values: pd.Series):
        self.column[self.grid.rows_of(ind.id)] = values.to_numpy(dtype=object)
        self._series[ind.id] = values


def compute(grid, library, traces: dict | None) -> Actuals:
    """Every indicator's actual values; traces (id -> Trace) collects formula inputs when given."""
    rules = grid.rules
    out = Actuals(grid)
    by_id = rules.by_id()
    ids = set(by_id)
    pending = {i.id: dependencies(i, ids, only_actual=True) for i in rules.indicators if i.formula("actual")}
    static = {i: [e for e in errors if e[2] is not None and e[2].field == "actual"]
              for i, errors in rules.rule_errors.items()}
    done: set[str] = set()
    while pending:
        ready = [i for i, deps in pending.items() if all(d in done or d not in pending for d in deps)]
        if not ready:  # a cycle: rules_check.formula_errors names it
            for i in pending:
                out.broken[i] = Broken("expr.cycle", {"detail": " → ".join(sorted(pending))},
                                       by_id[i].formula("actual"))
            break
        for i in ready:
            _one(by_id[i], rules, grid, library, out, traces, static.get(i))
            done.add(i)
            del pending[i]
    return out


def _one(ind, rules, grid, library, out: Actuals, traces, static):
    formula = ind.formula("actual")
    try:
        if static:
            raise Broken(*static[0])
        for dep in dependencies(ind, out.by_id.keys(), only_actual=True):
            if dep in out.broken:
                raise Broken("eval.dependency", {"name": dep}, formula)
        read = nm.free_names(formula.text)
        names = nm.base_names(ind, rules.settings, grid.day, grid.units, out.named(read))
        library.period_start = names["period_start"]  # where= conditions see the same start
        calls_before = len(library.calls) if library.calls is not None else 0
        try:
            value = ex.evaluate(ex.parse(formula.text), formula.text, names, library.functions())
        finally:
            if traces is not None:
                trace = traces[ind.id]
                trace.calls = library.calls[calls_before:] if library.calls is not None else []
                trace.formulas["actual"] = FormulaTrace(formula, used(formula, names, exclude=ind.id), None)
        out.put(ind, as_kind(broadcast(value, grid.units), ind, formula))
    except Broken as exc:
        out.broken[ind.id] = exc
        if traces is not None:
            traces[ind.id].error = exc
    except ex.ExpressionError as exc:
        out.broken[ind.id] = Broken(exc.code, exc.params, formula)
        if traces is not None:
            traces[ind.id].error = exc


def used(formula, names: dict, exclude: str | None = None) -> dict:
    """The names a formula reads, with their values (Series over units or one value)."""
    return {n: names[n] for n in sorted(nm.free_names(formula.text)) if n in names and n != exclude}


def broadcast(value, units: pd.Index) -> pd.Series:
    if isinstance(value, pd.Series):
        return value.reindex(units)
    if isinstance(value, np.ndarray):
        return pd.Series(value, index=units)
    return pd.Series([value] * len(units), index=units, dtype=object)


def as_kind(values: pd.Series, ind, formula) -> pd.Series:
    """Actual values as the indicator's direction reads them: numbers as floats, dates as dates."""
    kind = ind.value_kind
    if kind == "number":
        dates = values.map(lambda v: isinstance(v, (pd.Timestamp, np.datetime64))) if values.dtype == object \
            else pd.Series(pd.api.types.is_datetime64_any_dtype(values), index=values.index)
        if dates.any():  # to_numeric would silently turn a date into nanoseconds
            raise Broken("eval.not_number", {"detail": both("formulas.is_date", value=values[dates].iloc[0])}, formula)
        if values.dtype == bool:
            return values.astype(float)
        out = pd.to_numeric(values, errors="coerce")
        bad = values.notna() & out.isna()
        if bad.any():
            raise Broken("eval.not_number", {"detail": repr(values[bad].iloc[0])}, formula)
        return out.astype(float).where(np.isfinite(out.astype(float)))
    if kind == "date":
        return values.map(lambda v: v if isinstance(v, pd.Timestamp) or pd.isna(v) else pd.Timestamp(v))
    return values.astype(object)
