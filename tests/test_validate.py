"""`jixiao validate`: every problem of the rules and of all snapshots at once, each at its
file:line:column with a level, a code, a Chinese message and the fix (issue 4)."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from helpers import ROOT, write_workspace
from engine.load import rules_check
from engine.cli.app import main
from engine.evaluate.functions import Library
from engine.text.messages import PROBLEMS
from engine.load.rules import load_rules
from engine.check.context import load_context
from engine.check.validate import validate

PARSABLE = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: (?P<level>error|warning): "
                      r"(?P<message>.*) \[(?P<code>[a-z_]+\.[a-z_]+)\]$")


def jixiao(capsys, monkeypatch, cwd: Path, *args) -> tuple[int, str, str]:
    """Run the real command line in-process in cwd: (exit code, stdout, stderr)."""
    monkeypatch.chdir(cwd)
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def parsed(out: str) -> list[dict]:
    rows = []
    for line in out.splitlines():
        m = PARSABLE.match(line)
        assert m, f"not in file:line:col: level: message [code] form: {line!r}"
        row = m.groupdict()
        row["line"] = int(row["line"]) if row["line"] else None
        row["col"] = int(row["col"]) if row["col"] else None
        rows.append(row)
    return rows


def line_of(text: str, marker: str) -> int:
    [n] = [k for k, line in enumerate(text.splitlines(), 1) if marker in line]
    return n


# --- a rule file with many mistakes ------------------------------------------------------------------

MISTAKES = """\
level: school
task: 建设任务
indicators:
  - id: S_DIRECTON
    name: 拼错的键
    type: quantity
    unit: 项
    directon: higher                              # M01
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_DUP
    name: 重复的目标日期
    type: quantity
    unit: 项
    direction: higher
    targets:
      2021-12-31: 5
      2021-12-31: 6                               # M02
      2023-12-31: 9
  - id: S_CAUSE
    name: 未知的原因代码
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 5, 2023-12-31: 8}
    causes:
      - when: actual < target
        cause: pandemmic                          # M03
  - id: S_SYNTAX
    name: 公式语法错误
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 5, 2023-12-31: 8}
    pass: actual >= target and                    # M04
  - id: S_FUNC
    name: 未知函数
    type: quantity
    unit: 项
    direction: higher
    actual: cnt("awards")                         # M05
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_LEDGER
    name: 未知台账
    type: quantity
    unit: 项
    direction: higher
    actual: count("award")                        # M06
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_COLUMN
    name: 未知列
    type: quantity
    unit: 万元
    direction: higher
    actual: sum("awards", "金额x")                 # M07
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_FILTER
    name: 筛选值写错
    type: quantity
    unit: 项
    direction: higher
    actual: count("awards", 级别="国家級")          # M08
    targets: {2021-12-31: 1, 2023-12-31: 2}
  - id: S_REF
    name: 引用不存在的指标
    type: quantity
    unit: 项
    direction: higher
    actual: S_FILTER + S_NOPE1                    # M09
    targets: {2021-12-31: 1, 2023-12-31: 2}
  - id: S_DECREASE
    name: 累计目标下降
    type: quantity
    unit: 项
    direction: higher
    targets:
      2020-12-31: 40
      2021-12-31: 4                               # M10
      2023-12-31: 50
  - id: S_NOFINAL
    name: 没有最终目标
    type: quantity
    unit: 项
    direction: higher
    targets:
      2021-12-31: 3                               # M11
  - id: S_OUTSIDE
    name: 目标日期超出建设期
    type: quantity
    unit: 项
    direction: higher
    targets:
      2021-12-31: 3
      2024-12-31: 5                               # M12
  - id: S_COST
    name: 越高越好的成本
    type: cost
    unit: 万元
    direction: higher                             # M13
    targets: {2021-12-31: 100, 2023-12-31: 200}
  - id: S_RATE
    name: 超过 100 的比率
    type: quality
    unit: "%"
    direction: higher
    targets: {2021-12-31: 80, 2023-12-31: 120}    # M14
  - id: S_NEVER
    name: 永远不成立的达标条件
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 5, 2023-12-31: 8}
    pass: actual > target and actual < target     # M15
  - id: S_ALWAYS
    name: 凡达标都超额
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 5, 2023-12-31: 8}
    overshoot: actual >= target                   # M16
  - id: S_NOTE
    name: 说明模板中的占位符写错
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 5, 2023-12-31: 8}
    causes:
      - when: actual < target
        cause: policy
        note: 还差 {gapp} 项                       # M17
  - id: S_KIND
    name: 目标与方向不符
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 优, 2023-12-31: 8}      # M18
  - id: S_WHERE
    name: where 中的列名写错
    type: quantity
    unit: 万元
    direction: higher
    actual: sum("awards", "金额", where="日期x <= snapshot")   # M19
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_PASSALL
    name: 永远成立的达标条件
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 5, 2023-12-31: 8}
    pass: actual >= target or actual < target     # M21
  - id: S_WHERESYNTAX
    name: where 条件写了一半
    type: quantity
    unit: 项
    direction: higher
    actual: count("awards", where="日期 <= ")       # M22
    targets: {2021-12-31: 1, 2023-12-31: 2}
  - id: S_NOROW                                   # M20
    name: 数值表中没有这一行
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 5, 2023-12-31: 8}
"""

EXPECTED = {  # marker -> problem code reported on that line
    "M01": "schema.unknown_key", "M02": "yaml.duplicate_key", "M03": "rules.unknown_cause",
    "M04": "expr.syntax", "M05": "expr.unknown_function", "M06": "validate.unknown_ledger",
    "M07": "validate.unknown_column", "M08": "validate.filter_value_unseen", "M09": "validate.unknown_indicator",
    "M10": "validate.target_decreases", "M11": "validate.no_final_target", "M12": "validate.date_outside_period",
    "M13": "validate.direction_type", "M14": "validate.rate_range", "M15": "validate.pass_never",
    "M16": "validate.overshoot_always", "M17": "validate.note_placeholder", "M18": "rules.target_kind",
    "M19": "validate.unknown_column", "M20": "validate.no_value_row", "M21": "validate.pass_always",
    "M22": "validate.where_syntax",
}

AWARDS = """\
日期,级别,名称,金额
2020-05-01,国家级,全国奖项,10
2021-03-01,省级,省级奖项,5
"""
VALUES = "指标编号,实际值\n" + "".join(f"{i},3\n" for i in (
    "S_DIRECTON", "S_DUP", "S_CAUSE", "S_SYNTAX", "S_DECREASE", "S_NOFINAL", "S_OUTSIDE", "S_COST", "S_RATE",
    "S_NEVER", "S_ALWAYS", "S_NOTE", "S_KIND", "S_PASSALL"))


@pytest.fixture
def mistakes(tmp_path):
    return write_workspace(tmp_path, {"school.yaml": MISTAKES},
                           {"2021-12-31": {"values.csv": VALUES, "awards.csv": AWARDS}})


def test_every_mistake_of_a_rule_file_is_reported_at_its_line(mistakes, capsys, monkeypatch):
    code, out, err = jixiao(capsys, monkeypatch, mistakes, "validate", "--format", "parsable")
    assert code == 2 and err == ""
    found = {(p["file"], p["line"], p["code"]) for p in parsed(out)}
    for marker, expected in EXPECTED.items():
        line = line_of(MISTAKES, marker)
        assert ("rules/school.yaml", line, expected) in found, (marker, expected, line, sorted(found))
    assert len(EXPECTED) >= 10 and len({c for c in EXPECTED.values()}) >= 10


def test_columns_point_at_the_mistake_inside_the_formula(mistakes, capsys, monkeypatch):
    _, out, _ = jixiao(capsys, monkeypatch, mistakes, "validate", "--format", "parsable")
    rows = parsed(out)

    def at(marker, code):
        line = line_of(MISTAKES, marker)
        [p] = [p for p in rows if p["line"] == line and p["code"] == code]
        return p["col"]
    lines = MISTAKES.splitlines()
    assert lines[line_of(MISTAKES, "M06") - 1][at("M06", "validate.unknown_ledger") - 1:].startswith("award\")")
    assert lines[line_of(MISTAKES, "M07") - 1][at("M07", "validate.unknown_column") - 1:].startswith("金额x")
    assert lines[line_of(MISTAKES, "M09") - 1][at("M09", "validate.unknown_indicator") - 1:].startswith("S_NOPE1")
    assert lines[line_of(MISTAKES, "M19") - 1][at("M19", "validate.unknown_column") - 1:].startswith("日期x")


def test_messages_are_chinese_with_a_fix_and_name_the_near_miss(mistakes):
    problems = validate(mistakes / "rules", mistakes / "datasets").problems
    by_code = {}
    for p in problems:
        by_code.setdefault(p.code, p)
        assert re.search(r"[\u4e00-\u9fff]", p.message("zh")), p.code
        assert p.message("en") != p.message("zh")
    assert "是不是 国家级" in by_code["validate.filter_value_unseen"].fix("zh")
    assert "是不是 金额" in by_code["validate.unknown_column"].fix("zh")
    assert "是不是 awards" in by_code["validate.unknown_ledger"].fix("zh")
    assert "是不是 count" in by_code["expr.unknown_function"].fix("zh")
    assert "{gapp}" in by_code["validate.note_placeholder"].message("zh")
    assert "是不是 gap" in by_code["validate.note_placeholder"].fix("zh")
    assert by_code["validate.direction_type"].message("zh") == "成本指标却是越高越好（达标方向 higher）"
    assert by_code["validate.target_decreases"].message("zh") == "累计目标下降：2021-12-31 的目标 4 低于 2020-12-31 的 40"


def test_human_format_groups_by_file_and_counts(mistakes, capsys, monkeypatch):
    code, out, _ = jixiao(capsys, monkeypatch, mistakes, "validate")
    assert code == 2
    assert out.splitlines()[0] == "rules/school.yaml"
    assert "→ 修改：" in out and "[validate.pass_never]" in out
    assert re.search(r"共 \d+ 个错误，\d+ 个警告", out)
    assert "已检查：规则 rules（22 个指标），快照 2021-12-31" in out


def test_json_format(mistakes, capsys, monkeypatch):
    code, out, _ = jixiao(capsys, monkeypatch, mistakes, "validate", "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert {"file", "line", "column", "path", "level", "code", "message", "fix"} <= set(data[0])
    ledger = next(d for d in data if d["code"] == "validate.unknown_ledger")
    assert ledger["level"] == "error" and ledger["line"] == line_of(MISTAKES, "M06")
    assert ledger["path"] == "indicators[5].actual"
    assert "台账 award 不存在" in ledger["message"] and "指标 S_LEDGER 为“规则错误”" in ledger["message"]
    assert all(d["fix"] for d in data)
    never = next(d for d in data if d["code"] == "validate.pass_never")
    assert never["level"] == "warning"


def test_english(mistakes, capsys, monkeypatch):
    _, out, _ = jixiao(capsys, monkeypatch, mistakes, "validate", "--format", "json", "--lang", "en")
    data = json.loads(out)
    ledger = next(d for d in data if d["code"] == "validate.unknown_ledger")
    assert ledger["message"].startswith("ledger award does not exist")


# --- exit codes ---------------------------------------------------------------------------------------

def test_shipped_rules_and_datasets_have_no_problem(capsys, monkeypatch):
    code, out, err = jixiao(capsys, monkeypatch, ROOT, "validate", "--format", "parsable")
    assert (code, out, err) == (0, "", "")


def test_shipped_default_human_output(capsys, monkeypatch):
    code, out, _ = jixiao(capsys, monkeypatch, ROOT, "validate")
    assert code == 0
    assert out == ("共 0 个错误，0 个警告\n"
                   "已检查：规则 rules（215 个指标），快照 2019-12-31、2020-12-31、2021-12-31\n")


def test_demo_reports_its_deliberate_rule_error_and_the_missing_row(capsys, monkeypatch):
    code, out, _ = jixiao(capsys, monkeypatch, ROOT / "examples" / "demo", "validate", "--format", "parsable")
    assert code == 2
    rows = [(p["file"], p["line"], p["level"], p["code"]) for p in parsed(out)]
    assert rows == [("rules/school.yaml", 124, "error", "validate.unknown_ledger"),
                    ("rules/school.yaml", 181, "warning", "validate.no_value_row")]


WARNING_ONLY = """\
level: school
task: 建设任务
indicators:
  - id: S_A
    name: 只有一个目标
    type: quantity
    unit: 项
    direction: higher
    targets:
      2021-12-31: 5
"""


def test_warnings_alone_exit_0(tmp_path, capsys, monkeypatch):
    root = write_workspace(tmp_path, {"school.yaml": WARNING_ONLY}, {"2021-12-31": {"values.csv": "指标编号,实际值\nS_A,5\n"}})
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "--format", "parsable")
    assert code == 0
    assert out == ("rules/school.yaml:10:7: warning: 最后一个目标在 2021-12-31，早于建设期结束 2023-12-31：没有最终目标 "
                   "[validate.no_final_target]\n")


def test_a_clean_workspace_exits_0(tmp_path, capsys, monkeypatch):
    text = WARNING_ONLY + "      2023-12-31: 8\n"
    root = write_workspace(tmp_path, {"school.yaml": text}, {"2021-12-31": {"values.csv": "指标编号,实际值\nS_A,5\n"}})
    assert jixiao(capsys, monkeypatch, root, "validate", "--format", "parsable") == (0, "", "")


# --- every snapshot, every stage, in one run -----------------------------------------------------------

FORMULA_RULE = WARNING_ONLY.replace("      2021-12-31: 5\n", "      2021-12-31: 5\n      2023-12-31: 8\n") + """\
  - id: S_B
    name: 由台账计算
    type: quantity
    unit: 万元
    direction: higher
    actual: sum("funds", "执行")
    targets: {2021-12-31: 5, 2023-12-31: 8}
"""


def test_rule_and_snapshot_problems_of_all_snapshots_are_listed_together(tmp_path, capsys, monkeypatch):
    root = write_workspace(tmp_path, {"school.yaml": FORMULA_RULE.replace("      2023-12-31: 8\n", "", 1)}, {
        "2019-12-31": {"values.csv": "指标编号,实际值\nS_A,abc\n", "funds.csv": "预算,执行\n10,5\n"},
        "2020-12-31": {"values.csv": "指标编号,实际值\nS_A,2\nS_X,1\n", "funds.csv": "预算,执行\n10,5\n"},
        # a broken value table, and a ledger without the column: both reported
        "2021-12-31": {"values.csv": "指标编号,实际值\nS_A,1.2.3\n", "funds.csv": "预算,支出\n10,5\n"},
        "2021-13-01": {"values.csv": "指标编号,实际值\n"},
    })
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "--format", "parsable")
    assert code == 2
    rows = {(p["file"], p["line"], p["code"]) for p in parsed(out)}
    assert ("rules/school.yaml", 10, "validate.no_final_target") in rows
    assert ("datasets/2019-12-31/values.csv", 2, "table.bad_number") in rows
    assert ("datasets/2020-12-31/values.csv", 3, "table.unknown_indicator") in rows
    assert ("datasets/2021-12-31/values.csv", 2, "table.bad_number") in rows
    assert ("rules/school.yaml", 16, "validate.unknown_column") in rows  # read from the broken 2021 snapshot
    assert ("datasets/2021-13-01", None, "validate.not_a_snapshot") in rows
    unknown = next(p for p in parsed(out) if p["code"] == "validate.unknown_column")
    assert "执行" in unknown["message"] and "2021-12-31" in unknown["message"]


def test_a_broken_settings_file_still_lets_the_indicator_checks_run(tmp_path, capsys, monkeypatch):
    root = write_workspace(tmp_path, {"settings.yaml": "settings:\n  period: {start: 2019-01-01}\n",
                                      "school.yaml": FORMULA_RULE.replace('"执行"', '"执形"')},
                           {"2021-12-31": {"values.csv": "指标编号,实际值\nS_A,5\n", "funds.csv": "预算,执行\n10,5\n"}})
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "--format", "parsable")
    codes = {p["code"] for p in parsed(out)}
    assert code == 2 and {"schema.required", "validate.unknown_column"} <= codes


def test_a_missing_rules_folder_is_reported(tmp_path, capsys, monkeypatch):
    code, out, _ = jixiao(capsys, monkeypatch, tmp_path, "validate", "--format", "parsable")
    assert code == 2
    assert "找不到文件夹 rules" in out and "[dir.missing]" in out


def test_summed_column_with_text_is_reported_at_the_ledger_cell(tmp_path, capsys, monkeypatch):
    root = write_workspace(tmp_path, {"school.yaml": FORMULA_RULE},
                           {"2021-12-31": {"values.csv": "指标编号,实际值\nS_A,5\n",
                                           "funds.csv": "预算,执行\n10,5\n20,1,2OO\n".replace("1,2OO", '"1,2OO"')}})
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "--format", "parsable")
    assert code == 2
    [p] = parsed(out)
    assert (p["file"], p["line"], p["col"], p["code"]) == ("datasets/2021-12-31/funds.csv", 3, 2, "validate.column_not_number")
    assert "1,2OO" in p["message"] and "S_B" in p["message"]


def test_a_value_that_a_formula_overrides_is_a_warning(tmp_path, capsys, monkeypatch):
    root = write_workspace(tmp_path, {"school.yaml": FORMULA_RULE},
                           {"2021-12-31": {"values.csv": "指标编号,实际值,说明\nS_A,5,\nS_B,7,已付款\n",
                                           "funds.csv": "预算,执行\n10,5\n"}})
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "--format", "parsable")
    assert code == 0
    [p] = parsed(out)
    assert (p["file"], p["line"], p["col"], p["code"]) == ("datasets/2021-12-31/values.csv", 3, 2, "validate.value_ignored")
    assert "rules/school.yaml:17" in p["message"]


def test_missing_rows_once_per_indicator_and_snapshot_and_not_due_ones_say_so(tmp_path):
    root = write_workspace(tmp_path, {"school.yaml": FORMULA_RULE}, {
        "2020-12-31": {"values.csv": "指标编号,实际值\n", "funds.csv": "预算,执行\n10,5\n"},
        "2021-12-31": {"values.csv": "指标编号,实际值\n", "funds.csv": "预算,执行\n10,5\n"}})
    found = [p for p in validate(root / "rules", root / "datasets").problems if p.code == "validate.no_value_row"]
    assert [(p.line, p.params["snapshot"]) for p in found] == [(4, "2020-12-31"), (4, "2021-12-31")]
    assert "未到期" in found[0].message("zh") and "数据缺失" in found[1].message("zh")


# --- PATH arguments ------------------------------------------------------------------------------------

def test_paths_limit_the_report_to_what_they_name(tmp_path, capsys, monkeypatch):
    root = write_workspace(tmp_path, {"school.yaml": FORMULA_RULE.replace("      2023-12-31: 8\n", "", 1),
                                      "group.yaml": WARNING_ONLY.replace("S_A", "G_A").replace("school", "group")},
                           {"2020-12-31": {"values.csv": "指标编号,实际值\nS_A,x\nG_A,1\n", "funds.csv": "预算,执行\n1,1\n"},
                            "2021-12-31": {"values.csv": "指标编号,实际值\nS_A,5\n", "funds.csv": "预算,执行\n1,1\n"}})
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "rules/school.yaml", "--format", "parsable")
    assert {p["file"] for p in parsed(out)} == {"rules/school.yaml"} and code == 0
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "datasets/2021-12-31", "--format", "parsable")
    rows = [(p["file"], p["code"]) for p in parsed(out)]
    assert rows == [("rules/group.yaml", "validate.no_value_row")] and code == 0  # G_A has no row in 2021 only
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "datasets/2020-12-31")
    assert code == 2 and "table.bad_number" in out and "no_final_target" not in out
    assert "另有 2 个问题不在所列路径中" in out  # the two rule files' missing final targets
    code, out, _ = jixiao(capsys, monkeypatch, root, "validate", "nowhere", "--format", "parsable")
    assert code == 2 and parsed(out)[0]["code"] == "validate.path_missing"


# --- consistency with the engine -------------------------------------------------------------------------

FORMULA_ERRORS = WARNING_ONLY.replace("      2021-12-31: 5\n", "      2021-12-31: 5\n      2023-12-31: 8\n") + """\
  - id: S_B
    name: 各种公式错误
    type: quantity
    unit: 项
    direction: higher
    actual: S_A + S_Q9
    pass: actual >= targt
    overshoot: actual > target * 2 +
    flags:
      low: completion < 50 and fooo(1)
      ok: actual > 1
    causes:
      - when: actual < target and notes == "x"
        cause: policy
      - when: actual.real < 1
        cause: policy
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_C
    name: 循环
    type: quantity
    unit: 项
    direction: higher
    actual: S_D + 1
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_D
    name: 循环
    type: quantity
    unit: 项
    direction: higher
    actual: S_C + 1
    targets: {2021-12-31: 5, 2023-12-31: 8}
"""


def test_formula_problems_are_exactly_those_that_evaluate_turns_into_rule_errors(tmp_path):
    root = write_workspace(tmp_path, {"school.yaml": FORMULA_ERRORS}, {})
    rules = load_rules(root / "rules")
    expected = sorted((i, f.field) for i, errors in rules_check.formula_errors(rules).items() for _, _, f in errors)
    problems = validate(root / "rules", None).problems
    by_id = {ind.index: ind.id for ind in rules.indicators}
    got = sorted((by_id[int(re.match(r"indicators\[(\d+)\]", p.path).group(1))], p.path.split(".")[1].split("[")[0])
                 for p in problems if p.code.startswith("expr.") or p.code == "validate.unknown_indicator")
    assert got == expected
    lines = FORMULA_ERRORS.splitlines()
    for p in problems:
        if p.code.startswith("expr.") or p.code == "validate.unknown_indicator":
            assert p.level == "error" and p.line and p.col, p
    located = {(p.code, lines[p.line - 1].strip().split(":")[0]) for p in problems}
    assert ("validate.unknown_indicator", "actual") in located
    assert ("expr.unknown_name", "pass") in located and ("expr.syntax", "overshoot") in located
    assert ("expr.unknown_function", "low") in located and ("expr.unknown_name", "- when") in located
    assert ("expr.feature", "- when") in located and ("expr.cycle", "actual") in located


def test_conditions_that_depend_on_more_than_the_actual_value_are_not_called_constant(tmp_path):
    text = WARNING_ONLY.replace("      2021-12-31: 5\n", "      2021-12-31: 5\n      2023-12-31: 8\n") + """\
  - id: S_B
    name: 可能性
    type: quantity
    unit: 项
    direction: higher
    pass: actual >= target or likelihood == "确定能"
    overshoot: actual >= target + 1
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_C
    name: 引用其他指标
    type: quantity
    unit: 项
    direction: higher
    pass: S_A > 100
    targets: {2021-12-31: 5, 2023-12-31: 8}
  - id: S_D
    name: 等级
    type: quality
    unit: 等级
    direction: grade
    scale: [优, 良, 合格]
    pass: actual in ["优", "良"]
    targets: {2021-12-31: 良, 2023-12-31: 优}
  - id: S_E
    name: 期限
    type: timeliness
    unit: 日期
    direction: deadline
    deadline: 2021-12-31
    pass: days_late(actual, deadline) <= 30
"""
    root = write_workspace(tmp_path, {"school.yaml": text}, {})
    assert [p.code for p in validate(root / "rules", None).problems] == []


def test_the_recording_library_changes_nothing_by_default():
    import pandas as pd
    lib = Library({}, ["u"], pd.Timestamp("2021-12-31"), pd.Timestamp("2019-01-01"))
    assert lib.calls is None


def test_every_code_validate_and_explain_use_has_chinese_and_english_texts():
    from test_rule_loading import text_keys
    codes = set()
    for path in sorted((ROOT / "engine").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        codes |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                  and re.fullmatch(r"(validate|explain|expr)\.[a-z_]+", n.value) and id(n) not in text_keys(tree)}
    assert {"validate.unknown_ledger", "validate.pass_never", "explain.unknown_id", "expr.cycle"} <= codes
    codes |= {"expr.syntax", "expr.feature", "expr.unknown_name", "expr.unknown_function"}  # raised by expressions.py
    for code in codes:
        zh, fix_zh, en, fix_en = PROBLEMS[code]
        assert re.search(r"[\u4e00-\u9fff]", zh) and fix_zh and en and fix_en and zh != en, code


def test_context_reads_what_it_can_of_a_broken_rule_set(mistakes):
    ctx, problems = load_context(mistakes / "rules")
    assert not ctx.complete and problems
    assert len(ctx.rules.indicators) == 22 and ctx.period == ("2019-01-01", "2023-12-31")


def test_filter_values_are_compared_as_the_ledger_reads_them(tmp_path):
    text = WARNING_ONLY.replace("      2021-12-31: 5\n", "      2021-12-31: 5\n      2023-12-31: 8\n") + """\
  - id: S_B
    name: 数字、日期和列表筛选
    type: quantity
    unit: 项
    direction: higher
    actual: count("awards", 年度=2021, 日期="2021-03-01") + count("awards", 级别=["国家级", "省級"])
    targets: {2021-12-31: 1, 2023-12-31: 2}
  - id: S_C
    name: 写成小数的百分比
    type: quality
    unit: "%"
    direction: higher
    targets: {2021-12-31: 0.9, 2023-12-31: 0.95}
  - id: S_D
    name: 日期单位却比较数字
    type: timeliness
    unit: 日期
    direction: higher
    targets: {2021-12-31: 1, 2023-12-31: 1}
"""
    root = write_workspace(tmp_path, {"school.yaml": text}, {"2021-12-31": {
        "values.csv": "指标编号,实际值\nS_A,5\nS_C,0.95\nS_D,1\n",
        "awards.csv": "年度,日期,级别\n2021,2021-03-01,国家级\n2020,2020-03-01,省级\n"}})
    problems = validate(root / "rules", root / "datasets").problems
    assert [(p.code, p.params.get("value")) for p in problems] == [
        ("validate.filter_value_unseen", "省級"), ("validate.rate_fraction", "0.9"), ("validate.date_unit", None)]
    assert problems[1].fix("zh") == "写成 90（表示 90%）；数值表中的实际值也写百分数"


def test_overshoot_with_numbers_in_it_is_tried_against_the_same_candidates_as_pass(tmp_path):
    text = WARNING_ONLY.replace("      2021-12-31: 5\n", "      2021-12-31: 5\n      2023-12-31: 8\n") + """\
  - id: S_B
    name: 超额条件写反
    type: satisfaction
    unit: "%"
    direction: higher
    overshoot: actual < target - 1
    targets: {2021-12-31: 95, 2023-12-31: 95}
  - id: S_C
    name: 超额幅度
    type: satisfaction
    unit: "%"
    direction: higher
    overshoot: actual >= target + 1
    targets: {2021-12-31: 95, 2023-12-31: 95}
  - id: S_D
    name: 达标条件与可能性
    type: quantity
    unit: 项
    direction: higher
    pass: actual >= target * 0.9 or likelihood == "确定能"
    overshoot: actual >= target * 0.9
    targets: {2021-12-31: 10, 2023-12-31: 20}
"""
    root = write_workspace(tmp_path, {"school.yaml": text}, {})
    problems = validate(root / "rules", None).problems
    assert [(p.code, p.line) for p in problems] == [("validate.overshoot_never", 17)]


def test_blank_cells_a_sum_leaves_out_are_a_warning_at_the_first_one(tmp_path, capsys, monkeypatch):
    rules = {"school.yaml": "level: school\ntask: t\nindicators:\n"
                            "  - {id: S_SUM, name: 合计, type: quantity, unit: 万元, direction: higher,\n"
                            "     actual: 'sum(\"awards\", \"金额\")', targets: {2021-12-31: 5, 2023-12-31: 8}}\n"}
    write_workspace(tmp_path, rules, {"2021-12-31": {"values.csv": "指标编号,实际值\n",
                                                     "awards.csv": "日期,级别,名称,金额\n2020-05-01,国家级,甲,10\n"
                                                                   "2021-03-01,省级,乙,\n2021-04-01,省级,丙,\n"}})
    code, out, _ = jixiao(capsys, monkeypatch, tmp_path, "validate", "--format", "parsable")
    assert code == 0
    [p] = [p for p in parsed(out) if p["code"] == "validate.blank_summed"]
    assert (p["file"], p["line"], p["col"], p["level"]) == ("datasets/2021-12-31/awards.csv", 3, 4, "warning")
    assert "2 个空白单元格" in p["message"] and "空白不是 0" in p["message"]


@pytest.mark.parametrize("deadline", ["2021-02-30", "不知道"])
def test_a_condition_beside_a_bad_deadline_is_no_crash(tmp_path, capsys, monkeypatch, deadline):
    import shutil
    ws = tmp_path / "ws"
    shutil.copytree(ROOT / "tests" / "bad_inputs" / "_base", ws)
    path = ws / "rules" / "school.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    targets: {2021-12-31: 10, 2023-12-31: 20}\n",
        f"    targets: {{2021-12-31: 10, 2023-12-31: 20}}\n    pass: actual >= target\n    deadline: {deadline}\n", 1),
        encoding="utf-8")
    code, out, err = jixiao(capsys, monkeypatch, ws, "validate")
    assert code == 2 and "内部错误" not in err and "第 1 个绩效指标的完成期限：" in out


def test_a_ledger_row_with_no_group_is_a_warning(tmp_path, capsys, monkeypatch):
    rules = {"school.yaml": "level: school\ntask: t\nindicators:\n"
                            "  - {id: S_A, name: 甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1, 2023-12-31: 2}}\n",
             "tables.yaml": "tables:\n  - {id: tasks_by, title: 任务, ledger: tasks, by: 建设任务, columns: [{id: n, label: 数, count: true}]}\n"}
    write_workspace(tmp_path, rules, {"2021-12-31": {"values.csv": "指标编号,实际值\nS_A,1\n",
                                                     "tasks.csv": "建设任务,名称\n甲,一\n,二\n乙,三\n"}})
    code, out, _ = jixiao(capsys, monkeypatch, tmp_path, "validate", "--format", "parsable")
    assert code == 0
    [p] = [p for p in parsed(out) if p["code"] == "validate.blank_group"]
    assert (p["file"], p["line"], p["col"]) == ("datasets/2021-12-31/tasks.csv", 3, 1) and "tasks_by" in p["message"]


def test_a_lower_is_better_cost_whose_cap_comes_down_is_not_a_decreasing_target(tmp_path):
    """1250 元 then 1200 元 per head tightens a cap: no 累计目标下降 warning (and no advice to add annual)."""
    rules = """\
level: school
task: 成本控制
indicators:
  - id: S_COST
    name: 生均培训成本
    type: cost
    unit: 元
    direction: lower
    targets: {2021-12-31: 1250, 2023-12-31: 1200}
"""
    write_workspace(tmp_path, {"school.yaml": rules}, {"2021-12-31": {"values.csv": "指标编号,实际值\nS_COST,1100\n"}})
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "validate"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode in (0, 1) and "已检查" in proc.stdout, proc.stdout + proc.stderr
    assert "target_decreases" not in proc.stdout and "累计目标下降" not in proc.stdout, proc.stdout
