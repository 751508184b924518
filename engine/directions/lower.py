"""lower (≤): the actual value stays at or below the target (costs, rates of failure)."""
from __future__ import annotations

import pandas as pd

from engine.directions.base import clamp, is_number
from engine.directions.number import PERCENT, NumberDirection
from engine.evaluate.expressions import divide


class Lower(NumberDirection):
    name = "lower"
    order = 20
    unsuited_types = {"satisfaction": "higher"}
    op_pass, op_over = "≤", "<"

    def decreasing_checked(self, ind):
        return ind.unit not in PERCENT  # a lower-is-better rate tightens downwards

    def passed(self, ind, actual, target):
        return actual <= target

    def over(self, ind, actual, target):
        return actual < target

    def measures(self, actual, target):
        ratio, _completion, gap = super().measures(actual, target)
        if not is_number(target):
            return ratio, _completion, gap
        a = actual.astype(float)
        return ratio, divide(pd.Series(target, index=a.index, dtype=float), a) * 100, gap

    def gap(self, actual, target):
        return actual - target

    def over_word(self, actual, target):
        return True

    def target_text(self, target, ind, shown):
        return "≤ " + shown(target)

    def partial(self, actual, target, ind, band):
        if not (is_number(actual) and is_number(target)):
            return 0.0, "ratio"
        if actual <= 0:
            return 1.0, "ratio"
        return (clamp(target / actual) if target > 0 else 0.0), "ratio"

    def proposed_for(self, type_, unit):
        return type_ == "cost"


DIRECTION = Lower()
