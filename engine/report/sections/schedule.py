"""进度预警: per level, the indicators behind the progress expected between two staged targets
(evaluate/schedule.py). Present only when something is behind; the status is not changed."""
from __future__ import annotations

from engine.core.numbers import with_unit
from engine.render.schedule_words import gap_text, how_text, share_text
from engine.render.words import h, status_label
from engine.report.document import Cell, Para, Section, Table
from engine.report.sections import section
from engine.text import t


@section("schedule", order=45)
def schedule(ctx) -> Section | None:
    mine = [b for b in getattr(ctx.summary, "behind", ()) if b["unit"] == ctx.unit]
    if not mine:
        return None
    lang, digits = ctx.lang, ctx.summary.settings.digits
    blocks = [Para(t("progress.sec_intro", lang, date=ctx.summary.snapshot))]
    for level in ctx.levels():
        items = [b for b in mine if b["level"] == level]
        if not items:
            continue
        rows = [[Cell(str(n)), Cell(b["id"]), Cell(b["name"]), Cell(with_unit(b["target"], b["measure"], digits)),
                 Cell(with_unit(b["expected"], b["measure"], digits)), Cell(with_unit(b["actual"], b["measure"], digits)),
                 Cell(gap_text(b["gap"], b["measure"], lang, digits) + share_text(b["share"], lang), "flag-behind_schedule"),
                 Cell(status_label(b["status"], lang), f"status-{b['status']}"),
                 Cell(how_text(b, b["measure"], ctx.summary.snapshot, lang, digits))]
                for n, b in enumerate(items, start=1)]
        blocks.append(Table(f"schedule_{level}", [t("report.no", lang), h("id", lang), h("name", lang),
                                                  t("progress.col_target", lang), t("progress.col_expected", lang),
                                                  t("progress.col_actual", lang), t("progress.col_gap", lang),
                                                  h("status", lang), t("progress.col_how", lang)],
                            rows, t("progress.sec_table", lang, level=ctx.level_name(level)),
                            [True, False, False, True, True, True, True, False, False]))
    return Section("schedule", t("progress.sec_title", lang), blocks)
