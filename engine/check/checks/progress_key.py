"""progress: written on an indicator that gets no expected progress (evaluate/schedule.py): its
direction's targets are not amounts to date (grade, range, deadline)."""
from __future__ import annotations

from engine.check.context import at_key, problem
from engine.check.registry import RULES, check


@check(RULES, "validate.progress_ignored")
def progress_ignored(ctx):
    """progress: linear or step on a direction that is not cumulative, or whose values are not numbers."""
    return [problem("validate.progress_ignored", *at_key(ind, "progress"), progress=ind.progress,
                    direction=ind.direction)
            for ind in ctx.rules.indicators
            if ind.progress in ("linear", "step") and not (ind.way.cumulative and ind.way.value_kind == "number")]
