"""标志性成果: the landmark achievements ledger, with a sentence of its totals by kind."""
from __future__ import annotations

from engine.report.document import Para, Section
from engine.report.ledger import ledger_blocks, missing_table
from engine.report.sections import section
from engine.text import t

TABLE = "landmark_achievements"


@section("achievements", order=20, tables=(TABLE,))
def achievements(ctx) -> Section:
    return Section("achievements", t("report.sec_achievements", ctx.lang), _blocks(ctx))


def _blocks(ctx) -> list:
    lang, tb = ctx.lang, ctx.table(TABLE)
    if tb is None:
        return missing_table(TABLE, lang)
    blocks = []
    ids = [c["id"] for c in tb["columns"]]
    if not tb["error"] and tb["total"] and "total" in ids:
        parts = t("report.list_sep", lang).join(
            t("report.achievements_part", lang, label=c["label"], n=tb["total"]["texts"][c["id"]])
            for c in tb["columns"] if c["id"] != "total" and c["kind"] != "ratio")
        blocks.append(Para(t("report.achievements_sentence", lang, total=tb["total"]["texts"]["total"], parts=parts),
                           "figures"))
    return blocks + ledger_blocks(tb, lang)
