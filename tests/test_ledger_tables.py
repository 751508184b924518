"""The report's tables computed from ledgers (tables.yaml): errors name the table and its columns."""
from __future__ import annotations

import pytest

from helpers import summary_of, write_workspace

RULES = """\
level: school
task: 建设任务
indicators:
  - {id: S_A, name: 指标甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 5}}
"""
TABLE = """\
tables:
  - id: spending
    title: 支出情况
    ledger: budget
    by: 建设任务
    columns:
      - {{id: budget, label: 预算, sum: 预算}}
      - {{id: spent, label: 执行, sum: 执行}}
      - {{id: rate, label: 执行率, ratio: [{top}, budget]}}
    flags:
      overspend: {flag}
"""


def _table(tmp_path, top="spent", flag="rate > 100", lang="zh"):
    write_workspace(tmp_path, {"school.yaml": RULES, "tables.yaml": TABLE.format(top=top, flag=flag)},
                    {"2021-12-31": {"values.csv": "指标编号,实际值\nS_A,6\n",
                                    "budget.csv": "建设任务,预算,执行\n甲,10,12.5\n乙,5,1\n"}})
    [table] = summary_of(tmp_path, lang=lang).tables
    return table


def test_table_rows_total_and_flags(tmp_path):
    table = _table(tmp_path)
    assert table["error"] is None
    rows = {r["key"]: r for r in table["rows"]}
    assert rows["甲"]["values"] == {"budget": 10, "spent": 12.5, "rate": 125.0} and rows["甲"]["flags"] == ["overspend"]
    assert rows["乙"]["flags"] == [] and table["total"]["values"]["spent"] == 13.5


@pytest.mark.parametrize("top, flag, name", [("spnt", "rate > 100", "spnt"), ("spent", "rat > 100", "rat")])
def test_unknown_column_of_a_table_names_the_table_not_a_ledger(tmp_path, top, flag, name):
    table = _table(tmp_path, top, flag)
    assert f"表 spending 没有列 {name}" in table["error"]
    assert "budget、spent" in table["error"] and "台账" not in table["error"]
    english = _table(tmp_path, top, flag, lang="en")["error"]
    assert f"table spending has no column {name}" in english


def test_a_bad_cell_of_a_summed_column_is_named_with_its_row(tmp_path):
    write_workspace(tmp_path, {"school.yaml": RULES, "tables.yaml": TABLE.format(top="spent", flag="rate > 100")},
                    {"2021-12-31": {"values.csv": "指标编号,实际值\nS_A,6\n",
                                    "budget.csv": "建设任务,预算,执行\n甲,10,12.5\n乙,5,1.2万\n"}})
    [table] = summary_of(tmp_path).tables
    assert "budget.csv 第 3 行）的列 执行 是“1.2万”，不是数字" in table["error"]


def test_year_in_titles_and_labels_is_the_snapshots(tmp_path):
    text = TABLE.format(top="spent", flag="rate > 100").replace("title: 支出情况", "title: 2019-{year} 年度支出") \
        .replace("label: 预算,", 'label: "2019-{year} 预算",')
    for date in ("2020-12-31", "2021-12-31"):
        write_workspace(tmp_path, {"school.yaml": RULES, "tables.yaml": text},
                        {date: {"values.csv": "指标编号,实际值\nS_A,6\n", "budget.csv": "建设任务,预算,执行\n甲,10,12.5\n"}})
        [table] = summary_of(tmp_path, date).tables
        year = date[:4]
        assert table["title"] == f"2019-{year} 年度支出" and table["columns"][0]["label"] == f"2019-{year} 预算"


@pytest.mark.parametrize("condition", ["1 == 1", '"1"', "1e308"])
def test_a_count_condition_that_is_one_value_counts_every_row_or_none(tmp_path, condition):
    """One value counts every row; a number beyond what jixiao computes with is a located rule error."""
    text = TABLE.format(top="spent", flag="rate > 100").replace(
        "      - {id: budget, label: 预算, sum: 预算}", f"      - {{id: n, label: 行数, count: '{condition}'}}\n      - {{id: budget, label: 预算, sum: 预算}}")
    write_workspace(tmp_path, {"school.yaml": RULES, "tables.yaml": text},
                    {"2021-12-31": {"values.csv": "指标编号,实际值\nS_A,6\n", "budget.csv": "建设任务,预算,执行\n甲,10,12.5\n乙,5,1\n"}})
    [table] = summary_of(tmp_path).tables
    if condition == "1e308":
        assert "tables.yaml" in table["error"] and "10^15" in table["error"]
        return
    assert table["error"] is None and table["total"]["values"]["n"] == 2


def test_every_unit_gets_its_own_rows_total_and_flags_from_one_computation(tmp_path):
    """A province's tables are computed once over all units' rows; each unit's table is what it
    would be alone: its own keys, its own total, its own flags; a unit with no rows has an empty
    table with a zero total."""
    write_workspace(tmp_path, {"school.yaml": RULES, "tables.yaml": TABLE.format(top="spent", flag="rate > 100")},
                    {"2021-12-31": {
                        "manifest.yaml": "snapshot: 2021-12-31\nunits: {a: 甲校, b: 乙校, c: 丙校}\n",
                        "values.csv": "指标编号,单位,实际值\nS_A,a,6\nS_A,b,6\nS_A,c,6\n",
                        "budget.csv": "单位,建设任务,预算,执行\nb,丙,4,5\na,甲,10,12.5\nb,甲,2,1\na,乙,5,1\nb,丙,1,1\n"}})
    tables = {t["unit"]: t for t in summary_of(tmp_path).tables}
    assert [r["key"] for r in tables["a"]["rows"]] == ["乙", "甲"]
    assert [r["key"] for r in tables["b"]["rows"]] == ["丙", "甲"]
    b = {r["key"]: r for r in tables["b"]["rows"]}
    assert b["丙"]["values"] == {"budget": 5, "spent": 6, "rate": 120.0} and b["丙"]["flags"] == ["overspend"]
    assert b["甲"]["values"]["rate"] == 50.0 and b["甲"]["flags"] == []
    assert tables["a"]["total"]["values"] == {"budget": 15, "spent": 13.5, "rate": 90.0}
    assert tables["b"]["total"]["values"] == {"budget": 7, "spent": 7, "rate": 100.0}
    assert tables["c"]["rows"] == [] and tables["c"]["total"]["values"]["budget"] == 0
    assert tables["c"]["total"]["values"]["rate"] is None and tables["c"]["error"] is None


def test_sums_are_exact_per_unit_and_key_whatever_the_row_order(tmp_path):
    """Each row of a table sums its unit's and key's cells exactly (math.fsum), however the ledger's
    rows are interleaved across units and keys."""
    import math
    import random
    rng = random.Random(7)
    rows = [(rng.choice("abc"), rng.choice(["甲", "乙", "丙"]), rng.choice([0.1, 0.2, 0.7, 1e6, 3.3]))
            for _ in range(120)]
    budget = "单位,建设任务,预算,执行\n" + "".join(f"{u},{k},{v},1\n" for u, k, v in rows)
    write_workspace(tmp_path, {"school.yaml": RULES, "tables.yaml": TABLE.format(top="spent", flag="rate > 100")},
                    {"2021-12-31": {"manifest.yaml": "snapshot: 2021-12-31\nunits: {a: 甲校, b: 乙校, c: 丙校}\n",
                                    "values.csv": "指标编号,单位,实际值\nS_A,a,6\nS_A,b,6\nS_A,c,6\n",
                                    "budget.csv": budget}})
    for table in summary_of(tmp_path).tables:
        for row in table["rows"]:
            want = math.fsum(v for u, k, v in rows if u == table["unit"] and k == row["key"])
            assert row["values"]["budget"] == round(want, 4), (table["unit"], row["key"])


def test_a_bad_cell_in_a_later_units_rows_is_named_with_its_row_in_a_province(tmp_path):
    """The bad cell is found among the unit's own rows by label, not by position in the ledger."""
    write_workspace(tmp_path, {"school.yaml": RULES, "tables.yaml": TABLE.format(top="spent", flag="rate > 100")},
                    {"2021-12-31": {
                        "manifest.yaml": "snapshot: 2021-12-31\nunits: {a: 甲校, b: 乙校}\n",
                        "values.csv": "指标编号,单位,实际值\nS_A,a,6\nS_A,b,6\n",
                        "budget.csv": "单位,建设任务,预算,执行\na,甲,10,1\na,乙,5,2\nb,甲,2,已完成\n"}})
    tables = {t["unit"]: t for t in summary_of(tmp_path).tables}
    assert "budget.csv 第 4 行）的列 执行 是“已完成”，不是数字" in tables["b"]["error"]
