"""CSV files are read by pandas' C parser where it reads them as the csv module does, and by the
csv module otherwise: the two paths must give the same table for any file the fast one accepts."""
from __future__ import annotations

import random

import pytest

from engine.load.tables import csv_records, records_by_pandas, records_frame

PIECES = ["a", "b", "1", ",", ",", '"', '""', "\n", "\n", "\r\n", " ", "中", "\t", "x,y", "\u3000"]


def _texts(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
        yield ("h1,h2,h3\n" + text) if rng.random() < 0.7 else text


@pytest.mark.parametrize("seed", range(4))
def test_pandas_reads_as_the_csv_module_does(seed):
    fast_used = 0
    for text in _texts(seed, 1500):
        text = text.rstrip("\r\n ,")  # as the reader trims a file's end
        fast = records_by_pandas(text, ",")
        if fast is None:
            continue
        fast_used += 1
        rows, problems = csv_records(text, ",", "t.csv")
        assert not problems, text
        slow, problems = records_frame(rows, "t.csv")
        assert slow is not None and not problems, text
        assert list(fast.columns) == list(slow.columns), text
        assert fast.values.tolist() == slow.values.tolist(), text
    assert fast_used > 300  # the comparison covered the fast path


def test_a_record_wider_than_the_header_is_left_to_the_csv_module():
    assert records_by_pandas("a,b\n1,2,3\n", ",") is None
    rows, _ = csv_records("a,b\n1,2,3\n", ",", "t.csv")
    frame, problems = records_frame(rows, "t.csv")
    assert frame is None and problems[0].code == "table.extra_cells" and (problems[0].line, problems[0].col) == (2, 3)


def test_a_repeated_header_stays_visible():
    frame = records_by_pandas("指标编号,实际值,实际值\nS1,1,2", ",")
    assert list(frame.columns) == ["指标编号", "实际值", "实际值"]
