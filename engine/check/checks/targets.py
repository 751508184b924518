"""Staged targets over the construction period: decreasing cumulative targets, no final target,
dates outside the period."""
from __future__ import annotations

from engine.check.context import at_key, problem
from engine.check.registry import RULES, check
from engine.check.shown import show
from engine.core.dates import valid_date
from engine.directions.base import is_number


@check(RULES, "validate.target_decreases")
def check_cumulative_targets(ctx):
    """A cumulative target lower than the one before it; the direction says whether that is
    suspicious (lower-is-better rates tighten downwards), and annual targets are exempt."""
    problems = []
    for ind in ctx.rules.indicators:
        if ind.annual is True or not ind.way.decreasing_checked(ind):
            continue
        targets = [(d, v) for d, v in ind.targets if is_number(v)]
        for (d0, v0), (d1, v1) in zip(targets, targets[1:]):
            if v1 < v0:
                problems.append(problem("validate.target_decreases", *at_key(ind, f"targets.{d1}"),
                                        date=d1, value=show(v1), prev_date=d0, prev=show(v0)))
    return problems


@check(RULES, "validate.no_final_target")
def check_final_target(ctx):
    """The last target is dated before the end of the construction period."""
    if not ctx.period:
        return []
    problems = []
    for ind in ctx.rules.indicators:
        if not ind.targets or ind.final:  # final: true says the last target is the final one
            continue
        last = str(ind.targets[-1][0])
        if valid_date(last) and last < ctx.period[1]:
            problems.append(problem("validate.no_final_target", *at_key(ind, f"targets.{last}", "targets"),
                                    date=last, end=ctx.period[1]))
    return problems


@check(RULES, "validate.date_outside_period")
def check_target_dates(ctx):
    """Staged target dates (and deadlines) outside the construction period."""
    if not ctx.period:
        return []
    start, end = ctx.period
    problems = []
    for ind in ctx.rules.indicators:
        for key, date in ind.dates:
            if valid_date(date) and not start <= date <= end:
                problems.append(problem("validate.date_outside_period", *at_key(ind, key),
                                        date=date, start=start, end=end))
    return problems
