"""Step 5: roll-ups as the report counts them, the exception list, and one record per
indicator and unit, all as plain data ready for any renderer."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from engine.summarise import ledger_tables

from engine.summarise import scores
from engine.evaluate.evaluator import Evaluation
from engine.text.labels import CATEGORIES, LAGGING, STATUSES, SUBTYPES, TYPES
from engine.summarise.notes import cause_note
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


def summarise(ev: Evaluation, lang: str = "zh", unit: str | None = None) -> Summary:
    rules, res = ev.rules, ev.results
    if unit is not None:
        res = res.loc[res["unit"] == unit]
    by_id = rules.by_id()
    meta = pd.DataFrame([{"id": i.id, "name": i.name, "level": i.level, "task": i.task, "category": i.category,
                          "type": i.type, "subtype": i.subtype, "order": i.order} for i in rules.indicators])
    frame = res.merge(meta, on="id", how="left") if len(res) else res.assign(**{c: [] for c in meta.columns})
    # rows as plain dicts: iterrows builds a Series per row, which costs more than the notes themselves
    frame["note"] = [cause_note(row, by_id[row["id"]], rules, lang) for row in frame.to_dict("records")]
    ranks = _ranks(rules, ev.snapshot.units)
    if len(frame):
        key = pd.DataFrame({"unit": frame["unit"].map(ranks["unit"]),
                            "level": frame["level"].map(lambda v: ranks["level"].get(v, 99)), "order": frame["order"]})
        frame = frame.loc[key.sort_values(["unit", "level", "order"], kind="stable").index]
    indicators = [_record(row, by_id[row["id"]], rules) for row in frame.to_dict("records")]
    units = {u: ev.snapshot.unit_names.get(u, u) for u in ev.snapshot.units if unit is None or u == unit}
    tables = ledger_tables.compute(rules.tables, ev.snapshot, rules.settings, lang, unit)
    return Summary(
        snapshot=ev.snapshot.date, indicators=indicators, rollups=_rollups(frame, ranks, rules.settings),
        exceptions=_exceptions(frame, ranks, by_id), units=units, tables=tables,
        settings=rules.settings, lang=lang, scores=scores.compute(indicators, rules, tables, units, lang))


def _ranks(rules, units) -> dict:
    def rank(seq):
        return {k: n for n, k in enumerate(seq)}
    return {"unit": rank(units), "level": rank(rules.level_order()), "category": rank(CATEGORIES),
            "type": rank(TYPES), "subtype": rank(SUBTYPES), "task": rank(rules.task_order()),
            "group": {"level": 0, "category": 1, "type": 1, "subtype": 1, "task": 2}}


def _rollups(frame: pd.DataFrame, ranks: dict, settings) -> list:
    if frame.empty:
        return []
    counts = pd.get_dummies(frame["status"]).reindex(columns=list(STATUSES), fill_value=0).astype(int)
    counts["achieved"] = counts["achieved"] + counts["exceeded"]  # the report counts exceeded as achieved
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
    order = table.apply(lambda r: (
        ranks["unit"].get(r["unit"], 0), ranks["level"].get(r["level"], 99), ranks["group"][r["grouping"]],
        ranks["category"].get(r["category"], -1), ranks["type"].get(r["type"], -1),
        ranks["subtype"].get(r["subtype"], -1), ranks["task"].get((r["level"], r["task"]), -1)), axis=1)
    table = table.loc[order.sort_values(kind="stable").index]
    rows = []
    for _, r in table.iterrows():
        rate = r["achieved"] / r["total"] * 100 if r["total"] else np.nan
        row = {"grouping": r["grouping"], **{k: r[k] for k in KEYS}, **{c: int(r[c]) for c in COUNTS}}
        row["rate"] = rounded(rate, settings.digits, settings.rounding)
        row["rate_text"] = rate_text(rate, settings.digits, settings.rounding)
        rows.append(row)
    return rows


def _exceptions(frame: pd.DataFrame, ranks: dict, by_id) -> list:
    lagging = frame.loc[frame["status"].isin(LAGGING)].copy()
    if lagging.empty:
        return []
    lagging["_key"] = lagging.apply(lambda r: (
        ranks["unit"].get(r["unit"], 0), ranks["level"].get(r["level"], 99), ranks["task"].get((r["level"], r["task"]), 99),
        r["completion"] if pd.notna(r["completion"]) else 1e18, r["order"]), axis=1)
    lagging = lagging.sort_values("_key", kind="stable")
    return [{"id": r["id"], "unit": r["unit"], "name": r["name"], "level": r["level"], "task": r["task"],
             "category": r["category"], "type": r["type"], "status": r["status"],
             "target": plain(r["target"]), "actual": plain(r["actual"]), "gap": _num(r["gap"]),
             "completion": _num(r["completion"]), "flags": list(r["flags"]), "cause_note": r["note"],
             "measure": by_id[r["id"]].unit}
            for _, r in lagging.iterrows()]


def _record(row, ind, rules) -> dict:
    return {
        "id": ind.id, "unit": row["unit"], "name": ind.name, "level": ind.level, "task": ind.task,
        "category": ind.category, "type": ind.type, "subtype": ind.subtype, "direction": ind.direction,
        "measure": ind.unit, "target": plain(row["target"]), "target_period": row["target_period"],
        "final_target": plain(row["final_target"]), "actual": plain(row["actual"]), "status": row["status"],
        "flags": list(row["flags"]), "ratio": _num(row["ratio"]), "completion": _num(row["completion"]),
        "gap": _num(row["gap"]), "cause_note": row["note"], "causes": list(row["causes"]),
        "staff_note": row["staff_note"] if isinstance(row["staff_note"], str) else None,
        "likelihood": row["likelihood"] if isinstance(row["likelihood"], str) else None,
        "evidence": row["evidence"] if isinstance(row["evidence"], str) else None,
        "owner": ind.owner, "source": ind.source, "points": ind.points, "weight": ind.weight, "tags": list(ind.tags),
        "sources": {"actual": row["actual_source"], "target": row["target_source"]},
    }


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


def _num(value):
    return None if value is None or pd.isna(value) else round(float(value), 4)
