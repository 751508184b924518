"""ledger_tables computes a province's tables column-wise (groups from runs of rows, conditions
evaluated once per run, cells written once per distinct number): each unit's rows, values and
flags are what a row-by-row reading of its own ledger rows gives."""
from __future__ import annotations

import math
import random
from types import SimpleNamespace

import numpy as np
import pandas as pd

from engine.core.model import Settings, TableSpec
from engine.load.ledgers import UNIT, Ledger
from engine.summarise import ledger_tables

SETTINGS = Settings(period_start="2019-01-01", period_end="2021-12-31")


def _tables(frame: pd.DataFrame, columns: list, units=("a", "b", "c"), flags=None, order=()) -> dict:
    frame = frame.assign(__row=range(2, len(frame) + 2))
    frame[UNIT] = frame.pop("unit").astype(str)
    snap = SimpleNamespace(units=list(units), ledgers={"led": Ledger("led", "led.csv", frame)}, date="2021-12-31")
    spec = TableSpec(id="t", title="t", ledger="led", by="k", columns=columns, file="tables.yaml", line=1,
                     flags=flags or {}, order=list(order))
    return {t["unit"]: t for t in ledger_tables.compute([spec], snap, SETTINGS)}


def test_interleaved_rows_give_each_unit_its_exact_sums_counts_and_flags():
    rng = random.Random(11)
    rows = [(rng.choice("abcx"), rng.choice(["甲", "乙", None]), rng.choice([0.1, 0.2, 0.7, 1e6, 3.3, 2.0]),
             rng.choice(["已完成", "进行中"])) for _ in range(400)]
    frame = pd.DataFrame(rows, columns=["unit", "k", "amount", "s"])
    tables = _tables(frame, [{"id": "n", "label": "n", "count": True},
                             {"id": "done", "label": "done", "count": 's == "已完成"'},
                             {"id": "sum", "label": "sum", "sum": "amount", "where": 's == "已完成"'},
                             {"id": "rate", "label": "rate", "ratio": ["done", "n"]}],
                     flags={"most": "rate > 50"})
    assert set(tables) == {"a", "b", "c"}  # unit x is not one of the snapshot's
    for unit, table in tables.items():
        mine = [r for r in rows if r[0] == unit and r[1] is not None]
        assert [r["key"] for r in table["rows"]] == sorted({r[1] for r in mine})
        for row in table["rows"]:
            cells = [r for r in mine if r[1] == row["key"]]
            done = [r for r in cells if r[3] == "已完成"]
            assert row["values"]["n"] == len(cells) and row["values"]["done"] == len(done)
            assert row["values"]["sum"] == round(math.fsum(r[2] for r in done), 4)
            assert row["flags"] == (["most"] if len(done) * 100 / len(cells) > 50 else [])
        assert table["total"]["values"]["n"] == len(mine)


def test_keys_in_the_same_place_follow_each_units_own_ledger():
    """2021.0 and "2021" both match order entry 2021: each unit lists them as its own rows come."""
    frame = pd.DataFrame({"unit": ["a", "a", "b", "b"], "k": pd.Series(["2021", 2021.0, 2021.0, "2021"], dtype=object),
                          "amount": [1.0, 2.0, 3.0, 4.0]})
    tables = _tables(frame, [{"id": "sum", "label": "sum", "sum": "amount"}], units=("a", "b"), order=[2021])
    assert [r["values"]["sum"] for r in tables["a"]["rows"]] == [1, 2]
    assert [r["values"]["sum"] for r in tables["b"]["rows"]] == [3, 4]


def test_a_condition_over_a_mixed_column_is_evaluated_row_by_row():
    """1, 1.0 and True are equal to 1 but "1" is not; a column mixing them is not read in runs."""
    frame = pd.DataFrame({"unit": ["a"] * 6, "k": ["甲"] * 6,
                          "s": pd.Series([1, 1.0, True, "1", -0.0, 0.0], dtype=object)})
    tables = _tables(frame, [{"id": "one", "label": "one", "count": "s == 1"},
                             {"id": "zero", "label": "zero", "count": "s == 0"}], units=("a",))
    assert tables["a"]["rows"][0]["values"] == {"one": 3, "zero": 2}


def test_whole_and_fractional_sums_are_exact():
    big = 2.0 ** 52
    frame = pd.DataFrame({"unit": ["a"] * 4 + ["b"] * 3, "k": ["甲"] * 7,
                          "amount": [big, 1.0, -big, 1.0, 0.1, 0.2, -0.3]})
    tables = _tables(frame, [{"id": "sum", "label": "sum", "sum": "amount"}], units=("a", "b"))
    assert tables["a"]["rows"][0]["values"]["sum"] == 2
    assert tables["b"]["rows"][0]["values"]["sum"] == round(math.fsum([0.1, 0.2, -0.3]), 4)
    assert np.isclose(tables["b"]["total"]["values"]["sum"], 0)
