"""Step 5: roll-ups as the report counts them, the exception list, and one record per
indicator and unit, all as plain data ready for any renderer."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import pandas as pd

from engine.summarise import behind as progress
from engine.summarise import ledger_tables

from engine.summarise import scores
from engine.evaluate.evaluator import DECISION_COLUMNS, Evaluation
from engine.core.statuses import COUNTED_AS, EXCEPTIONS, ORDER
from engine.text.labels import CATEGORIES, SUBTYPES, TYPES
from engine.summarise.notes import FIELDS as NOTE_FIELDS, cause_notes
from engine.summarise.records import Records, Sources
from engine.core.numbers import rate_text, rounded
from engine.core.values import NOT_DONE

COUNTS = ["total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due", "missing", "error"]
GROUPINGS = [  # (name, keys); each summary row names its grouping
    ("level", ["unit", "level"]),
    ("category", ["unit", "level", "category"]),
    ("type", ["unit", "level", "category", "type"]),
    ("subtype", ["unit", "level", "category", "type", "subtype"]),
    ("task", ["unit", "level", "task"]),
]
KEYS = ["unit", "level", "category", "type", "subtype", "task"]
NOTED = EXCEPTIONS  # rows whose record carries a cause note


@dataclass
class Summary:
    snapshot: str
    indicators: list  # dicts, one per indicator and unit
    rollups: list     # dicts, one per grouping row
    exceptions: list  # dicts, lagging / missing / error indicators in report order
    tables: list      # ledger tables (ledger_tables.compute)
    units: dict       # unit id -> name
    settings: object
    lang: str
    scores: dict = field(default_factory=dict)  # engine/scores.py: scores and grades per unit and level
    causes: dict = field(default_factory=dict)    # the cause catalogue (code -> Cause), for the 绩效自评表
    improvements: dict = field(default_factory=dict)  # (id, unit) -> 改进措施 typed in the value table
    table_specs: dict = field(default_factory=dict)   # table id -> TableSpec of tables.yaml (what a column divides by)
    behind: list = field(default_factory=list)  # 进度预警: records behind the expected progress (summarise/behind.py)
    _by_unit: dict = field(default_factory=dict, repr=False, compare=False)

    def of_unit(self, unit: str, part: str) -> list:
        """The indicators, rollups, exceptions or tables of one unit, in order (indexed once: a
        renderer that scans the whole list for every unit would grow with the square of the units)."""
        if part not in self._by_unit:
            index: dict = {}
            for item in getattr(self, part):
                index.setdefault(item["unit"], []).append(item)
            self._by_unit[part] = index
        return self._by_unit[part].get(unit, [])


def summarise(ev: Evaluation, lang: str = "zh", unit: str | None = None) -> Summary:
    rules, res = ev.rules, ev.results
    if unit is not None:
        res = res.loc[res["unit"] == unit]
    inds = rules.indicators
    ranks = _ranks(rules, ev.snapshot.units)
    at = res["id"].map({i.id: k for k, i in enumerate(inds)}).to_numpy(dtype=np.int64) if len(res) \
        else np.zeros(0, np.int64)
    level_rank = np.array([ranks["level"].get(i.level, 99) for i in inds], dtype=np.int64)
    order = np.array([i.order for i in inds], dtype=np.int64)
    unit_rank = res["unit"].map(ranks["unit"]).to_numpy(dtype=np.int64) if len(res) else np.zeros(0, np.int64)
    sort = np.lexsort((order[at], level_rank[at], unit_rank))  # report order: unit, level, the rules' order
    res = res.drop(columns=[c for c in DECISION_COLUMNS if c in res.columns and c not in SOURCE_COLUMNS])  # not
    # copied in report order
    frame, at, unit_rank = res.iloc[sort].reset_index(drop=True), at[sort], unit_rank[sort]
    found, seen = pd.factorize(frame["status"])  # each row's status as its place in ORDER (len(ORDER): another)
    status = np.array([ORDER.index(s) if s in ORDER else len(ORDER) for s in seen] + [len(ORDER)], np.int64)[found]
    noted = np.flatnonzero(np.isin(status, [ORDER.index(s) for s in NOTED]))
    notes = _notes(frame, at, noted, rules, lang)
    indicators = _records(frame, at, notes, rules)
    indicators.rows["progress"] = progress.of_records(frame)
    units = {u: ev.snapshot.unit_names.get(u, u) for u in ev.snapshot.units if unit is None or u == unit}
    tables = ledger_tables.compute(rules.tables, ev.snapshot, rules.settings, lang, unit)
    return Summary(
        snapshot=ev.snapshot.date, indicators=indicators, rollups=_rollups(frame, at, unit_rank, status, ranks, rules),
        exceptions=_exceptions(frame, at, unit_rank, noted, notes, ranks, rules), units=units, tables=tables,
        settings=rules.settings, lang=lang, scores=scores.compute(indicators, rules, tables, units, lang),
        causes=dict(rules.causes), improvements=_improvements(ev.snapshot.values, unit),
        table_specs={spec.id: spec for spec in rules.tables},
        behind=progress.behind(indicators))


def _improvements(values: pd.DataFrame, unit: str | None) -> dict:
    """The value table's 改进措施 (an optional column): (indicator, unit) -> text."""
    if values is None or "improvement" not in values or not len(values):
        return {}
    codes, texts = pd.factorize(values["improvement"].astype(object))  # each distinct text looked at once
    written = np.array([isinstance(v, str) and bool(v.strip()) for v in texts.tolist()] + [False], dtype=bool)
    rows = values.loc[written[codes]]
    return {(i, u): m.strip() for i, u, m in zip(rows["indicator"], rows["unit"], rows["improvement"])
            if unit is None or u == unit}


SOURCE_COLUMNS = ("value_file", "value_line")  # a value row's place: part of the records' sources.actual


def _notes(frame: pd.DataFrame, at: np.ndarray, needed: np.ndarray, rules, lang) -> np.ndarray:
    """The cause note of each row that needs one (lagging, missing, a rule error: `needed`); "" for the others."""
    notes = np.full(len(frame), "", dtype=object)
    if len(needed):
        rows = {c: frame[c].to_numpy()[needed].tolist() for c in NOTE_FIELDS}
        notes[needed] = cause_notes(rows, [rules.indicators[i] for i in at[needed].tolist()], rules, lang)
    return notes


def _records(frame: pd.DataFrame, at: np.ndarray, notes: np.ndarray, rules) -> Records:
    """One plain record per indicator and unit, in report order, held as columns."""
    inds = rules.indicators
    col = {c: frame[c].tolist() for c in (
        "unit", "target_period", "actual", "status", "flags", "causes", "actual_source", "target_source")}
    first = np.full(len(inds), len(frame), dtype=np.int64)  # each indicator's first row: its target is
    np.minimum.at(first, at, np.arange(len(frame)))          # the same for every unit
    seen = np.flatnonzero(first < len(frame))
    targets = {c: dict(zip(seen.tolist(), frame[c].to_numpy()[first[seen]].tolist()))
               for c in ("target", "final_target")}
    per = {"id": [i.id for i in inds]}
    for name, attr in (("name", "name"), ("level", "level"), ("task", "task"), ("category", "category"),
                       ("type", "type"), ("subtype", "subtype"), ("direction", "direction"), ("measure", "unit"),
                       ("owner", "owner"), ("source", "source"), ("points", "points"), ("weight", "weight")):
        per[name] = [getattr(i, attr) for i in inds]
    per["tags"] = [tuple(i.tags) for i in inds]
    for c in ("target", "final_target"):
        per[c] = [plain(targets[c][k]) if k in targets[c] else None for k in range(len(inds))]
    rows = {"unit": col["unit"], "target_period": col["target_period"], "actual": _plain_values(col["actual"]),
            "status": col["status"], "flags": col["flags"], "cause_note": notes.tolist(), "causes": col["causes"],
            "sources.actual": Sources(col["actual_source"], frame["value_file"].to_numpy(dtype=object),
                                      frame["value_line"].to_numpy(dtype=np.int64)),
            "sources.target": col["target_source"]}
    rows["ratio"], rows["completion"], rows["gap"] = (_numbers(frame[c]) for c in ("ratio", "completion", "gap"))
    for c in ("staff_note", "likelihood", "evidence"):
        rows[c] = _texts(frame[c])
    return Records(rows, per, at)


def _numbers(column: pd.Series) -> list:
    """Measures as JSON holds them: round(value, 4), missing as null; one float object per distinct
    value (bit for bit: -0.0 is not 0.0), shared by its rows (ratios of 1 and completions of 100
    repeat through a province)."""
    x = column.to_numpy(dtype=float)
    rounded = np.ascontiguousarray(_round(x, 4))
    codes, bits = pd.factorize(rounded.view(np.int64))
    values = np.empty(len(bits), dtype=object)
    values[:] = [None if v != v else v for v in bits.view(np.float64).tolist()]
    return values[codes].tolist()


def _round(x: np.ndarray, digits: int) -> np.ndarray:
    """round(value, digits) of each float: numpy rounds the values whose last kept decimal is not
    within float noise of a half, round() the others (and leaves NaN as it is)."""
    scale = 10.0 ** digits
    with np.errstate(invalid="ignore", over="ignore"):
        size = np.abs(x) * scale
        safe = np.isfinite(size) & (size < 2.0 ** 40)
        size = np.where(safe, size, 0.0)
        safe &= np.abs(size - np.floor(size) - 0.5) > 1e-3
    out = np.copysign(np.floor(size + 0.5) / scale, x)  # the float nearest n / 10**digits, as round() gives
    out[np.isnan(x)] = np.nan
    for k in np.flatnonzero(~safe & ~np.isnan(x)).tolist():
        out[k] = round(float(x[k]), digits)
    return out


def _texts(column: pd.Series) -> list:
    """Text, or nothing."""
    values = column.to_numpy(dtype=object)
    out = [None] * len(values)
    present = np.flatnonzero(~pd.isna(values))
    for k, v in zip(present.tolist(), values[present].tolist()):
        if isinstance(v, str):
            out[k] = v
    return out


def _ranks(rules, units) -> dict:
    def rank(seq):
        return {k: n for n, k in enumerate(seq)}
    return {"unit": rank(units), "level": rank(rules.level_order()), "category": rank(CATEGORIES),
            "type": rank(TYPES), "subtype": rank(SUBTYPES), "task": rank(rules.task_order()),
            "group": {"level": 0, "category": 1, "type": 1, "subtype": 1, "task": 2}}


def _rollups(frame: pd.DataFrame, at: np.ndarray, unit_code: np.ndarray, status: np.ndarray, ranks: dict,
             rules) -> list:
    """The counts of each grouping row (a unit's level, category, type, subtype, task), in report
    order. Every key but the unit is the indicator's, so each grouping is a small table of its
    indicators' keys, and its rows counted at once with one bincount over (unit, group, status)."""
    if frame.empty:
        return []
    n_units = int(unit_code.max()) + 1
    units = np.empty(n_units, dtype=object)  # unit code (its rank) -> the unit
    for u, code in ranks["unit"].items():
        if code < n_units:
            units[code] = u
    width = len(ORDER) + 1
    parts = []
    for place, (name, keys) in enumerate(GROUPINGS):
        groups: dict = {}  # the key values (missing as None) -> the group's number, as they first appear
        of_indicator = np.array([_group(ind, keys, groups, name) for ind in rules.indicators] + [-1], np.int64)
        group = of_indicator[at]
        kept = group >= 0  # a subtype grouping counts only the indicators with a subtype
        cell = (unit_code * len(groups) + group) * width + status
        counts = np.bincount(cell[kept], minlength=n_units * len(groups) * width).reshape(-1, width)
        present = np.flatnonzero(counts.sum(axis=1))
        first = np.full(n_units * len(groups), len(frame), np.int64)  # ties keep pandas' order: first seen
        np.minimum.at(first, (unit_code * len(groups) + group)[kept], np.flatnonzero(kept))
        parts.append((name, place, list(groups), present // len(groups), present % len(groups), counts[present],
                      first[present]))
    columns: dict = {c: [] for c in ["grouping", *KEYS]}
    sort_keys = {c: [] for c in ("unit", "level", "group", "category", "type", "subtype", "task", "place", "first")}
    counted = []
    for name, place, keys_of, unit_at, group_at, counts, first in parts:
        values = {key: [k[n] for k in keys_of] for n, key in enumerate(KEYS[1:])}
        rank = {key: np.array([ranks[key].get(v, -1) for v in values[key]], np.int64)
                for key in ("category", "type", "subtype")}
        rank["level"] = np.array([ranks["level"].get(v, 99) for v in values["level"]], np.int64)
        rank["task"] = np.array([ranks["task"].get(k, -1) for k in zip(values["level"], values["task"])], np.int64)
        columns["grouping"].append(np.full(len(unit_at), name, dtype=object))
        columns["unit"].append(units[unit_at])
        for key in KEYS[1:]:
            columns[key].append(np.array(values[key], dtype=object)[group_at])
        for key in ("level", "category", "type", "subtype", "task"):
            sort_keys[key].append(rank[key][group_at])
        sort_keys["unit"].append(unit_at)
        sort_keys["group"].append(np.full(len(unit_at), ranks["group"].get(name, 0), np.int64))
        sort_keys["place"].append(np.full(len(unit_at), place, np.int64))
        sort_keys["first"].append(first)
        counted.append(counts)
    keys = {c: np.concatenate(v) for c, v in sort_keys.items()}
    sort = np.lexsort(tuple(keys[c] for c in ("first", "place", "task", "subtype", "type", "category", "group",
                                               "level", "unit")))
    counts = np.concatenate(counted)[sort]
    by_status = {s: counts[:, n] for n, s in enumerate(ORDER)}
    for status, column in COUNTED_AS.items():  # exceeded counts as achieved, late as not achieved
        by_status[column] = by_status[column] + by_status[status]
    by_status["total"] = counts.sum(axis=1)
    key = {c: np.concatenate(v)[sort].tolist() for c, v in columns.items()}
    n = {c: by_status[c].tolist() for c in COUNTS}
    rates, texts = _rates(by_status["achieved"], by_status["total"], by_status["not_due"], rules.settings)
    return [{"grouping": g, "unit": u, "level": lv, "category": c, "type": ty, "subtype": st, "task": tk,  # COUNTS
             "total": n0, "achieved": n1, "exceeded": n2, "in_progress": n3, "not_achieved": n4, "not_due": n5,
             "missing": n6, "error": n7, "rate": r, "rate_text": rt}
            for g, u, lv, c, ty, st, tk, n0, n1, n2, n3, n4, n5, n6, n7, r, rt in zip(
                key["grouping"], *(key[k] for k in KEYS), *(n[k] for k in COUNTS), rates, texts)]


def _group(ind, keys: list, groups: dict, grouping: str) -> int:
    """The number of the indicator's group in one grouping (-1: not in it)."""
    values = tuple(_key(getattr(ind, key, None)) if key in keys else None for key in KEYS[1:])
    if grouping == "subtype" and values[KEYS.index("subtype") - 1] is None:
        return -1
    return groups.setdefault(values, len(groups))


def _key(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _rates(achieved: np.ndarray, total: np.ndarray, not_due: np.ndarray, settings) -> tuple[list, list]:
    """The completion rate of each row and its text, worked out once per (achieved, total, anything due)."""
    due = total > not_due
    span = int(total.max()) + 1
    combos, where = np.unique((achieved * span + total) * 2 + due, return_inverse=True)
    rate, text = [], []
    for a, t, d in zip((combos // 2 // span).tolist(), (combos // 2 % span).tolist(), (combos % 2).tolist()):
        value = a / t * 100 if d else np.nan  # nothing due yet: no rate ("-"), not 0.00%
        rate.append(rounded(value, settings.digits, settings.rounding))
        text.append(rate_text(value, settings.digits, settings.rounding))
    where = where.reshape(-1)
    return [rate[k] for k in where.tolist()], [text[k] for k in where.tolist()]


def _exceptions(frame: pd.DataFrame, at: np.ndarray, unit_rank: np.ndarray, lagging: np.ndarray, notes: np.ndarray,
                ranks: dict, rules) -> list:
    """The lagging, missing and error rows: by unit, level, task, the lowest completion first."""
    if not len(lagging):
        return []
    inds = rules.indicators
    where = at[lagging]
    completion = frame["completion"].to_numpy(dtype=float)[lagging]
    task_rank = np.array([ranks["task"].get((i.level, i.task), 99) for i in inds], dtype=np.int64)
    level_rank = np.array([ranks["level"].get(i.level, 99) for i in inds], dtype=np.int64)
    order = np.array([i.order for i in inds], dtype=np.int64)
    sort = np.lexsort((order[where], np.where(np.isnan(completion), 1e18, completion), task_rank[where],
                       level_rank[where], unit_rank[lagging]))
    rows, where = lagging[sort], where[sort].tolist()
    col = {c: frame[c].to_numpy()[rows].tolist() for c in ("id", "unit", "status", "flags")}
    per = {c: [getattr(i, c) for i in inds] for c in ("name", "level", "task", "category", "type", "unit")}
    per = {c: [values[i] for i in where] for c, values in per.items()}
    target, actual = (_plain_values(frame[c].to_numpy()[rows].tolist()) for c in ("target", "actual"))
    gap, done = _numbers(frame["gap"].iloc[rows]), _numbers(frame["completion"].iloc[rows])
    return [{"id": i, "unit": u, "name": nm, "level": lv, "task": tk, "category": c, "type": ty, "status": st,
             "target": tg, "actual": ac, "gap": g, "completion": d, "flags": list(f), "cause_note": nt, "measure": m}
            for i, u, nm, lv, tk, c, ty, st, tg, ac, g, d, f, nt, m in zip(
                col["id"], col["unit"], per["name"], per["level"], per["task"], per["category"], per["type"],
                col["status"], target, actual, gap, done, col["flags"], notes[rows].tolist(), per["unit"])]


def _plain_values(values: list) -> list:
    """plain() of each value: floats by column (whole ones as ints, NaN as null, the rest rounded to
    6 places), ints and texts as they are, anything else by plain()."""
    kind = np.fromiter(map(_KINDS.get, map(type, values), repeat(len(_KINDS))), dtype=np.int8, count=len(values))
    out = np.fromiter(values, dtype=object, count=len(values))  # each value as it is, even a list
    floats = np.flatnonzero(kind == 0)
    x = out[floats].astype(float)
    with np.errstate(invalid="ignore"):
        whole = (x == np.floor(x)) & (np.abs(x) < 2.0 ** 53)
    out[floats[whole]] = x[whole].astype(np.int64).tolist()
    out[floats[~whole]] = _round(x[~whole], 6).tolist()
    out[floats[np.isnan(x)]] = None
    for k in np.flatnonzero(kind == len(_KINDS)).tolist():
        out[k] = plain(out[k])
    return out.tolist()


_KINDS = {float: 0, int: 1, str: 2}  # what _plain_values works out by column or gives back as it is


def plain(value):
    """A value as JSON can hold it: dates as ISO text, missing as null."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, pd.Timestamp):
        return "not_done" if value == NOT_DONE else value.strftime("%Y-%m-%d")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (np.floating, float)):
        f = float(value)
        return int(f) if f.is_integer() and abs(f) < 2**53 else round(f, 6)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


