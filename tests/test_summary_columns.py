"""The summary's column-wise work gives what the one-value code gives: number and rate texts
(summarise/column_texts.py), rounded measures and plain values, and the roll-ups (one bincount per
grouping) against the pandas groupby they replaced, ties and missing keys included."""
from __future__ import annotations

import random
import struct
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from engine.core.numbers import number_text, rate_text, rounded, with_unit
from engine.core.statuses import COUNTED_AS, ORDER
from engine.summarise import summary
from engine.summarise.column_texts import number_texts, rate_texts, units_texts
from engine.text.vocabulary import DATE_UNITS


def _floats(n: int, seed: int) -> list:
    """Floats of every kind: short decimals, halves at each place, float noise, huge, tiny, any bits."""
    pick = random.Random(seed)
    edges = [0.125, 0.005, 1.005, 2.675, 0.0, -0.0, -0.005, 0.00005, 1e-9, -1e-9, 1e15, -1e15, 123456789.125,
             4.9999999999e-5, 0.29 * 100, 57.99999999999999, 1 / 3, 2 / 3, 99.995, 99.9949999999, float("nan"),
             float("inf"), -float("inf"), 2.0 ** 53, 5e-324, 1e300]
    out = []
    for _ in range(n):
        r = pick.random()
        if r < 0.2:
            out.append(round(pick.uniform(-1000, 1000), pick.randint(0, 7)))
        elif r < 0.35:
            out.append(pick.randint(-10**6, 10**6) / pick.choice([1, 10, 100, 1000, 8, 3, 7, 10**5]))
        elif r < 0.45:
            out.append(pick.choice(edges))
        elif r < 0.6:
            out.append(pick.uniform(-1, 1) * 10 ** pick.randint(-12, 18))
        elif r < 0.8:
            out.append(pick.randint(-10**4, 10**4) + pick.choice([1, -1]) * pick.choice(
                [0.5, 0.05, 0.005, 0.0005, 0.00005, 0.000005, 0.4999999, 0.9999999, 0.00004999999]))
        else:
            out.append(struct.unpack("d", struct.pack("Q", pick.getrandbits(64)))[0])
    return out


OTHERS = [None, "优秀", pd.Timestamp("2021-12-31"), {"min": 1, "max": 2.5}, True, np.float64(3.14159),
          np.int64(7), 12, -3, 10**17, np.nan]


@pytest.mark.parametrize("digits", [0, 1, 2, 4, 6, 7])
def test_number_and_unit_texts_are_the_one_value_texts(digits):
    values = _floats(3000, digits) + OTHERS
    assert number_texts(values, digits) == [number_text(v, digits) for v in values]
    units = [random.Random(digits).choice(["个", "%", "万元", DATE_UNITS[0], ""]) for _ in values]
    assert units_texts(values, units, digits) == [with_unit(v, u, digits) for v, u in zip(values, units)]


@pytest.mark.parametrize("digits", [0, 2, 4, 6, 7])
@pytest.mark.parametrize("mode", ["half_up", "truncate"])
def test_rate_texts_are_the_one_value_texts(digits, mode):
    values = _floats(3000, 10 + digits)
    assert rate_texts(values, digits, mode) == [rate_text(v, digits, mode) for v in values]


def test_measures_and_plain_values_are_the_one_value_ones():
    values = _floats(20000, 99)
    assert [repr(v) for v in summary._numbers(pd.Series(values, dtype=float))] == \
        [repr(None if v != v else round(v, 4)) for v in values]
    mixed = values[:3000] + OTHERS + [pd.NaT, float(2 ** 60), -7.0]
    got = summary._plain_values(mixed)
    assert [(type(v), repr(v)) for v in got] == [(type(summary.plain(v)), repr(summary.plain(v))) for v in mixed]


def _groupby_rollups(frame: pd.DataFrame, ranks: dict, settings) -> list:
    """The roll-ups as pandas grouped them before (engine/summarise/summary.py up to 2026-12)."""
    keys_all = summary.KEYS
    counts = pd.get_dummies(frame["status"]).reindex(columns=list(ORDER), fill_value=0).astype(int)
    for status, column in COUNTED_AS.items():
        counts[column] = counts[column] + counts[status]
    counts["total"] = 1
    data = pd.concat([frame[keys_all], counts[summary.COUNTS]], axis=1)
    parts = []
    for name, keys in summary.GROUPINGS:
        subset = data if name != "subtype" else data.loc[data["subtype"].notna()]
        if subset.empty:
            continue
        grouped = subset.groupby(keys, sort=False, dropna=False)[summary.COUNTS].sum().reset_index()
        grouped["grouping"] = name
        parts.append(grouped)
    table = pd.concat(parts, ignore_index=True)
    for key in keys_all:
        if key not in table:
            table[key] = None
    table = table.astype({k: object for k in keys_all}).where(table.notna(), None)
    key = {c: table[c].to_numpy(dtype=object) for c in keys_all + ["grouping"]}

    def ranked(name, values, missing):
        return np.array([ranks[name].get(v, missing) for v in values], dtype=np.int64)
    sort = np.lexsort((
        np.array([ranks["task"].get((lv, tk), -1) for lv, tk in zip(key["level"], key["task"])], dtype=np.int64),
        ranked("subtype", key["subtype"], -1), ranked("type", key["type"], -1), ranked("category", key["category"], -1),
        ranked("group", key["grouping"], 0), ranked("level", key["level"], 99), ranked("unit", key["unit"], 0)))
    counted = {c: table[c].to_numpy(dtype=np.int64)[sort].tolist() for c in summary.COUNTS}
    rows = []
    for n, k in enumerate(sort):
        total, achieved = counted["total"][n], counted["achieved"][n]
        rate = achieved / total * 100 if total - counted["not_due"][n] else np.nan
        row = {"grouping": key["grouping"][k], **{c: key[c][k] for c in keys_all},
               **{c: counted[c][n] for c in summary.COUNTS}}
        row["rate"], row["rate_text"] = (rounded(rate, settings.digits, settings.rounding),
                                         rate_text(rate, settings.digits, settings.rounding))
        rows.append(row)
    return rows


@pytest.mark.parametrize("seed", range(6))
def test_rollups_are_the_groupby_rollups(seed):
    """Random indicators whose keys repeat, are missing or unknown to the ranks (ties), rows in any
    order, statuses outside ORDER: the same rows, in the same order, as the pandas groupby."""
    pick = random.Random(seed)
    maybe = lambda values: pick.choice(values + [None])  # noqa: E731
    inds = [SimpleNamespace(level=pick.choice(["L1", "L2", "L3", None]), category=maybe(["c1", "c2", "c3"]),
                            type=maybe(["t1", "t2", "t3", "t4"]), subtype=maybe(["s1", "s2"]), task=maybe(["k1", "k2"]))
            for _ in range(30)]
    units = [f"u{k}" for k in range(12)]
    ranks = {"unit": {u: k for k, u in enumerate(units)}, "level": {"L2": 0, "L1": 1},
             "category": {"c2": 0, "c1": 1}, "type": {"t1": 0, "t3": 1}, "subtype": {"s2": 0},
             "task": {("L1", "k2"): 0, ("L2", "k1"): 1, ("L1", None): 2},
             "group": {"level": 0, "category": 1, "type": 1, "subtype": 1, "task": 2}}
    rows = [(u, i) for u in pick.sample(units, 9) for i in range(len(inds)) if pick.random() < 0.7]
    pick.shuffle(rows)
    at = np.array([i for _, i in rows], dtype=np.int64)
    unit_code = np.array([ranks["unit"][u] for u, _ in rows], dtype=np.int64)
    statuses = [pick.choice(list(ORDER) + ["odd", None]) for _ in rows]
    frame = pd.DataFrame({"unit": [u for u, _ in rows], "status": statuses,
                          **{key: [getattr(inds[i], key) for i in at] for key in summary.KEYS[1:]}})
    status = np.array([ORDER.index(s) if s in ORDER else len(ORDER) for s in statuses], dtype=np.int64)
    settings = SimpleNamespace(digits=2, rounding="half_up")
    rules = SimpleNamespace(indicators=inds, settings=settings)
    got = summary._rollups(frame, at, unit_code, status, ranks, rules)
    want = _groupby_rollups(frame, ranks, settings)
    typed = lambda rows: [[(k, type(v), v) for k, v in r.items()] for r in rows]  # noqa: E731
    assert typed(got) == typed(want)
