"""forecast(): the projections and suggestions as plain data (JSON-ready), in the summaries' order.

{
  "snapshot": "2021-12-31", "snapshots": ["2019-12-31", …],   # the latest and every one used
  "period_end": "2023-12-31", "possible_share": 0.5,
  "units": {unit: name},
  "counts": [{"unit", "indicators", "forecast", "certain", "possible", "impossible", "none", "disagree"}],
  "indicators": [item, …],
}
item = {"unit", "id", "name", "level", "measure", "direction", "status" (at the latest snapshot),
        "staff_likelihood": 确定能 | 有可能 | 完全不可能 | None (the value table's likelihood),
        "no_forecast": None | "not_cumulative" | "annual" | "rate", "no_forecast_text",
        "forecast": None (no forecast) | {
            "last": {"date", "actual"}, "previous": {"date", "actual"} | None,
            "days", "change", "rate_per_day" (None with one value),
            "next_stage": {"date", "target", "projected"} | None (no staged target after the snapshot),
            "final": {"date", "target", "projected"},
            "share": projected part of the remaining gap | None,
            "suggested": 确定能 | 有可能 | 完全不可能 | None, "reason_code", "reason", "disagree": bool},
        "history": [{"date", "actual", "target"}] (each snapshot: actual and the target that applied),
        "stages": [{"date", "target"}] (the staged targets of the rules)}
Likelihoods stay in Chinese, as the value table and the evaluate JSON keep them; the texts are in
the chosen language."""
from __future__ import annotations

import math

from engine.core.numbers import number_text, rounded
from engine.forecast import likely, trend
from engine.text import t
from engine.text.vocabulary import LIKELIHOOD_EN

COUNTED = {likely.CERTAIN: "certain", likely.POSSIBLE: "possible", likely.IMPOSSIBLE: "impossible"}


def forecast(history: list, rules, lang: str = "zh") -> dict:
    """history: [(date, Summary)] of the same rules, oldest first, two or more; the last is the
    snapshot forecast from."""
    day, latest = history[-1]
    end = rules.settings.period_end
    long = trend.records(history)
    share = rules.settings.forecast_possible_share
    rows = likely.suggest(trend.projections(long, rules, day, end), day, end, share)
    records = {(r["id"], r["unit"]): r for r in latest.indicators}
    inds = {i.id: i for i in rules.indicators}
    series = _series(long)
    items = [_item(row, records[(row["id"], row["unit"])], inds[row["id"]], series, lang)
             for row in rows.to_dict("records")]
    return {"snapshot": day, "snapshots": [d for d, _ in history], "period_end": end,
            "possible_share": share, "units": dict(latest.units),
            "counts": [_count(items, unit) for unit in latest.units], "indicators": items}


def likelihood_text(value, lang: str) -> str:
    if value is None:
        return "-"
    return value if lang == "zh" else LIKELIHOOD_EN.get(value, value)


def _series(long) -> dict:
    out: dict = {}
    for key, date, actual, target in zip(zip(long["id"], long["unit"]), long["date"], long["actual"], long["target"]):
        out.setdefault(key, []).append({"date": date, "actual": _plain(actual), "target": _plain(target)})
    return out


def _plain(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def _num(v, digits: int = 2):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    r = rounded(float(v), digits)
    return int(r) if r is not None and float(r).is_integer() else r


def _none(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def _item(row, record, ind, series, lang) -> dict:
    item = {k: record.get(k) for k in ("unit", "id", "name", "level", "measure", "direction", "status")}
    item["staff_likelihood"] = _none(row["likelihood"])
    item["no_forecast"] = _none(row["why_not"])
    item["no_forecast_text"] = t(f"forecast.why_{row['why_not']}", lang) if item["no_forecast"] else None
    item["forecast"] = None if item["no_forecast"] else _forecast(row, record["measure"], record["direction"], lang)
    item["history"] = series.get((row["id"], row["unit"]), [])
    item["stages"] = [{"date": str(d), "target": v} for d, v in ind.targets]
    return item


def _forecast(row, measure, direction, lang) -> dict:
    has_prev = _none(row["previous_date"]) is not None
    one = {
        "last": {"date": _none(row["last_date"]), "actual": _num(row["last"], 4)},
        "previous": {"date": row["previous_date"], "actual": _num(row["previous"], 4)} if has_prev else None,
        "days": int(row["days"]) if has_prev else None,
        "change": _num(row["change"], 4) if has_prev else None,
        "rate_per_day": _num(row["rate"], 6) if has_prev else None,
        "next_stage": ({"date": row["next_date"], "target": _num(row["next_target"], 4),
                        "projected": _num(row["next_projected"])} if _none(row["next_date"]) else None),
        "final": {"date": row["final_date"], "target": _num(row["final_target"], 4),
                  "projected": _num(row["end_projected"])},
        "share": _num(row["share"], 4),
        "suggested": _none(row["suggested"]), "reason_code": row["reason"], "disagree": bool(row["disagree"]),
    }
    one["reason"] = reason(one, measure, direction, lang)
    return one


def _amount(value, measure) -> str:
    return number_text(value, 2) + (f" {measure}" if measure not in (None, "") else "")


def reason(one: dict, measure: str, direction: str, lang: str) -> str:
    """The reason in figures: the recent change, the projection at the period's end, the target."""
    code, final = one["reason_code"], one["final"]
    target = _amount(final["target"], measure)
    goal = t("forecast.at_most" if direction == "lower" else "forecast.at_least", lang, value=target)
    if code == "no_value":
        return t("forecast.reason_no_value", lang)
    if code == "met":
        return t("forecast.reason_met", lang, actual=_amount(one["last"]["actual"], measure), target=target)
    if code == "ended":
        return t("forecast.reason_ended", lang, actual=_amount(one["last"]["actual"], measure), target=target)
    if code == "one_value":
        return t("forecast.reason_one_value", lang, date=one["last"]["date"])
    change = one["change"]
    way = "up" if change > 0 else "down" if change < 0 else "flat"
    trend_text = t(f"forecast.trend_{way}", lang, days=one["days"], change=_amount(abs(change), measure))
    projected = t("forecast.projected" if change else "forecast.projected_flat", lang, date=final["date"],
                  value=_amount(final["projected"], measure))
    text = t("forecast.reason_trend", lang, trend=trend_text, projected=projected, goal=goal)
    if code == "slipping":
        text += t("forecast.slipping", lang)
    if code in ("part", "short"):
        text += t(f"forecast.share_{code}", lang, share=number_text(one["share"] * 100, 0) + "%")
    return text


def _count(items, unit) -> dict:
    mine = [i for i in items if i["unit"] == unit]
    with_forecast = [i["forecast"] for i in mine if i["forecast"] is not None]
    out = {"unit": unit, "indicators": len(mine), "forecast": len(with_forecast)}
    for value, key in COUNTED.items():
        out[key] = sum(1 for f in with_forecast if f["suggested"] == value)
    out["none"] = sum(1 for f in with_forecast if f["suggested"] is None)
    out["disagree"] = sum(1 for f in with_forecast if f["disagree"])
    return out
