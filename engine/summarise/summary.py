"""Step 5: roll-ups as the report counts them, the exception list, and one record per
indicator and unit, all as plain data ready for any renderer."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from engine.summarise import behind as progress
from engine.summarise import ledger_tables

from engine.summarise import scores
from engine.evaluate.evaluator import DECISION_COLUMNS, Evaluation
from engine.core.statuses import COUNTED_AS, EXCEPTIONS, ORDER
from engine.text.labels import CATEGORIES, SUBTYPES, TYPES
from engine.summarise.notes import cause_note
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
    frame, at = res.iloc[sort].reset_index(drop=True), at[sort]
    meta = {name: np.array([getattr(i, name) for i in inds] + [None], dtype=object)[at]
            for name in ("name", "level", "task", "category", "type", "subtype", "order")}
    frame = frame.assign(**meta)
    frame["note"] = _notes(frame, at, rules, lang)
    indicators = _records(frame, at, rules)
    indicators.rows["progress"] = progress.of_records(frame)
    units = {u: ev.snapshot.unit_names.get(u, u) for u in ev.snapshot.units if unit is None or u == unit}
    tables = ledger_tables.compute(rules.tables, ev.snapshot, rules.settings, lang, unit)
    return Summary(
        snapshot=ev.snapshot.date, indicators=indicators, rollups=_rollups(frame, ranks, rules.settings),
        exceptions=_exceptions(frame, at, ranks, rules), units=units, tables=tables,
        settings=rules.settings, lang=lang, scores=scores.compute(indicators, rules, tables, units, lang),
        causes=dict(rules.causes), improvements=_improvements(ev.snapshot.values, unit),
        table_specs={spec.id: spec for spec in rules.tables},
        behind=progress.behind(indicators))


def _improvements(values: pd.DataFrame, unit: str | None) -> dict:
    """The value table's 改进措施 (an optional column): (indicator, unit) -> text."""
    if values is None or "improvement" not in values or not len(values):
        return {}
    rows = values.loc[values["improvement"].map(lambda v: isinstance(v, str) and bool(v.strip()))]
    return {(i, u): m.strip() for i, u, m in zip(rows["indicator"], rows["unit"], rows["improvement"])
            if unit is None or u == unit}


SOURCE_COLUMNS = ("value_file", "value_line")  # a value row's place: part of the records' sources.actual
NOTE_FIELDS = ("status", "error", "target", "actual", "gap", "completion", "causes", "staff_note", "rule_notes",
               "likelihood", "final_target", "unit")


def _notes(frame: pd.DataFrame, at: np.ndarray, rules, lang) -> np.ndarray:
    """The cause note of each row that needs one (lagging, missing, a rule error); "" for the others."""
    notes = np.full(len(frame), "", dtype=object)
    needed = np.flatnonzero(frame["status"].isin(NOTED).to_numpy())
    if len(needed):
        columns = [frame[c].to_numpy(dtype=object)[needed] for c in NOTE_FIELDS]
        for k, values in zip(needed, zip(*columns)):
            notes[k] = cause_note(dict(zip(NOTE_FIELDS, values)), rules.indicators[at[k]], rules, lang)
    return notes


def _records(frame: pd.DataFrame, at: np.ndarray, rules) -> Records:
    """One plain record per indicator and unit, in report order, held as columns."""
    inds = rules.indicators
    col = {c: frame[c].tolist() for c in (
        "unit", "target", "target_period", "final_target", "actual", "status", "flags", "causes",
        "staff_note", "likelihood", "evidence", "actual_source", "target_source", "note")}
    targets = {}
    for k, i in enumerate(at.tolist()):  # the same target for every unit of an indicator
        if i not in targets:
            targets[i] = (plain(col["target"][k]), plain(col["final_target"][k]))
    per = {"id": [i.id for i in inds]}
    for name, attr in (("name", "name"), ("level", "level"), ("task", "task"), ("category", "category"),
                       ("type", "type"), ("subtype", "subtype"), ("direction", "direction"), ("measure", "unit"),
                       ("owner", "owner"), ("source", "source"), ("points", "points"), ("weight", "weight")):
        per[name] = [getattr(i, attr) for i in inds]
    per["tags"] = [tuple(i.tags) for i in inds]
    per["target"] = [targets.get(k, (None, None))[0] for k in range(len(inds))]
    per["final_target"] = [targets.get(k, (None, None))[1] for k in range(len(inds))]
    rows = {"unit": col["unit"], "target_period": col["target_period"], "actual": _plain_all(col["actual"]),
            "status": col["status"], "flags": col["flags"], "cause_note": col["note"], "causes": col["causes"],
            "sources.actual": Sources(col["actual_source"], frame["value_file"].to_numpy(dtype=object),
                                      frame["value_line"].to_numpy(dtype=np.int64)),
            "sources.target": col["target_source"]}
    rows["ratio"], rows["completion"], rows["gap"] = (_numbers(frame[c]) for c in ("ratio", "completion", "gap"))
    for c in ("staff_note", "likelihood", "evidence"):  # text, or nothing
        rows[c] = [v if isinstance(v, str) else None for v in col[c]]
    return Records(rows, per, at)


def _plain_all(values: list) -> list:
    """plain() of each value, once per distinct value (a province repeats the same figures)."""
    seen: dict = {}
    out = []
    for v in values:
        try:
            found = seen.get((type(v), v), _MISSING) if v == v else _MISSING
        except TypeError:  # unhashable (a dict): no shortcut
            found = _MISSING
        if found is _MISSING:
            found = plain(v)
            if v == v and not isinstance(v, (dict, list)):
                seen[(type(v), v)] = found
        out.append(found)
    return out


_MISSING = object()


def _text(value):
    return value if isinstance(value, str) else None


def _numbers(column: pd.Series) -> list:
    """Measures as JSON holds them: rounded to 4 places, missing as null; each distinct value
    (bit for bit: -0.0 is not 0.0) rounded once."""
    values = np.ascontiguousarray(column.to_numpy(dtype=float))
    bits, at = np.unique(values.view(np.int64), return_inverse=True)
    shown = np.empty(len(bits), dtype=object)
    shown[:] = [None if v != v else round(v, 4) for v in bits.view(np.float64).tolist()]
    return shown[at.reshape(-1)].tolist()


def _ranks(rules, units) -> dict:
    def rank(seq):
        return {k: n for n, k in enumerate(seq)}
    return {"unit": rank(units), "level": rank(rules.level_order()), "category": rank(CATEGORIES),
            "type": rank(TYPES), "subtype": rank(SUBTYPES), "task": rank(rules.task_order()),
            "group": {"level": 0, "category": 1, "type": 1, "subtype": 1, "task": 2}}


def _rollups(frame: pd.DataFrame, ranks: dict, settings) -> list:
    if frame.empty:
        return []
    counts = pd.get_dummies(frame["status"]).reindex(columns=list(ORDER), fill_value=0).astype(int)
    for status, column in COUNTED_AS.items():  # exceeded counts as achieved, late as not achieved
        counts[column] = counts[column] + counts[status]
    counts["total"] = 1
    data = pd.concat([frame[KEYS], counts[COUNTS]], axis=1)
    parts = []
    for name, keys in GROUPINGS:
        subset = data if name != "subtype" else data.loc[data["subtype"].notna()]
        if subset.empty:
            continue
        grouped = subset.groupby(keys, sort=False, dropna=False)[COUNTS].sum().reset_index()
        grouped["grouping"] = name
        parts.append(grouped)
    table = pd.concat(parts, ignore_index=True)
    for key in KEYS:
        if key not in table:
            table[key] = None
    table = table.astype({k: object for k in KEYS}).where(table.notna(), None)
    key = {c: table[c].to_numpy(dtype=object) for c in KEYS + ["grouping"]}

    def ranked(name, values, missing):
        return np.array([ranks[name].get(v, missing) for v in values], dtype=np.int64)
    sort = np.lexsort((
        np.array([ranks["task"].get((lv, tk), -1) for lv, tk in zip(key["level"], key["task"])], dtype=np.int64),
        ranked("subtype", key["subtype"], -1), ranked("type", key["type"], -1), ranked("category", key["category"], -1),
        ranked("group", key["grouping"], 0), ranked("level", key["level"], 99), ranked("unit", key["unit"], 0)))
    rows = []
    counted = {c: table[c].to_numpy(dtype=np.int64)[sort].tolist() for c in COUNTS}
    rates: dict = {}  # (achieved, total, anything due) -> the rate and its text, worked out once
    for n, k in enumerate(sort):
        total, achieved = counted["total"][n], counted["achieved"][n]
        due = total - counted["not_due"][n]
        if (achieved, total, due > 0) not in rates:
            rate = achieved / total * 100 if due else np.nan  # nothing due yet: no rate ("-"), not 0.00%
            rates[achieved, total, due > 0] = (rounded(rate, settings.digits, settings.rounding),
                                               rate_text(rate, settings.digits, settings.rounding))
        row = {"grouping": key["grouping"][k], **{c: key[c][k] for c in KEYS}, **{c: counted[c][n] for c in COUNTS}}
        row["rate"], row["rate_text"] = rates[achieved, total, due > 0]
        rows.append(row)
    return rows


def _exceptions(frame: pd.DataFrame, at: np.ndarray, ranks: dict, rules) -> list:
    lagging = np.flatnonzero(frame["status"].isin(EXCEPTIONS).to_numpy())
    if not len(lagging):
        return []
    part = frame.iloc[lagging]
    where = at[lagging]
    completion = part["completion"].to_numpy(dtype=float)
    task_rank = np.array([ranks["task"].get((lv, tk), 99) for lv, tk in zip(part["level"], part["task"])], dtype=np.int64)
    sort = np.lexsort((part["order"].to_numpy(dtype=np.int64), np.where(np.isnan(completion), 1e18, completion),
                       task_rank, np.array([ranks["level"].get(v, 99) for v in part["level"]], dtype=np.int64),
                       part["unit"].map(ranks["unit"]).fillna(0).to_numpy(dtype=np.int64)))
    col = {c: part[c].to_numpy(dtype=object)[sort] for c in (
        "id", "unit", "name", "level", "task", "category", "type", "status", "target", "actual", "flags", "note")}
    gap, done = _numbers(part["gap"].iloc[sort]), _numbers(part["completion"].iloc[sort])
    measure = [rules.indicators[i].unit for i in where[sort]]
    return [{"id": col["id"][k], "unit": col["unit"][k], "name": col["name"][k], "level": col["level"][k],
             "task": col["task"][k], "category": col["category"][k], "type": col["type"][k],
             "status": col["status"][k], "target": plain(col["target"][k]), "actual": plain(col["actual"][k]),
             "gap": gap[k], "completion": done[k], "flags": list(col["flags"][k]), "cause_note": col["note"][k],
             "measure": measure[k]}
            for k in range(len(sort))]


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


