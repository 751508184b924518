"""The default human output: roll-ups by level, category and task, scores, ledger tables, the
exceeded indicators, then the exception list, as plain text for a terminal."""
from __future__ import annotations

from engine.render import plain
from engine.render.blocks import Items, Titled
from engine.render.summary_parts import (behind_items, every_block, exceeded_lines, exception_items, ledger_blocks,
                                         rollup_blocks, score_blocks)
from engine.render.words import h
from engine.text import t
from engine.text.labels import FLAGS, label


def render(summary, exceptions_only: bool = False, every: bool = False) -> str:
    lang, out = summary.lang, []
    for unit, unit_name in summary.units.items():
        count = len({i["id"] for i in summary.of_unit(unit, "indicators")})
        out += plain.title(t("render.unit_title_count", lang, unit=unit_name, date=summary.snapshot, n=count))
        if not exceptions_only:
            for block in rollup_blocks(summary, unit) + score_blocks(summary, unit) + ledger_blocks(summary, unit):
                out += plain.titled(block, lang)
            exceeded = exceeded_lines(summary, unit, lang)
            if exceeded:
                out += plain.titled(Titled(label(FLAGS, "exceeded", lang), [Items(exceeded), ""]), lang)
        if every:
            out += plain.titled(every_block(summary, unit), lang)
        out += [plain.heading(h("exceptions", lang), lang), *exception_lines(summary, unit, lang), ""]
        behind = behind_items(summary, unit, lang)
        if behind:  # 进度预警: only between two staged targets, and only when something is behind
            out += [plain.heading(t("progress.heading", lang), lang),
                    *[x for line, details in behind for x in (line, *[plain.detail(d) for d in details])], ""]
    return "\n".join(out).rstrip() + "\n"


def exception_lines(summary, unit, lang) -> list[str]:
    items = exception_items(summary, unit, lang)
    return [x for line, details in items for x in (line, *[plain.detail(d) for d in details])] or [h("no_exceptions", lang)]
