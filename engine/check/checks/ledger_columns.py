"""Columns that formulas read (the column argument, keyword filters, names in where=) and that a
snapshot's ledger lacks."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.ledger_refs import columns, ledger_refs
from engine.check.registry import LEDGERS, check
from engine.check.shown import dates_text
from engine.core.suggest import near


@check(LEDGERS, "validate.unknown_column")
def check_ledger_columns(ctx):
    problems = []
    for ref in ledger_refs(ctx):
        ind = ref.ind
        for column in ref.columns_read():
            having = [s for s in ctx.snapshots if ref.ledger in s.ledgers]
            lacking = [s.date for s in having if column not in columns(s.ledgers[ref.ledger])]
            if not lacking:
                continue
            known = sorted({c for s in having for c in columns(s.ledgers[ref.ledger])})
            line, col = ctx.locate(ind, ref.formula, column)
            problems.append(problem("validate.unknown_column", ind.file, line, col, ref.path, "error",
                                    ledger=ref.ledger, name=column, snapshots=dates_text(lacking),
                                    near=near(column, known), allowed=list(known), _snapshots=tuple(lacking)))
    return problems
