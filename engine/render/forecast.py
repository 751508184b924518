"""A forecast (engine/forecast) as a table for the terminal, Markdown or JSON.

Table and Markdown share one layout (per unit a title and titled blocks); plain.py and md.py write
their syntax. The report's section reads head() and rows() too."""
from __future__ import annotations

import json

from engine.core.numbers import number_text
from engine.forecast.result import likelihood_text
from engine.render import md, plain
from engine.render.blocks import Grid, Items, Titled
from engine.text import t

COLUMNS = ("id", "name", "actual", "next", "final", "suggested", "staff", "disagree", "reason")
ALIGN = ("left", "left", "right", "right", "right", "left", "left", "left", "left")


def render_json(result: dict, lang: str = "zh") -> str:
    return json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def common_dates(items: list) -> dict:
    """The next stage's and the final target's date when every item that has one shares it (then
    the header says it once), else None."""
    out = {}
    for part in ("next_stage", "final"):
        dates = {i["forecast"][part]["date"] for i in items if i["forecast"] is not None and i["forecast"][part]}
        out[part] = dates.pop() if len(dates) == 1 else None
    return out


def head(lang: str, dates: dict | None = None) -> list[str]:
    dates = dates or {}
    out = [t(f"forecast.col_{c}", lang) for c in COLUMNS]
    for n, part in ((3, "next_stage"), (4, "final")):
        if dates.get(part):
            out[n] = t(f"forecast.col_{'next' if part == 'next_stage' else 'final'}_on", lang, date=dates[part])
    return out


def _pair(part, lang, dated: bool) -> str:
    if part is None:
        return "-"
    key = "forecast.pair" if dated else "forecast.pair_undated"
    return t(key, lang, projected=number_text(part["projected"], 2), target=number_text(part["target"], 2),
             date=part["date"])


def row(item: dict, lang: str, dates: dict | None = None) -> list[str]:
    f, dates = item["forecast"], dates or {}
    return [item["id"], item["name"], number_text(f["last"]["actual"], 2),
            _pair(f["next_stage"], lang, not dates.get("next_stage")),
            _pair(f["final"], lang, not dates.get("final")), likelihood_text(f["suggested"], lang),
            likelihood_text(item["staff_likelihood"], lang), t("forecast.disagree_mark", lang) if f["disagree"] else "",
            f["reason"]]


def overview(result: dict, unit: str, lang: str) -> str:
    counts = next(c for c in result["counts"] if c["unit"] == unit)
    return t("forecast.overview_line", lang, **counts)


def rule_text(result: dict, lang: str) -> str:
    return t("forecast.rule", lang, end=result["period_end"], share=number_text(result["possible_share"] * 100, 0) + "%")


def layout(result: dict, lang: str):
    """(title, [Titled]) for each unit: what table and Markdown show."""
    for unit, name in result["units"].items():
        mine = [i for i in result["indicators"] if i["unit"] == unit]
        title = t("forecast.title", lang, unit=name, date=result["snapshot"], dates=result["snapshots"])
        dates = common_dates(mine)
        rows = [row(i, lang, dates) for i in mine if i["forecast"] is not None]
        grid = Grid(head(lang, dates), rows, ALIGN) if rows else t("forecast.none", lang)
        blocks = [Titled(t("forecast.overview", lang), [overview(result, unit, lang), rule_text(result, lang), ""]),
                  Titled(t("forecast.projections", lang), [grid, ""])]
        skipped = [t("forecast.skipped", lang, id=i["id"], name=i["name"], why=i["no_forecast_text"])
                   for i in mine if i["forecast"] is None]
        blocks.append(Titled(t("forecast.no_forecast", lang), [Items(skipped) if skipped else t("forecast.none", lang), ""]))
        yield title, blocks


def render_table(result: dict, lang: str = "zh") -> str:
    out = []
    for title, blocks in layout(result, lang):
        out += plain.title(title)
        for block in blocks:
            out += plain.titled(block, lang)
    return "\n".join(out).rstrip() + "\n"


def render_markdown(result: dict, lang: str = "zh") -> str:
    out = []
    for title, blocks in layout(result, lang):
        out += md.heading(1, title)
        for block in blocks:
            out += md.titled(block)
    return "\n".join(out).rstrip() + "\n"
