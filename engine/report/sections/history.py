"""各快照指标状态: a chart of the status counts in every snapshot (when the report was given them)."""
from __future__ import annotations

from collections import Counter

from engine.render.colours import STATUS_BAR
from engine.render.words import status_label
from engine.report.document import Chart, Para, Section, Series
from engine.report.sections import section
from engine.text import t
from engine.text.labels import STATUSES


@section("history", order=70)
def history(ctx) -> Section | None:
    if ctx.history is None:
        return None
    return Section("history", t("report.sec_history", ctx.lang), _blocks(ctx))


def _blocks(ctx) -> list:
    lang, blocks = ctx.lang, []
    dates, counts = [], []
    for date, result in ctx.history:
        if isinstance(result, str):
            blocks.append(Para(t("report.history_note", lang, date=date, reason=result), "note"))
            continue
        dates.append(date)
        counts.append(Counter(i["status"] for i in result.indicators if i["unit"] == ctx.unit))
    if len(dates) == 1:
        blocks.append(Para(t("report.history_one", lang), "note"))
    statuses = [s for s in STATUSES if any(c[s] for c in counts)]
    series = [Series(status_label(s, lang), [c[s] for c in counts], [str(c[s]) for c in counts], STATUS_BAR[s])
              for s in statuses]
    if dates:
        blocks.append(Chart("status_history", t("report.chart_history", lang), dates, series))
    return blocks
