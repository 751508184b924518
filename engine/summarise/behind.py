"""进度预警 (behind schedule): the expected progress of the decision record (evaluate/schedule.py) on
each summary record that has one, and the list of the records behind it, in report order."""
from __future__ import annotations

import numpy as np


def attach(records: list[dict], frame) -> None:
    """Give each record with an expected value and an actual value to compare with it its `progress`:
    {expected, method, from, from_value, to, to_value, base, gap, share, behind}. The others (a
    snapshot on a staged target's date: every shipped one; a missing value; a rule error) keep the
    keys they always had."""
    if "expected" not in frame or not len(records):
        return
    expected = frame["expected"].to_numpy(dtype=float)
    has = np.flatnonzero(~np.isnan(expected) & ~np.isnan(frame["schedule_gap"].to_numpy(dtype=float)))
    if not len(has):
        return
    method, start, start_value, end, end_value, base = (frame[c].to_numpy(dtype=object) for c in (
        "progress", "progress_from", "progress_from_value", "progress_to", "progress_to_value", "progress_base"))
    gap, share = frame["schedule_gap"].to_numpy(dtype=float), frame["schedule_share"].to_numpy(dtype=float)
    behind = frame["behind_schedule"].to_numpy(dtype=bool)
    for k in has.tolist():
        records[k]["progress"] = {
            "expected": _number(expected[k]), "method": method[k], "from": start[k],
            "from_value": start_value[k], "to": end[k], "to_value": end_value[k], "base": base[k],
            "gap": _number(gap[k]), "share": _number(share[k]), "behind": bool(behind[k])}


def behind(records: list[dict]) -> list[dict]:
    """The records behind schedule, as the 进度预警 list shows them."""
    return [{"id": r["id"], "unit": r["unit"], "name": r["name"], "level": r["level"], "task": r["task"],
             "type": r["type"], "direction": r["direction"], "measure": r["measure"], "status": r["status"],
             "target": r["target"], "actual": r["actual"], **{k: r["progress"][k] for k in
                                                               ("expected", "method", "from", "from_value", "to", "to_value", "base", "gap", "share")}}
            for r in records if r.get("progress", {}).get("behind")]


def _number(value: float):
    """Rounded to 4 places as the record's measures are; missing as None."""
    return None if value != value else round(float(value), 4)
