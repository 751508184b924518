"""The yardstick of tools/benchmark.py: what a competent analyst would write by hand in pandas to get
the shipped rules' statuses, exceeded flags and level × type counts for every college of a snapshot.

It knows only what the shipped rules use (higher, lower, range, grade, deadline; annual targets; the
satisfaction overshoot `actual >= target + 1`; count/sum/percent over ledgers), reads with plain
pandas.read_csv and validates nothing: it is the speed to beat, not a second engine.

    python tools/reference.py DATASETS DATE > statuses.csv
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent
CALL = re.compile(r'(count|sum)\("(\w+)"(?:,\s*"([^"]+)")?((?:,\s*\w+="[^"]*")*)\)')
FILTER = re.compile(r'(\w+)="([^"]*)"')


def indicators(rules_dir: Path) -> pd.DataFrame:
    rows = []
    for path in sorted(rules_dir.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or "indicators" not in doc:
            continue
        for ind in doc["indicators"]:
            rows.append({"id": ind["id"], "level": ind.get("level", doc.get("level")), "type": ind["type"],
                         "direction": ind["direction"], "annual": ind.get("annual", False),
                         "targets": {str(d): v for d, v in (ind.get("targets") or {}).items()},
                         "deadline": str(ind["deadline"]) if ind.get("deadline") else None,
                         "scale": ind.get("scale"), "overshoot": ind.get("overshoot"), "actual": ind.get("actual")})
    return pd.DataFrame(rows)


def formula(text: str, ledgers: dict, units: pd.Index) -> pd.Series:
    """count(...), sum(...) and percent(a, b) of the shipped rules, per unit."""
    values = []
    for how, ledger, column, filters in CALL.findall(text):
        frame = ledgers[ledger]
        mask = np.ones(len(frame), bool)
        for name, value in FILTER.findall(filters):
            mask &= (frame[name] == value).to_numpy()
        rows = frame.loc[mask]
        if how == "count":
            values.append(rows.groupby("单位").size().reindex(units, fill_value=0).astype(float))
        else:
            values.append(pd.to_numeric(rows[column]).groupby(rows["单位"]).sum().reindex(units, fill_value=0.0))
    if text.startswith("percent("):
        top, bottom = values
        return (top / bottom.where(bottom != 0)) * 100
    return values[0]


def evaluate(rules_dir: Path, datasets: Path, date: str) -> pd.DataFrame:
    day = pd.Timestamp(date)
    folder = datasets / date
    inds = indicators(rules_dir)
    values = pd.read_csv(folder / "values.csv", dtype=str)
    ledgers = {p.stem: pd.read_csv(p, dtype=str) for p in folder.glob("*.csv") if p.stem != "values"}
    units = pd.Index(sorted(values["单位"].unique()), name="单位")
    # the applicable and final targets, one per indicator
    inds["period"] = [max([d for d in t if d <= date], default=None) for t in inds["targets"]]
    inds["target"] = [t.get(p) if p else None for t, p in zip(inds["targets"], inds["period"])]
    inds["final"] = [max(t) if t else dl for t, dl in zip(inds["targets"], inds["deadline"])]
    grid = inds.merge(pd.DataFrame({"单位": units}), how="cross")
    grid = grid.merge(values[["单位", "指标编号", "实际值"]], how="left", left_on=["单位", "id"],
                      right_on=["单位", "指标编号"])
    grid["实际值"] = grid["实际值"].astype(object)
    for row in inds.loc[inds["actual"].notna()].itertuples():  # the ten formulas of the shipped rules
        result = formula(row.actual, ledgers, units)
        at = grid["id"] == row.id
        grid.loc[at, "实际值"] = result.reindex(grid.loc[at, "单位"]).to_numpy()
    raw = grid["实际值"]
    num = pd.to_numeric(raw.astype(str).str.rstrip("%").str.replace(",", ""), errors="coerce")
    target = pd.to_numeric(grid["target"].where(grid["direction"].isin(["higher", "lower"])), errors="coerce")
    d = grid["direction"]
    passed = pd.Series(False, index=grid.index)
    over = pd.Series(False, index=grid.index)
    higher, lower = d == "higher", d == "lower"
    passed[higher], over[higher] = num[higher] >= target[higher], num[higher] > target[higher]
    passed[lower], over[lower] = num[lower] <= target[lower], num[lower] < target[lower]
    ranged = d == "range"
    tmin = grid["target"].map(lambda t: t["min"] if isinstance(t, dict) else np.nan)
    tmax = grid["target"].map(lambda t: t["max"] if isinstance(t, dict) else np.nan)
    passed[ranged] = (num >= tmin) & (num <= tmax)
    graded = d == "grade"
    rank = [s.index(a) if isinstance(s, list) and a in s else np.inf for s, a in zip(grid["scale"], raw)]
    trank = [s.index(t) if isinstance(s, list) and t in s else np.nan for s, t in zip(grid["scale"], grid["target"])]
    rank, trank = pd.Series(rank, index=grid.index), pd.Series(trank, index=grid.index)
    passed[graded], over[graded] = rank[graded] <= trank[graded], rank[graded] < trank[graded]
    satisfaction = grid["overshoot"].astype(str).str.contains(r"target \+ 1", regex=True)
    over[satisfaction] = num[satisfaction] >= target[satisfaction] + 1
    over[grid["overshoot"].map(lambda o: o is False)] = False
    dl = d == "deadline"
    done = pd.to_datetime(raw.where(dl & (raw != "未完成")), errors="coerce")
    deadline = pd.to_datetime(grid["deadline"])
    passed[dl] = (done <= deadline)[dl]
    due = grid["period"].notna()
    due[dl] = ((day >= deadline) | (done.notna() & passed))[dl]
    nothing_due = higher & (target == 0) & ~(num > 0)
    missing = raw.isna() | (raw.astype(str) == "nan")
    past = deadline.notna() & (day >= deadline)
    time_left = (day < pd.to_datetime(grid["final"])) & ~past
    over &= passed
    grid["status"] = np.select([~due, nothing_due, missing, passed & over, passed, time_left],
                               ["not_due", "not_due", "missing", "exceeded", "achieved", "in_progress"],
                               "not_achieved")
    return grid[["单位", "id", "level", "type", "status"]].rename(columns={"单位": "unit"})


def counts(statuses: pd.DataFrame) -> pd.DataFrame:
    """Indicators per unit × level × type and status (exceeded counted as achieved too)."""
    table = pd.crosstab([statuses["unit"], statuses["level"], statuses["type"]], statuses["status"])
    table["total"] = table.sum(axis=1)
    table["achieved"] = table.get("achieved", 0) + table.get("exceeded", 0)
    return table


if __name__ == "__main__":
    datasets, date = Path(sys.argv[1]), sys.argv[2]
    result = evaluate(ROOT / "rules", datasets, date)
    counts(result)
    result.to_csv(sys.stdout, index=False)
