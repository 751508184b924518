"""`jixiao explain ID --snapshot DATE`: one indicator's whole decision, in plain Chinese and as data."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from helpers import ROOT
from engine.authoring.explain import Tracer
from engine.render.explain import _json_default, as_text as render_text
from engine.pipeline import run
from engine.load.rules import load_rules
from test_validate import jixiao

DEMO = ROOT / "examples" / "demo"


def explain_json(capsys, monkeypatch, cwd, *args) -> dict:
    """The real command line, with --format json."""
    code, out, err = jixiao(capsys, monkeypatch, cwd, "explain", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@functools.lru_cache(maxsize=None)
def _evaluated(cwd, date):
    return run(Path("rules"), Path("datasets"), date, quiet=True, record=True)


def traced(monkeypatch, cwd, ind_id, date, lang="zh") -> dict:
    """What `explain ID --snapshot DATE --format json` prints, from one cached evaluation per snapshot
    (evaluating the shipped rule set takes seconds; the command line itself is tested above and below)."""
    monkeypatch.chdir(cwd)
    done = _evaluated(cwd, date)
    ind = done.rules.by_id()[ind_id]
    return json.loads(json.dumps(Tracer(done, lang).trace(ind, done.snapshot.units), default=_json_default))


def test_s201_text_tells_the_whole_decision(capsys, monkeypatch):
    code, out, err = jixiao(capsys, monkeypatch, ROOT, "explain", "S201", "--snapshot", "2021-12-31")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "S201 1+X 证书制度试点数"
    assert "规则：rules/school.yaml:82（达标方向 higher（≥），累计值）" in lines
    assert "  → 2021-12-31  6 项        第 91 行  ← 适用" in lines
    assert "    2023-12-31  10 项       第 93 行  （最终目标）" in lines
    assert "  适用的目标：不晚于快照日 2021-12-31 的最近一个阶段目标，即 2021-12-31 的 6 项" in lines
    assert "实际值：18 项" in lines
    assert "  来自数值表 datasets/2021-12-31/values.csv 第 7 行" in lines
    assert "达标条件：默认（达标方向 higher）：实际 18 项 ≥ 目标 6 项 → 成立" in lines
    assert "超额条件：默认（达标方向 higher）：实际 18 项 > 目标 6 项 → 成立" in lines
    assert "状态：超额完成 —— 达标条件成立，超额条件也成立" in lines
    assert "  超额完成：实际 ÷ 目标 = 18 ÷ 6 = 3 倍" in lines
    assert "  目标值可能偏低：倍数 3 > 目标值偏低倍数 2（rules/settings.yaml）" in lines


def test_s201_json(capsys, monkeypatch):
    t = explain_json(capsys, monkeypatch, ROOT, "S201", "--snapshot", "2021-12-31")
    assert (t["id"], t["snapshot"], t["rule"]) == ("S201", "2021-12-31", {"file": "rules/school.yaml", "line": 82})
    assert [(x["date"], x["value"], x["applies"]) for x in t["targets"]] == [
        ("2019-12-31", 2, False), ("2020-12-31", 4, False), ("2021-12-31", 6, True), ("2022-12-31", 8, False),
        ("2023-12-31", 10, False)]
    assert t["targets"][-1]["final"] and (t["applicable"]["date"], t["applicable"]["value"]) == ("2021-12-31", 6)
    [u] = t["units"]
    assert u["unit"] == "kmvtc" and u["actual"]["value"] == 18
    assert u["actual"]["source"] == {"kind": "value_table", "file": "datasets/2021-12-31/values.csv", "row": 7,
                                     "text": "来自数值表 datasets/2021-12-31/values.csv 第 7 行"}
    assert (u["pass"]["kind"], u["pass"]["result"], u["overshoot"]["result"]) == ("default", True, True)
    assert u["status"]["code"] == "exceeded" and u["ratio"] == 3
    flags = {f["code"]: f for f in u["flags"]}
    assert set(flags) == {"exceeded", "far_beyond_target"}
    assert flags["exceeded"]["ratio"] == 3
    assert flags["far_beyond_target"]["ratio"] == 3 and flags["far_beyond_target"]["far_beyond_ratio"] == 2
    assert u["cause"]["needed"] is False and u["cause_note"] == ""


def test_s708_formula_from_the_funds_ledger_in_progress_with_the_snapshot_cause(capsys, monkeypatch):
    t = explain_json(capsys, monkeypatch, ROOT, "S708", "--snapshot", "2021-12-31")
    [u] = t["units"]
    src = u["actual"]["source"]
    assert src["kind"] == "formula" and (src["file"], src["line"]) == ("rules/school.yaml", 995)
    assert src["formula"] == 'percent(sum("funds", "执行"), sum("funds", "预算"))'
    spent, budget = src["calls"]
    assert (spent["function"], spent["ledger"], spent["column"], spent["result"]) == ("sum", "funds", "执行", 5666)
    assert (budget["column"], budget["result"]) == ("预算", 7947)
    assert spent["file"] == "datasets/2021-12-31/funds.csv"
    assert [r["row"] for r in spent["rows"]] == list(range(2, 17))  # a line per source and year
    assert sum(r["value"] for r in spent["rows"]) == 5666
    assert u["actual"]["value"] == pytest.approx(71.2973, abs=1e-4)
    assert u["status"]["code"] == "in_progress"
    assert "早于最终目标日期 2023-12-31" in u["status"]["reason"]
    assert u["pass"]["result"] is False
    cause = u["cause"]
    assert cause["needed"] and cause["source"] == "snapshot"
    assert cause["snapshot"]["causes"] == ["instalments"] and cause["snapshot"]["row"] == 67
    assert cause["snapshot"]["file"] == "datasets/2021-12-31/values.csv"
    assert cause["snapshot"]["likelihood"] == "确定能"
    assert "按合同约定资金分多次支付" in u["cause_note"]


def test_s708_text_lists_the_ledger_rows(monkeypatch):
    out = render_text(traced(monkeypatch, ROOT, "S708", "2021-12-31"), "zh")
    assert ('  sum("funds", "执行") = 5666：台账 datasets/2021-12-31/funds.csv 第 2–16 行，共 15 行：'
            '60 + 420 + 720 + 50 + 349 + 599 + 79 + 554 + 950 + 0 + 0 + 0 + …') in out.splitlines()
    assert "原因说明：来自快照数值表 datasets/2021-12-31/values.csv 第 67 行" in out
    assert "  原因代码 instalments：按合同约定资金分多次支付，年底未能全部支付（经费保障）" in out


def test_a_deadline_indicator_before_and_after_it_is_done(capsys, monkeypatch):
    before = traced(monkeypatch, ROOT, "S707", "2019-12-31")["units"][0]
    assert before["status"]["code"] == "not_due" and before["actual"]["text"] == "未完成"
    assert "期限 2020-06-30 未到" in before["status"]["reason"]
    t = traced(monkeypatch, ROOT, "S707", "2020-12-31")
    assert t["targets"] == [{"date": "2020-06-30", "value": "2020-06-30", "text": "期限", "line": 985,
                             "applies": True, "final": True}]
    [u] = t["units"]
    assert u["status"]["code"] == "achieved"
    assert u["pass"]["text"] == "默认（达标方向 deadline）：完成日期 2020-05-20 ≤ 期限 2020-06-30 → 成立"
    late = traced(monkeypatch, DEMO, "S_PRACTICE_PLATFORM", "2021-12-31")["units"][0]
    assert late["status"]["code"] == "not_achieved" and "已过期限 2021-06-30" in late["status"]["reason"]


def test_a_grade_indicator(capsys, monkeypatch):
    [u] = traced(monkeypatch, DEMO, "S_GRADE", "2021-12-31")["units"]
    assert u["status"]["code"] == "achieved"
    assert u["pass"]["text"] == "默认（达标方向 grade）：等级 良 不低于目标 良（从高到低：优、良、合格、不合格） → 成立"
    assert u["overshoot"]["result"] is False
    [u] = traced(monkeypatch, ROOT, "S105", "2021-12-31")["units"]
    assert u["status"]["code"] == "achieved" and u["actual"]["value"] == "优秀"


def test_a_missing_indicator(capsys, monkeypatch):
    t = explain_json(capsys, monkeypatch, DEMO, "S_SERVICE_INCOME", "--snapshot", "2021-12-31")
    [u] = t["units"]
    assert u["status"]["code"] == "missing" and u["actual"]["value"] is None
    assert u["actual"]["source"]["kind"] == "none"
    assert u["actual"]["source"]["text"] == "数值表 datasets/2021-12-31/values.csv 中没有这个指标的行"
    assert [f["code"] for f in u["flags"]] == ["cause_missing"]
    assert u["cause"]["source"] is None and "原因未说明" in u["cause_note"]


def test_a_rule_cause_names_its_entry_and_line(capsys, monkeypatch):
    [u] = traced(monkeypatch, DEMO, "S_TRAIN_BASE", "2021-12-31")["units"]
    assert u["status"]["code"] == "in_progress"
    cause = u["cause"]
    assert cause["source"] == "rule" and cause["text"] == "来自规则的第 1 个条件原因（rules/school.yaml:44），快照中没有填写原因"
    [rc] = cause["rule_causes"]
    assert (rc["line"], rc["cause"], rc["holds"], rc["used"]) == (44, "policy", True, True)  # the - when: line
    assert rc["note_filled"] == "基地已建成，待上级部门命名（差 1 个）"


def test_a_rule_error_says_where(capsys, monkeypatch):
    [u] = traced(monkeypatch, DEMO, "S_INTL_PROJECTS", "2021-12-31")["units"]
    assert u["status"]["code"] == "error"
    assert u["status"]["error"]["file"] == "rules/school.yaml" and u["status"]["error"]["line"] == 124
    assert "台账 intl_projects 不存在" in u["status"]["reason"]


def test_a_custom_overshoot_condition_shows_its_values(capsys, monkeypatch):
    rules = load_rules(ROOT / "rules")
    ind = next(i for i in rules.indicators if i.overshoot == "actual >= target + 1" and i.level == "school")
    [u] = traced(monkeypatch, ROOT, ind.id, "2021-12-31")["units"]
    over = u["overshoot"]
    assert over["kind"] == "formula" and over["formula"] == "actual >= target + 1"
    assert over["line"] == ind.lines["overshoot"]
    assert {v["name"] for v in over["values"]} == {"actual", "target"}
    assert "actual = " in over["text"] and "target = " in over["text"]


def test_unknown_id_exits_2_with_a_near_match(capsys, monkeypatch):
    code, out, err = jixiao(capsys, monkeypatch, ROOT, "explain", "s201", "--snapshot", "2021-12-31")
    assert code == 2 and out == ""
    assert "没有编号为 s201 的指标" in err and "是不是 S201" in err and "[explain.unknown_id]" in err
    code, _, err = jixiao(capsys, monkeypatch, ROOT, "explain", "S2O1", "--snapshot", "2021-12-31")
    assert code == 2 and "是不是 S201" in err
    for spelling in ("S20", "XYZ_NOTHING_LIKE"):  # a close spelling, and none at all
        code, _, err = jixiao(capsys, monkeypatch, ROOT, "explain", spelling, "--snapshot", "2021-12-31")
        assert code == 2 and "[explain.unknown_id]" in err and "内部错误" not in err


def test_unknown_unit_and_snapshot_exit_2(capsys, monkeypatch):
    code, _, err = jixiao(capsys, monkeypatch, ROOT, "explain", "S201", "--snapshot", "2021-12-31", "--unit", "x")
    assert code == 2 and "cli.unknown_unit" in err
    code, _, err = jixiao(capsys, monkeypatch, ROOT, "explain", "S201", "--snapshot", "2022-12-31")
    assert code == 2 and "snapshot.missing" in err


def test_english(monkeypatch):
    out = render_text(traced(monkeypatch, ROOT, "S201", "2021-12-31", "en"), "en")
    assert "status: exceeded — the pass condition holds and so does the overshoot condition" in out
    assert "pass condition: default (direction: higher): actual 18 项 ≥ target 6 项 → true" in out


@pytest.mark.parametrize("cwd,date", [(ROOT, "2019-12-31"), (ROOT, "2021-12-31"), (DEMO, "2021-12-31")])
def test_explain_reads_the_decision_record_and_decides_nothing_again(cwd, date, monkeypatch):
    """Every indicator can be explained with the directions' conditions and the formula evaluator
    out of reach: explain only words what the evaluation recorded."""
    monkeypatch.chdir(cwd)
    done = _evaluated(cwd, date)
    from engine import directions
    from engine.evaluate import expressions

    def refuse(*args, **kwargs):
        raise AssertionError("explain decided or computed again")
    for way in directions.registry().values():
        for method in ("passed", "over", "measures", "applicable", "passed_rows", "over_rows", "due_rows",
                       "nothing_due_rows", "measures_rows"):
            monkeypatch.setattr(type(way), method, refuse)
    monkeypatch.setattr(expressions, "evaluate", refuse)
    tracer = Tracer(done, "zh")
    record = done.evaluation.results.set_index(["id", "unit"])
    for ind in done.rules.indicators:
        for u in tracer.trace(ind, done.snapshot.units)["units"]:
            assert u["status"]["code"] == record.loc[(ind.id, u["unit"]), "status"]
            assert u["status"]["reason"]


TWO_UNITS = """\
level: school
task: 建设任务
indicators:
  - id: S_A
    name: 填报的值
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 2, 2023-12-31: 4}
  - id: S_B
    name: 由台账和其他指标计算
    type: quantity
    unit: 项
    direction: higher
    annual: true
    actual: S_A + count("awards", 级别="国家级", where="日期 >= period_start")
    targets: {2021-12-31: 3, 2023-12-31: 3}
    flags:
      many: actual > 4
"""


def test_several_units_each_with_its_own_rows(tmp_path, capsys, monkeypatch):
    from helpers import write_workspace
    root = write_workspace(tmp_path, {"school.yaml": TWO_UNITS}, {"2021-12-31": {
        "values.csv": "指标编号,单位,实际值\nS_A,u1,1\nS_A,u2,3\n",
        "awards.csv": "单位,级别,日期\nu1,国家级,2021-03-01\nu2,国家级,2021-04-01\nu2,国家级,2021-05-01\n"
                      "u2,省级,2021-05-01\nu2,国家级,2020-05-01\n"}})
    t = explain_json(capsys, monkeypatch, root, "S_B", "--snapshot", "2021-12-31")
    u1, u2 = t["units"]
    assert (u1["unit"], u1["actual"]["value"], u1["status"]["code"]) == ("u1", 2, "in_progress")
    assert (u2["unit"], u2["status"]["code"]) == ("u2", "exceeded")
    [call] = u2["actual"]["source"]["calls"]
    assert call["result"] + 3 == u2["actual"]["value"]  # the rows traced are the rows evaluate counted
    assert call["result"] == len(call["rows"]) and {r["row"] for r in call["rows"]} <= {3, 4, 6}
    assert call["filters"] == {"级别": "国家级"} and call["where"] == "日期 >= period_start"
    assert u2["actual"]["source"]["names"] == [{"id": "S_A", "value": 3, "text": "S_A = 3"}]
    assert [f["code"] for f in u2["flags"]] == ["exceeded", "many"]
    assert "actual > 4" in u2["flags"][1]["text"]
    only = explain_json(capsys, monkeypatch, root, "S_B", "--snapshot", "2021-12-31", "--unit", "u1")
    assert [u["unit"] for u in only["units"]] == ["u1"]
    code, out, _ = jixiao(capsys, monkeypatch, root, "explain", "S_B", "--snapshot", "2021-12-31")
    assert code == 0 and out.count("快照 2021-12-31 · 单位") == 2
    assert '  count("awards", where="日期 >= period_start", 级别="国家级") = ' in out
    assert "：台账 datasets/2021-12-31/awards.csv 第 3–4" in out


@pytest.mark.parametrize("field, text", [("actual", 'count("awards", 级别="国家级"'), ("pass", "actual >= (target"),
                                         ("overshoot", "actual >")])
def test_a_formula_that_does_not_parse_is_explained_as_a_rule_error(tmp_path, capsys, monkeypatch, field, text):
    import shutil
    ws = tmp_path / "ws"
    shutil.copytree(ROOT / "tests" / "bad_inputs" / "_base", ws)
    path = ws / "rules" / "school.yaml"
    source = path.read_text(encoding="utf-8")
    if field == "actual":
        source = source.replace('actual: count("awards", 级别="国家级")', f"actual: {text}")
        ind = "S_AWARDS"
    else:
        source = source.replace("    targets: {2021-12-31: 10, 2023-12-31: 20}\n",
                                f"    targets: {{2021-12-31: 10, 2023-12-31: 20}}\n    {field}: {text}\n", 1)
        ind = "S_NUM"
    path.write_text(source, encoding="utf-8")
    code, out, err = jixiao(capsys, monkeypatch, ws, "explain", ind, "--snapshot", "2021-12-31")
    assert code == 0, err
    assert "状态：规则错误" in out and "公式写法有误" in out and "内部错误" not in err
