"""pass and overshoot conditions that cannot change over the values the indicator can take."""
from __future__ import annotations

from engine.check.conditions import constants, tried_text, try_condition, varying
from engine.check.context import problem
from engine.check.registry import RULES, check


def at_formula(ind, f) -> tuple:
    return ind.file, f.line, f.col, ind.path(f.key)


@check(RULES, "validate.pass_never", "validate.pass_always")
def check_pass_constant(ctx):
    """A `pass` condition that is never, or always, true over the indicator's possible values."""
    problems = []
    for ind in ctx.rules.indicators:
        f = ind.formula("pass")
        if f is None:
            continue
        tried = try_condition(ctx, ind, f.text, constants(f.text), varying(f.text))
        if tried is None:
            continue
        truth, values = tried
        code = "validate.pass_never" if not truth.any() else "validate.pass_always" if truth.all() else None
        if code:
            problems.append(problem(code, *at_formula(ind, f), formula=f.text, tried=tried_text(values)))
    return problems


@check(RULES, "validate.overshoot_never", "validate.overshoot_always")
def check_overshoot_constant(ctx):
    """An `overshoot` condition that is never true when the indicator passes (it can never be
    exceeded), or true whenever it passes (every achievement would count as exceeded); tried
    with the same values as the pass condition (its own, or the direction's default)."""
    problems = []
    for ind in ctx.rules.indicators:
        f = ind.formula("overshoot")
        if f is None:
            continue
        pass_text = ind.formula("pass").text if ind.formula("pass") else None
        consts = constants(f.text) + (constants(pass_text) if pass_text else [])
        vary = varying(f.text, pass_text)
        over, passed = try_condition(ctx, ind, f.text, consts, vary), try_condition(ctx, ind, pass_text, consts, vary)
        if over is None or passed is None or not passed[0].any():
            continue
        (o, values), p = over, passed[0]
        code = "validate.overshoot_never" if not (o & p).any() else "validate.overshoot_always" if o[p].all() else None
        if code:
            problems.append(problem(code, *at_formula(ind, f), formula=f.text, tried=tried_text(values)))
    return problems
