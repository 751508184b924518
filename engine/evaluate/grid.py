"""The grid: every indicator × every unit of a snapshot as one row (rule order, then unit order),
with what the rules say of each indicator spread over its units and the value table's cells put
in place by position. Everything after this is computed over whole columns."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.directions.rows import Rows, as_dates, as_numbers, ranks, target_parts
from engine.load.cells import ROW
from engine.load.values import FILE

NAT = np.datetime64("NaT")
EMPTY = ()  # the shared empty list of a row with no causes, flags or notes


def filled(n: int, value) -> np.ndarray:
    """An object array of n times the same value (a tuple or dict too, which np.full would unpack)."""
    out = np.empty(n, dtype=object)
    out.fill(value)
    return out


class Grid:
    def __init__(self, rules, snap):
        self.rules, self.snap = rules, snap
        self.indicators = list(rules.indicators)
        self.units = pd.Index(snap.units, name="unit")
        self.size = len(self.units)
        self.n = len(self.indicators) * self.size
        self.position = {ind.id: k for k, ind in enumerate(self.indicators)}
        self.day = pd.Timestamp(snap.date)
        self._rules_columns()
        self._value_columns()

    def rows_of(self, ind_id: str) -> slice:
        start = self.position[ind_id] * self.size
        return slice(start, start + self.size)

    def spread(self, values, dtype=None) -> np.ndarray:
        """One value per indicator, repeated over its units."""
        return np.repeat(np.asarray(values, dtype=dtype), self.size)

    # --- what the rules say ---------------------------------------------------------------------
    def _rules_columns(self):
        day = self.snap.date
        applicable = [ind.way.applicable(ind, day) for ind in self.indicators]
        finals = [ind.way.final(ind) for ind in self.indicators]
        self.period = [p for p, _ in applicable]
        self.target = [t for _, t in applicable]
        self.final_period = [p for p, _ in finals]
        self.final = [v for _, v in finals]
        self.direction = self.spread([ind.direction for ind in self.indicators], object)
        self.kind = self.spread([ind.value_kind for ind in self.indicators], object)
        self.has_target = self.spread([p is not None for p in self.period], bool)
        past = [bool(ind.deadline) and self.day >= pd.Timestamp(ind.deadline) for ind in self.indicators]
        self.past_deadline = self.spread(past, bool)
        # time is left before the final target's date, or, unless the rule says its last target is final,
        # before the construction period ends: a miss then is in progress, not yet not achieved
        end = self.period_end = _day(self.rules.settings.period_end)
        self.time_left = self.spread(
            [not p and (self.day < pd.Timestamp(f) or (not ind.final and end is not None and self.day < end))
             for f, p, ind in zip(self.final_period, past, self.indicators)], bool)
        parts = [target_parts(t, ind.scale) for t, ind in zip(self.target, self.indicators)]
        self.tnum, self.tmin, self.tmax, self.trank = (self.spread([p[k] for p in parts], float) for k in range(4))
        self.tdate = self.spread([p[4] for p in parts], "datetime64[ns]")

    # --- the value table's cells, each at its row --------------------------------------------------
    def _value_columns(self):
        values, n = self.snap.values, self.n
        self.actual_read = np.full(n, np.nan, dtype=object)
        self.staff_note = np.full(n, None, dtype=object)
        self.likelihood = np.full(n, None, dtype=object)
        self.evidence = np.full(n, None, dtype=object)
        self.causes = filled(n, EMPTY)
        self.value_file = np.full(n, None, dtype=object)
        self.value_line = np.full(n, -1, dtype=np.int64)
        if not len(values):
            return
        ind_at = values["indicator"].map(self.position)
        unit_at = pd.Series(self.units.get_indexer(values["unit"]), index=values.index)
        ok = ind_at.notna() & (unit_at >= 0)
        at = (ind_at[ok].astype(np.int64) * self.size + unit_at[ok]).to_numpy()
        rows = values.loc[ok]
        self.actual_read[at] = rows["actual"].to_numpy(dtype=object)
        for name, column in (("staff_note", "note"), ("likelihood", "likelihood"), ("evidence", "evidence")):
            cells = rows[column].to_numpy(dtype=object)
            getattr(self, name)[at] = np.where(pd.isna(cells), None, cells)
        causes = rows["causes"].to_numpy(dtype=object)
        listed = each_object(causes, lambda c: isinstance(c, list) and bool(c))  # rows share their lists
        self.causes[at] = np.where(listed, causes, filled(len(causes), EMPTY))
        files = rows[FILE].to_numpy(dtype=object) if FILE in rows else np.full(len(rows), None, dtype=object)
        self.value_file[at] = np.where(each_object(files, lambda f: isinstance(f, str)), files,
                                       self.snap.values_file)
        self.value_line[at] = rows[ROW].to_numpy(dtype=np.int64)

    # --- the direction's view of the actual values ---------------------------------------------------
    def rows(self, actual: np.ndarray) -> Rows:
        """The actual values beside the targets, typed once for every direction."""
        kind, n = self.kind, self.n
        num = np.full(n, np.nan)
        numbers = kind == "number"
        num[numbers] = as_numbers(actual[numbers])
        date = np.full(n, NAT, dtype="datetime64[ns]")
        dated = kind == "date"
        date[dated] = as_dates(actual[dated])
        rank = np.full(n, np.nan)
        for ind in self.indicators:
            if ind.value_kind == "grade":
                at = self.rows_of(ind.id)
                rank[at] = ranks(actual[at], ind.scale)
        return Rows(actual, num, date, rank, self.tnum, self.tmin, self.tmax, self.trank, self.tdate)


def each_object(values: np.ndarray, test) -> np.ndarray:
    """test(value) of each value, asked once per distinct object (a column's rows share few)."""
    if not len(values):
        return np.zeros(0, dtype=bool)
    _, first, where = np.unique(np.fromiter(map(id, values), dtype=np.int64, count=len(values)),
                                return_index=True, return_inverse=True)
    return np.array([test(values[k]) for k in first.tolist()], dtype=bool)[where.reshape(-1)]


def _day(text):
    """A settings date as a Timestamp; None when it is missing or unreadable (validate names it)."""
    try:
        return pd.Timestamp(str(text)) if text else None
    except (ValueError, TypeError):
        return None
