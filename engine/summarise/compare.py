"""What changed between two snapshots: indicators newly achieved, recovered, newly lagging and
still lagging, every other change of status, and the change in each roll-up row and score.

`compare(before, after)` takes two Summaries (engine/summarise.py), normally of the same rule set
at an earlier and a later snapshot, and returns plain data (JSON-ready: str, int, float, None,
list, dict). Indicators are matched by (unit, id), roll-up rows by (grouping, unit, level,
category, type, subtype, task), scores by (unit, level).

Categories (statuses as in engine/labels.STATUSES; "met" = achieved or exceeded;
"lagging" = in_progress 正在推进 or not_achieved 未达成)
-------------------------------------------------------------------------------------------
- newly_achieved 新达成: not met before (lagging, missing, not_due, error, or absent from the earlier
  summary), met now. Includes the recovered ones.
- recovered 恢复: the part of newly_achieved that was lagging before, i.e. it had a target, missed it,
  and now meets its (current) target. recovered ⊆ newly_achieved; every newly_achieved item carries
  "recovered": true/false, and the recovered list holds the same items again.
- newly_lagging 新落后: met before, lagging now.
- still_lagging 仍落后: lagging before and now.
- other_changes 其他变化: every other change of status, so that nothing changes unseen: e.g.
  not_due → in_progress (a target applies for the first time and is missed), achieved → exceeded,
  anything → missing or error, met → not_due.
Indicators whose status did not change, other than still_lagging, are only counted ("unchanged").

The dict
--------
{
  "before": "2020-12-31", "after": "2021-12-31",          # the snapshot dates
  "units": {"kmvtc": "昆明工业职业技术学院"},               # the later summary's units, then earlier-only ones
  "counts": [{"unit": "kmvtc", "newly_achieved": 29, "recovered": 18, "newly_lagging": 2,
              "still_lagging": 7, "other_changes": 4, "unchanged": 173}],   # one per unit
  "newly_achieved": [item, …], "recovered": [item, …], "newly_lagging": [item, …],
  "still_lagging": [item, …], "other_changes": [item, …],
  "rollups": [row, …],
  "scores": [score, …],   # [] when either summary has no scores
}
item = {"unit", "id", "name", "level", "task", "category", "type", "measure" (计量单位), "direction",
        "recovered": bool (newly_achieved and recovered items only),
        "before": side | None (absent before), "after": side | None (absent now)}
side = {"status", "actual", "target", "completion" (%, numeric indicators), "cause_note"}
row = {"grouping": "level" | "category" | "type" | "subtype" | "task", "unit", "level", "category",
       "type", "subtype", "task",                            # the keys; None where not grouped by
       "before": counts | None, "after": counts | None,      # None: the row exists on one side only
       "delta": {count: after − before (a missing side counts 0), "rate": after − before | None}}
counts = {"total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due", "missing",
          "error": int, "rate": float | None (completion %, as printed), "rate_text": "89.66%"}
score = {"unit", "level": level id | None (None: the unit as a whole), "label",
         "before": {"score", "grade"} | None, "after": {"score", "grade"} | None,
         "delta": after − before score | None}

The rate delta is computed from the rates as printed (rounded by the settings), so delta equals
after − before exactly as the reader sees the two numbers.

Order: items in the later summary's order (unit, level, rule order), earlier-only ones after them;
roll-up rows in the later summary's order, earlier-only rows after them. Same inputs, same output.
"""
from __future__ import annotations

from decimal import Decimal

from engine.core.statuses import BEHIND, MET

COUNTS = ["total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due", "missing", "error"]
ROLLUP_KEYS = ("grouping", "unit", "level", "category", "type", "subtype", "task")
CATEGORIES = ("newly_achieved", "recovered", "newly_lagging", "still_lagging", "other_changes")


def classify(before_status: str | None, after_status: str | None) -> str | None:
    """newly_achieved | recovered | newly_lagging | still_lagging | other_changes | None (unchanged).
    "recovered" here means newly achieved from a lagging status (compare() lists it in both)."""
    if after_status in MET and before_status not in MET:
        return "recovered" if before_status in BEHIND else "newly_achieved"
    if before_status in MET and after_status in BEHIND:
        return "newly_lagging"
    if before_status in BEHIND and after_status in BEHIND:
        return "still_lagging"
    if before_status != after_status:
        return "other_changes"
    return None


def compare(before, after) -> dict:
    """Compare two Summaries (see the module docstring for the returned dict)."""
    units = dict(after.units)
    for unit, name in before.units.items():
        units.setdefault(unit, name)
    old = {(i["unit"], i["id"]): i for i in before.indicators}
    new = {(i["unit"], i["id"]): i for i in after.indicators}
    keys = list(new) + [k for k in old if k not in new]
    unit_rank = {u: n for n, u in enumerate(units)}
    keys.sort(key=lambda k: unit_rank.get(k[0], len(unit_rank)))  # stable: keeps the summaries' order within a unit
    out = {"before": before.snapshot, "after": after.snapshot, "units": units, "counts": [],
           **{c: [] for c in CATEGORIES}}
    tally = {u: {"unit": u, **{c: 0 for c in CATEGORIES}, "unchanged": 0} for u in units}
    for key in keys:
        b, a = old.get(key), new.get(key)
        kind = classify(b["status"] if b else None, a["status"] if a else None)
        counts = tally[key[0]]
        if kind is None:
            counts["unchanged"] += 1
            continue
        item = _item(b, a)
        if kind in ("newly_achieved", "recovered"):
            item["recovered"] = kind == "recovered"
            out["newly_achieved"].append(item)
            counts["newly_achieved"] += 1
            if kind == "recovered":
                out["recovered"].append(item)
                counts["recovered"] += 1
        else:
            out[kind].append(item)
            counts[kind] += 1
    out["counts"] = list(tally.values())
    out["rollups"] = _rollups(before.rollups, after.rollups, _digits(after) if after.rollups else _digits(before))
    out["scores"] = _scores(getattr(before, "scores", None) or {}, getattr(after, "scores", None) or {})
    return out


def _side(record) -> dict | None:
    if record is None:
        return None
    return {"status": record["status"], "actual": record["actual"], "target": record["target"],
            "completion": record.get("completion"), "cause_note": record.get("cause_note")}


def _item(b, a) -> dict:
    ref = a or b
    item = {k: ref.get(k) for k in ("unit", "id", "name", "level", "task", "category", "type", "measure", "direction")}
    item.update(before=_side(b), after=_side(a))
    return item


def _counts(row) -> dict | None:
    if row is None:
        return None
    return {**{c: row[c] for c in COUNTS}, "rate": row.get("rate"), "rate_text": row.get("rate_text")}


def _digits(summary) -> int:
    return getattr(summary.settings, "digits", 2) if summary.settings is not None else 2


def _minus(a, b, digits: int | None = None):
    if a is None or b is None:
        return None
    d = Decimal(repr(float(a))) - Decimal(repr(float(b)))
    return float(round(d, digits)) if digits is not None else float(d)


def _rollups(before: list, after: list, digits: int) -> list:
    def key(row):
        return tuple(row.get(k) for k in ROLLUP_KEYS)
    old = {key(r): r for r in before}
    new = {key(r): r for r in after}
    rows = []
    for k in list(new) + [k for k in old if k not in new]:
        b, a = _counts(old.get(k)), _counts(new.get(k))
        delta = {c: (a[c] if a else 0) - (b[c] if b else 0) for c in COUNTS}
        delta["rate"] = _minus(a["rate"] if a else None, b["rate"] if b else None, digits)
        rows.append({**dict(zip(ROLLUP_KEYS, k)), "before": b, "after": a, "delta": delta})
    return rows


def _scores(before: dict, after: dict) -> list:
    if not before or not after:
        return []
    def flat(scores):
        out = {}
        for u in scores.get("units", []):
            out[(u["unit"], None)] = ("", u)
            for lv in u["levels"]:
                out[(u["unit"], lv["level"])] = (lv["label"], lv)
        return out
    old, new = flat(before), flat(after)
    rows = []
    for k in list(new) + [k for k in old if k not in new]:
        b, a = old.get(k, (None, None))[1], new.get(k, (None, None))[1]
        label = (new.get(k) or old.get(k))[0]
        rows.append({"unit": k[0], "level": k[1], "label": label,
                     "before": {"score": b["score"], "grade": b["grade"]} if b else None,
                     "after": {"score": a["score"], "grade": a["grade"]} if a else None,
                     "delta": _minus(a["score"] if a else None, b["score"] if b else None, 2)})
    return rows
