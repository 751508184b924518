"""One definition of a cell (engine/load/cells.py): a column is typed by typing each distinct cell."""
import math

import numpy as np
import pandas as pd
import pytest

from engine.load.cells import number_cell, out_of_range, parse_dates, parse_numbers, with_magnitude

CELLS = ["1,200", "98.42%", "１２３", " 7 ", "12,000.5", "-0", "1e3", "1,20", "1_000", "\u0663", "1e20", "1e-300",
         "inf", "nan", "abc", "1.2万", "", "%", "2021-12-31"]


@pytest.mark.parametrize("text, value", [("1,200", 1200.0), ("98.42%", 98.42), ("１２３", 123.0), (" 7 ", 7.0),
                                         ("12,000.5", 12000.5), ("1e3", 1000.0), ("５０％", 50.0)])
def test_numbers_as_people_type_them(text, value):
    assert number_cell(text) == (value, False)


@pytest.mark.parametrize("text", ["1,20", "1_000", "\u0663", "1e20", "1e-300", "inf", "nan", "abc", "1.2万", "%",
                                  "2021-12-31"])
def test_what_is_not_a_number_jixiao_computes_with_is_bad(text):
    value, bad = number_cell(text)
    assert bad and math.isnan(value)


def test_minus_zero_is_zero_whatever_else_the_column_holds():
    for column in (["-0"], ["-0", "1.5"]):
        values, _ = parse_numbers(pd.Series(column, dtype=object))
        assert not np.signbit(values.iloc[0])


def test_a_column_is_its_cells_and_blank_cells_are_missing_not_bad():
    column = pd.Series(CELLS * 3 + [np.nan, None], dtype=object)
    values, bad = parse_numbers(column)
    for k, text in enumerate(column):
        if not isinstance(text, str):
            assert math.isnan(values[k]) and not bad[k]
            continue
        value, wrong = number_cell(text)
        assert bad[k] == wrong and (values[k] == value or (math.isnan(values[k]) and math.isnan(value)))


def test_refused_cells_say_why():
    column = pd.Series(["1e20", "1.2万", "abc", "5"], dtype=object)
    assert out_of_range(column).tolist() == [True, False, False, False]
    assert with_magnitude(column).tolist() == [False, True, False, False]


def test_dates_as_people_type_them():
    column = pd.Series(["2021-12-31", "2021年12月31日", "2021/1/5", "２０２１.３.１", "明年", None], dtype=object)
    days, bad = parse_dates(column)
    assert [d.strftime("%Y-%m-%d") for d in days[:4]] == ["2021-12-31", "2021-12-31", "2021-01-05", "2021-03-01"]
    assert bad.tolist() == [False, False, False, False, True, False]
    assert pd.isna(days[5])


def test_typing_a_table_as_read_reuses_its_distinct_texts_and_gives_the_same(tmp_path):
    from engine.load.cells import typed
    from engine.load.tables import read_cells
    path = tmp_path / "t.csv"
    path.write_text("名称,金额,日期,编号\n甲,\" 1,200 \",2021年1月5日,A07\n\n乙,３,2021/2/1,A08\n甲,,,\n", encoding="utf-8")
    cells, problems = read_cells(path, "t.csv")
    assert not problems and cells.distinct
    fast, slow = typed(cells.frame, distinct=cells.distinct), typed(cells.frame)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["金额"].tolist()[:2] == [1200.0, 3.0] and fast["编号"].tolist() == ["A07", "A08", np.nan]
    assert fast["日期"].iloc[1] == pd.Timestamp("2021-02-01")
