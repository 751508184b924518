"""One exact group sum (engine/evaluate/functions.exact_sums) for ledger sums and ledger tables: each
group's math.fsum of its cells that are not missing, whatever the order of the rows."""
import math
import random

import numpy as np
import pytest

from engine.evaluate.functions import exact_sums


@pytest.mark.parametrize("seed", range(30))
def test_each_group_is_its_exact_sum_in_any_order(seed):
    rng = random.Random(seed)
    n, groups = rng.randint(0, 60), rng.randint(1, 6)
    pick = [lambda: float(rng.randint(-5, 5)), lambda: rng.uniform(-1e6, 1e6), lambda: 0.1, lambda: -0.0,
            lambda: math.nan, lambda: 2.0 ** 52]
    kinds = rng.sample(pick, rng.randint(1, len(pick)))
    values = np.array([rng.choice(kinds)() for _ in range(n)], dtype=float)
    codes = np.array([rng.randrange(groups) for _ in range(n)], dtype=np.int64)
    got = exact_sums(values, codes, groups)
    for g in range(groups):
        want = math.fsum(v for v, c in zip(values.tolist(), codes.tolist()) if c == g and v == v)
        assert got[g] == want and math.copysign(1, got[g]) == math.copysign(1, want) or (got[g] == 0 and want == 0)
    order = np.random.default_rng(seed).permutation(n)
    assert exact_sums(values[order], codes[order], groups).tolist() == got.tolist()
