"""equal (=): the actual value is the target, no more and no less; it cannot be exceeded."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.directions.number import NumberDirection, band_partial


class Equal(NumberDirection):
    name = "equal"
    order = 30
    beatable = False
    op_pass = op_over = "="

    def passed(self, ind, actual, target):
        # equal means equal: only binary noise (0.1 + 0.2) is forgiven, not 1000009 for 1000000
        return pd.Series(np.isclose(actual.astype(float), target, rtol=1e-12, atol=1e-9),
                         index=actual.index) & actual.notna()

    def gap(self, actual, target):
        return (actual - target).abs()

    def over_word(self, actual, target):
        return actual > target

    def partial(self, actual, target, ind, band):
        return band_partial(actual, target, band), "band"


DIRECTION = Equal()
