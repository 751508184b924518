"""Fuzzing, bounded in time: whatever text, bytes or formula comes in, only jixiao's documented
errors come out — engine.core.problems.InputError when loading rules and snapshots,
engine.evaluate.expressions.ExpressionError when evaluating a formula — never another exception.

Each test runs a fixed number of examples with a per-example deadline, so that the whole file
stays well under a minute on two cores.
"""
from __future__ import annotations

import codecs
import shutil
import tempfile
import warnings
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.evaluate import expressions as ex
from engine.evaluate.evaluator import evaluate
from engine.evaluate.functions import FUNCTION_NAMES, Library
from engine.core.problems import InputError
from engine.load.rules import load_rules
from engine.load.ledgers import Ledger
from engine.load.snapshot import load_snapshot
from engine.summarise.summary import summarise

BASE = Path(__file__).resolve().parent / "bad_inputs" / "_base"
DATE = "2021-12-31"
FUZZ = settings(max_examples=80, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory(prefix="jixiao-fuzz-") as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def base_rules():
    return load_rules(BASE / "rules")


def _fresh(workdir: Path) -> Path:
    ws = workdir / "ws"
    shutil.rmtree(ws, ignore_errors=True)
    shutil.copytree(BASE, ws)
    return ws


# --- the rule loader -------------------------------------------------------------------------

RULE_FILES = {name: (BASE / "rules" / name).read_text(encoding="utf-8")
              for name in ("school.yaml", "settings.yaml", "causes.yaml")}
RULE_FILES["tables.yaml"] = """\
tables:
  - id: awards
    title: 成果
    ledger: awards
    by: 级别
    order: [国家级]
    columns:
      - {id: n, label: 数量, count: true}
      - {id: national, label: 国家级, count: 级别 == "国家级"}
      - {id: share, label: 占比, ratio: [national, n]}
    flags:
      many: n > 1
"""
YAML_PIECES = [":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!", "!!python/name:os.system", "|", ">",
               "'", '"', "#", "%", "@", "`", "?", "\n", "\t", " ", "  ", "<<: ", "---", "...", "~", "null", "yes",
               "2021-02-30", "2021-12-31", "9" * 30, "1e999", "-0", ".nan", "id", "targets", "indicators", "actual",
               "direction", "higher", "grade", "scale", "中文", "\u200b", "\ufeff", "\x85", "\u2028", "\x07", "\\",
               "count(\"awards\")", "__import__", "S_NUM"]
yaml_junk = st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)


@st.composite
def mutated_rule_file(draw):
    name = draw(st.sampled_from(sorted(RULE_FILES)))
    text = RULE_FILES[name]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate_line", "swap_lines"]))
        if kind == "insert":
            text = text[:at] + draw(yaml_junk) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif kind == "replace":
            text = text[:at] + draw(st.sampled_from(YAML_PIECES)) + text[at + 1:]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "duplicate_line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return name, text


rule_input = st.one_of(
    mutated_rule_file(),
    st.tuples(st.sampled_from(sorted(RULE_FILES)), yaml_junk),
    st.tuples(st.just("school.yaml"), st.text(max_size=200)),
)


@FUZZ
@given(rule_input, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_rule_loader_raises_only_input_errors(workdir, file_and_text, encoding):
    name, text = file_and_text
    ws = _fresh(workdir)
    (ws / "rules" / name).write_bytes(text.encode(encoding, errors="replace"))
    try:
        rules = load_rules(ws / "rules")
    except InputError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file and p.message("zh") and p.message("en")
        return
    assert rules.indicators


# --- the snapshot reader ----------------------------------------------------------------------

CELLS = ["", " ", "S_NUM", "S_PCT", "S_DL", "S_GR", "S_AWARDS", "S_NUM ", "Ｓ_ＮＵＭ", "S_NUM\u200b", "12", "１２", "-3",
         "1,200", "1,20", "98.42%", "９８％", "1.2万", "NaN", "inf", "-inf", "1e400", "0x10", "2021-05-01", "2021/5/1",
         "2021年5月1日", "2021-02-30", "未完成", "良", "优", "中", "pandemic", "pandemic;policy", "pandemik",
         "有可能", "确定能", "大概", "国家级", "省级", '"', '""', "a,b", "\n", "\r\n", "\t", "\x00", "中文说明",
         "=SUM(A1)", "#DIV/0!", "TRUE", "甲校", "乙校", "9" * 400]
HEADERS = ["指标编号", "实际值", "单位", "原因代码", "说明", "完成可能性", "佐证材料", "indicator", "actual", "unit",
           "名称", "级别", "日期", "负责人", "", " ", "实际值"]


def _csv_text(rows) -> str:
    def cell(v):
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n\r') else v
    return "".join(",".join(cell(v) for v in row) + "\n" for row in rows)


grid = st.lists(st.lists(st.sampled_from(CELLS), min_size=0, max_size=7), max_size=8)
header = st.lists(st.sampled_from(HEADERS), min_size=0, max_size=7)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"])
table_bytes = st.one_of(
    st.tuples(header, grid, encodings).map(lambda t: _csv_text([t[0]] + t[1]).encode(t[2], errors="replace")),
    st.binary(max_size=300),
    st.tuples(header, grid).map(lambda t: codecs.BOM_UTF8 + _csv_text([t[0]] + t[1]).encode("utf-8")[:150]),
)
VALUES_TEXT = (BASE / "datasets" / DATE / "values.csv").read_text(encoding="utf-8")


@FUZZ
@given(st.sampled_from(["values.csv", "awards.csv"]), table_bytes)
def test_snapshot_reader_raises_only_input_errors(workdir, base_rules, name, data):
    ws = _fresh(workdir)
    (ws / "datasets" / DATE / name).write_bytes(data)
    try:
        snap = load_snapshot(ws / "datasets", DATE, base_rules)
    except InputError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file and p.message("zh") and p.message("en")
        return
    assert set(snap.values["indicator"]) <= {i.id for i in base_rules.indicators}


@settings(FUZZ, max_examples=50)
@given(st.lists(st.tuples(st.sampled_from(CELLS), st.sampled_from(CELLS)), max_size=12))
def test_value_cells_are_read_or_refused(workdir, base_rules, cells):
    """Cells in the columns that matter, in an otherwise valid table."""
    ws = _fresh(workdir)
    rows = [["指标编号", "实际值", "原因代码", "说明", "完成可能性"]] + [[i, a, "", "", ""] for i, a in cells]
    (ws / "datasets" / DATE / "values.csv").write_text(_csv_text(rows), encoding="utf-8")
    try:
        snap = load_snapshot(ws / "datasets", DATE, base_rules)
    except InputError as exc:
        assert all(p.file.endswith("values.csv") for p in exc.problems)
        return
    # whatever was read must evaluate: a bad cell is a problem or a rule error, never a crash
    summary = summarise(evaluate(base_rules, snap))
    assert {i["id"] for i in summary.indicators} == {i.id for i in base_rules.indicators}


# --- the expression evaluator -----------------------------------------------------------------

UNITS = ["u1", "u2", "u3"]
LEDGER = pd.DataFrame({
    "名称": ["甲", "乙", "丙", "丁"], "级别": ["国家级", "省级", "国家级", np.nan],
    "金额": [1.5, 2.0, np.nan, 1e300], "日期": pd.to_datetime(["2021-01-01", "2021-06-30", None, "2020-02-29"]),
    "__row": [2, 3, 4, 5], "__unit": ["u1", "u1", "u2", "u3"]})


def _names():
    actual = pd.Series([1.0, np.nan, 98.5], index=pd.Index(UNITS, name="unit"))
    return {"actual": actual, "target": 10, "final_target": 20, "S_NUM": actual * 2, "likelihood":
            pd.Series(["确定能", None, "有可能"], index=actual.index), "note": "说明", "name": "指标",
            "snapshot": pd.Timestamp(DATE), "period_start": pd.Timestamp("2019-01-01"), "deadline": None,
            "gap": 10 - actual, "completion": actual * 10, "unit_id": pd.Series(UNITS, index=actual.index)}


NAMES = sorted(_names()) + ["unknown_name", "__import__", "_x", "__builtins__", "open", "getattr", "eval", "True",
                            "None", "nan", "inf", "count", "sum"]
FUNCS = list(FUNCTION_NAMES) + ["getattr", "open", "eval", "exec", "__import__", "type", "len", "str", "format",
                                "globals", "vars", "print", "unknown"]
atoms = st.one_of(
    st.sampled_from(NAMES),
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["0", "1e308", "1e999", "9**9", "-0.0", "10**100", "2**1000", "1e16", "0.1", "'国家级'", "'x'",
                     "'2021-12-31'", "'金额'", "'awards'", "'led'", "'%s'", "'{0}'", "'" + "x" * 600 + "'", "[]",
                     "[1, 2, 3]", "['国家级', '省级']", "()", "(1,)", '"日期 <= snapshot"', '"金额 > 1"', '"__x"',
                     "b'x'", "...", "1j"]),
)


def _combine(children):
    binop = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", "<=", ">",
                                                 ">=", "and", "or", "in", "not in", "if 1 else", "|", "&", "^",
                                                 "<<", ">>", "@", "is"]), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    unary = st.tuples(st.sampled_from(["-", "+", "not ", "~"]), children).map(lambda t: f"({t[0]}{t[1]})")
    call = st.tuples(st.sampled_from(FUNCS), st.lists(children, max_size=3),
                     st.lists(st.tuples(st.sampled_from(["where", "级别", "金额", "__unit", "x", "digits"]), children),
                              max_size=2)).map(
        lambda t: f"{t[0]}({', '.join(list(t[1]) + [f'{k}={v}' for k, v in t[2]])})")
    ledger_call = st.tuples(st.sampled_from(["count", "sum", "mean", "min", "max"]),
                            st.sampled_from(["'led'", "'nope'", "1"]),
                            st.sampled_from(["", ", '金额'", ", '日期'", ", '名称'", ", '无'", ", where='金额 > 1'",
                                             ", 级别='国家级'", ", 级别=['国家级', '省级']", ", where='year(日期) == 2021'",
                                             ", where='日期.year'", ", where='(lambda: 1)()'"])).map(
        lambda t: f"{t[0]}({t[1]}{t[2]})")
    listed = st.lists(children, max_size=4).map(lambda xs: f"[{', '.join(xs)}]")
    ifexp = st.tuples(children, children, children).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})")
    escape = st.tuples(children, st.sampled_from([".__class__", ".__class__.__mro__", "[0]", "[::-1]", ".to_csv",
                                                  ".format(1)", ".real", "()", "(1)"])).map("".join)
    junk = st.sampled_from(["lambda: 1", "[x for x in [1]]", "{1: 2}", "{1}", "f'{actual}'", "(y := 1)",
                            "__import__('os').system('true')", "().__class__.__bases__[0].__subclasses__()",
                            "'{0.__class__}'.format(actual)", "'%999999999d' % 1", "'x' * 10**9", "[1] * 10**9",
                            "9**9**9", "-" * 150 + "1", "(" * 150 + "1" + ")" * 150, "not " * 200 + "1",
                            "actual >= target &&", "import os", "x = 1", "await x", "yield x", "*actual",
                            "print(1)", "actual\n+ 1", "# comment", "1 if", "'unterminated"])
    return st.one_of(binop, unary, call, ledger_call, listed, ifexp, escape, junk)


formula = st.one_of(st.recursive(atoms, _combine, max_leaves=12), st.text(max_size=60),
                    st.tuples(st.recursive(atoms, _combine, max_leaves=6), st.text(max_size=8)).map("".join))


@settings(max_examples=500, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
@given(formula)
def test_expressions_raise_only_expression_errors(text):
    ledgers = {"led": Ledger("led", "led.csv", LEDGER.copy())}
    library = Library(ledgers, UNITS, pd.Timestamp(DATE), pd.Timestamp("2019-01-01"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy's overflow warnings are not errors
        try:
            tree = ex.parse(text)
            result = ex.evaluate(tree, text, _names(), library.functions())
        except ex.ExpressionError as exc:
            assert exc.code in ("expr.syntax", "expr.feature", "eval.failed", "eval.unknown_ledger",
                                "eval.unknown_column", "eval.not_number", "expr.unknown_function")
            return
    if isinstance(result, str):
        assert len(result) <= 10_000
    if isinstance(result, (list, tuple)):
        assert len(result) <= ex.MAX_LIST * 2


# --- numbers at float extremes and control characters, through every summary format (issue 13) ----

from engine.render import formats  # noqa: E402

number_cells = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["1e15", "-1e15", "1e24", "1e26", "1e308", "1.7976931348623157e308", "1e-9", "1e-300",
                     "5e-324", "-0.0", "0", "1e999"]),
)
control_text = st.text(st.characters(codec="utf-8", categories=("Cc", "Lo", "Nd", "Zs")), max_size=12)


@settings(FUZZ, max_examples=40)
@given(number_cells, control_text)
def test_extreme_numbers_and_control_characters_render_in_every_format(workdir, base_rules, number, note):
    """A number is read (and then printed in every format) or refused with its cell; a staff note with
    BEL, ESC or NUL reaches every format, the workbook included, without an error."""
    ws = _fresh(workdir)
    note = note.replace("\r", "").replace("\n", "")
    rows = [["指标编号", "实际值", "原因代码", "说明", "完成可能性"], ["S_NUM", number, "", note, ""],
            ["S_PCT", number + "%", "", note, ""], ["S_DL", "2021-05-01", "", "", ""], ["S_GR", "良", "", "", ""]]
    (ws / "datasets" / DATE / "values.csv").write_text(_csv_text(rows), encoding="utf-8")
    try:
        snap = load_snapshot(ws / "datasets", DATE, base_rules)
    except InputError as exc:
        if "\x00" in note:  # a CSV holding NUL is not text in any encoding jixiao reads: refused as a whole
            assert [p.code for p in exc.problems] == ["table.encoding"], exc.problems
            return
        assert {p.code for p in exc.problems} <= {"table.bad_number", "table.number_out_of_range"}, exc.problems
        assert all(p.line in (2, 3) and p.col == 2 for p in exc.problems)
        return
    summary = summarise(evaluate(base_rules, snap))
    for name in formats.choices("summary"):
        out = formats.renderer("summary", name)(summary)
        assert out
