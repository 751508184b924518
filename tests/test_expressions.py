"""Formulas: element-wise over pandas Series, refusing everything outside the small language,
quickly; names checked before evaluation; the ledger and date function library."""
from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import by_id, summary_of, write_workspace
from engine.evaluate import expressions as ex
from engine.load.ledgers import UNIT
from engine.evaluate.functions import FUNCTION_NAMES, Library, days_between, days_late, percent, ratio, to_date, year
from engine.load.ledgers import Ledger
from engine.load.cells import typed

UNITS = ["u1", "u2", "u3", "u4"]


def series(values, dtype=None):
    return pd.Series(values, index=UNITS, dtype=dtype)


NAMES = {
    "actual": series([1.0, 5.0, np.nan, 10.0]),
    "other": series([2.0, 5.0, 3.0, np.nan]),
    "target": 5,
    "likelihood": series(["确定能", None, "有可能", "确定能"], dtype=object),
    "note": series(["x", np.nan, "", "y"], dtype="str"),
}


def run(text, names=None, functions=None):
    names = NAMES if names is None else names
    return ex.evaluate(ex.parse(text), text, names, functions or {})


def as_list(value):
    assert isinstance(value, pd.Series), type(value)
    return [None if (not isinstance(v, str) and pd.isna(v)) else v for v in value.tolist()]


def refused(text, names=None, functions=None) -> ex.ExpressionError:
    start = time.perf_counter()
    with pytest.raises(ex.ExpressionError) as info:
        run(text, names, functions)
    assert time.perf_counter() - start < 0.5, f"{text!r} took too long to refuse"
    return info.value


# --- element-wise logic over Series --------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("actual > 2 and other > 2", [False, True, False, False]),
    ("actual > 2 or other > 2", [False, True, True, True]),
    ("not actual > 2", [True, False, True, False]),
    ("actual >= target", [False, True, False, True]),
    ("2 <= actual < 10", [False, True, False, False]),
    ("1 < actual <= other", [False, True, False, False]),
    ("actual < other < 4", [True, False, False, False]),
    ("actual == other", [False, True, False, False]),
    ("actual != other", [True, False, True, True]),
    ("actual in [1, 10]", [True, False, False, True]),
    ("actual not in [1, 10]", [False, True, True, False]),
    ("likelihood in ['确定能']", [True, False, False, True]),
    ("likelihood not in ['确定能', '有可能']", [False, True, False, False]),
    ("likelihood == '确定能' or actual >= target", [True, True, False, True]),
    ("actual > 2 and target > 2", [False, True, False, True]),
    ("note == 'x'", [True, False, False, False]),
    ("note in ['x', 'y']", [True, False, False, True]),
])
def test_logic_is_element_wise(text, expected):
    assert as_list(run(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("1 if actual > 2 else 0", [0, 1, 0, 1]),
    ("actual if actual > 2 else other", [2.0, 5.0, 3.0, 10.0]),
    ("'好' if likelihood == '确定能' else '差'", ["好", "差", "差", "好"]),
    ("actual / other", [0.5, 1.0, None, None]),
    ("actual * 2 + 1", [3.0, 11.0, None, 21.0]),
    ("-actual", [-1.0, -5.0, None, -10.0]),
    ("actual ** 2", [1.0, 25.0, None, 100.0]),
])
def test_arithmetic_and_if_else_are_element_wise(text, expected):
    assert as_list(run(text)) == expected


def test_missing_values_are_false():
    # u3 has no actual: every comparison with it is false, so is the value itself
    for text in ("actual > 0", "actual < 1e9", "actual == actual", "actual >= target or actual <= target",
                 "0 <= actual <= 1e9", "actual in [1, 5, 10]"):
        assert as_list(run(text))[2] is False, text
    assert as_list(run("not actual"))[2] is True
    assert as_list(run("1 if actual else 0"))[2] == 0
    assert as_list(run("likelihood == '确定能'"))[1] is False
    assert as_list(run("1 if note else 0")) == [1, 0, 0, 1]
    assert ex.truth(np.nan) is False and ex.truth(None) is False and ex.truth(pd.NaT) is False
    assert ex.truth(series([np.nan, 0.0, 2.0, None], dtype=object)).tolist() == [False, False, True, False]


def test_scalars_stay_scalars():
    assert run("target > 2 and target < 10") is True
    assert run("target if target > 9 else 0") == 0
    assert run("1 < target <= 5") is True
    assert run("'a' + 'b'") == "ab"
    assert math.isnan(run("target / 0"))


def test_division_by_zero_is_missing_not_an_error():
    assert as_list(run("actual / 0")) == [None, None, None, None]
    assert as_list(run("actual / (other - other)")) == [None, None, None, None]


# --- refused, quickly ----------------------------------------------------------------------

@pytest.mark.parametrize("text, code, detail", [
    ("actual.to_csv", "expr.feature", "属性访问"),
    ("actual.to_csv('/tmp/x.csv')", "expr.feature", "调用非函数名"),
    ("actual[0]", "expr.feature", "下标"),
    ("__import__('os')", "expr.feature", "__import__"),
    ("__builtins__", "expr.feature", "__builtins__"),
    ("_secret", "expr.feature", "_secret"),
    ("lambda: 1", "expr.feature", "lambda"),
    ("(lambda: 1)()", "expr.feature", ""),
    ("[x for x in [1, 2]]", "expr.feature", "推导式"),
    ("{x for x in [1]}", "expr.feature", "推导式"),
    ("{x: 1 for x in [1]}", "expr.feature", "推导式"),
    ("sum(x for x in [1])", "expr.feature", "推导式"),
    ("f'{actual}'", "expr.feature", "f 字符串"),
    ("{'a': 1}", "expr.feature", "字典"),
    ("{1, 2}", "expr.feature", "集合"),
    ("(y := 1)", "expr.feature", ":="),
    ("'{}'.format(actual)", "expr.feature", ""),
    ("-" * 200 + "1", "expr.feature", "层"),
    ("not " * 100 + "actual", "expr.feature", "层"),
    ("[" * 120 + "1" + "]" * 120, "expr.feature", "层"),
    ("open('/etc/passwd')", "eval.failed", "open"),
    ("eval('1')", "eval.failed", "eval"),
    ("exec('1')", "eval.failed", "exec"),
    ("9**9**9", "eval.failed", "exponent"),
    ("2 ** 1001", "eval.failed", "exponent"),
    ("1e16 ** 2", "eval.failed", "base"),
    ("10.0 ** 400", "eval.failed", ""),
    ("'x' * 10**9", "eval.failed", "text"),
    ("'x' * 3", "eval.failed", "text"),
    ("[1] * 10**9", "eval.failed", ""),
    ("'a' + 1", "eval.failed", "text"),
    ("actual +", "expr.syntax", ""),
    ("actual >= target &&", "expr.syntax", ""),
    ("", "expr.syntax", ""),
    ("import os", "expr.syntax", ""),
    ("x = 1", "expr.syntax", ""),
    ("(" * 300 + "1" + ")" * 300, "expr.syntax", ""),
    ("1" + "+1" * 5000, "expr.syntax", ""),
])
def test_refused_quickly(text, code, detail):
    exc = refused(text)
    assert exc.code == code, (exc.code, exc.params)
    assert detail in str(exc.params.get("detail", "")), exc.params


def test_refused_in_parse_before_any_evaluation():
    for text in ("actual.to_csv", "actual[0]", "__import__('os')", "lambda: 1", "f'{x}'", "[x for x in y]"):
        with pytest.raises(ex.ExpressionError) as info:
            ex.parse(text)
        assert info.value.code == "expr.feature"


def test_long_text_constant_is_refused():
    exc = refused("'" + "x" * 10_001 + "'")
    assert exc.code == "expr.feature"


def test_joined_text_cannot_grow_beyond_the_limit():
    text = "'" + "x" * 6000 + "'"
    exc = refused(f"{text} + {text}")
    assert exc.code == "eval.failed" and "10000" in exc.params["detail"]["zh"]


def test_text_formatting_cannot_build_huge_strings():
    start = time.perf_counter()
    with pytest.raises(ex.ExpressionError):
        value = run("'%20000d' % 1")
        assert len(value) <= 10_000
    assert time.perf_counter() - start < 0.5


def test_refusal_messages_are_readable():
    from engine.text.messages import rule_error_text
    exc = refused("actual.to_csv")
    assert rule_error_text(exc.code, "zh", exc.params).startswith("公式中不允许使用 属性访问（.）")
    assert rule_error_text(exc.code, "en", exc.params).startswith("attribute access (.) is not allowed in a formula")


# --- names checked before evaluation -------------------------------------------------------

def test_unknown_names_with_near_suggestions():
    tree = ex.parse('actaul >= targt and cout("ledger") > 0 and zzz_unknown > 1 and count("x") > 0')
    found = ex.unknown_names(tree, {"actual", "target", "snapshot"}, FUNCTION_NAMES)
    assert sorted(found) == [("function", "cout", "count"), ("name", "actaul", "actual"),
                             ("name", "targt", "target"), ("name", "zzz_unknown", "")]


def test_known_names_and_called_functions_are_not_reported():
    tree = ex.parse('percent(sum("budget", "执行"), sum("budget", "预算")) >= target and S_OTHER > 0')
    assert ex.unknown_names(tree, {"target", "S_OTHER"}, FUNCTION_NAMES) == []


def test_calling_a_name_that_is_not_a_function_is_reported_as_function():
    found = ex.unknown_names(ex.parse("actual(1)"), {"actual"}, FUNCTION_NAMES)
    assert found == [("function", "actual", "")]


# --- the function library over ledgers -----------------------------------------------------

RAW_LEDGER = pd.DataFrame({
    "日期": ["2021-03-01", "2022-03-01", "2021-07-01", "2020-01-05", "2021-12-31", "2021-05-05"],
    "单位": ["001", "001", "002", "002", "001", "003"],
    "级别": ["国家级", "省级", "国家级", "省级", "国家级", "市级"],
    "金额": ["10", "5.5", None, "3", "1,000", "8"],
    "__row": [2, 3, 4, 5, 6, 7],
}, dtype=object)


@pytest.fixture
def lib() -> Library:
    frame = typed(RAW_LEDGER, keep_text=["单位"])
    frame[UNIT] = frame["单位"].astype(str)
    return Library({"led": Ledger("led", "led.csv", frame)}, ["001", "002", "003", "004"],
                   pd.Timestamp("2021-12-31"), pd.Timestamp("2019-01-01"))


def call(lib, text, **names):
    value = ex.evaluate(ex.parse(text), text, {"snapshot": lib.snapshot, **names}, lib.functions())
    return value.to_dict() if isinstance(value, pd.Series) else value


def test_library_lists_every_documented_function(lib):
    assert sorted(lib.functions()) == sorted(FUNCTION_NAMES)


@pytest.mark.parametrize("text, expected", [
    ('count("led")', {"001": 3, "002": 2, "003": 1, "004": 0}),
    ('count("led", 级别="国家级")', {"001": 2, "002": 1, "003": 0, "004": 0}),
    ('count("led", 级别=["国家级", "省级"])', {"001": 3, "002": 2, "003": 0, "004": 0}),
    ('count("led", 级别="国家级", 单位="001")', {"001": 2, "002": 0, "003": 0, "004": 0}),
    ('count("led", where="日期 <= snapshot")', {"001": 2, "002": 2, "003": 1, "004": 0}),
    ('count("led", where="日期 <= date(\'2021-06-30\') and 级别 != \'市级\'")', {"001": 1, "002": 1, "003": 0, "004": 0}),
    ('count("led", where="year(日期) == 2021", 级别="国家级")', {"001": 2, "002": 1, "003": 0, "004": 0}),
    ('count("led", where="金额 > 5")', {"001": 3, "002": 0, "003": 1, "004": 0}),
    ('count("led", where="isblank(金额)")', {"001": 0, "002": 1, "003": 0, "004": 0}),
    ('sum("led", "金额")', {"001": 1015.5, "002": 3.0, "003": 8.0, "004": 0.0}),
    ('sum("led", "金额", 级别="国家级")', {"001": 1010.0, "002": 0.0, "003": 0.0, "004": 0.0}),
    ('sum("led", "金额", where="日期 <= snapshot")', {"001": 1010.0, "002": 3.0, "003": 8.0, "004": 0.0}),
    ('max("led", "金额")', {"001": 1000.0, "002": 3.0, "003": 8.0, "004": None}),
    ('min("led", "金额")', {"001": 5.5, "002": 3.0, "003": 8.0, "004": None}),
    ('mean("led", "金额", 级别=["国家级", "省级"])', {"001": 338.5, "002": 3.0, "003": None, "004": None}),
])
def test_aggregates_per_unit(lib, text, expected):
    got = call(lib, text)
    assert {k: (None if pd.isna(v) else v) for k, v in got.items()} == expected


def test_aggregates_remember_the_rows_read(lib):
    call(lib, 'count("led", 级别="国家级")')
    assert lib.used_rows == {"led": {2, 4, 6}}


def test_unknown_ledger(lib):
    exc = refused('count("ledd")', functions=lib.functions())
    assert (exc.code, exc.params) == ("eval.unknown_ledger", {"name": "ledd", "allowed": ["led"]})


@pytest.mark.parametrize("text, missing, near", [
    ('count("led", 级=1)', "级", "级别"),
    ('sum("led", "金")', "金", "金额"),
    ('count("led", where="金 > 1")', "金", "金额"),
    ('count("led", where="日其 <= snapshot")', "日其", "日期"),
    ('count("led", __unit="001")', "__unit", ""),
    ('count("led", __row=2)', "__row", ""),
])
def test_unknown_column_with_near_match(lib, text, missing, near):
    exc = refused(text, functions=lib.functions())
    assert exc.code == "eval.unknown_column"
    assert exc.params == {"ledger": "led", "name": missing, "near": near}


def test_column_errors_read_well(lib):
    from engine.text.messages import rule_error_text
    exc = refused('sum("led", "金")', functions=lib.functions())
    assert rule_error_text(exc.code, "zh", exc.params) == "台账 led 没有列 金；是不是 金额？"
    assert rule_error_text(exc.code, "en", exc.params) == "ledger led has no column 金; did you mean 金额?"


def test_aggregate_of_a_text_column_is_not_a_number(lib):
    exc = refused('sum("led", "级别")', functions=lib.functions())
    assert exc.code == "eval.not_number" and "国家级" in exc.params["detail"]["zh"] and "led.csv" in exc.params["detail"]["zh"]


def test_aggregate_needs_a_column(lib):
    exc = refused('sum("led")', functions=lib.functions())
    assert exc.code == "eval.failed" and "列名" in exc.params["detail"]["zh"]


def test_where_must_be_text(lib):
    exc = refused('count("led", where=1)', functions=lib.functions())
    assert exc.code == "eval.failed" and "where=" in exc.params["detail"]["zh"]


def test_where_with_unknown_function(lib):
    exc = refused('count("led", where="yeer(日期) == 2021")', functions=lib.functions())
    assert exc.code == "expr.unknown_function" and exc.params["near"] == "year"


def test_where_refuses_the_same_features(lib):
    exc = refused('count("led", where="日期.max()")', functions=lib.functions())
    assert exc.code == "expr.feature"


def test_min_and_max_of_two_values(lib):
    assert call(lib, "min(3, 5)") == 3 and call(lib, "max(3, 5)") == 5
    a = series([1.0, 7.0, 3.0, 4.0])
    assert call(lib, "min(a, 4)", a=a) == {"u1": 1.0, "u2": 4.0, "u3": 3.0, "u4": 4.0}
    assert call(lib, "max(a, 4)", a=a) == {"u1": 4.0, "u2": 7.0, "u3": 4.0, "u4": 4.0}


def test_min_and_max_keep_missing_values_missing(lib):
    a = series([1.0, np.nan, 300.0, 4.0])
    assert pd.isna(call(lib, "min(a, 100)", a=a)["u2"])
    assert pd.isna(call(lib, "max(a, 0)", a=a)["u2"])


# --- ratio, percent, dates -----------------------------------------------------------------

def test_ratio_and_percent():
    assert ratio(3, 4) == 0.75 and percent(3, 4) == 75.0
    assert math.isnan(ratio(1, 0)) and math.isnan(percent(1, 0))
    assert math.isnan(percent(0, 0))
    got = percent(series([1.0, 2.0, 3.0, np.nan]), series([4.0, 0.0, np.nan, 2.0]))
    assert as_list(got) == [25.0, None, None, None]
    assert as_list(ratio(series([1.0, 2.0, 0.0, -1.0]), 0)) == [None, None, None, None]


def test_ratio_in_a_formula_over_ledger_counts(lib):
    got = call(lib, 'percent(count("led", 级别="国家级"), count("led"))')
    assert got["001"] == pytest.approx(200 / 3) and got["002"] == 50.0
    assert got["003"] == 0.0 and pd.isna(got["004"])  # 0 of 0: missing, not an error


def test_dates():
    assert to_date("2021-12-31") == pd.Timestamp("2021-12-31")
    assert to_date(pd.Timestamp("2021-12-31 15:30")) == pd.Timestamp("2021-12-31")
    assert days_between("2021-01-01", "2021-03-01") == 59.0
    assert days_between(to_date("2021-12-31"), to_date("2021-01-01")) == -364.0
    assert days_late("2022-01-10", "2021-12-31") == 10.0
    assert days_late("2021-12-01", "2021-12-31") == 0.0
    assert year("2021-12-31") == 2021.0
    done = pd.Series([pd.Timestamp("2022-01-05"), pd.NaT, pd.Timestamp("2021-12-01")], index=["a", "b", "c"])
    late = days_late(done, pd.Timestamp("2021-12-31"))
    assert late["a"] == 5.0 and pd.isna(late["b"]) and late["c"] == 0.0
    assert year(done).tolist()[0] == 2022.0 and pd.isna(year(done)["b"])


@pytest.mark.parametrize("text", ['date("2021-02-30")', 'date("abc")', 'year("明年")', 'days_late("x", "2021-01-01")'])
def test_bad_dates_are_formula_errors(lib, text):
    exc = refused(text, functions=lib.functions())
    assert exc.code == "eval.failed" and "不是日期" in exc.params["detail"]["zh"]


def test_missing_date_gives_missing_not_a_crash(lib):
    value = call(lib, "days_late(snapshot, deadline)", deadline=None)
    assert pd.isna(value)


def test_date_functions_in_formulas(lib):
    assert call(lib, 'days_late(date("2022-01-10"), date("2021-12-31"))') == 10.0
    assert call(lib, 'days_between(date("2021-01-01"), snapshot)') == 364.0
    assert call(lib, "year(snapshot)") == 2021.0
    assert call(lib, 'round(2.5 * 1.1, 1)') == 2.8
    assert call(lib, "abs(-3)") == 3
    assert call(lib, "coalesce(a, 0)", a=series([1.0, np.nan, 3.0, np.nan])) == {"u1": 1.0, "u2": 0.0, "u3": 3.0, "u4": 0.0}
    exc = refused("round(1.5, 20)", functions=lib.functions())
    assert exc.code == "eval.failed"


# --- through the whole pipeline ------------------------------------------------------------

PIPELINE_RULES = {"school.yaml": """\
level: school
task: 建设任务
indicators:
  - id: S_BROKEN
    name: 有错的指标
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 10, 2023-12-31: 20}
    pass: actaul >= target
  - id: S_FINE
    name: 正常的指标
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 10, 2023-12-31: 20}
    pass: actual >= target or likelihood == "确定能"
  - id: S_COUNTED
    name: 台账计数
    type: quantity
    unit: 项
    direction: higher
    actual: cout("led")
    targets: {2021-12-31: 1, 2023-12-31: 2}
  - id: S_DEPENDS
    name: 依赖出错指标
    type: quantity
    unit: 项
    direction: higher
    actual: S_COUNTED + 1
    targets: {2021-12-31: 1, 2023-12-31: 2}
  - id: S_RATE
    name: 执行率
    type: timeliness
    unit: "%"
    direction: higher
    actual: percent(sum("led", "执行"), sum("led", "预算"))
    targets: {2021-12-31: 60, 2023-12-31: 100}
"""}


@pytest.fixture
def pipeline(tmp_path):
    values = "指标编号,实际值,完成可能性\nS_BROKEN,12,\nS_FINE,3,确定能\n"
    write_workspace(tmp_path, PIPELINE_RULES, {"2021-12-31": {"values.csv": values, "led.csv": "预算,执行\n0,5\n"}})
    return tmp_path


def test_unknown_name_in_pass_is_a_rule_error_for_that_indicator_only(pipeline):
    got = by_id(summary_of(pipeline))
    broken = got["S_BROKEN"]
    assert broken["status"] == "error"
    note = broken["cause_note"]
    where, rest = note.split(" ", 1)
    file, line = where.rsplit(":", 1)
    assert Path(file).resolve() == (pipeline / "rules" / "school.yaml").resolve() and line == "10"
    assert rest.startswith("达标条件：")  # the place by its name (schemas' titles), not its key
    assert "actaul" in note and "是不是 actual" in note
    assert got["S_FINE"]["status"] == "achieved"  # same file, evaluated normally
    assert got["S_FINE"]["actual"] == 3


def test_rule_error_note_in_english(pipeline):
    note = by_id(summary_of(pipeline, lang="en"))["S_BROKEN"]["cause_note"]
    assert "school.yaml:10 pass: name actaul in the formula is not defined; did you mean actual?" in note


def test_unknown_function_and_its_dependants(pipeline):
    got = by_id(summary_of(pipeline))
    counted = got["S_COUNTED"]
    assert counted["status"] == "error"
    assert "school.yaml:23 实际值公式：" in counted["cause_note"]
    assert "cout" in counted["cause_note"] and "是不是 count" in counted["cause_note"]
    assert got["S_DEPENDS"]["status"] == "error"
    assert "S_COUNTED" in got["S_DEPENDS"]["cause_note"]


def test_zero_denominator_gives_missing_not_an_error(pipeline):
    rate = by_id(summary_of(pipeline))["S_RATE"]
    assert rate["status"] == "missing" and rate["actual"] is None


def test_every_indicator_gets_a_status(pipeline):
    statuses = {i["id"]: i["status"] for i in summary_of(pipeline).indicators}
    assert statuses == {"S_BROKEN": "error", "S_FINE": "achieved", "S_COUNTED": "error",
                        "S_DEPENDS": "error", "S_RATE": "missing"}


def test_refused_feature_in_a_rule_is_a_rule_error(tmp_path):
    rules = {"school.yaml": PIPELINE_RULES["school.yaml"].replace("pass: actaul >= target",
                                                                  "pass: actual.__class__ is not None")}
    write_workspace(tmp_path, rules, {"2021-12-31": {"values.csv": "指标编号,实际值\nS_BROKEN,1\nS_FINE,20\n",
                                                     "led.csv": "预算,执行\n10,5\n"}})
    got = by_id(summary_of(tmp_path))
    assert got["S_BROKEN"]["status"] == "error" and "不允许使用" in got["S_BROKEN"]["cause_note"]
    assert got["S_FINE"]["status"] == "exceeded"
    assert got["S_RATE"]["actual"] == 50 and got["S_RATE"]["status"] == "in_progress"


def test_capped_indicator_without_data_is_missing(tmp_path):
    rules = {"school.yaml": """\
level: school
task: t
indicators:
  - id: S_RAW
    name: 原始
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 90, 2023-12-31: 100}
  - id: S_CAP
    name: 封顶
    type: quantity
    unit: 项
    direction: higher
    actual: min(S_RAW, 100)
    targets: {2021-12-31: 90, 2023-12-31: 100}
"""}
    write_workspace(tmp_path, rules, {"2021-12-31": {"values.csv": "指标编号,单位,实际值\nS_RAW,a,\nS_RAW,b,50\n"}})
    summary = summary_of(tmp_path)
    b = by_id(summary, "b")
    assert b["S_CAP"]["actual"] == 50 and b["S_CAP"]["status"] == "in_progress"
    a = by_id(summary, "a")
    assert a["S_RAW"]["status"] == "missing"
    assert a["S_CAP"]["status"] == "missing"


def test_date_function_on_missing_deadline_is_one_rule_error(tmp_path):
    rules = {"school.yaml": PIPELINE_RULES["school.yaml"].replace(
        "    pass: actaul >= target\n", "    flags:\n      late: days_late(snapshot, deadline) > 0\n")}
    write_workspace(tmp_path, rules, {"2021-12-31": {"values.csv": "指标编号,实际值\nS_BROKEN,1\nS_FINE,20\n",
                                                     "led.csv": "预算,执行\n10,5\n"}})
    got = by_id(summary_of(tmp_path))
    assert got["S_BROKEN"]["status"] in ("error", "in_progress")
    assert got["S_FINE"]["status"] == "exceeded"


def test_unknown_function_message_without_near_match_keeps_its_separator():
    from engine.text.messages import rule_error_text
    params = {"name": "foo", "near": "", "allowed": "count、sum"}
    assert "不存在；可用函数：count、sum" in rule_error_text("expr.unknown_function", "zh", params)
    assert "does not exist; Functions:" in rule_error_text("expr.unknown_function", "en", params)


def test_unknown_name_message_without_near_match_drops_the_question():
    from engine.text.messages import rule_error_text
    assert rule_error_text("expr.unknown_name", "zh", {"name": "foo", "near": ""}) == "公式中的名称 foo 未定义"
    assert rule_error_text("expr.unknown_name", "en", {"name": "foo", "near": ""}) == "name foo in the formula is not defined"


def test_long_and_chains_are_accepted():
    ex.parse(" and ".join(f"S_{i} > 0" for i in range(100)))


def test_flat_sum_of_many_indicators_is_not_nesting():
    ex.parse(" + ".join(f"S_{i}" for i in range(60)))


ANNUAL_RULES = """\
level: school
task: t
indicators:
  - id: S_AWARDS_YEAR
    name: 当年获奖
    type: quantity
    unit: 项
    direction: higher
    annual: true
    actual: count("awards", where="日期 >= period_start")
    targets: {2021-12-31: 2, 2023-12-31: 2}
  - id: S_AWARDS_ALL
    name: 累计获奖
    type: quantity
    unit: 项
    direction: higher
    actual: count("awards", where="日期 >= period_start")
    targets: {2021-12-31: 2, 2023-12-31: 4}
"""


def test_where_sees_the_annual_period_start(tmp_path):
    # an annual indicator's where= counts only this year's rows; a cumulative one counts from the period start
    write_workspace(tmp_path, {"school.yaml": ANNUAL_RULES}, {"2021-12-31": {
        "values.csv": "指标编号,实际值\n",
        "awards.csv": "日期,名称\n2019-05-01,a\n2020-05-01,b\n2021-05-01,c\n"}})
    got = by_id(summary_of(tmp_path))
    assert got["S_AWARDS_YEAR"]["actual"] == 1 and got["S_AWARDS_YEAR"]["status"] == "in_progress"
    assert got["S_AWARDS_ALL"]["actual"] == 3 and got["S_AWARDS_ALL"]["status"] == "exceeded"


def test_number_formula_giving_a_date_is_a_rule_error(tmp_path):
    rules = ANNUAL_RULES.replace('actual: count("awards", where="日期 >= period_start")\n    targets: {2021-12-31: 2, 2023-12-31: 4}',
                                 'actual: max("awards", "日期")\n    targets: {2021-12-31: 2, 2023-12-31: 4}')
    write_workspace(tmp_path, {"school.yaml": rules}, {"2021-12-31": {
        "values.csv": "指标编号,实际值\n", "awards.csv": "日期,名称\n2021-05-01,c\n"}})
    got = by_id(summary_of(tmp_path))
    assert got["S_AWARDS_ALL"]["status"] == "error"
    assert "日期" in got["S_AWARDS_ALL"]["cause_note"] and "2021-05-01" in got["S_AWARDS_ALL"]["cause_note"]
    assert got["S_AWARDS_YEAR"]["status"] == "in_progress"


@pytest.mark.parametrize("text, zh, en", [
    ("actual >=", "公式不完整，结尾缺少内容", "stops before it is complete"),
    ('count("awards"', "括号“(”没有配对的右括号（第 6 个字符", 'bracket "(" is never closed (character 6'),
    ("actual >= target)", "多了一个“)”（第 17 个字符", 'an extra ")" (character 17'),
    ('level == "国家级', "引号没有配对", "a quote is not closed"),
])
def test_syntax_errors_say_what_and_where_in_words(text, zh, en):
    from engine.text.messages import rule_error_text
    with pytest.raises(ex.ExpressionError) as info:
        ex.parse(text)
    assert zh in rule_error_text(info.value.code, "zh", info.value.params)
    english = rule_error_text(info.value.code, "en", info.value.params)
    assert en in english and not any("\u4e00" <= c <= "\u9fff" for c in english.split('at "')[0])
    assert "第 0 个字符" not in rule_error_text(info.value.code, "zh", info.value.params)


@pytest.mark.parametrize("condition, shown", [("actual - 100", "-99"), ('"actual >= 100"', "actual >= 100")])
def test_a_condition_must_be_true_or_false(tmp_path, condition, shown):
    rules = ANNUAL_RULES.replace('    targets: {2021-12-31: 2, 2023-12-31: 4}',
                                 f"    targets: {{2021-12-31: 2, 2023-12-31: 4}}\n    pass: '{condition}'")
    write_workspace(tmp_path, {"school.yaml": rules}, {"2021-12-31": {
        "values.csv": "指标编号,实际值\n", "awards.csv": "日期,名称\n2021-05-01,c\n"}})
    got = by_id(summary_of(tmp_path))
    assert got["S_AWARDS_ALL"]["status"] == "error"
    assert "条件的结果应为成立或不成立" in got["S_AWARDS_ALL"]["cause_note"] and shown in got["S_AWARDS_ALL"]["cause_note"]
    assert ":19 达标条件：" in got["S_AWARDS_ALL"]["cause_note"]


@pytest.mark.parametrize("text", ["date(20210101)", "year(12)", "days_between(date(20210101), snapshot)"])
def test_a_number_is_not_a_date(lib, text):
    with pytest.raises(ex.ExpressionError) as info:
        call(lib, text)
    assert "不是日期" in info.value.params["detail"]["zh"]


def test_a_filter_value_matches_the_column_as_written(tmp_path):
    """级别="1" in a column of numbers, and 年度=2021 in a column of text, find their rows."""
    rules = {"school.yaml": """\
level: school
task: t
indicators:
  - {id: S_ONE, name: 一, type: quantity, unit: 项, direction: higher, actual: 'count("led", 级别="1")', targets: {2021-12-31: 1}}
  - {id: S_YEAR, name: 年, type: quantity, unit: 项, direction: higher, actual: 'count("led", 年度=2021)', targets: {2021-12-31: 1}}
"""}
    write_workspace(tmp_path, rules, {"2021-12-31": {"values.csv": "指标编号,实际值\n",
                                                     "led.csv": "级别,年度\n1,2021\n2,2020年\n1,2021\n"}})
    got = by_id(summary_of(tmp_path))
    assert got["S_ONE"]["actual"] == 2 and got["S_YEAR"]["actual"] == 2
