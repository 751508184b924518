"""The names a formula sees (an actual-value formula, and the pass, overshoot, flag and cause
conditions), and a condition's result as one truth per unit. The evaluation and `jixiao validate`
(which tries conditions over candidate values) read the same names, so a condition means the
same thing everywhere."""
from __future__ import annotations

import ast
import inspect

import numpy as np
import pandas as pd

from engine.evaluate import expressions as ex
from engine.core.values import NOT_DONE

FIELDS = ("id", "name", "level", "task", "type", "subtype", "unit", "direction", "points", "weight", "owner",
          "source")
AGGREGATES = ("count", "sum", "mean", "min", "max")


def _decision(actual, target, final_target, target_date, deadline, likelihood, note) -> dict:
    """What a condition sees of the decision: its parameters are the names (one list, here)."""
    return dict(actual=actual, target=target, final_target=final_target, target_date=target_date,
                deadline=deadline, likelihood=likelihood, note=note)


def _measured(gap, completion) -> dict:
    return dict(gap=gap, completion=completion)


# Names a formula may use, besides the ids of indicators (their actual values).
ACTUAL_NAMES = ("snapshot", "period_start", "period_end", "unit_id")
CONDITION_NAMES = ACTUAL_NAMES + tuple(inspect.signature(_decision).parameters) + FIELDS + \
    tuple(inspect.signature(_measured).parameters)


def period_start(ind, settings, day: pd.Timestamp) -> pd.Timestamp:
    """1 January of the snapshot's year for annual indicators, else the start of the period."""
    return pd.Timestamp(day.year, 1, 1) if ind.annual else pd.Timestamp(settings.period_start)


def base_names(ind, settings, day: pd.Timestamp, units, actuals: dict) -> dict:
    """What an `actual:` formula sees: the dates, the unit, and the other indicators' actual values."""
    units = pd.Index(units, name="unit")
    names = {"snapshot": day, "period_start": period_start(ind, settings, day), "period_end": day,
             "unit_id": pd.Series(units, index=units)}
    names.update(actuals)
    return names


def condition_names(ind, settings, day, units, actuals: dict, actual: pd.Series, target, likelihood, note) -> dict:
    """What `pass`, `overshoot`, `flags` and `causes` conditions see."""
    names = base_names(ind, settings, day, units, actuals)
    names.update({k: getattr(ind, k) for k in FIELDS})
    final_date, final_value = ind.way.final(ind)
    names.update(_decision(actual, dict(target) if isinstance(target, dict) else target,
                           dict(final_value) if isinstance(final_value, dict) else final_value,
                           pd.Timestamp(final_date) if final_date else None,
                           pd.Timestamp(ind.deadline) if ind.deadline else None, likelihood, note))
    if ind.value_kind == "number" and isinstance(target, (int, float)) and not isinstance(target, bool):
        _ratio, completion, gap = ind.way.measures(actual, target, ind)
        names.update(_measured(gap, completion))
    else:
        names.update(_measured(np.nan, np.nan))
    return names


def as_truth(value, index) -> pd.Series:
    """A condition's result as one boolean per unit (a missing value is false). A number or a text
    is refused: `pass: actual - 100` is a slip, and truthiness would make it pass."""
    _check_boolean(value)
    if isinstance(value, pd.Series):
        return ex.truth(value.reindex(index)).astype(bool)
    if isinstance(value, np.ndarray):
        return ex.truth(pd.Series(value, index=index)).astype(bool)
    return pd.Series([bool(ex.truth(value))] * len(index), index=index, dtype=bool)


def _check_boolean(value) -> None:
    if isinstance(value, (pd.Series, np.ndarray)):
        values = pd.Series(value)
        if values.dtype == bool:
            return
        odd = [v for v in values.dropna() if not isinstance(v, (bool, np.bool_))]
        if not odd:
            return
        value = odd[0]
    elif value is None or isinstance(value, (bool, np.bool_)) or (isinstance(value, float) and np.isnan(value)):
        return
    raise ex.ExpressionError("eval.not_condition", value=str(value)[:40])


def free_names(text: str) -> set[str]:
    """Names a formula reads (not the functions it calls); none for a formula that does not parse
    (its error is reported where it is evaluated)."""
    try:
        tree = ex.parse(text)
    except ex.ExpressionError:
        return set()
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}


def is_done(value) -> bool:
    """A deadline indicator's completion date is known and not 未完成."""
    return value is not None and not pd.isna(value) and value != NOT_DONE
