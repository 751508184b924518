"""未完成指标及原因: per level, a table of the indicators not yet achieved, with their causes and flags."""
from __future__ import annotations

from engine.render.words import h, status_label
from engine.report.document import Cell, Para, Section, Table
from engine.report.ledger import flag_text
from engine.report.sections import section
from engine.text import t
from engine.text.labels import TYPES, label


@section("exceptions", order=40)
def exceptions(ctx) -> Section:
    return Section("exceptions", t("report.sec_exceptions", ctx.lang), _blocks(ctx))


def _blocks(ctx) -> list:
    lang, blocks = ctx.lang, []
    for level in ctx.levels():
        items = [e for e in ctx.summary.exceptions if e["unit"] == ctx.unit and e["level"] == level]
        if not items:
            blocks.append(Para(t("report.no_exceptions", lang, level=ctx.level_name(level)), "note"))
            continue
        rows = []
        for n, e in enumerate(items, start=1):
            flags = [f for f in e["flags"] if f != "cause_missing"]
            note = e["cause_note"] + (t("report.note_flags", lang, label=h("flags", lang), flags=flag_text(flags, lang))
                                      if flags else "")
            rows.append([Cell(str(n)), Cell(e["id"]), Cell(e["name"]), Cell(e["task"]), Cell(label(TYPES, e["type"], lang)),
                         Cell(status_label(e["status"], lang), f"status-{e['status']}"), Cell(note)])
        blocks.append(Table(f"exceptions_{level}", [t("report.no", lang), h("id", lang), h("name", lang), h("task", lang),
                                                    h("type", lang), h("status", lang), t("report.note", lang)],
                            rows, t("report.exceptions_table", lang, level=ctx.level_name(level)),
                            [True, False, False, False, False, False, False]))
    return blocks
