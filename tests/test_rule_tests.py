"""jixiao test: rule tests pass and fail as they should, say why, and refuse bad test files."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from engine.authoring.ruletest.run import run_case, same
from engine.authoring.ruletest.suite import find_files, load_suite
from engine.load.rules import load_rules, rule_files
from helpers import ROOT, write_workspace, jixiao

RULES = ROOT / "rules"



def write_test(folder: Path, text: str, name: str = "t.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def shipped(tmp_path):
    """A test file against the shipped rules (rules: as an absolute path)."""
    def make(body: str, name: str = "t.yaml") -> Path:
        return write_test(tmp_path / "tests", f"rules: {RULES.as_posix()}\n" + textwrap.dedent(body), name)
    return make


# --- the shipped tests --------------------------------------------------------------------

def test_shipped_rule_tests_pass(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = jixiao(capsys, "test")
    assert code == 0, out + err
    last = out.strip().splitlines()[-1]
    passed, failed = last.split("，")
    assert failed == "失败 0 个" and int(passed.split()[1]) >= 30
    for name in ("deadlines", "cost", "grades", "ledgers", "targets", "satisfaction"):
        assert f"rules/tests/{name}.yaml" in out
    assert "  失败  " not in out


def test_shipped_tests_cover_the_tricky_indicators():
    cases, _ = load_suite([RULES / "tests"])
    checked = {e.id for c in cases for e in c.expectations}
    assert {"S807", "G514", "S709", "S105", "S409", "G901", "S708", "G903", "S405", "S408", "S217"} <= checked


def test_rule_tests_folder_is_not_read_as_rules():
    assert all(p.parent == RULES for p in rule_files(RULES))
    assert len(load_rules(RULES).indicators) == 215


# --- passing and failing ------------------------------------------------------------------

def test_pass_and_fail_with_expected_against_actual_and_the_trace(capsys, shipped):
    path = shipped("""\
        cases:
          - name: 期限前完成
            snapshot: 2021-12-31
            values:
              S807: 2021-04-15
            expect:
              S807: {status: achieved, actual: 2021-04-15, target: 2021-12-31}
          - name: 故意写错的预期
            snapshot: 2021-12-31
            values:
              S217: 94.5
            expect:
              S217: {status: achieved, flags: [exceeded], note_contains: [疫情], actual: 95, target: 95}
        """)
    code, out, _ = jixiao(capsys, "test", path)
    assert code == 1
    assert out.strip().splitlines()[-1] == "通过 1 个，失败 1 个"
    assert "通过  期限前完成" in out and "失败  故意写错的预期" in out
    failure = out.split("失败  故意写错的预期")[1]
    assert "状态  期望 achieved 已达成；实际 in_progress 正在推进" in failure
    assert "标记  期望包含 exceeded 超额完成；实际 cause_missing 原因未说明" in failure
    assert "说明应含  缺少 “疫情”" in failure
    assert "实际值  期望 95；实际 94.5" in failure      # a whole number must match exactly
    trace = failure.split("过程")[1]
    assert "目标  95%（2021-12-31 阶段，" in trace and "rules/school.yaml:334" in trace   # the target applied, with its line
    assert "实际值  94.5%（" in trace and "t.yaml:" in trace                            # the actual and where it came from
    assert "状态  in_progress 正在推进" in trace
    assert "标记  cause_missing 原因未说明" in trace
    assert "说明  目标 95%，实际 94.5%，差 0.5 个百分点" in trace


def test_all_pass_exit_zero_and_quiet(capsys, shipped):
    path = shipped("""\
        cases:
          - name: one
            snapshot: 2021-12-31
            values: {S408: 75}
            expect: {S408: {status: achieved, flags: []}}
        """)
    code, out, _ = jixiao(capsys, "test", "-q", path)
    assert code == 0 and out == "通过 1 个，失败 0 个\n"


def test_english_output(capsys, shipped):
    path = shipped("""\
        cases:
          - name: wrong on purpose
            snapshot: 2021-12-31
            values: {S408: 55}
            expect: {S408: {status: achieved}}
        """)
    code, out, _ = jixiao(capsys, "test", "--lang", "en", path)
    assert code == 1
    assert "FAIL  wrong on purpose" in out
    assert "status  expected achieved; got in_progress" in out
    assert "trace" in out and out.endswith("0 passed, 1 failed\n")


def test_keyword_selects_cases(capsys, shipped):
    path = shipped("""\
        cases:
          - {name: alpha, snapshot: 2021-12-31, values: {S408: 75}, expect: {S408: {status: achieved}}}
          - {name: beta, snapshot: 2021-12-31, values: {S408: 75}, expect: {S408: {status: exceeded}}}
        """)
    code, out, _ = jixiao(capsys, "test", "-k", "alph", path)
    assert code == 0 and out.endswith("通过 1 个，失败 0 个\n")
    code, _, err = jixiao(capsys, "test", "-k", "gamma", path)
    assert code == 2 and "gamma" in err


def test_ledgers_units_and_notes_in_a_small_rule_set(tmp_path, capsys):
    write_workspace(tmp_path, {"school.yaml": """\
        level: school
        task: 建设
        indicators:
          - id: S_AWARDS
            name: 国家级成果
            type: quantity
            unit: 项
            direction: higher
            actual: count("awards", 级别="国家级", where="日期 <= snapshot")
            targets: {2021-12-31: 2, 2023-12-31: 4}
          - id: S_RATE
            name: 比例
            type: quality
            unit: "%"
            direction: higher
            targets: {2021-12-31: 60, 2023-12-31: 80}
            causes:
              - when: actual < target
                note: 差 {gap} 个百分点
        """}, {})
    write_test(tmp_path / "rules" / "tests", """\
        cases:
          - name: two units, per-unit ledger rows and values
            snapshot: 2021-12-31
            units: {a: 甲校, b: 乙校}
            values:
              S_RATE: [{unit: a, actual: 70}, {unit: b, actual: "55%"}]
            ledgers:
              awards:
                - {单位: a, 级别: 国家级, 日期: 2021-03-01}
                - {单位: a, 级别: 国家级, 日期: 2021-05-01}
                - {单位: a, 级别: 国家级, 日期: 2022-05-01}
                - {单位: b, 级别: 省级, 日期: 2021-05-01}
            expect:
              S_AWARDS:
                - {unit: a, status: achieved, actual: 2}
                - {unit: b, status: in_progress, actual: 0}
              S_RATE:
                - {unit: a, status: exceeded}
                - {unit: b, status: in_progress, note_contains: 差 5 个百分点, not_flags: [cause_missing]}
          - name: an expectation without unit is checked for every unit
            snapshot: 2021-12-31
            units: {a: 甲校, b: 乙校}
            values:
              S_RATE: [{unit: a, actual: 70}, {unit: b, actual: 50}]
            expect:
              S_RATE: {status: exceeded}
        """)
    code, out, _ = jixiao(capsys, "test", tmp_path / "rules" / "tests")
    assert code == 1, out
    assert out.strip().splitlines()[-1] == "通过 1 个，失败 1 个"
    assert "（单位 b）" in out and "（单位 a）" not in out


def test_same_compares_at_the_written_precision():
    assert same(71.30, 71.2973) and same(71.3, 71.2973) and same("71.30%", 71.2973) and not same(71, 71.2973)
    assert same(95, 95.0) and same("1,200", 1200) and not same(95, 94.5)
    assert not same(71.29, 71.2973) and not same(8, 7)
    assert same(None, None) and not same(0, None) and not same(None, 0)
    assert same("2021-04-15", "2021-04-15") and same("2021/4/15", "2021-04-15") and not same("2021-04-16", "2021-04-15")
    assert same("未完成", "not_done") and same("优秀", "优秀") and not same("良好", "优秀")
    assert same({"min": 60, "max": 100}, {"min": 60, "max": 100}) and not same({"min": 60, "max": 90}, {"min": 60, "max": 100})


def test_only_the_needed_indicators_are_evaluated():
    cases, rule_sets = load_suite([RULES / "tests" / "cost.yaml"])
    outcome = run_case(cases[0], rule_sets[RULES.resolve()])
    assert outcome.passed


# --- bad test files: exit 2 with located problems ------------------------------------------

def test_bad_test_file_exit_2_with_locations(capsys, shipped):
    path = shipped("""\
        cases:
          - name: problems
            snapshot: 2021-12-31
            values:
              S8O7: 2021-04-15
              S105: 中等
              S217: abc
              S708: 70
              S405: {actual: 1, causes: [pandemik], likelihood: 大概}
              S201: 12%
            expect:
              G999: {status: achieved}
        """)
    code, out, err = jixiao(capsys, "test", path)
    assert code == 2 and out == ""
    assert "11:13" in err and "table.percent_unit" in err  # 12% for an indicator counted in 项
    # line numbers count the rules: line the fixture writes first
    for expected in ("6:7", "ruletest.unknown_indicator", "是不是 S807", "7:13", "table.bad_grade", "8:13", "table.bad_number",
                     "9:13", "ruletest.formula_actual", "10:33", "table.unknown_cause", "是不是 pandemic",
                     "table.bad_likelihood", "13:7", "G999"):
        assert expected in err, expected
    assert "共 8 个错误" in err


def test_schema_problems_in_test_files(capsys, shipped):
    path = shipped("""\
        cases:
          - name: typo
            snapshot: 2021-12-31
            expect:
              S807: {status: achived}
          - name: no expect
            snapshot: 2021-02-30
        """)
    code, _, err = jixiao(capsys, "test", path)
    assert code == 2
    assert "achived 不是允许的值" in err and "是不是 achieved" in err
    assert "缺少必填项 expect" in err and "日期 2021-02-30 不存在" in err


def test_unknown_key_and_yaml_errors(capsys, shipped, tmp_path):
    path = shipped("""\
        cases:
          - name: x
            snapshot: 2021-12-31
            expct: {S807: {status: achieved}}
        """)
    broken = write_test(tmp_path / "tests", "cases:\n  - name: [unclosed\n", "broken.yaml")
    code, _, err = jixiao(capsys, "test", path, broken)
    assert code == 2
    assert "未知的键 expct" in err and "是不是 expect" in err and "yaml.syntax" in err


def test_missing_rules_folder_and_no_tests(capsys, tmp_path):
    write_test(tmp_path / "tests", """\
        cases: [{name: x, snapshot: 2021-12-31, expect: {S807: {status: achieved}}}]
        """)
    code, _, err = jixiao(capsys, "test", tmp_path / "tests")
    assert code == 2 and "ruletest.rules_missing" in err
    code, _, err = jixiao(capsys, "test", tmp_path / "nothing-here")
    assert code == 2 and "ruletest.none" in err
    (tmp_path / "empty").mkdir()
    code, _, err = jixiao(capsys, "test", tmp_path / "empty")
    assert code == 2 and "没有找到测试文件" in err


def test_rules_option_overrides(capsys, tmp_path):
    write_test(tmp_path / "elsewhere", """\
        rules: does/not/exist
        cases: [{name: x, snapshot: 2021-12-31, values: {S408: 75}, expect: {S408: {status: achieved}}}]
        """)
    code, out, _ = jixiao(capsys, "test", "--rules", RULES, tmp_path / "elsewhere")
    assert code == 0 and out.endswith("通过 1 个，失败 0 个\n")


def test_broken_rules_are_reported_once(capsys, tmp_path):
    write_workspace(tmp_path, {"school.yaml": """\
        level: school
        task: 建设
        indicators:
          - {id: S1, name: 一, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}
          - {id: S1, name: 二, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}
        """}, {})
    for name in ("a.yaml", "b.yaml"):
        write_test(tmp_path / "rules" / "tests", """\
            cases: [{name: x, snapshot: 2021-12-31, expect: {S1: {status: achieved}}}]
            """, name)
    code, _, err = jixiao(capsys, "test", tmp_path / "rules" / "tests")
    assert code == 2 and err.count("rules.duplicate_id") == 1


def test_find_files_defaults_to_rules_tests(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert [p.name for p in find_files([])] == sorted(p.name for p in (RULES / "tests").glob("*.yaml"))
