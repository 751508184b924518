"""where= conditions of ledger functions: their syntax and functions (their columns are checked
against the snapshots, in ledger_columns)."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.ledger_refs import WHERE_FUNCTIONS, ledger_refs
from engine.check.registry import RULES, check
from engine.evaluate import expressions as ex


@check(RULES, "validate.where_syntax", "expr.unknown_function")
def check_where_conditions(ctx):
    problems = []
    for ref in ledger_refs(ctx):
        if ref.where is None:
            continue
        ind, f = ref.ind, ref.formula
        try:
            tree = ex.parse(ref.where)
        except ex.ExpressionError as exc:
            problems.append(problem("validate.where_syntax", ind.file, f.line, f.col, ref.path, "error",
                                    where=ref.where, detail=exc.params.get("detail", "")))
            continue
        for what, name, close in ex.unknown_names(tree, (), WHERE_FUNCTIONS):
            if what == "function":
                line, col = ctx.locate(ind, f, name)
                problems.append(problem("expr.unknown_function", ind.file, line, col, ref.path, "error",
                                        name=name, near=close, allowed=list(WHERE_FUNCTIONS)))
    return problems
