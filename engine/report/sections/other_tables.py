"""其他汇总表: every ledger table no other section shows (only when there is one)."""
from __future__ import annotations

from engine.report import sections
from engine.report.document import Section
from engine.report.ledger import ledger_blocks
from engine.report.sections import section
from engine.text import t


@section("other_tables", order=60)
def other_tables(ctx) -> Section | None:
    shown = sections.shown_tables()
    others = [tb for tb in ctx.tables if tb["id"] not in shown]
    if not others:
        return None
    return Section("other_tables", t("report.sec_other", ctx.lang), [b for tb in others for b in ledger_blocks(tb, ctx.lang)])
