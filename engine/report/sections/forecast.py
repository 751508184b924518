"""预测与完成可能性: with two or more snapshots, each cumulative indicator's projection to the next
staged target and the period's end, the suggested likelihood beside the staff's, disagreements
marked (engine/forecast); and for each lagging indicator a line chart of its actual values over the
snapshots against the staged targets, with the projection dashed."""
from __future__ import annotations

from engine.core.numbers import number_text
from engine.forecast.likely import CERTAIN
from engine.render import forecast as words
from engine.report.document import Cell, Chart, Para, Section, Series, Table
from engine.report.sections import section
from engine.text import t

LAGGING = ("in_progress", "not_achieved")
ACTUAL, TARGET, PROJECTED = "4472C4", "C00000", "7F7F7F"
NUMERIC = [False, False, True, False, False, False, False, False, False]  # pairs wrap under their header


@section("forecast", order=75)
def forecast(ctx) -> Section | None:
    result = ctx.forecast
    if result is None or len(result["snapshots"]) < 2:
        return None
    lang = ctx.lang
    mine = [i for i in result["indicators"] if i["unit"] == ctx.unit]
    blocks = [Para(t("forecast.report_intro", lang, n=len(result["snapshots"]), dates=result["snapshots"],
                     overview=words.overview(result, ctx.unit, lang))),
              Para(words.rule_text(result, lang), "note")]
    shown = [i for i in mine if i["forecast"] is not None
             and (i["forecast"]["suggested"] != CERTAIN or i["forecast"]["disagree"])]
    if shown:
        dates = words.common_dates(shown)
        blocks.append(Table("forecast", words.head(lang, dates), [_row(i, lang, dates) for i in shown],
                            t("forecast.report_table", lang), NUMERIC))
    else:
        blocks.append(Para(t("forecast.report_all_met", lang)))
    charts = [c for c in (chart(i, result, lang) for i in mine if i["status"] in LAGGING) if c is not None]
    if charts:
        blocks.append(Section("forecast_charts", t("forecast.charts", lang), charts))
    return Section("forecast", t("forecast.sec_forecast", lang), blocks)


def _row(item, lang, dates) -> list:
    cells = [Cell(x) for x in words.row(item, lang, dates)]
    if item["forecast"]["disagree"]:
        cells[7].cls = "status-in_progress"
    return cells


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def chart(item, result, lang) -> Chart | None:
    """Actual values over the snapshots against the staged targets (and the projection, dashed);
    None when the indicator's values are not numbers."""
    actual = {h["date"]: h["actual"] for h in item["history"] if _number(h["actual"])}
    if not actual:
        return None
    first = result["snapshots"][0]
    stages = {s["date"]: s["target"] for s in item["stages"] if _number(s["target"]) and s["date"] >= first}
    projected = {}
    f = item["forecast"]
    if f is not None and f["rate_per_day"] is not None:
        projected[f["last"]["date"]] = (f["last"]["actual"], "")
        if f["next_stage"] is not None:
            projected[f["next_stage"]["date"]] = (f["next_stage"]["projected"], number_text(f["next_stage"]["projected"], 2))
        projected[f["final"]["date"]] = (f["final"]["projected"], number_text(f["final"]["projected"], 2))
        projected.setdefault(result["period_end"], (f["final"]["projected"], number_text(f["final"]["projected"], 2)))
    dates = sorted(set(actual) | set(stages) | set(projected))
    series = [Series(t("forecast.series_actual", lang), [actual.get(d) for d in dates],
                     [number_text(actual[d], 2) if d in actual else "" for d in dates], ACTUAL, style="actual"),
              Series(t("forecast.series_target", lang), [stages.get(d) for d in dates],
                     [number_text(stages[d], 2) if d in stages else "" for d in dates], TARGET, style="target")]
    if projected:
        series.append(Series(t("forecast.series_projected", lang), [projected[d][0] if d in projected else None for d in dates],
                             [projected[d][1] if d in projected else "" for d in dates], PROJECTED, style="projected"))
    title = t("forecast.chart_title", lang, id=item["id"], name=item["name"], measure=item["measure"] or "-")
    return Chart(f"forecast_{item['id']}", title, dates, series, kind="line")
