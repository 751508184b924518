"""Scores and grades (engine/scores.py): points per indicator, weights, rescaling, shares, grades, veto."""
import json
from types import SimpleNamespace

import pytest

from helpers import ROOT, SETTINGS, run_cli, summary_of, write_workspace
from engine.summarise import scores
from engine.core.problems import InputError
from engine.render import json_out, markdown, table
from engine.load.rules import load_rules


def ind(direction="higher", scale=None):
    from engine import directions
    return SimpleNamespace(direction=direction, scale=scale, way=directions.get(direction))


def rec(status, actual=None, target=None):
    return {"status": status, "actual": actual, "target": target}


# --- points of one indicator -----------------------------------------------------------------

@pytest.mark.parametrize("status", ["achieved", "exceeded"])
def test_met_indicators_earn_everything(status):
    assert scores.earned(rec(status, 1, 5), ind()) == (1.0, "met")  # e.g. met by a custom pass condition


def test_not_due_is_not_applicable_and_missing_or_error_earn_nothing():
    assert scores.earned(rec("not_due", 0, 0), ind()) == (None, "not_applicable")
    assert scores.earned(rec("missing", None, 5), ind()) == (0.0, "missing")
    assert scores.earned(rec("error", 3, 5), ind()) == (0.0, "error")


def test_higher_is_better_earns_actual_over_target_capped_at_one():
    assert scores.earned(rec("in_progress", 3, 4), ind()) == (0.75, "ratio")
    assert scores.earned(rec("not_achieved", 0, 20), ind()) == (0.0, "ratio")
    assert scores.earned(rec("in_progress", 9, 6), ind())[0] == 1.0   # a stricter pass: still capped at 1
    assert scores.earned(rec("in_progress", -2, 6), ind())[0] == 0.0  # never below 0
    assert scores.earned(rec("in_progress", 3, 0), ind())[0] == 0.0   # no ratio to a 0 target


def test_lower_is_better_earns_target_over_actual_capped_at_one():
    assert scores.earned(rec("in_progress", 100, 80), ind("lower")) == (0.8, "ratio")
    assert scores.earned(rec("in_progress", 0, 80), ind("lower"))[0] == 1.0
    assert scores.earned(rec("in_progress", 5, 0), ind("lower"))[0] == 0.0


def test_grade_one_below_target_is_partly_met():
    scale = ["优", "良", "合格", "不合格"]
    assert scores.earned(rec("in_progress", "良", "优"), ind("grade", scale)) == (0.5, "band")
    assert scores.earned(rec("in_progress", "合格", "优"), ind("grade", scale)) == (0.0, "band")
    assert scores.earned(rec("in_progress", "不合格", "合格"), ind("grade", scale)) == (0.5, "band")


def test_range_within_ten_percent_of_the_nearer_bound_is_partly_met():
    target = {"min": 90, "max": 100}
    assert scores.earned(rec("in_progress", 85, target), ind("range")) == (0.5, "band")    # 5 ≤ 9
    assert scores.earned(rec("in_progress", 81, target), ind("range"))[0] == 0.5            # 9 ≤ 9
    assert scores.earned(rec("in_progress", 80.9, target), ind("range"))[0] == 0.0
    assert scores.earned(rec("in_progress", 108, {"min": 40, "max": 100}), ind("range"))[0] == 0.5
    assert scores.earned(rec("in_progress", 111, {"min": 40, "max": 100}), ind("range"))[0] == 0.0


def test_equal_within_ten_percent_is_partly_met_and_the_band_is_configurable():
    assert scores.earned(rec("in_progress", 95, 100), ind("equal")) == (0.5, "band")
    assert scores.earned(rec("in_progress", 85, 100), ind("equal"))[0] == 0.0
    assert scores.earned(rec("in_progress", 85, 100), ind("equal"), band=0.2)[0] == 0.5


def test_deadline_done_late_is_partly_met_and_not_done_earns_nothing():
    assert scores.earned(rec("not_achieved", "2022-03-01", "2021-12-31"), ind("deadline")) == (0.5, "band")
    assert scores.earned(rec("not_achieved", "not_done", "2021-12-31"), ind("deadline")) == (0.0, "band")


@pytest.mark.parametrize("score,grade", [(100, "优"), (90, "优"), (89.99, "良"), (80, "良"), (79.99, "中"),
                                         (60, "中"), (59.99, "差"), (0, "差"), (None, None)])
def test_grade_bands(score, grade):
    assert scores.grade_of(score) == grade


def test_default_shares():
    assert scores.default_shares(["school", "group"]) == {"school": 0.3, "group": 0.7}
    assert scores.default_shares(["school", "g1", "g2"]) == {"school": 0.5, "g1": 0.25, "g2": 0.25}
    assert scores.default_shares(["group"]) == {"group": 1.0}
    assert scores.default_shares(["a", "b"]) == {"a": 0.5, "b": 0.5}


# --- a small rule set --------------------------------------------------------------------------

def indicator(id_, *, type_="quantity", target=5, direction="higher", extra="", level=None, name=None):
    text = (f"  - id: {id_}\n    name: {name or '指标' + id_}\n    type: {type_}\n    unit: 项\n"
            f"    direction: {direction}\n    targets: {{{target}}}\n")
    if level:
        text += f"    level: {level}\n"
    return text + extra


RULES = ("level: school\ntask: 建设任务\nindicators:\n"
         + indicator("S_A", target="2021-12-31: 4", extra="    points: 3\n")              # met: 3 of 3
         + indicator("S_B", target="2021-12-31: 4", extra="    points: 1\n")              # 2 of 4: 0.5 of 1
         + indicator("S_BEN", type_="benefit", target="2022-12-31: 1", extra="    subtype: social\n")  # not due
         + indicator("S_SAT", type_="satisfaction", target="2021-12-31: 90"))           # met
VALUES = "指标编号,实际值\nS_A,4\nS_B,2\nS_BEN,\nS_SAT,95\n"


def workspace(tmp_path, settings_extra="", rules=RULES, values=VALUES, tables=None, ledgers=None):
    files = {"settings.yaml": SETTINGS + settings_extra, "school.yaml": rules}
    if tables:
        files["tables.yaml"] = tables
    snapshot = {"values.csv": values, **(ledgers or {})}
    return write_workspace(tmp_path, files, {"2021-12-31": snapshot})


def level(summary, name="school"):
    [unit] = summary.scores["units"]
    return next(lv for lv in unit["levels"] if lv["level"] == name)


def category(lv, name):
    return next(c for c in lv["categories"] if c["category"] == name)


def test_weights_within_a_category_come_from_points_and_not_due_categories_are_dropped(tmp_path):
    s = summary_of(workspace(tmp_path))
    school = level(s)
    output = category(school, "output")
    assert (output["earned"], output["possible"], output["score"]) == (3.5, 4.0, 87.5)
    benefit = category(school, "benefit")
    assert (benefit["indicators"], benefit["scored"], benefit["not_applicable"], benefit["score"]) == (1, 0, 1, None)
    assert benefit["applied_weight"] is None and category(school, "budget")["indicators"] == 0
    # 产出 50 and 满意度 10 apply; rescaled to 100: (50 × 87.5 + 10 × 100) ÷ 60
    assert school["score"] == 89.58 and school["grade"] == "良"
    assert category(school, "output")["applied_weight"] == 83.33
    assert (school["indicators"], school["scored"], school["not_applicable"]) == (4, 3, 1)
    [unit] = s.scores["units"]
    assert unit["score"] == 89.58 and unit["shares"] == {"school": 1.0}
    assert unit["task_completion"]["applied"] is False and "construction_tasks" in unit["task_completion"]["note"]
    by = {i["id"]: i for i in s.scores["indicators"]}
    assert (by["S_B"]["earned"], by["S_B"]["weight"], by["S_B"]["basis"]) == (0.5, 1.0, "ratio")
    assert (by["S_BEN"]["earned"], by["S_BEN"]["basis"]) == (None, "not_applicable")


def test_indicators_without_points_weigh_the_mean_of_the_given_points(tmp_path):
    rules = RULES + indicator("S_C", target="2021-12-31: 4")  # no points: weighs (3 + 1) / 2 = 2
    s = summary_of(workspace(tmp_path, rules=rules, values=VALUES + "S_C,1\n"))
    by = {i["id"]: i for i in s.scores["indicators"]}
    assert by["S_C"]["weight"] == 2.0
    assert category(level(s), "output")["possible"] == 6.0


def test_category_weights_from_settings(tmp_path):
    s = summary_of(workspace(tmp_path, "  scores:\n    weights: {output: 90, satisfaction: 10}\n"))
    assert s.scores["method"]["weights"] == {"output": 90, "benefit": 30, "satisfaction": 10, "budget": 10}
    assert level(s)["score"] == 88.75  # (90 × 87.5 + 10 × 100) ÷ 100


BUDGET = indicator("S_EXEC", type_="timeliness", target="2021-12-31: 80", name="支出预算执行率")


def test_budget_execution_found_by_name_and_scored_only_there(tmp_path):
    s = summary_of(workspace(tmp_path, rules=RULES + BUDGET, values=VALUES + "S_EXEC,60\n"))
    assert s.scores["method"]["budget_indicators"] == ["S_EXEC"]
    school = level(s)
    budget = category(school, "budget")
    assert (budget["indicators"], budget["score"]) == (1, 75.0)
    assert category(school, "output")["indicators"] == 2
    assert school["score"] == round((50 * 87.5 + 10 * 100 + 10 * 75) / 70, 2)


def test_budget_execution_by_tag_by_settings_list_and_switched_off(tmp_path):
    tagged = RULES + indicator("S_X", type_="timeliness", target="2021-12-31: 80", extra="    tags: [预算执行]\n")
    s = summary_of(workspace(tmp_path / "tag", rules=tagged, values=VALUES + "S_X,80\n"))
    assert s.scores["method"]["budget_indicators"] == ["S_X"]
    s = summary_of(workspace(tmp_path / "list", "  scores:\n    budget_indicators: [S_B]\n",
                             rules=RULES + BUDGET, values=VALUES + "S_EXEC,60\n"))
    assert s.scores["method"]["budget_indicators"] == ["S_B"] and s.scores["method"]["budget_rule"] == "settings"
    assert category(level(s), "budget")["score"] == 50.0
    s = summary_of(workspace(tmp_path / "off", "  scores:\n    weights: {budget: 0}\n",
                             rules=RULES + BUDGET, values=VALUES + "S_EXEC,60\n"))
    assert category(level(s), "budget")["indicators"] == 0 and category(level(s), "output")["indicators"] == 3


GROUP = "level: group\ntask: 专业群建设\nindicators:\n" + indicator("G_A", target="2021-12-31: 10")


def two_levels(tmp_path, settings_extra=""):
    root = workspace(tmp_path, settings_extra, values=VALUES + "G_A,5\n")
    (root / "rules" / "group.yaml").write_text(GROUP, encoding="utf-8")
    return summary_of(root)


def test_unit_score_combines_levels_by_shares(tmp_path):
    s = two_levels(tmp_path / "default")
    [unit] = s.scores["units"]
    assert unit["shares"] == {"school": 0.3, "group": 0.7}
    assert level(s, "group")["score"] == 50.0
    assert unit["score"] == round(0.3 * (50 * 87.5 + 1000) / 60 + 0.7 * 50, 2)
    s = two_levels(tmp_path / "set", "  scores:\n    shares: {school: 1, group: 1}\n")
    [unit] = s.scores["units"]
    assert unit["shares"] == {"school": 0.5, "group": 0.5}
    assert s.scores["method"]["shares"] == {"school": 1, "group": 1}


def test_a_level_with_nothing_applicable_is_dropped_from_the_unit_score(tmp_path):
    root = workspace(tmp_path, values=VALUES + "G_A,5\n")
    (root / "rules" / "group.yaml").write_text(GROUP.replace("2021-12-31: 10", "2022-12-31: 10"), encoding="utf-8")
    s = summary_of(root)
    group = level(s, "group")
    assert (group["score"], group["grade"], group["not_applicable"]) == (None, None, 1)
    [unit] = s.scores["units"]
    assert unit["shares"] == {"school": 1.0} and unit["score"] == level(s)["score"] == 89.58


TASKS = """\
tables:
  - id: construction_tasks
    title: 表 1 建设任务
    ledger: tasks
    by: 建设任务
    columns:
      - {id: planned, label: 任务数, count: true}
      - {id: done, label: 完成数, count: 状态 == "已完成"}
      - {id: rate, label: 完成率, ratio: [done, planned]}
"""


def tasks_csv(done, total):
    return "建设任务,状态\n" + "".join(f"任务甲,{'已完成' if n < done else '进行中'}\n" for n in range(total))


def test_task_completion_below_80_percent_vetoes_the_grade(tmp_path):
    values = "指标编号,实际值\nS_A,4\nS_B,4\nS_BEN,\nS_SAT,95\n"  # every applicable indicator met: 100
    s = summary_of(workspace(tmp_path, values=values, tables=TASKS, ledgers={"tasks.csv": tasks_csv(7, 10)}))
    [unit] = s.scores["units"]
    assert unit["score"] == 100.0 and unit["score_grade"] == "优"
    assert unit["task_completion"]["value"] == 70.0
    assert unit["task_completion"]["applied"] and unit["task_completion"]["vetoed"]
    assert unit["grade"] == "差"
    assert level(s)["grade"] == "优"  # the veto is the unit's
    assert "差" in table.render(s) and "低于 80%" in table.render(s)


def test_task_completion_at_80_percent_does_not_veto(tmp_path):
    s = summary_of(workspace(tmp_path, tables=TASKS, ledgers={"tasks.csv": tasks_csv(8, 10)}))
    [unit] = s.scores["units"]
    assert unit["task_completion"]["value"] == 80.0 and not unit["task_completion"]["vetoed"]
    assert unit["grade"] == unit["score_grade"] == "良"


def test_veto_threshold_and_table_are_configurable(tmp_path):
    extra = "  scores:\n    task_completion: {minimum: 90}\n"
    s = summary_of(workspace(tmp_path, extra, tables=TASKS, ledgers={"tasks.csv": tasks_csv(8, 10)}))
    assert s.scores["units"][0]["grade"] == "差"


def test_score_settings_are_checked(tmp_path):
    write_workspace(tmp_path, {"settings.yaml": SETTINGS + "  scores:\n    shares: {school: 0.3, grup: 0.7}\n"
                               "    budget_indicators: [S_Z]\n", "school.yaml": RULES}, {})
    with pytest.raises(InputError) as info:
        load_rules(tmp_path / "rules")
    codes = sorted((p.code, p.line) for p in info.value.problems)
    assert codes == [("rules.unknown_level", 6), ("settings.unknown_indicator", 7)]
    write_workspace(tmp_path, {"settings.yaml": SETTINGS + "  scores:\n    weight: {output: 50}\n"}, {})
    with pytest.raises(InputError) as info:
        load_rules(tmp_path / "rules")
    assert [p.code for p in info.value.problems] == ["schema.unknown_key"]


# --- the shipped default -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def mid():
    return summary_of(ROOT, "2021-12-31")


def test_shipped_default_scores(mid):
    [unit] = mid.scores["units"]
    assert mid.scores["method"]["budget_indicators"] == ["G913", "S708"]
    school, group = unit["levels"]
    assert (school["level"], school["score"], school["grade"]) == ("school", 94.66, "优")
    assert (group["level"], group["score"], group["grade"]) == ("group", 95.33, "优")
    assert [c["score"] for c in school["categories"]] == [91.5, 100.0, 100.0, 89.12]   # S708: 71.30 ÷ 80
    assert [c["score"] for c in group["categories"]] == [98.52, 100.0, 100.0, 60.76]   # G913: 36.45 ÷ 60
    assert (unit["score"], unit["grade"], unit["shares"]) == (95.13, "优", {"school": 0.3, "group": 0.7})
    assert unit["task_completion"]["value"] == 97.69 and not unit["task_completion"]["vetoed"]


def test_shipped_default_scores_in_json_table_and_markdown(mid):
    doc = json.loads(json_out.render(mid))
    assert doc["scores"]["units"][0]["score"] == 95.13
    assert "scores" not in json.loads(json_out.render(mid, exceptions_only=True))
    text = table.render(mid)
    assert "【评分】" in text and "单位得分 95.13（学校层面 30% + 专业群层面 70%），等级 优" in text
    assert text.index("【按建设任务】") < text.index("【评分】") < text.index("【表 1")
    assert "## 评分" in markdown.render(mid)


def test_scores_from_the_command_line():
    proc = run_cli("evaluate", "--snapshot", "2021-12-31", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["scores"]["units"][0]["grade"] == "优"
    proc = run_cli("evaluate", "--snapshot", "2021-12-31", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "== Scores ==" in proc.stdout and "unit score 95.13" in proc.stdout
