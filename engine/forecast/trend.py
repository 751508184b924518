"""The recent trend and the projections, column-wise over every indicator × unit.

Rule (documented in docs/forecast.md): for each indicator × unit, take the last snapshot that has a
numeric actual value and, as the previous one, the latest with a value at least a year (WINDOW days)
before it, or the earliest there is when the snapshots span less than a year (monthly snapshots:
one flat month says little about a year's work); rate = (last − previous) ÷ days between them; the
projection at a date X is last + rate × (days from the last value's date to X). Nothing else (no
fitting, no seasons)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine import directions
from engine.summarise.records import column
from engine.text.vocabulary import PERCENT_SIGNS

KEYS = ["id", "unit"]
WINDOW = 365  # days: the trend is the change over about the last year
RECORD = ["id", "unit", "actual", "target", "status", "likelihood"]


def why_not(ind) -> str | None:
    """Why an indicator gets no forecast: not_cumulative | annual | rate; None: it gets one."""
    way = directions.get(ind.direction)
    if not way.cumulative or way.value_kind != "number":
        return "not_cumulative"
    if ind.annual:
        return "annual"
    if ind.unit in PERCENT_SIGNS:
        return "rate"
    return None


def indicators(rules, day: str) -> pd.DataFrame:
    """One row per indicator: why_not, sign (+1: higher is better, −1: lower is better), the next
    staged target after `day` and the final target."""
    inds = rules.indicators
    frame = pd.DataFrame({
        "id": [i.id for i in inds],
        "why_not": [why_not(i) for i in inds],
        "sign": [-1.0 if i.direction == "lower" else 1.0 for i in inds],
    })
    stages = pd.DataFrame([(i.id, str(d), v) for i in inds for d, v in i.targets],
                          columns=["id", "date", "value"])
    numeric = stages.assign(value=pd.to_numeric(stages["value"], errors="coerce"))
    final = numeric.drop_duplicates("id", keep="last").rename(columns={"date": "final_date", "value": "final_target"})
    later = numeric[numeric["date"] > day].drop_duplicates("id", keep="first")
    later = later.rename(columns={"date": "next_date", "value": "next_target"})
    return frame.merge(final, on="id", how="left").merge(later, on="id", how="left")


def records(history) -> pd.DataFrame:
    """Every snapshot's records stacked: id, unit, actual, target, status, likelihood, date, num."""
    frames = [pd.DataFrame({name: column(summary.indicators, name) for name in RECORD}).assign(date=date)
              for date, summary in history]  # read as columns: no record dict made
    long = pd.concat(frames, ignore_index=True)
    return long.assign(num=pd.to_numeric(long["actual"].where(long["actual"].map(_is_number)), errors="coerce"))


def _is_number(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def projections(long: pd.DataFrame, rules, day: str, period_end: str) -> pd.DataFrame:
    """From records(history): the latest snapshot's rows (id, unit, status, staff likelihood) with the
    indicator's facts and, for forecastable rows, last/previous value and date, days, rate and the
    two projections."""
    latest = long[long["date"] == day][["id", "unit", "status", "likelihood"]]
    base = latest.merge(indicators(rules, day), on="id", how="left")
    valued = long[long["num"].notna() & long["id"].isin(base.loc[base["why_not"].isna(), "id"])]
    valued = valued.sort_values("date", kind="stable")
    last = valued.drop_duplicates(KEYS, keep="last")
    others = valued.drop(last.index).merge(last[KEYS + ["date"]].rename(columns={"date": "until"}), on=KEYS)
    others = others.sort_values("date", kind="stable")
    year_back = others[(pd.to_datetime(others["until"]) - pd.to_datetime(others["date"])).dt.days >= WINDOW]
    prev = pd.concat([year_back.drop_duplicates(KEYS, keep="last"), others.drop_duplicates(KEYS, keep="first")])
    prev = prev.drop_duplicates(KEYS, keep="first")  # a year back when there is one, else the earliest
    base = base.merge(last[KEYS + ["num", "date"]].rename(columns={"num": "last", "date": "last_date"}),
                      on=KEYS, how="left")
    base = base.merge(prev[KEYS + ["num", "date"]].rename(columns={"num": "previous", "date": "previous_date"}),
                      on=KEYS, how="left")
    last_day = pd.to_datetime(base["last_date"])
    base["days"] = (last_day - pd.to_datetime(base["previous_date"])).dt.days
    base["change"] = base["last"] - base["previous"]
    base["rate"] = base["change"] / base["days"]
    base["next_projected"] = base["last"] + base["rate"] * (pd.to_datetime(base["next_date"]) - last_day).dt.days
    base["end_projected"] = base["last"] + base["rate"] * (pd.Timestamp(period_end) - last_day).dt.days
    return base
