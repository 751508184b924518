"""The rows a direction decides, as arrays: any number of indicators × units at once.

The actual value as read (actual), as a number (num), a date (date) and a rank in the grade scale
(rank, 0 best); the applicable target as a number (tnum), range bounds (tmin, tmax), a rank
(trank) and a date (tdate). A value that is not of a kind is NaN (NaT) there."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from engine.core.values import is_number


@dataclass
class Rows:
    actual: np.ndarray
    num: np.ndarray
    date: np.ndarray
    rank: np.ndarray
    tnum: np.ndarray
    tmin: np.ndarray
    tmax: np.ndarray
    trank: np.ndarray
    tdate: np.ndarray

    def __len__(self):
        return len(self.actual)

    def take(self, mask) -> "Rows":
        return Rows(*(getattr(self, f)[mask] for f in FIELDS))


FIELDS = ("actual", "num", "date", "rank", "tnum", "tmin", "tmax", "trank", "tdate")


def target_parts(target, scale) -> tuple:
    """(tnum, tmin, tmax, trank, tdate) of one applicable target."""
    nan = np.nan
    tnum = float(target) if is_number(target) else nan
    tmin, tmax = nan, nan
    if isinstance(target, dict):
        tmin = float(target["min"]) if is_number(target.get("min")) else nan
        tmax = float(target["max"]) if is_number(target.get("max")) else nan
    trank = float(scale.index(target)) if isinstance(target, str) and scale and target in scale else nan
    tdate = target.to_datetime64() if isinstance(target, pd.Timestamp) else np.datetime64("NaT")
    return tnum, tmin, tmax, trank, tdate


def ranks(values, scale) -> np.ndarray:
    """Each value's place in the scale (0 best); inf for a value not in it."""
    order = {g: float(n) for n, g in enumerate(scale or [])}
    return pd.Series(values, dtype=object).map(order).fillna(np.inf).to_numpy(dtype=float)


def as_numbers(values) -> np.ndarray:
    return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float, copy=True)


def as_dates(values) -> np.ndarray:
    series = pd.Series(values, dtype=object)
    ok = series.map(lambda v: isinstance(v, pd.Timestamp))
    out = np.full(len(series), np.datetime64("NaT"), dtype="datetime64[ns]")
    if ok.any():
        out[ok.to_numpy()] = pd.to_datetime(series[ok]).to_numpy(dtype="datetime64[ns]")
    return out


def rows_for(ind, actual: pd.Series, target) -> Rows:
    """The rows of one indicator over its units (what validate and formulas ask of one indicator)."""
    n, kind = len(actual), ind.value_kind
    values = actual.to_numpy(dtype=object)
    nan = np.full(n, np.nan)
    num = as_numbers(values) if kind == "number" else nan
    date = as_dates(values) if kind == "date" else np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    rank = ranks(values, ind.scale) if kind == "grade" else nan
    parts = target_parts(target, ind.scale)
    t = [np.full(n, p) for p in parts[:4]] + [np.full(n, parts[4], dtype="datetime64[ns]")]
    return Rows(values, num, date, rank, *t)
