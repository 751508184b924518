"""One core: a cell is typed once whoever reads it (snapshot or rule test), a formula is located once
whoever reports it (evaluate or validate), and the decision is made once (explain reads it)."""
from __future__ import annotations

import textwrap

import pytest

from engine.check.validate import validate
from engine.core.problems import InputError
from engine.authoring.ruletest.suite import load_suite
from engine.evaluate.evaluator import evaluate
from engine.load.rules import load_rules
from engine.load.snapshot import load_snapshot
from helpers import write_workspace

RULES = """\
level: school
task: 建设任务
indicators:
  - id: S_COUNT
    name: 数量
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 6, 2023-12-31: 10}
  - id: S_DONE
    name: 期限
    type: timeliness
    unit: 日期
    direction: deadline
    deadline: 2021-12-31
  - id: S_CAUSE
    name: 条件原因
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 6, 2023-12-31: 10}
    causes:
      - cause: pandemic
        when: actual < target and nosuch(actual)
"""


def _codes(problems) -> list[str]:
    return sorted(p.code for p in problems if p.level == "error")


@pytest.mark.parametrize("cell,code", [("1.2万", "table.number_with_unit"), ("12%", "table.percent_unit"),
                                       ("abc", "table.bad_number")])
def test_a_number_cell_is_refused_alike_in_a_snapshot_and_in_a_rule_test(tmp_path, cell, code):
    root = write_workspace(tmp_path, {"school.yaml": RULES}, {"2021-12-31": {
        "values.csv": f"指标编号,实际值\nS_COUNT,{cell}\n"}})
    rules = load_rules(root / "rules")
    with pytest.raises(InputError) as snap:
        load_snapshot(root / "datasets", "2021-12-31", rules)
    (root / "rules" / "tests").mkdir()
    (root / "rules" / "tests" / "t.yaml").write_text(textwrap.dedent(f"""\
        cases:
          - name: 一格
            snapshot: 2021-12-31
            values:
              S_COUNT: "{cell}"
            expect:
              S_COUNT: {{status: achieved}}
        """), encoding="utf-8")
    with pytest.raises(InputError) as test:
        load_suite([root / "rules" / "tests"])
    assert _codes(snap.value.problems) == _codes(test.value.problems) == [code]
    [p] = test.value.problems
    assert (p.line, p.col, p.path) == (5, 16, "cases[0].values.S_COUNT")


def test_a_completion_date_after_the_snapshot_is_refused_in_a_rule_test_too(tmp_path):
    root = write_workspace(tmp_path, {"school.yaml": RULES}, {"2021-06-30": {
        "values.csv": "指标编号,实际值\nS_DONE,2021-12-01\n"}})
    rules = load_rules(root / "rules")
    with pytest.raises(InputError) as snap:
        load_snapshot(root / "datasets", "2021-06-30", rules)
    (root / "rules" / "tests").mkdir()
    (root / "rules" / "tests" / "t.yaml").write_text(textwrap.dedent("""\
        cases:
          - name: 尚未发生的完成日期
            snapshot: 2021-06-30
            values:
              S_DONE: {actual: 2021-12-01}
            expect:
              S_DONE: {status: achieved}
        """), encoding="utf-8")
    with pytest.raises(InputError) as test:
        load_suite([root / "rules" / "tests"])
    assert _codes(snap.value.problems) == _codes(test.value.problems) == ["table.date_after_snapshot"]
    [p] = test.value.problems
    assert (p.line, p.path, p.params["day"]) == (5, "cases[0].values.S_DONE.actual", "2021-06-30")


def test_a_bad_cause_condition_is_located_at_its_when_by_evaluate_and_by_validate(tmp_path):
    root = write_workspace(tmp_path, {"school.yaml": RULES}, {"2021-12-31": {
        "values.csv": "指标编号,实际值\nS_COUNT,7\nS_DONE,2021-10-01\nS_CAUSE,3\n"}})
    rules = load_rules(root / "rules")
    results = evaluate(rules, load_snapshot(root / "datasets", "2021-12-31", rules)).results.set_index("id")
    error = results.loc["S_CAUSE", "error"]
    assert results.loc["S_CAUSE", "status"] == "error"
    lines = (root / "rules" / "school.yaml").read_text(encoding="utf-8").splitlines()
    when = next(n for n, text in enumerate(lines, 1) if "when:" in text)
    assert (error.line, error.col, error.path) == (when, lines[when - 1].index("actual") + 1,
                                                   "indicators[2].causes[0].when")
    assert error.field == "causes" and error.code == "expr.unknown_function"
    [found] = [p for p in validate(root / "rules", root / "datasets").problems if p.code == "expr.unknown_function"]
    assert (found.file, found.line, found.path) == (error.file, error.line, error.path)


def test_a_blank_formula_is_a_rule_error_to_evaluate_and_a_problem_to_validate_alike(tmp_path):
    """validate reads the indicators' own formulas: what evaluate calls a rule error, validate reports."""
    blank = RULES.replace("    targets: {2021-12-31: 6, 2023-12-31: 10}\n  - id: S_DONE",
                          "    actual: \"  \"\n    targets: {2021-12-31: 6, 2023-12-31: 10}\n  - id: S_DONE", 1)
    root = write_workspace(tmp_path, {"school.yaml": blank}, {"2021-12-31": {
        "values.csv": "指标编号,实际值\nS_DONE,2021-10-01\nS_CAUSE,3\n"}})
    rules = load_rules(root / "rules")
    results = evaluate(rules, load_snapshot(root / "datasets", "2021-12-31", rules)).results.set_index("id")
    error = results.loc["S_COUNT", "error"]
    assert results.loc["S_COUNT", "status"] == "error" and error.code == "expr.syntax"
    found = [(p.code, p.line, p.path) for p in validate(root / "rules", root / "datasets").problems
             if p.path.startswith("indicators[0]")]
    assert found == [("expr.syntax", error.line, "indicators[0].actual")] == [(error.code, error.line, error.path)]


def test_the_decision_record_says_which_rule_decided(tmp_path):
    root = write_workspace(tmp_path, {"school.yaml": RULES}, {"2021-12-31": {
        "values.csv": "指标编号,实际值\nS_COUNT,7\nS_DONE,2021-10-01\n"}})
    rules = load_rules(root / "rules")
    record = evaluate(rules, load_snapshot(root / "datasets", "2021-12-31", rules)).results.set_index("id")
    assert list(record.loc["S_COUNT", ["status", "rule", "passed", "over", "due"]]) == \
        ["exceeded", "exceeded", True, True, True]
    assert list(record.loc["S_DONE", ["status", "rule", "passed"]]) == ["achieved", "achieved", True]
    assert record.loc["S_CAUSE", "rule"] == "error"


def test_indicators_by_id_follow_the_list_they_come_from():
    """by_id() is built once per list of indicators (a formula asks for it each time), and again when
    the list holds other indicators."""
    import dataclasses
    from pathlib import Path
    from engine.load.rules import load_rules
    rules = load_rules(Path(__file__).resolve().parent.parent / "rules")
    first = rules.by_id()
    assert rules.by_id() is first and first[rules.indicators[3].id] is rules.indicators[3]
    renamed = dataclasses.replace(rules.indicators[3], name="改过的名称")
    rules.indicators[3] = renamed
    assert rules.by_id()[renamed.id] is renamed
    rules.indicators = rules.indicators[:10]
    assert len(rules.by_id()) == 10
