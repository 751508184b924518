"""higher (≥): the actual value reaches the target; beyond it is exceeded."""
from __future__ import annotations

from engine.directions.base import clamp, is_number
from engine.directions.number import NumberDirection


class Higher(NumberDirection):
    name = "higher"
    order = 10
    far_beyond = True
    unsuited_types = {"cost": "lower"}
    op_pass, op_over = "≥", ">"

    def decreasing_checked(self, ind):
        return True

    def passed_rows(self, rows):
        return rows.num >= rows.tnum

    def over_rows(self, rows):
        return rows.num > rows.tnum

    def beyond_margin_rows(self, rows, margin):
        return rows.num >= rows.tnum + margin

    def nothing_due_rows(self, rows):
        # a staged target of 0 means nothing is due yet; anything done is beyond target
        return (rows.tnum == 0) & ~(rows.num > 0)

    def gap(self, actual, target):
        return target - actual

    def partial(self, actual, target, ind, band):
        fine = is_number(actual) and is_number(target) and target > 0
        return (clamp(actual / target) if fine else 0.0), "ratio"


DIRECTION = Higher()
