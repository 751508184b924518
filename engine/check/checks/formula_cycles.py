"""Actual-value formulas that refer to each other in a cycle."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.registry import RULES, check
from engine.load import rules_check


@check(RULES, "expr.cycle")
def check_formula_cycles(ctx):
    problems = []
    by_id = ctx.rules.by_id()
    for ind_id, errors in rules_check.formula_errors(ctx.rules).items():
        for code, params, f in errors:
            if code == "expr.cycle":
                ind = by_id[ind_id]
                problems.append(problem(code, ind.file, f.line, f.col, ind.path(f.key), "error", **params))
    return problems
