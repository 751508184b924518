"""A keyword filter (级别="国家级") whose value appears in that column in no snapshot: the count or
sum would silently be 0. Usually a typo."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.ledger_refs import ledger_refs
from engine.check.registry import LEDGERS, check
from engine.check.shown import cell_text, show
from engine.text import items
from engine.core.suggest import near

EXAMPLES = 8  # values of the column the fix shows


@check(LEDGERS, "validate.filter_value_unseen")
def check_filter_values(ctx):
    problems = []
    for ref in ledger_refs(ctx):
        for column, wanted in ref.filters.items():
            if wanted is None:
                continue
            values = wanted if isinstance(wanted, list) else [wanted]
            having = [s.ledgers[ref.ledger] for s in ctx.snapshots
                      if ref.ledger in s.ledgers and column in s.ledgers[ref.ledger].frame.columns]
            seen = {cell_text(v) for lg in having for v in lg.frame[column].dropna()}
            if not seen:  # no such column, or an empty ledger (a new workspace): nothing to compare with yet
                continue
            for value in values:
                if str(show(value)) in seen:
                    continue
                line, col = ctx.locate(ref.ind, ref.formula, str(value))
                problems.append(problem("validate.filter_value_unseen", ref.ind.file, line, col, ref.path,
                                        ledger=ref.ledger, column=column, value=value, near=near(value, seen),
                                        examples=items(sorted(seen), EXAMPLES)))
    return problems
