"""equal (=): the actual value is the target, no more and no less; it cannot be exceeded."""
from __future__ import annotations

import numpy as np

from engine.directions.number import NumberDirection, band_partial


class Equal(NumberDirection):
    name = "equal"
    order = 30
    beatable = False
    op_pass = op_over = "="

    def passed_rows(self, rows):
        # equal means equal: only binary noise (0.1 + 0.2) is forgiven, not 1000009 for 1000000
        return np.isclose(rows.num, rows.tnum, rtol=1e-12, atol=1e-9) & ~np.isnan(rows.num)

    def gap(self, actual, target):
        return np.abs(actual - target)

    def over_word(self, actual, target):
        return actual > target

    def partial(self, actual, target, ind, band):
        return band_partial(actual, target, band), "band"


DIRECTION = Equal()
