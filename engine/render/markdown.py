"""Markdown: the roll-up tables, scores, ledger tables and the exception list, to paste into a report."""
from __future__ import annotations

from engine.render import md
from engine.render.summary_parts import (behind_items, every_block, exception_items, ledger_blocks, rollup_blocks,
                                         score_blocks)
from engine.render.words import h
from engine.text import t


def render(summary, exceptions_only: bool = False, every: bool = False) -> str:
    lang, out = summary.lang, []
    for unit, unit_name in summary.units.items():
        out += md.heading(1, t("render.unit_title", lang, unit=unit_name, date=summary.snapshot))
        if not exceptions_only:
            # the roll-ups keep every column left-aligned, as they always have
            for block in rollup_blocks(summary, unit, align=None) + score_blocks(summary, unit) + \
                    ledger_blocks(summary, unit):
                out += md.titled(block)
        if every:
            out += md.titled(every_block(summary, unit))
        out += md.heading(2, h("exceptions", lang))
        items = exception_items(summary, unit, lang)
        out += [x for line, details in items for x in (md.inert(line), *[md.item(d, 1) for d in details])] or \
            [h("no_exceptions", lang)]
        behind = behind_items(summary, unit, lang)
        if behind:  # 进度预警: only between two staged targets, and only when something is behind
            out += [""] + md.heading(2, t("progress.heading", lang))
            out += [x for line, details in behind for x in (md.inert(line), *[md.item(d, 1) for d in details])]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
