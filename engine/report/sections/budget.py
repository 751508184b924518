"""预算执行: the funds ledgers (by source, by task), sentences of budget, arrival and spending, and a
chart of each table's execution rate."""
from __future__ import annotations

from engine.report.document import Para, Section
from engine.report.ledger import ledger_blocks, missing_table, money_unit
from engine.report.sections import section
from engine.text import t

BY_SOURCE, BY_TASK = "funds_by_source", "funds_by_task"


@section("budget", order=50, tables=(BY_SOURCE, BY_TASK))
def budget(ctx) -> Section:
    return Section("budget", t("report.sec_budget", ctx.lang), _blocks(ctx))


def _blocks(ctx) -> list:
    blocks = []
    by_source, by_task = ctx.table(BY_SOURCE), ctx.table(BY_TASK)
    if by_source is None and by_task is None:
        return missing_table(BY_SOURCE, ctx.lang)
    if by_source is not None:
        blocks += _sentences(ctx, by_source)
        blocks += ledger_blocks(by_source, ctx.lang, chart=True)
    if by_task is not None:
        blocks += ledger_blocks(by_task, ctx.lang, chart=True)
    return blocks


def _exec_base(ctx, tb) -> str | None:
    """What the table's 执行率 divides by (tables.yaml ratio: [spent, budget] or [spent, arrived])."""
    spec = ctx.summary.table_specs.get(tb["id"])
    column = next((c for c in (spec.columns if spec else []) if c.get("id") == "exec_rate"), {})
    ratio = column.get("ratio") or [None, "budget"]
    return ratio[1] if ratio[0] == "spent" else None


def _sentences(ctx, tb) -> list:
    ids = {c["id"] for c in tb["columns"]}
    if tb["error"] or not tb["total"] or not {"budget", "spent"} <= ids:
        return []
    lang, total = ctx.lang, tb["total"]["texts"]
    money = money_unit(tb["title"], lang)
    out = [t("report.budget_sentence", lang, budget=total["budget"], money=money,
             parts=t("report.sep", lang).join(t("report.budget_part", lang, key=r["key"], v=r["texts"]["budget"],
                                                money=money) for r in tb["rows"]))]
    if {"arrived", "arrival_rate"} <= ids:
        out.append(t("report.arrived_sentence", lang, date=ctx.date, arrived=total["arrived"], money=money,
                     rate=total["arrival_rate"]))
    if "exec_rate" in ids:
        parts = t("report.clause_sep", lang).join(
            t("report.spent_part", lang, key=r["key"], v=r["texts"]["spent"], money=money, rate=r["texts"]["exec_rate"])
            for r in tb["rows"])
        base = _exec_base(ctx, tb)
        key = "report.spent_sentence" if base == "budget" else "report.spent_sentence_arrived" \
            if base == "arrived" else "report.spent_sentence_other"
        out.append(t(key, lang, spent=total["spent"], money=money, rate=total["exec_rate"], parts=parts))
    return [Para(t("report.sentence_sep", lang).join(out), "figures")]
