"""建设任务进度: the construction tasks ledger, with a sentence of its totals and the open projects."""
from __future__ import annotations

from engine.core.numbers import number_text
from engine.report.document import Para, Section
from engine.report.ledger import column_label, ledger_blocks, missing_table
from engine.report.sections import section
from engine.text import t

TABLE = "construction_tasks"


@section("tasks", order=10, tables=(TABLE,))
def tasks(ctx) -> Section:
    return Section("tasks", t("report.sec_tasks", ctx.lang), _blocks(ctx))


def _blocks(ctx) -> list:
    lang, tb = ctx.lang, ctx.table(TABLE)
    if tb is None:
        return missing_table(TABLE, lang)
    blocks = []
    ids = [c["id"] for c in tb["columns"]]
    total = tb["total"]
    if not tb["error"] and total and {"planned", "done"} <= set(ids):
        rate_col = next((c["id"] for c in tb["columns"] if c["kind"] == "ratio"), None)
        planned, done = total["values"]["planned"], total["values"]["done"]
        lag = planned - done if planned is not None and done is not None else 0
        share = ctx.rate(lag / planned * 100) if planned else "-"
        blocks.append(Para(t("report.tasks_sentence", lang, rows=len(tb["rows"]), planned=total["texts"]["planned"],
                             planned_label=column_label(tb, "planned"), date=ctx.date, done=total["texts"]["done"],
                             rate=total["texts"][rate_col] if rate_col else "-",
                             lag=t("report.tasks_lag", lang, n=number_text(lag), share=share) if lag else ""),
                           "figures"))
        open_rows = [r for r in tb["rows"] if r["values"]["planned"] != r["values"]["done"]]
        if open_rows:
            items = t("report.list_sep", lang).join(
                t("report.tasks_item", lang, key=r["key"], done=r["texts"]["done"], planned=r["texts"]["planned"],
                  rate=r["texts"][rate_col] if rate_col else "-") for r in open_rows)
            blocks.append(Para(t("report.tasks_open", lang, items=items), "detail"))
    return blocks + ledger_blocks(tb, lang)
