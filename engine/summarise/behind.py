"""进度预警 (behind schedule): the expected progress of the decision record (evaluate/schedule.py) on
each summary record that has one, and the list of the records behind it, in report order."""
from __future__ import annotations

import numpy as np

from engine.summarise.records import column


def of_records(frame) -> list | None:
    """The `progress` of each record that has an expected value and an actual value to compare with
    it: {expected, method, from, from_value, to, to_value, base, gap, share, behind}; None for the
    others (a snapshot on a staged target's date: every shipped one; a missing value; a rule error),
    which keep the keys they always had. None for all: no list."""
    if "expected" not in frame or not len(frame):
        return None
    expected = frame["expected"].to_numpy(dtype=float)
    has = np.flatnonzero(~np.isnan(expected) & ~np.isnan(frame["schedule_gap"].to_numpy(dtype=float)))
    if not len(has):
        return None
    method, start, start_value, end, end_value, base = (frame[c].to_numpy(dtype=object) for c in (
        "progress", "progress_from", "progress_from_value", "progress_to", "progress_to_value", "progress_base"))
    gap, share = frame["schedule_gap"].to_numpy(dtype=float), frame["schedule_share"].to_numpy(dtype=float)
    behind = frame["behind_schedule"].to_numpy(dtype=bool)
    out = [None] * len(frame)
    for k in has.tolist():
        out[k] = {
            "expected": _number(expected[k]), "method": method[k], "from": start[k],
            "from_value": start_value[k], "to": end[k], "to_value": end_value[k], "base": base[k],
            "gap": _number(gap[k]), "share": _number(share[k]), "behind": bool(behind[k])}
    return out


def behind(records) -> list[dict]:
    """The records behind schedule, as the 进度预警 list shows them."""
    progress = column(records, "progress")
    late = [k for k, p in enumerate(progress or ()) if p is not None and p["behind"]]
    return [{"id": r["id"], "unit": r["unit"], "name": r["name"], "level": r["level"], "task": r["task"],
             "type": r["type"], "direction": r["direction"], "measure": r["measure"], "status": r["status"],
             "target": r["target"], "actual": r["actual"], **{k: r["progress"][k] for k in
                                                               ("expected", "method", "from", "from_value", "to", "to_value", "base", "gap", "share")}}
            for r in (records[k] for k in late)]


def _number(value: float):
    """Rounded to 4 places as the record's measures are; missing as None."""
    return None if value != value else round(float(value), 4)
