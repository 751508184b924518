"""Expected progress inside a stage (issue #14): a snapshot between two staged targets (2022-06-30
between 2021-12-31 and 2022-12-31) gets an expected value for each cumulative number indicator, and
the flag behind_schedule (落后于进度) when its actual value is short of it. The status is not touched:
this reads the decision record and adds columns to it.

How the expected value grows (the indicator's `progress:`, else `settings.progress`, else linear):

- linear: previous target + (next − previous) × days elapsed ÷ days between the two targets.
  An annual indicator (annual: true) counts each year's amount from 0 at the previous staged target.
  Before the first staged target nothing is expected: the status is not_due, and no stage has begun.
- step: the previous staged target, nothing beyond it (before the first one, and for an annual
  indicator: nothing expected).
- none: no expected value.

Only directions whose `cumulative` is true, with number targets at both ends; nothing on a staged
target's own date, after the last one, for a missing value or a rule error. Which side is behind is
the direction's (Direction.shortfall: below for higher and equal, above for lower).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine import directions
from engine.core.values import is_number

FLAG = "behind_schedule"
COLUMNS = ["expected", "progress", "progress_from", "progress_from_value", "progress_to", "progress_to_value",
           "progress_base", "behind_schedule", "schedule_gap", "schedule_share"]


def stage(ind, settings, day: str):
    """(method, (from date, from value), (to date, to value), base) of the stage the day lies strictly
    inside, or None when no value is expected of this indicator at that day. base: None when the
    stage starts at a staged target, "period" at 0 on the period's start, "annual" at 0 on the
    previous staged target (a year's amount)."""
    way = ind.way
    method = ind.progress or settings.progress or "linear"
    if method == "none" or not way.cumulative or way.value_kind != "number":
        return None
    later = [(d, v) for d, v in ind.targets if d > day]
    if not later or any(d == day for d, _ in ind.targets):
        return None
    earlier = [(d, v) for d, v in ind.targets if d < day]
    if not earlier:
        return None  # between two staged targets only: before the first, nothing is due yet
    base = None
    if not ind.annual:
        start = earlier[-1]
    elif method == "step":
        return None  # nothing is expected before the first target, nor of a year's amount before its end
    else:
        start, base = (earlier[-1][0], 0), "annual"
    if not (_number(start[1]) and _number(later[0][1])):
        return None
    return method, start, later[0], base


def expected_value(method: str, start, end, day: str) -> float:
    """The expected value at the day, between start and end ((date, value) each)."""
    if method == "step":
        return float(start[1])
    d0, d1, d = (pd.Timestamp(x) for x in (start[0], end[0], day))
    return float(start[1]) + (float(end[1]) - float(start[1])) * (d - d0).days / (d1 - d0).days


def add(results: pd.DataFrame, rules, day: str) -> pd.DataFrame:
    """The decision record with the expected-progress columns, and behind_schedule among the flags."""
    n_units = len(results) // len(rules.indicators) if len(rules.indicators) else 0
    stages = [stage(ind, rules.settings, day) for ind in rules.indicators]
    per = [(np.nan, None, None, None, None, None, None) if s is None else
           (expected_value(s[0], s[1], s[2], day), s[0], str(s[1][0]), s[1][1], str(s[2][0]), s[2][1], s[3])
           for s in stages]
    expected = np.repeat(np.array([p[0] for p in per], dtype=float), n_units)
    out = results.copy()
    for k, name in enumerate(COLUMNS[1:7], start=1):
        column = np.empty(len(per), dtype=object)
        column[:] = [p[k] for p in per]
        out[name] = pd.Series(np.repeat(column, n_units), dtype=object)
    actual = pd.to_numeric(pd.Series(results["actual"].to_numpy(dtype=object)), errors="coerce").to_numpy(dtype=float)
    valid = ~np.isnan(expected) & ~np.isnan(actual) & (results["status"].to_numpy(dtype=object) != "error")
    gap = np.full(len(results), np.nan)
    direction = _directions(rules, n_units)
    for way in directions.registry().values():
        mask = valid & (direction == way.name)
        if mask.any():
            gap[mask] = way.shortfall(actual[mask], expected[mask])
    behind = valid & (gap > 1e-9 * np.maximum(1.0, np.abs(np.nan_to_num(expected))))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(valid & (expected != 0), gap / np.abs(expected), np.nan)
    out["expected"] = expected  # what the target asks by now, whatever the actual value
    out["behind_schedule"] = behind
    out["schedule_gap"] = np.where(valid, gap, np.nan)
    out["schedule_share"] = share
    flags = out["flags"].to_numpy(dtype=object).copy()
    for row in np.flatnonzero(behind):  # few rows: the behind ones
        flags[row] = [*flags[row], FLAG]
    out["flags"] = pd.Series(flags, dtype=object)
    return out


def _directions(rules, n_units: int) -> np.ndarray:
    return np.repeat(np.array([i.direction for i in rules.indicators], dtype=object), n_units)


def _number(value) -> bool:
    return is_number(value) and not isinstance(value, bool)
