"""The summary's records (one per indicator and unit), held as columns: a province's 200,000 records
as 30 lists, not 200,000 dicts. Reading a record (by position, slice or iteration) makes its dict,
always the same keys in the same order; the JSON writer reads the columns (render/json_out.py).
The scores' rows (summarise/scores.py) likewise: Rows, their few-valued columns as Coded."""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

# the record's keys, in order; "sources" is {"actual": …, "target": …} of two columns
FIELDS = ("id", "unit", "name", "level", "task", "category", "type", "subtype", "direction", "measure", "target",
          "target_period", "final_target", "actual", "status", "flags", "ratio", "completion", "gap", "cause_note",
          "causes", "staff_note", "likelihood", "evidence", "owner", "source", "points", "weight", "tags", "sources")
LISTS = ("flags", "causes", "tags")  # a new list in each record made (a reader may change its own)
SOURCES = ("actual", "target")
OPTIONAL = "progress"  # a key only the records that have one carry (summarise/behind.py), last


class Records(Sequence):
    """rows: a list per key that differs from record to record; per_indicator: a list per key that
    is the same for every record of an indicator, indexed by `at` (each record's indicator). Keys are
    FIELDS, "sources" as "sources.actual" and "sources.target"; optionally "progress" (a dict or None
    per record). Lists may be held as tuples: each record made gets its own list."""

    def __init__(self, rows: dict, per_indicator: dict | None = None, at=None):
        self.rows, self.per_indicator = rows, per_indicator or {}
        self.at = np.asarray(at if at is not None else [], dtype=np.int64)
        self._length = len(self.at) if self.per_indicator else len(next(iter(rows.values())))
        self._spread: dict = {}

    def __len__(self) -> int:
        return self._length

    def column(self, name: str) -> list:
        """One key of every record, in order (read only); for "progress", None when no record has one."""
        if name in self.rows:
            return self.rows[name]
        if name in self.per_indicator:
            if name not in self._spread:
                values = np.empty(len(self.per_indicator[name]), dtype=object)
                for k, v in enumerate(self.per_indicator[name]):  # one by one: a tuple stays one value
                    values[k] = v
                self._spread[name] = values[self.at].tolist()
            return self._spread[name]
        if name == OPTIONAL:
            return None
        raise KeyError(name)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._make(j) for j in range(*k.indices(self._length))]
        if k < 0:
            k += self._length
        if not 0 <= k < self._length:
            raise IndexError(k)
        return self._make(k)

    def _value(self, name: str, k: int):
        return self.rows[name][k] if name in self.rows else self.per_indicator[name][self.at[k]]

    def _make(self, k: int) -> dict:
        rec = {}
        for name in FIELDS:
            if name == "sources":
                rec[name] = {s: self._value(f"sources.{s}", k) for s in SOURCES}
            elif name in LISTS:
                rec[name] = list(self._value(name, k))
            else:
                rec[name] = self._value(name, k)
        extra = self.column(OPTIONAL)
        if extra is not None and extra[k] is not None:
            rec[OPTIONAL] = extra[k]
        return rec

    def __iter__(self):
        plain = [n for n in FIELDS if n != "sources"]
        actual, target = self.column("sources.actual"), self.column("sources.target")
        extra = self.column(OPTIONAL) or [None] * self._length
        for values, a, t, more in zip(zip(*(self.column(n) for n in plain)), actual, target, extra):
            rec = dict(zip(plain, values))
            for name in LISTS:
                rec[name] = list(rec[name])
            rec["sources"] = {"actual": a, "target": t}
            if more is not None:
                rec[OPTIONAL] = more
            yield rec

    def __eq__(self, other):
        return isinstance(other, (Sequence, list)) and len(self) == len(other) and \
            all(a == b for a, b in zip(self, other))

    def __repr__(self) -> str:
        return f"Records({self._length} records)"


class Coded(NamedTuple):
    """A column as each row's place in a list of values: a few values for many rows (statuses,
    units) stored and written once each."""
    codes: np.ndarray
    values: list

    def tolist(self) -> list:
        values = np.empty(len(self.values), dtype=object)
        for k, v in enumerate(self.values):  # one by one: a tuple stays one value
            values[k] = v
        return values[self.codes].tolist()


class Rows(Sequence):
    """A list of flat dicts with the same keys, held as one column per key (scores' 200,000 rows of
    a province: summarise/scores.py): a list, a numpy array of floats, or Coded. The JSON writer
    reads the columns as held (render/json_out.py); a reader by position or iteration gets the
    dicts, made on the first read and kept (a report reads them once per unit), so it sees the
    same dicts every time, as in a list."""

    def __init__(self, columns: dict):
        self.columns = columns
        first = next(iter(columns.values()), [])
        self._length = len(first.codes if isinstance(first, Coded) else first)
        self._made = None

    def keys(self) -> list:
        return list(self.columns)

    def held(self, name: str):
        """One key of every row as held: a list, a numpy array or Coded (read only)."""
        return self.columns[name]

    def column(self, name: str) -> list:
        """One key of every row, in order, as a list."""
        held = self.columns[name]
        return held.tolist() if isinstance(held, (np.ndarray, Coded)) else held

    def _dicts(self) -> list:
        if self._made is None:
            keys = tuple(self.columns)
            self._made = [dict(zip(keys, values)) for values in zip(*map(self.column, keys))]
        return self._made

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, k):
        return self._dicts()[k]

    def __iter__(self):
        return iter(self._dicts())

    def __eq__(self, other):
        return isinstance(other, (Sequence, list)) and len(self) == len(other) and \
            all(a == b for a, b in zip(self, other))

    def __repr__(self) -> str:
        return f"Rows({self._length} rows)"


class Sources(Sequence):
    """Where each record's actual value comes from (its "sources.actual"), held as columns: a formula's
    source (shared by its indicator's records), else the file and row of the value table's row
    (row -1: none). A dict is made when one is read; the JSON writer writes the columns."""

    def __init__(self, formula: list, files: np.ndarray, rows: np.ndarray):
        self.formula, self.files, self.rows = formula, files, rows

    def __len__(self) -> int:
        return len(self.formula)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if self.formula[k] is not None:
            return self.formula[k]
        return {"file": self.files[k], "row": int(self.rows[k])} if self.rows[k] >= 0 else None

    def __iter__(self):
        for source, file, row in zip(self.formula, self.files.tolist(), self.rows.tolist()):
            yield source if source is not None else {"file": file, "row": row} if row >= 0 else None


def column(records, name: str) -> list:
    """One key of every record: a Records' column as it is held, or read from a list of dicts."""
    if isinstance(records, (Records, Rows)):
        return records.column(name)
    return [r.get(name) for r in records] if name == OPTIONAL else [r[name] for r in records]


def codes(records, name: str) -> tuple[np.ndarray, list]:
    """One key of every record as numbers: (each record's value's place in the distinct values, the
    distinct values). A key a Records holds per indicator is coded once per indicator, so its
    distinct values may include some no record has."""
    if isinstance(records, Records) and name in records.per_indicator:
        per, values = _coded(records.per_indicator[name])
        return per[records.at], values
    return _coded(column(records, name))


def _coded(values: list) -> tuple[np.ndarray, list]:
    known = {v: k for k, v in enumerate(dict.fromkeys(values))}
    return np.fromiter(map(known.__getitem__, values), dtype=np.int64, count=len(values)), list(known)
