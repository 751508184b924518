"""Syntax, forbidden features, unknown functions and unknown names in every formula."""
from __future__ import annotations

import re

from engine.check.context import problem
from engine.check.registry import RULES, check
from engine.core.suggest import near
from engine.evaluate import expressions as ex
from engine.evaluate.functions import FUNCTION_NAMES
from engine.load.rules_check import ACTUAL_NAMES, CONDITION_NAMES
from engine.text.fields import rule_field_words


@check(RULES, "expr.syntax", "expr.feature", "expr.unknown_function", "expr.unknown_name", "validate.unknown_indicator")
def check_formula_names(ctx):
    """What rules_check.formula_errors finds (evaluate turns it into the status `error`), located
    in the formula; an unknown name that looks like an indicator id is an unknown indicator."""
    ids = [i.id for i in ctx.rules.indicators]
    problems = []
    for ind, f in ctx.formulas():
        names = set(ids) | set(ACTUAL_NAMES if f.kind == "actual" else CONDITION_NAMES)
        path = ind.path(f.key)
        try:
            tree = ex.parse(f.text)
        except ex.ExpressionError as exc:
            problems.append(problem(exc.code, ind.file, f.line, f.col, path, "error", field=rule_field_words(f.field),
                                    **exc.params))
            continue
        for what, name, close in ex.unknown_names(tree, names, FUNCTION_NAMES):
            line, col = ctx.locate(ind, f, name)
            if what == "function":
                problems.append(problem("expr.unknown_function", ind.file, line, col, path, "error",
                                        name=name, near=close, allowed=list(FUNCTION_NAMES)))
            elif looks_like_id(name, ids, names):
                problems.append(problem("validate.unknown_indicator", ind.file, line, col, path, "error",
                                        name=name, near=near(name, ids, 0.6), field=rule_field_words(f.field)))
            else:
                problems.append(problem("expr.unknown_name", ind.file, line, col, path, "error",
                                        name=name, near=close, allowed=sorted(names - set(ids))))
    return problems


def looks_like_id(name, ids, names) -> bool:
    """Closest to an indicator id among the names a formula may use, or written like one (S_NOPE1)."""
    found = near(name, names, 0.6)
    if found:
        return found in ids
    return bool(re.fullmatch(r"[A-Z][A-Z0-9_]*", name)) and bool(re.search(r"[0-9_]", name))
