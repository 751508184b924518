"""lower (≤): the actual value stays at or below the target (costs, rates of failure)."""
from __future__ import annotations

import numpy as np

from engine.directions.base import clamp, is_number
from engine.directions.number import NumberDirection


class Lower(NumberDirection):
    name = "lower"
    order = 20
    unsuited_types = {"satisfaction": "higher"}
    op_pass, op_over = "≤", "<"

    def decreasing_checked(self, ind):
        return False  # a cap that comes down tightens (a cost per head in 元, a rate): never suspicious

    def passed_rows(self, rows):
        return rows.num <= rows.tnum

    def over_rows(self, rows):
        return rows.num < rows.tnum

    def beyond_margin_rows(self, rows, margin):
        return rows.num <= rows.tnum - margin

    def measures_rows(self, rows):
        ratio, _completion, gap = super().measures_rows(rows)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            completion = rows.tnum / rows.num * 100  # under budget is more than complete
        completion[~np.isfinite(completion)] = np.nan
        return ratio, completion, gap

    def gap(self, actual, target):
        return actual - target

    def shortfall(self, actual, expected):
        return actual - expected  # above the expected ceiling is behind

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
