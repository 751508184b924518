"""The value table read through Cells.distinct (each column's distinct texts, as a CSV is read) gives
the same table and the same problems, at the same cells, as reading its rows one text at a time
(Cells without distinct, as a rule test's rows come)."""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from engine.load.cells import Cells
from engine.load.ledgers import read_ledger, settle_units, units_of
from engine.load.rules import load_rules
from engine.load.tables import read_cells
from engine.load.values import read_values
from engine.text.vocabulary import HEADERS, LIKELIHOOD, NOT_DONE_WORDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rules():
    return load_rules(ROOT / "rules")


def _rows(rules, seed: int, count: int):
    rng = random.Random(seed)
    by_id = rules.by_id()
    kinds = {}
    for i, ind in by_id.items():
        kinds.setdefault((ind.value_kind, ind.unit == "%"), i)
    grade = kinds[("grade", False)]
    cause = next(c.zh for c in rules.causes.values() if c.zh)
    ids = list(kinds.values()) + [" " + kinds[("number", False)], "\uff33101", "X999", "", "G10"]
    actuals = ["1", "1,200", "12%", "\uff11\uff12", "1.2\u4e07", "1e30", "abc", "", "2021-06-30", "2022-05-01",
               NOT_DONE_WORDS[0], by_id[grade].scale[0], "nope", "-0", " 3 "]
    causes = ["", "pandemic", "pandemic;policy", "bogus", cause, cause + ",pandemic"]
    likely = ["", "certain", list(LIKELIHOOD)[0], "maybe"]
    units = ["c000", "c001", "", "\u9879", "c9"]
    for _ in range(count):
        yield [rng.choice(units), rng.choice(ids), "n", rng.choice(actuals), rng.choice(causes), "", rng.choice(likely), ""]


def _csv(tmp_path, rules, seed):
    header = [HEADERS[k] for k in ("unit", "indicator")] + ["x", HEADERS["actual"], HEADERS["causes"],
                                                            HEADERS["note"], HEADERS["likelihood"], HEADERS["evidence"]]
    path = tmp_path / f"values{seed}.csv"
    pd.DataFrame(list(_rows(rules, seed, 300)), columns=header).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("declared", [None, {"c000", "c001"}])
def test_distinct_reading_equals_text_by_text(tmp_path, rules, seed, declared):
    cells, problems = read_cells(_csv(tmp_path, rules, seed), "values.csv")
    assert cells is not None and not [p for p in problems if p.level == "error"]
    fast, found = read_values(cells, rules, "c000", declared, "2021-12-31")
    plain = Cells(cells.frame, cells.file, dict(cells.columns))
    slow, expected = read_values(plain, rules, "c000", declared, "2021-12-31")
    pd.testing.assert_frame_equal(fast, slow)
    for column in fast.columns:
        assert [type(v) for v in fast[column]] == [type(v) for v in slow[column]], column
    assert [p.to_dict() if hasattr(p, "to_dict") else vars(p) for p in found] == \
        [p.to_dict() if hasattr(p, "to_dict") else vars(p) for p in expected]
    assert found  # the rows hold mistakes of every kind


def test_ledger_units_from_distinct_texts(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text(HEADERS["unit"] + ",n\nc000,1\n,2\nc001,3\nc9,4\n", encoding="utf-8")
    cells, _ = read_cells(path, "ledger.csv")
    fast = read_ledger(cells, "ledger", "c000")
    slow = read_ledger(Cells(cells.frame, cells.file, dict(cells.columns)), "ledger", "c000")
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    values = pd.DataFrame({"unit": ["c000"]})
    assert units_of(values, {"a": fast}, {}, "c000") == units_of(values, {"a": slow}, {}, "c000") == ["c000", "c001", "c9"]
    a, b = settle_units({"a": fast}, ["c000", "c001"], {"c000", "c001"}, None), \
        settle_units({"a": slow}, ["c000", "c001"], {"c000", "c001"}, None)
    assert [vars(p) for p in a] == [vars(p) for p in b] and len(a) == 1


@pytest.mark.parametrize("seed", range(3))
def test_a_file_is_read_as_if_its_trailing_blanks_were_taken_off(seed):
    from engine.load.tables import _rstripped, records_by_pandas
    rng = random.Random(seed)
    pieces = [b"a", b"1", b",", b"\n", b"\r\n", b" ", b'"', b"\xe4\xb8\xad"]
    for _ in range(400):
        body = b"h1,h2\n" + b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.3:
            body += b"\n" * rng.randint(60, 70)
        chars = b"\r\n ,"
        assert _rstripped(body, chars) in (body, body.rstrip(chars))
        fast, slow = records_by_pandas(_rstripped(body, chars), ","), records_by_pandas(body.rstrip(chars), ",")
        assert (fast is None) == (slow is None), body
        if fast is not None:
            pd.testing.assert_frame_equal(fast, slow)
