"""Evaluation: every status, every direction, staged targets, overrides, flags, cause notes,
several units with ledger formulas and element-wise logic, roll-ups and the exception list.

Each test builds a small rule set and snapshot with helpers.write_workspace and reads the
result through the Python API (helpers.summary_of)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ROOT, SETTINGS, by_id, summary_of, write_workspace

DATE = "2021-12-31"
STAGED = "{2021-12-31: 8, 2023-12-31: 10}"


# --- building blocks ------------------------------------------------------------------------

def ind(id_, *, direction="higher", targets=STAGED, type_="quantity", unit="项", extra="", task=None,
        subtype=None) -> str:
    """One indicator as YAML (two-space list indentation); extra lines are indented by 4."""
    lines = [f"  - id: {id_}", f"    name: 指标{id_}", f"    type: {type_}", f'    unit: "{unit}"',
             f"    direction: {direction}"]
    if subtype:
        lines.append(f"    subtype: {subtype}")
    if task:
        lines.append(f"    task: {task}")
    if targets is not None:
        lines.append(f"    targets: {targets}")
    text = "\n".join(lines) + "\n"
    return text + "".join(f"    {line}\n" for line in extra.splitlines() if line)


def rule_file(*indicators: str, level="school", task="任务甲") -> str:
    return f"level: {level}\ntask: {task}\nindicators:\n" + "".join(indicators)


def table(header: str, *rows) -> str:
    return header + "\n" + "".join(",".join("" if v is None else str(v) for v in row) + "\n" for row in rows)


def values(*rows) -> str:
    """指标编号,实际值 rows: (id, actual)."""
    return table("指标编号,实际值", *rows)


def evaluate(tmp_path: Path, indicators, table_text: str, *, date=DATE, dates=None, lang="zh", settings=None,
             ledgers=None, unit=None):
    rules = {"school.yaml": rule_file(*indicators)}
    if settings is not None:
        rules["settings.yaml"] = settings
    files = {"values.csv": table_text, **(ledgers or {})}
    write_workspace(tmp_path, rules, {d: files for d in (dates or [date])})
    return summary_of(tmp_path, date, lang, unit)


def one(summary, id_, unit=None) -> dict:
    return by_id(summary, unit)[id_]


def statuses(summary) -> dict:
    return {(i["id"], i["unit"]): i["status"] for i in summary.indicators}


def level_row(summary, unit=None):
    rows = [r for r in summary.rollups if r["grouping"] == "level" and (unit is None or r["unit"] == unit)]
    assert len(rows) == 1, rows
    return rows[0]


# --- statuses ---------------------------------------------------------------------------------

def test_exceeded_when_actual_strictly_beats_staged_target(tmp_path):
    i = one(evaluate(tmp_path, [ind("A")], values(("A", 9))), "A")
    assert (i["status"], i["target"], i["actual"], i["flags"], i["ratio"]) == ("exceeded", 8, 9, ["exceeded"], 1.125)
    assert i["cause_note"] == ""


def test_achieved_when_actual_equals_staged_target(tmp_path):
    i = one(evaluate(tmp_path, [ind("A")], values(("A", 8))), "A")
    assert (i["status"], i["flags"], i["ratio"], i["completion"]) == ("achieved", [], 1.0, 100.0)


def test_in_progress_when_short_while_period_runs(tmp_path):
    i = one(evaluate(tmp_path, [ind("A")], values(("A", 6))), "A")
    assert i["status"] == "in_progress"
    assert (i["gap"], i["completion"]) == (2.0, 75.0)


def test_not_achieved_when_short_on_final_target_date(tmp_path):
    s = evaluate(tmp_path, [ind("A")], values(("A", 9)), date="2023-12-31")
    i = one(s, "A")
    assert (i["status"], i["target"], i["target_period"]) == ("not_achieved", 10, "2023-12-31")


def test_not_achieved_when_short_after_final_target_date(tmp_path):
    s = evaluate(tmp_path, [ind("A")], values(("A", 9)), date="2024-06-30")
    assert one(s, "A")["status"] == "not_achieved"


def test_final_target_met_after_period_is_achieved_not_lagging(tmp_path):
    s = evaluate(tmp_path, [ind("A")], values(("A", 10)), date="2024-06-30")
    assert one(s, "A")["status"] == "achieved"


@pytest.mark.parametrize("date, status", [
    ("2021-06-30", "in_progress"),   # before its own deadline: still time
    ("2021-12-31", "not_achieved"),  # after its own deadline, though the final target is in 2023
])
def test_own_deadline_turns_lagging_into_not_achieved(tmp_path, date, status):
    rule = ind("A", targets="{2021-06-30: 8, 2023-12-31: 10}", extra="deadline: 2021-09-30")
    s = evaluate(tmp_path, [rule], values(("A", 6)), date=date, dates=["2021-06-30", "2021-12-31"])
    assert one(s, "A")["status"] == status


def test_own_deadline_does_not_matter_when_met(tmp_path):
    rule = ind("A", targets="{2021-06-30: 8, 2023-12-31: 10}", extra="deadline: 2021-09-30")
    assert one(evaluate(tmp_path, [rule], values(("A", 8))), "A")["status"] == "achieved"


def test_not_due_before_first_staged_target(tmp_path):
    s = evaluate(tmp_path, [ind("A", targets="{2022-12-31: 5, 2023-12-31: 10}")], values(("A", 0)))
    i = one(s, "A")
    assert (i["status"], i["target"], i["target_period"], i["final_target"]) == ("not_due", None, None, 10)
    assert i["flags"] == [] and i["cause_note"] == ""
    assert s.exceptions == []


def test_missing_when_cell_is_blank(tmp_path):
    s = evaluate(tmp_path, [ind("A"), ind("B")], values(("A", None), ("B", 9)))
    a = one(s, "A")
    assert (a["status"], a["actual"], a["flags"]) == ("missing", None, ["cause_missing"])
    assert a["cause_note"] == "未填报实际值（目标 8 项）；原因未说明"
    assert one(s, "B")["status"] == "exceeded"


def test_missing_when_indicator_has_no_row(tmp_path):
    s = evaluate(tmp_path, [ind("A"), ind("B")], values(("B", 9)))
    a = one(s, "A")
    assert (a["status"], a["actual"]) == ("missing", None)
    assert a["sources"]["actual"] is None


def test_blank_cell_is_never_read_as_zero_for_a_lower_indicator(tmp_path):
    # read as 0, a budget cap of 100 would be "exceeded"; blank must stay missing
    cap = ind("C", direction="lower", targets="{2021-12-31: 100, 2023-12-31: 100}", type_="cost", unit="万元")
    s = evaluate(tmp_path, [cap, ind("B")], values(("C", None), ("B", 9)))
    c = one(s, "C")
    assert (c["status"], c["actual"]) == ("missing", None)
    assert "overspend" not in c["flags"] and "exceeded" not in c["flags"]


def test_blank_cell_for_a_target_zero_indicator_is_not_due_not_exceeded(tmp_path):
    s = evaluate(tmp_path, [ind("Z", targets="{2021-12-31: 0, 2023-12-31: 3}"), ind("B")], values(("Z", None), ("B", 9)))
    assert one(s, "Z")["status"] == "not_due"


def test_missing_when_every_actual_cell_is_blank(tmp_path):
    # regression: this crashed with AttributeError (.str on an all-blank column in snapshot._typed_actuals)
    s = evaluate(tmp_path, [ind("A"), ind("B")], values(("A", None), ("B", None)))
    assert statuses(s) == {("A", "default"): "missing", ("B", "default"): "missing"}


def test_error_for_unknown_ledger_while_others_are_evaluated(tmp_path):
    broken = ind("ERR", extra='actual: count("no_such_ledger", 状态="已签约")')
    s = evaluate(tmp_path, [ind("A"), broken, ind("B")], values(("A", 6), ("B", 9)))
    assert statuses(s) == {("A", "default"): "in_progress", ("ERR", "default"): "error", ("B", "default"): "exceeded"}
    err = one(s, "ERR")
    assert err["actual"] is None and err["flags"] == []
    assert "no_such_ledger" in err["cause_note"]
    assert "school.yaml:" in err["cause_note"] and "实际值公式：" in err["cause_note"]


def test_error_for_unknown_name_names_it_and_the_nearest(tmp_path):
    s = evaluate(tmp_path, [ind("A"), ind("B", extra="actual: AA + 1")], values(("A", 6)))
    b = one(s, "B")
    assert b["status"] == "error"
    assert "AA" in b["cause_note"] and "A" in b["cause_note"]
    assert one(s, "A")["status"] == "in_progress"


def test_error_in_a_condition_keeps_the_actual_value(tmp_path):
    s = evaluate(tmp_path, [ind("P", extra="pass: actual >= targt")], values(("P", 9)))
    p = one(s, "P")
    assert (p["status"], p["actual"]) == ("error", 9)
    assert "达标条件：" in p["cause_note"] and "targt" in p["cause_note"] and "target" in p["cause_note"]


def test_indicator_using_a_broken_one_is_error_too(tmp_path):
    s = evaluate(tmp_path, [ind("X", extra='actual: count("nope")'), ind("Y", extra="actual: X + 1")], values())
    assert one(s, "Y")["status"] == "error"
    assert "X" in one(s, "Y")["cause_note"]


# --- directions -------------------------------------------------------------------------------

LOWER = ind("L", direction="lower", targets="{2021-12-31: 100, 2023-12-31: 80}", type_="cost", unit="万元")


@pytest.mark.parametrize("actual, status", [(80, "exceeded"), (99.5, "exceeded"), (100, "achieved"),
                                            (100.5, "in_progress"), (120, "in_progress")])
def test_lower_passes_at_or_below_target_and_overshoots_strictly_below(tmp_path, actual, status):
    assert one(evaluate(tmp_path, [LOWER], values(("L", actual))), "L")["status"] == status


EQUAL = ind("E", direction="equal", targets="{2021-12-31: 5, 2023-12-31: 5}")


@pytest.mark.parametrize("actual, status", [(5, "achieved"), (4, "in_progress"), (6, "in_progress")])
def test_equal_passes_only_at_target_and_is_never_exceeded(tmp_path, actual, status):
    i = one(evaluate(tmp_path, [EQUAL], values(("E", actual))), "E")
    assert i["status"] == status
    assert "exceeded" not in i["flags"]


BIG_EQUAL = ind("E", direction="equal", targets="{2021-12-31: 1000000, 2023-12-31: 1000000}")


@pytest.mark.parametrize("actual, status", [(1000000, "achieved"), (1000009, "in_progress"), (999999.5, "in_progress")])
def test_equal_means_equal_for_large_numbers(tmp_path, actual, status):
    assert one(evaluate(tmp_path, [BIG_EQUAL], values(("E", actual))), "E")["status"] == status


RANGE = ind("R", direction="range", targets="{2021-12-31: {min: 90, max: 100}, 2023-12-31: {min: 92, max: 100}}",
            unit="%")


@pytest.mark.parametrize("actual, status", [("90%", "achieved"), ("95", "achieved"), ("100%", "achieved"),
                                            ("89.99", "in_progress"), ("100.5%", "in_progress")])
def test_range_is_inclusive_and_never_exceeded_by_default(tmp_path, actual, status):
    i = one(evaluate(tmp_path, [RANGE], values(("R", actual))), "R")
    assert i["status"] == status
    assert i["target"] == {"min": 90, "max": 100}
    assert "exceeded" not in i["flags"]


def test_range_target_follows_the_staged_targets(tmp_path):
    s = evaluate(tmp_path, [RANGE], values(("R", 91)), date="2023-12-31")
    i = one(s, "R")
    assert (i["target"], i["status"]) == ({"min": 92, "max": 100}, "not_achieved")


GRADE = ind("G", direction="grade", targets="{2021-12-31: 良, 2023-12-31: 优}", unit="等级",
            extra="scale: [优, 良, 合格, 不合格]")


@pytest.mark.parametrize("grade, status", [("优", "exceeded"), ("良", "achieved"), ("合格", "in_progress"),
                                           ("不合格", "in_progress")])
def test_grade_scale_is_best_first(tmp_path, grade, status):
    i = one(evaluate(tmp_path, [GRADE], values(("G", grade))), "G")
    assert (i["status"], i["actual"], i["target"]) == (status, grade, "良")


def test_grade_below_final_target_is_not_achieved(tmp_path):
    assert one(evaluate(tmp_path, [GRADE], values(("G", "良")), date="2023-12-31"), "G")["status"] == "not_achieved"


DEADLINE = ind("D", direction="deadline", targets=None, type_="timeliness", unit="日期", extra="deadline: 2021-06-30")


@pytest.mark.parametrize("date, cell, status", [
    ("2021-03-31", "未完成", "not_due"),        # not done, deadline still ahead
    ("2021-03-31", None, "not_due"),
    ("2021-05-31", "2021-05-01", "achieved"),   # done early, before the deadline
    ("2021-06-30", "未完成", "not_achieved"),   # deadline reached, not done
    ("2021-06-30", "2021-06-30", "achieved"),   # done on the day
    ("2021-12-31", "2021-05-01", "achieved"),
    ("2021-12-31", "2021-07-10", "late"),  # done late: 逾期完成
    ("2021-12-31", "未完成", "not_achieved"),
    ("2021-12-31", None, "missing"),
])
def test_deadline_statuses(tmp_path, date, cell, status):
    other = ind("B")  # keeps the actual column non-blank
    s = evaluate(tmp_path, [DEADLINE, other], values(("D", cell), ("B", 9)), date=date)
    i = one(s, "D")
    assert i["status"] == status
    assert (i["target"], i["target_period"]) == ("2021-06-30", "2021-06-30")


def test_late_is_its_own_status_counted_as_not_achieved_with_days_late(tmp_path):
    s = evaluate(tmp_path, [DEADLINE, ind("B")], values(("D", "2021-07-10"), ("B", 9)))
    d = one(s, "D")
    assert d["status"] == "late" and "逾期 10 天完成" in d["cause_note"] and "cause_missing" in d["flags"]
    row = level_row(s)
    assert (row["total"], row["achieved"], row["not_achieved"], row["rate"]) == (2, 1, 1, 50.0)
    assert [e["id"] for e in s.exceptions] == ["D"]
    en = one(evaluate(tmp_path, [DEADLINE, ind("B")], values(("D", "2021-07-10"), ("B", 9)), lang="en"), "D")
    assert "done 10 days late" in en["cause_note"]


def test_deadline_per_unit_before_the_deadline(tmp_path):
    s = evaluate(tmp_path, [DEADLINE], table("单位,指标编号,实际值", ("u1", "D", "2021-03-01"), ("u2", "D", "未完成"),
                                             ("u3", "D", None)), date="2021-04-30")
    assert statuses(s) == {("D", "u1"): "achieved", ("D", "u2"): "not_due", ("D", "u3"): "not_due"}
    assert s.exceptions == []


def test_deadline_actual_is_the_completion_date_or_not_done(tmp_path):
    s = evaluate(tmp_path, [DEADLINE, ind("B")], values(("D", "未完成"), ("B", 9)))
    assert one(s, "D")["actual"] == "not_done"
    s = evaluate(tmp_path, [DEADLINE, ind("B")], values(("D", "2021-07-10"), ("B", 9)))
    assert one(s, "D")["actual"] == "2021-07-10"


# --- the applicable staged target --------------------------------------------------------------

STAGES = "{2019-12-31: 2, 2020-12-31: 4, 2021-12-31: 6, 2023-12-31: 10}"
SNAPSHOTS = ["2019-06-30", "2019-12-31", "2020-06-30", "2021-03-31", "2021-12-31", "2022-06-30", "2023-12-31"]


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    root = tmp_path_factory.mktemp("staged")
    write_workspace(root, {"school.yaml": rule_file(ind("A", targets=STAGES))},
                    {d: {"values.csv": values(("A", 5))} for d in SNAPSHOTS})
    return root


@pytest.mark.parametrize("date, target, period, status", [
    ("2019-06-30", None, None, "not_due"),
    ("2019-12-31", 2, "2019-12-31", "exceeded"),   # a target dated on the snapshot day applies
    ("2020-06-30", 2, "2019-12-31", "exceeded"),   # between targets: the earlier one
    ("2021-03-31", 4, "2020-12-31", "exceeded"),
    ("2021-12-31", 6, "2021-12-31", "in_progress"),
    ("2022-06-30", 6, "2021-12-31", "in_progress"),
    ("2023-12-31", 10, "2023-12-31", "not_achieved"),
])
def test_applicable_target_is_latest_on_or_before_snapshot(staged, date, target, period, status):
    i = one(summary_of(staged, date), "A")
    assert (i["target"], i["target_period"], i["final_target"], i["status"]) == (target, period, 10, status)


def test_target_source_points_at_the_applicable_targets_line(staged):
    i = one(summary_of(staged, "2020-06-30"), "A")
    assert i["sources"]["target"]["file"].endswith("school.yaml")
    assert one(summary_of(staged, "2019-06-30"), "A")["sources"]["target"] is None


# --- target 0 ---------------------------------------------------------------------------------

ZERO = ind("Z", targets="{2021-12-31: 0, 2023-12-31: 3}")


def test_target_zero_with_output_is_exceeded_without_ratio(tmp_path):
    i = one(evaluate(tmp_path, [ZERO], values(("Z", 2))), "Z")
    assert (i["status"], i["ratio"], i["completion"], i["flags"]) == ("exceeded", None, None, ["exceeded"])


def test_target_zero_with_nothing_done_is_not_due(tmp_path):
    s = evaluate(tmp_path, [ZERO], values(("Z", 0)))
    i = one(s, "Z")
    assert (i["status"], i["flags"], i["ratio"]) == ("not_due", [], None)
    assert s.exceptions == []


# --- pass, overshoot, flags and causes in the rule ------------------------------------------

MULTI = "单位,指标编号,实际值,完成可能性"


def test_pass_override_per_unit(tmp_path):
    rule = ind("P", extra='pass: actual >= target or likelihood == "确定能"')
    s = evaluate(tmp_path, [rule], table(MULTI, ("u1", "P", 5, "确定能"), ("u2", "P", 5, "有可能"),
                                         ("u3", "P", 9, None)))
    assert statuses(s) == {("P", "u1"): "achieved", ("P", "u2"): "in_progress", ("P", "u3"): "exceeded"}


def test_pass_override_can_be_stricter_than_direction(tmp_path):
    rule = ind("P", extra="pass: actual >= target + 2")
    s = evaluate(tmp_path, [rule], values(("P", 9)))
    assert one(s, "P")["status"] == "in_progress"


@pytest.mark.parametrize("actual, status", [(9, "achieved"), (9.6, "exceeded"), (10, "exceeded"), (7, "in_progress")])
def test_overshoot_formula(tmp_path, actual, status):
    rule = ind("O", extra="overshoot: actual >= target * 1.2")
    assert one(evaluate(tmp_path, [rule], values(("O", actual))), "O")["status"] == status


def test_overshoot_false_never_exceeds(tmp_path):
    rule = ind("O", extra="overshoot: false")
    i = one(evaluate(tmp_path, [rule], values(("O", 30))), "O")
    assert (i["status"], i["flags"]) == ("achieved", [])


def test_overshoot_false_on_a_lower_cost_indicator(tmp_path):
    rule = ind("C", direction="lower", targets="{2021-12-31: 100, 2023-12-31: 100}", type_="cost", unit="万元",
               extra="overshoot: false")
    assert one(evaluate(tmp_path, [rule], values(("C", 60))), "C")["status"] == "achieved"


def test_custom_flag_is_set_where_its_condition_holds(tmp_path):
    rule = ind("F", extra="flags:\n  big_jump: actual > 15")
    s = evaluate(tmp_path, [rule], table("单位,指标编号,实际值", ("u1", "F", 16), ("u2", "F", 15), ("u3", "F", 3)))
    assert one(s, "F", "u1")["flags"] == ["exceeded", "big_jump"]
    assert one(s, "F", "u2")["flags"] == ["exceeded"]
    assert "big_jump" not in one(s, "F", "u3")["flags"]


def test_custom_flag_is_not_set_on_not_due_indicators(tmp_path):
    rule = ind("F", targets="{2022-12-31: 5}", extra="flags:\n  big_jump: actual > 15")
    i = one(evaluate(tmp_path, [rule], values(("F", 20))), "F")
    assert (i["status"], i["flags"]) == ("not_due", [])


CAUSED = ind("CA", extra="causes:\n"
                         "  - when: actual < target\n"
                         "    cause: policy\n"
                         "    note: 差 {gap} {unit}\n"
                         "  - when: actual < 0\n"
                         "    cause: pandemic\n")


def test_rule_cause_note_is_filled_from_the_template(tmp_path):
    i = one(evaluate(tmp_path, [CAUSED], values(("CA", 6))), "CA")
    assert i["status"] == "in_progress"
    assert i["cause_note"] == "目标 8 项，实际 6 项，差 2 项，完成 75.00%；原因：上级政策原因（制度保障）；说明：差 2 项"
    assert "cause_missing" not in i["flags"]
    assert "疫情" not in i["cause_note"]  # the second rule cause does not hold


def test_rule_cause_not_used_when_the_snapshot_states_a_cause(tmp_path):
    s = evaluate(tmp_path, [CAUSED], table("指标编号,实际值,原因代码", ("CA", 6, "pandemic")))
    assert one(s, "CA")["cause_note"] == "目标 8 项，实际 6 项，差 2 项，完成 75.00%；原因：疫情影响（外部环境）"


def test_rule_cause_not_used_when_achieved(tmp_path):
    i = one(evaluate(tmp_path, [CAUSED], values(("CA", 9))), "CA")
    assert (i["status"], i["cause_note"]) == ("exceeded", "")


EQUAL_GAP = ind("E", direction="equal", targets="{2021-12-31: 5, 2023-12-31: 5}",
                extra="flags:\n  off_by_two: gap >= 2\ncauses:\n  - when: gap >= 2\n    note: 偏差 {gap}")


def test_gap_in_conditions_of_equal_indicator_below_target(tmp_path):
    i = one(evaluate(tmp_path, [EQUAL_GAP], values(("E", 3))), "E")
    assert (i["status"], i["gap"], i["flags"]) == ("in_progress", 2.0, ["off_by_two"])
    assert i["cause_note"].endswith("原因：偏差 2")


def test_gap_in_conditions_of_equal_indicator_above_target(tmp_path):
    i = one(evaluate(tmp_path, [EQUAL_GAP], values(("E", 7))), "E")
    assert (i["status"], i["gap"]) == ("in_progress", 2.0)
    assert i["flags"] == ["off_by_two"]


# --- flags -------------------------------------------------------------------------------------

@pytest.mark.parametrize("actual, flags", [(9, ["exceeded"]), (16, ["exceeded"]), (16.5, ["exceeded", "far_beyond_target"]),
                                           (40, ["exceeded", "far_beyond_target"])])
def test_far_beyond_target_above_ratio_two(tmp_path, actual, flags):
    assert one(evaluate(tmp_path, [ind("A")], values(("A", actual))), "A")["flags"] == flags


def test_far_beyond_ratio_comes_from_settings(tmp_path):
    settings = SETTINGS.replace("far_beyond_ratio: 2.0", "far_beyond_ratio: 3.0")
    s = evaluate(tmp_path, [ind("A"), ind("B")], values(("A", 20), ("B", 25)), settings=settings)
    assert one(s, "A")["flags"] == ["exceeded"]                       # 2.5 × target
    assert one(s, "B")["flags"] == ["exceeded", "far_beyond_target"]  # 3.125 × target


@pytest.mark.parametrize("type_, actual, overspend", [("cost", 120, True), ("cost", 100, False), ("cost", 80, False),
                                                      ("quality", 120, False)])
def test_overspend_only_for_cost_above_target(tmp_path, type_, actual, overspend):
    rule = ind("C", direction="lower", targets="{2021-12-31: 100, 2023-12-31: 100}", type_=type_, unit="万元")
    i = one(evaluate(tmp_path, [rule], values(("C", actual))), "C")
    assert ("overspend" in i["flags"]) is overspend


def test_overspend_with_its_cause_note(tmp_path):
    rule = ind("C", direction="lower", targets="{2021-12-31: 100, 2023-12-31: 80}", type_="cost", unit="万元")
    i = one(evaluate(tmp_path, [rule], values(("C", 120))), "C")
    assert i["flags"] == ["overspend", "cause_missing"]
    assert i["cause_note"] == "目标 ≤ 100 万元，实际 120 万元，超出 20 万元，完成 83.33%；原因未说明"


@pytest.mark.parametrize("row, flagged", [
    (("A", 6, "", "", ""), True),
    (("A", 6, "pandemic", "", ""), False),
    (("A", 6, "", "线下活动受限", ""), False),
    (("A", 6, "", "", "有可能"), True),     # a likelihood is not a cause
    (("A", "", "", "", ""), True),          # missing without a cause
    (("A", 9, "", "", ""), False),          # not lagging
])
def test_cause_missing_when_lagging_without_any_cause(tmp_path, row, flagged):
    s = evaluate(tmp_path, [ind("A"), ind("B")], table("指标编号,实际值,原因代码,说明,完成可能性", row, ("B", 9)))
    assert ("cause_missing" in one(s, "A")["flags"]) is flagged


def test_cause_missing_not_set_when_a_rule_cause_holds(tmp_path):
    s = evaluate(tmp_path, [CAUSED], values(("CA", 6)))
    assert one(s, "CA")["flags"] == []


def test_cause_missing_set_when_no_rule_cause_holds(tmp_path):
    rule = ind("CA", extra="causes:\n  - when: actual < 2\n    cause: policy")
    assert one(evaluate(tmp_path, [rule], values(("CA", 6))), "CA")["flags"] == ["cause_missing"]


def test_cause_missing_not_set_on_rule_errors(tmp_path):
    s = evaluate(tmp_path, [ind("X", extra='actual: count("nope")')], values())
    assert one(s, "X")["flags"] == []


# --- cause notes ------------------------------------------------------------------------------

NOTES = "指标编号,实际值,原因代码,说明,完成可能性"


def test_note_gives_target_actual_gap_and_completion(tmp_path):
    note = one(evaluate(tmp_path, [ind("A")], values(("A", 6))), "A")["cause_note"]
    assert note.startswith("目标 8 项，实际 6 项，差 2 项，完成 75.00%")


def test_note_lists_cause_codes_with_category_then_staff_note_and_likelihood(tmp_path):
    s = evaluate(tmp_path, [ind("A")], table(NOTES, ("A", 6, "pandemic;policy", "线下活动受限", "possible")))
    assert one(s, "A")["cause_note"] == ("目标 8 项，实际 6 项，差 2 项，完成 75.00%；"
                                         "原因：疫情影响（外部环境）、上级政策原因（制度保障）；说明：线下活动受限；完成可能性：有可能")
    assert one(s, "A")["causes"] == ["pandemic", "policy"]
    assert one(s, "A")["likelihood"] == "有可能"


def test_note_in_english(tmp_path):
    s = evaluate(tmp_path, [ind("A")], table(NOTES, ("A", 6, "pandemic", "", "确定能")), lang="en")
    assert one(s, "A")["cause_note"] == ("target 8 项, actual 6 项, short by 2 项, completion 75.00%; "
                                         "cause: pandemic (external environment); likelihood: certain")


def test_note_in_english_without_cause(tmp_path):
    s = evaluate(tmp_path, [ind("A")], values(("A", None)), lang="en")
    assert one(s, "A")["cause_note"] == "no actual value reported (target 8 项); cause not stated"


@pytest.mark.parametrize("cell, note", [
    ("未完成", "期限 2021-06-30，尚未完成；原因未说明"),
    ("2021-07-10", "期限 2021-06-30，逾期 10 天完成；原因未说明"),
])
def test_deadline_notes(tmp_path, cell, note):
    s = evaluate(tmp_path, [DEADLINE, ind("B")], values(("D", cell), ("B", 9)))
    assert one(s, "D")["cause_note"] == note


def test_percent_note(tmp_path):
    rule = ind("P", targets="{2021-12-31: 80, 2023-12-31: 90}", unit="%")
    s = evaluate(tmp_path, [rule], table(NOTES, ("P", "71.3%", "pandemic", "", "")))
    assert one(s, "P")["cause_note"] == "目标 80%，实际 71.3%，差 8.7 个百分点，完成 89.13%；原因：疫情影响（外部环境）"


def test_no_note_for_achieved_exceeded_and_not_due(tmp_path):
    s = evaluate(tmp_path, [ind("A"), ind("B"), ind("N", targets="{2022-12-31: 1}")],
                 table(NOTES, ("A", 8, "pandemic", "x", "有可能"), ("B", 9, "", "", ""), ("N", 0, "", "", "")))
    assert [i["cause_note"] for i in s.indicators] == ["", "", ""]


# --- several units, ledgers, formulas --------------------------------------------------------

ACHIEVEMENTS = table("单位,级别,名称", ("u1", "国家级", "a"), ("u1", "国家级", "b"), ("u1", "省级", "c"),
                     ("u2", "国家级", "d"), ("u3", "省级", "e"), ("u3", "国家级", "f"), ("u3", "国家级", "g"),
                     ("u3", "国家级", "h"))
BUDGET = table("单位,日期,执行", ("u1", "2021-03-01", 50), ("u1", "2022-03-01", 500), ("u2", "2021-05-01", 150),
               ("u3", "2020-01-01", 30), ("u3", "2021-12-31", 40))
LEDGERS = {"achievements.csv": ACHIEVEMENTS, "budget.csv": BUDGET}
UNITS_TABLE = table("单位,指标编号,实际值", ("u1", "A", 9), ("u2", "A", 8), ("u3", "A", 6))


def by_unit(summary, id_) -> dict:
    return {i["unit"]: (i["actual"], i["status"]) for i in summary.indicators if i["id"] == id_}


def test_several_units_each_get_their_own_status(tmp_path):
    s = evaluate(tmp_path, [ind("A")], UNITS_TABLE)
    assert by_unit(s, "A") == {"u1": (9, "exceeded"), "u2": (8, "achieved"), "u3": (6, "in_progress")}
    assert list(s.units) == ["u1", "u2", "u3"]


def test_count_with_column_filter_per_unit(tmp_path):
    rule = ind("N", targets="{2021-12-31: 2, 2023-12-31: 3}", extra='actual: count("achievements", 级别="国家级")')
    s = evaluate(tmp_path, [rule, ind("A")], UNITS_TABLE, ledgers=LEDGERS)
    assert by_unit(s, "N") == {"u1": (2, "achieved"), "u2": (1, "in_progress"), "u3": (3, "exceeded")}
    assert one(s, "N", "u1")["sources"]["actual"]["formula"] == 'count("achievements", 级别="国家级")'


def test_count_with_a_list_of_values(tmp_path):
    rule = ind("N", targets="{2021-12-31: 2}", extra='actual: count("achievements", 级别=["国家级", "省级"])')
    s = evaluate(tmp_path, [rule, ind("A")], UNITS_TABLE, ledgers=LEDGERS)
    assert {u: a for u, (a, _) in by_unit(s, "N").items()} == {"u1": 3, "u2": 1, "u3": 4}


def test_sum_with_where_per_unit(tmp_path):
    rule = ind("S", direction="lower", targets="{2021-12-31: 100, 2023-12-31: 200}", type_="cost", unit="万元",
               extra="actual: sum(\"budget\", \"执行\", where=\"日期 <= snapshot\")")
    s = evaluate(tmp_path, [rule, ind("A")], UNITS_TABLE, ledgers=LEDGERS)
    assert by_unit(s, "S") == {"u1": (50, "exceeded"), "u2": (150, "in_progress"), "u3": (70, "exceeded")}
    assert one(s, "S", "u2")["flags"] == ["overspend", "cause_missing"]


def test_unit_without_ledger_rows_counts_zero(tmp_path):
    rule = ind("N", targets="{2021-12-31: 1, 2023-12-31: 3}", extra='actual: count("achievements", 级别="国家级")')
    units = table("单位,指标编号,实际值", ("u1", "A", 9), ("u4", "A", 1))
    s = evaluate(tmp_path, [rule, ind("A")], units, ledgers=LEDGERS)
    assert by_unit(s, "N")["u4"] == (0, "in_progress")


def test_formula_using_another_indicators_actual(tmp_path):
    base = ind("N", targets="{2021-12-31: 2, 2023-12-31: 3}", extra='actual: count("achievements", 级别="国家级")')
    ref = ind("R", targets="{2021-12-31: 10, 2023-12-31: 12}", extra="actual: N + A")
    s = evaluate(tmp_path, [ref, base, ind("A")], UNITS_TABLE, ledgers=LEDGERS)  # R listed before what it uses
    assert by_unit(s, "R") == {"u1": (11, "exceeded"), "u2": (9, "in_progress"), "u3": (9, "in_progress")}


def test_formula_on_a_missing_actual_is_missing(tmp_path):
    ref = ind("R", extra="actual: A * 2")
    s = evaluate(tmp_path, [ref, ind("A")], table("单位,指标编号,实际值", ("u1", "A", 5), ("u2", "A", None)))
    assert by_unit(s, "R") == {"u1": (10, "exceeded"), "u2": (None, "missing")}


# element-wise logic: N is 2 (u1), 1 (u2), 3 (u3) national achievements
@pytest.mark.parametrize("condition, expected", [
    ('actual >= 2 and unit_id != "u3"', {"u1": "achieved", "u2": "not_achieved", "u3": "not_achieved"}),
    ('actual > 2 or unit_id == "u1"', {"u1": "achieved", "u2": "not_achieved", "u3": "achieved"}),
    ("not actual > 2", {"u1": "achieved", "u2": "achieved", "u3": "not_achieved"}),
    ('(actual if unit_id == "u1" else 0) >= 1', {"u1": "achieved", "u2": "not_achieved", "u3": "not_achieved"}),
    ("1 <= actual < 3", {"u1": "achieved", "u2": "achieved", "u3": "not_achieved"}),
    ('unit_id in ["u1", "u3"]', {"u1": "achieved", "u2": "not_achieved", "u3": "achieved"}),
    ("actual in [1, 3]", {"u1": "not_achieved", "u2": "achieved", "u3": "achieved"}),
])
def test_element_wise_logic_in_pass_conditions(tmp_path, condition, expected):
    rule = ind("N", targets="{2021-12-31: 1}", extra=f'actual: count("achievements", 级别="国家级")\n'
                                                   f"pass: '{condition}'\novershoot: false\nfinal: true")
    s = evaluate(tmp_path, [rule, ind("A")], UNITS_TABLE, ledgers=LEDGERS)
    assert {u: st for u, (_, st) in by_unit(s, "N").items()} == expected


def test_element_wise_logic_in_custom_flags(tmp_path):
    rule = ind("A", extra='flags:\n  watch: actual < target and not unit_id in ["u3"]')
    s = evaluate(tmp_path, [rule], table("单位,指标编号,实际值", ("u1", "A", 6), ("u2", "A", 9), ("u3", "A", 6)))
    assert {u: "watch" in one(s, "A", u)["flags"] for u in ("u1", "u2", "u3")} == {"u1": True, "u2": False, "u3": False}


# --- roll-ups ----------------------------------------------------------------------------------

def every_status(tmp_path, **kw):
    rules = [
        ind("EX"),                                          # 9 > 8
        ind("AC"),                                          # 8
        ind("IP"),                                          # 6, time left
        ind("NA", targets="{2020-12-31: 4, 2021-12-31: 8}", extra="final: true"),  # 6, final date reached
        ind("ND", targets="{2022-12-31: 4}"),
        ind("MI"),
        ind("ER", extra='actual: count("nope")'),
    ]
    return evaluate(tmp_path, rules, values(("EX", 9), ("AC", 8), ("IP", 6), ("NA", 6), ("ND", 1)), **kw)


def test_every_status_in_one_run(tmp_path):
    s = every_status(tmp_path)
    assert {i["id"]: i["status"] for i in s.indicators} == {
        "EX": "exceeded", "AC": "achieved", "IP": "in_progress", "NA": "not_achieved", "ND": "not_due",
        "MI": "missing", "ER": "error"}


def test_level_row_counts_achieved_including_exceeded(tmp_path):
    row = level_row(every_status(tmp_path))
    counts = {k: row[k] for k in ("total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due",
                                  "missing", "error")}
    assert counts == {"total": 7, "achieved": 2, "exceeded": 1, "in_progress": 1, "not_achieved": 1, "not_due": 1,
                      "missing": 1, "error": 1}
    assert (row["rate"], row["rate_text"]) == (28.57, "28.57%")  # 2 / 7


def test_exceptions_are_exactly_the_lagging_missing_and_error_ones(tmp_path):
    s = every_status(tmp_path)
    assert sorted((e["id"], e["status"]) for e in s.exceptions) == [
        ("ER", "error"), ("IP", "in_progress"), ("MI", "missing"), ("NA", "not_achieved")]


def test_exception_records_carry_note_and_figures(tmp_path):
    s = every_status(tmp_path)
    ip = next(e for e in s.exceptions if e["id"] == "IP")
    assert (ip["target"], ip["actual"], ip["gap"], ip["completion"], ip["measure"]) == (8, 6, 2.0, 75.0, "项")
    assert ip["cause_note"] == "目标 8 项，实际 6 项，差 2 项，完成 75.00%；原因未说明"


def test_exceptions_empty_when_nothing_lags(tmp_path):
    s = evaluate(tmp_path, [ind("A"), ind("B")], values(("A", 8), ("B", 12)))
    assert s.exceptions == []


def many(n_achieved: int, n_lagging: int):
    rules = [ind(f"I{k}", targets="{2021-12-31: 1, 2023-12-31: 2}") for k in range(n_achieved + n_lagging)]
    rows = [(f"I{k}", 1 if k < n_achieved else 0) for k in range(n_achieved + n_lagging)]
    return rules, values(*rows)


def rounding(mode: str, digits: int = 2) -> str:
    return SETTINGS.replace("rounding: {mode: half_up, digits: 2}", f"rounding: {{mode: {mode}, digits: {digits}}}")


@pytest.mark.parametrize("mode, text", [("half_up", "97.66%"), ("truncate", "97.65%")])
def test_rate_125_of_128_by_rounding_mode(tmp_path, mode, text):
    rules, table_text = many(125, 3)
    row = level_row(evaluate(tmp_path, rules, table_text, settings=rounding(mode)))
    assert (row["total"], row["achieved"], row["rate_text"]) == (128, 125, text)
    assert row["rate"] == float(text.rstrip("%"))


@pytest.mark.parametrize("mode, text", [("half_up", "3.13%"), ("truncate", "3.12%")])
def test_rate_exact_half_rounds_up_not_to_even(tmp_path, mode, text):
    rules, table_text = many(1, 31)  # 1/32 = 3.125%
    assert level_row(evaluate(tmp_path, rules, table_text, settings=rounding(mode)))["rate_text"] == text


def test_rate_with_zero_digits(tmp_path):
    rules, table_text = many(1, 7)  # 12.5%
    assert level_row(evaluate(tmp_path, rules, table_text, settings=rounding("half_up", 0)))["rate_text"] == "13%"


def test_truncated_rate_of_an_exact_percentage(tmp_path):
    rules, table_text = many(29, 21)  # exactly 58%
    assert level_row(evaluate(tmp_path, rules, table_text, settings=rounding("truncate")))["rate_text"] == "58.00%"


def test_half_up_rate_of_an_exact_half(tmp_path):
    rules, table_text = many(23, 137)  # exactly 14.375%
    assert level_row(evaluate(tmp_path, rules, table_text))["rate_text"] == "14.38%"


def test_truncated_completion_in_note_of_an_exact_percentage(tmp_path):
    rule = ind("A", targets="{2021-12-31: 50, 2023-12-31: 60}")
    s = evaluate(tmp_path, [rule], values(("A", 29)), settings=rounding("truncate"))
    assert "完成 58.00%" in one(s, "A")["cause_note"]


def test_shipped_default_with_truncate_gives_the_reports_truncated_rates(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    settings = tmp_path / "rules" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "mode: half_up" in text
    settings.write_text(text.replace("mode: half_up", "mode: truncate"), encoding="utf-8")
    shutil.copytree(ROOT / "datasets" / DATE, tmp_path / "datasets" / DATE)
    s = summary_of(tmp_path, DATE)
    rates = {(r["grouping"], r["level"], r["category"], r["type"]): r["rate_text"] for r in s.rollups}
    assert rates[("level", "group", None, None)] == "97.65%"             # 125 / 128
    assert rates[("type", "school", "output", "quantity")] == "84.61%"   # 44 / 52
    assert rates[("category", "group", "output", None)] == "97.47%"      # 116 / 119
    assert rates[("level", "school", None, None)] == "89.65%"            # 78 / 87


def grouped(tmp_path):
    rules = [
        ind("Q1", task="任务甲"),
        ind("Q2", task="任务乙"),
        ind("QL", type_="quality", task="任务甲"),
        ind("BS", type_="benefit", subtype="social", task="任务乙"),
        ind("BE", type_="benefit", subtype="economic", task="任务乙"),
        ind("SA", type_="satisfaction", unit="%", targets="{2021-12-31: 90, 2023-12-31: 95}", task="任务甲"),
    ]
    return evaluate(tmp_path, rules, values(("Q1", 9), ("Q2", 6), ("QL", 8), ("BS", 1), ("BE", 8), ("SA", 91)))


def rows_of(summary, grouping) -> dict:
    keys = {"category": ("category",), "type": ("category", "type"), "subtype": ("category", "type", "subtype"),
            "task": ("task",), "level": ("level",)}[grouping]
    return {tuple(r[k] for k in keys): (r["total"], r["achieved"], r["exceeded"], r["in_progress"])
            for r in summary.rollups if r["grouping"] == grouping}


def test_rollup_by_category(tmp_path):
    assert rows_of(grouped(tmp_path), "category") == {
        ("output",): (3, 2, 1, 1), ("benefit",): (2, 1, 0, 1), ("satisfaction",): (1, 1, 1, 0)}


def test_rollup_by_type(tmp_path):
    assert rows_of(grouped(tmp_path), "type") == {
        ("output", "quantity"): (2, 1, 1, 1), ("output", "quality"): (1, 1, 0, 0),
        ("benefit", "benefit"): (2, 1, 0, 1), ("satisfaction", "satisfaction"): (1, 1, 1, 0)}


def test_rollup_by_benefit_subtype(tmp_path):
    assert rows_of(grouped(tmp_path), "subtype") == {
        ("benefit", "benefit", "social"): (1, 0, 0, 1), ("benefit", "benefit", "economic"): (1, 1, 0, 0)}


def test_rollup_by_task(tmp_path):
    assert rows_of(grouped(tmp_path), "task") == {("任务甲",): (3, 3, 2, 0), ("任务乙",): (3, 1, 0, 2)}


def test_rollup_rows_name_their_unit_and_level(tmp_path):
    s = grouped(tmp_path)
    assert {(r["unit"], r["level"]) for r in s.rollups} == {("default", "school")}
    assert rows_of(s, "level") == {("school",): (6, 4, 2, 2)}
    assert level_row(s)["rate_text"] == "66.67%"


def test_rollups_are_per_unit(tmp_path):
    s = evaluate(tmp_path, [ind("A"), ind("B")],
                 table("单位,指标编号,实际值", ("u1", "A", 9), ("u1", "B", 8), ("u2", "A", 6), ("u2", "B", 8)))
    assert (level_row(s, "u1")["achieved"], level_row(s, "u1")["rate_text"]) == (2, "100.00%")
    assert (level_row(s, "u2")["achieved"], level_row(s, "u2")["in_progress"], level_row(s, "u2")["rate_text"]) == \
        (1, 1, "50.00%")


def test_summary_for_one_unit_only(tmp_path):
    s = evaluate(tmp_path, [ind("A")], UNITS_TABLE, unit="u3")
    assert [(i["unit"], i["status"]) for i in s.indicators] == [("u3", "in_progress")]
    assert {r["unit"] for r in s.rollups} == {"u3"}
    assert [(e["id"], e["unit"]) for e in s.exceptions] == [("A", "u3")]


def test_task_rows_follow_each_levels_own_order(tmp_path):
    # 任务乙 comes first at group level, though school lists it second
    write_workspace(tmp_path, {
        "a_school.yaml": "level: school\nindicators:\n"
                         "  - {id: S1, name: 甲, task: 任务甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}\n"
                         "  - {id: S2, name: 乙, task: 任务乙, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}\n",
        "b_group.yaml": "level: group\nindicators:\n"
                        "  - {id: G1, name: 乙, task: 任务乙, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}\n"
                        "  - {id: G2, name: 甲, task: 任务甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}\n"},
        {"2021-12-31": {"values.csv": "指标编号,实际值\nS1,0\nS2,0\nG1,0\nG2,0\n"}})
    s = summary_of(tmp_path)
    assert [(r["level"], r["task"]) for r in s.rollups if r["grouping"] == "task"] == [
        ("school", "任务甲"), ("school", "任务乙"), ("group", "任务乙"), ("group", "任务甲")]
    assert [e["id"] for e in s.exceptions] == ["S1", "S2", "G1", "G2"]


# --- settings.overshoot_margin: a % target beaten by less than the margin is achieved, not exceeded ----------

MARGIN = SETTINGS + "  overshoot_margin: 1\n"


@pytest.mark.parametrize("settings, actual, status", [
    (MARGIN, "96.3", "exceeded"),     # 1.3 points beyond 95
    (MARGIN, "95.9", "achieved"),     # beyond, but by less than 1 point
    (MARGIN, "96", "exceeded"),       # exactly the margin
    (SETTINGS, "95.9", "exceeded"),   # no margin set: any amount beyond
])
def test_margin_for_percent_targets(tmp_path, settings, actual, status):
    rule = ind("P", targets="{2021-12-31: 95}", unit="%")
    assert one(evaluate(tmp_path, [rule], values(("P", actual)), settings=settings), "P")["status"] == status


def test_margin_holds_back_lower_is_better_and_spares_other_measures_and_own_overshoot(tmp_path):
    rules = [ind("L", direction="lower", targets="{2021-12-31: 5}", unit="%", type_="cost"),
             ind("N", targets="{2021-12-31: 95}", unit="项"),
             ind("O", targets="{2021-12-31: 95}", unit="%", extra="overshoot: actual > target")]
    s = evaluate(tmp_path, rules, values(("L", "4.5"), ("N", "95.5"), ("O", "95.5")), settings=MARGIN)
    assert {k[0]: v for k, v in statuses(s).items()} == {"L": "achieved", "N": "exceeded", "O": "exceeded"}
    s = evaluate(tmp_path, rules[:1], values(("L", "3.9")), settings=MARGIN)
    assert one(s, "L")["status"] == "exceeded"
