"""Rates (unit %) with targets outside 0–100, or written as fractions (0.95 for 95%)."""
from __future__ import annotations

from engine.check.context import at_key, problem
from engine.check.registry import RULES, check
from engine.check.shown import show
from engine.directions.base import is_number
from engine.text.vocabulary import PERCENT_SIGNS as PERCENT


@check(RULES, "validate.rate_range", "validate.rate_fraction")
def check_rate_targets(ctx):
    problems = []
    for ind in ctx.rules.indicators:
        if ind.unit not in PERCENT:
            continue
        numbers = []
        for date, value in ind.targets:
            where = at_key(ind, f"targets.{date}")
            parts = [value] if is_number(value) else \
                [v for v in (value.get("min"), value.get("max")) if is_number(v)] if isinstance(value, dict) else []
            numbers += [(where, v) for v in parts]
            for v in parts:
                if not 0 <= v <= 100:
                    problems.append(problem("validate.rate_range", *where, value=show(v)))
        if numbers and all(0 < v < 1 for _, v in numbers):
            where, v = numbers[0]
            problems.append(problem("validate.rate_fraction", *where, value=show(v), percent=show(round(v * 100, 6))))
    return problems
