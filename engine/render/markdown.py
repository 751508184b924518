"""Markdown: the roll-up tables and the exception list, to paste into a report."""
from __future__ import annotations

from tabulate import tabulate

from engine.render.table import exception_lines, headers, ledger_table_blocks, rollup_rows, score_block
from engine.render.words import h


def render(summary, exceptions_only: bool = False) -> str:
    lang, out = summary.lang, []
    for unit, unit_name in summary.units.items():
        out += [f"# {unit_name} · {h('snapshot', lang)} {summary.snapshot}", ""]
        if not exceptions_only:
            for title, groupings, first in ((h("rollup", lang), ("level", "category", "type", "subtype"), "group"),
                                            (h("by_task", lang), ("task",), "task")):
                rows = [[c.strip() if isinstance(c, str) else c for c in r]
                        for r in rollup_rows(summary, unit, groupings, lang)]
                out += [f"## {title}", "", tabulate(rows, headers=headers(first, lang), tablefmt="github",
                                                     disable_numparse=True), ""]
            out += [line.replace("【", "## ").replace("】", "\n") if line.startswith("【") else line
                    for line in score_block(summary, unit, "github") + ledger_table_blocks(summary, unit, "github")]
        out += [f"## {h('exceptions', lang)}", ""]
        out += [line.replace("   ", "   - ", 1) if line.startswith("   ") else line
                for line in exception_lines(summary, unit, lang)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
