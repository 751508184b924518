"""Ledgers named in formulas that a snapshot does not have: the indicator would be a rule error
when that snapshot is evaluated."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.ledger_refs import ledger_refs
from engine.check.registry import LEDGERS, check
from engine.check.shown import allowed_text, both, dates_text
from engine.core.suggest import near


@check(LEDGERS, "validate.unknown_ledger")
def check_ledger_names(ctx):
    problems = []
    for ref in ledger_refs(ctx):
        lacking = [s.date for s in ctx.snapshots if ref.ledger not in s.ledgers]
        if not lacking:
            continue
        ind = ref.ind
        known = sorted({name for s in ctx.snapshots for name in s.ledgers})
        line, col = ctx.locate(ind, ref.formula, ref.ledger)
        problems.append(problem("validate.unknown_ledger", ind.file, line, col, ref.path, "error",
                                what=both("validate.what_indicator", id=ind.id), name=ref.ledger,
                                snapshots=dates_text(lacking), near=near(ref.ledger, known),
                                allowed=allowed_text(known), _snapshots=tuple(lacking)))
    return problems
