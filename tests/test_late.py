"""A deadline met after its date is its own status, 逾期完成 (late): counted as not achieved in the
rates, shown with the days late, explained, and failing --fail-on not_achieved."""
from __future__ import annotations

import json

from engine.summarise.compare import classify
from helpers import write_workspace
from test_bad_inputs import run

RULES = """\
level: school
task: 信息化
indicators:
  - id: S_DONE
    name: 建成智慧校园平台
    type: timeliness
    unit: 日期
    direction: deadline
    deadline: 2021-06-30
  - id: S_COUNT
    name: 在线课程
    type: quantity
    unit: 门
    direction: higher
    targets: {2021-12-31: 10}
"""


def _workspace(tmp_path, done: str):
    write_workspace(tmp_path, {"school.yaml": RULES},
                    {"2021-12-31": {"values.csv": f"指标编号,实际值\nS_DONE,{done}\nS_COUNT,12\n"}})


def test_late_in_json_table_explain_and_exit_code(tmp_path):
    _workspace(tmp_path, "2021-08-15")
    proc = run(tmp_path, ["evaluate", "--snapshot", "2021-12-31", "--format", "json"])
    doc = json.loads(proc.stdout)
    record = next(i for i in doc["indicators"] if i["id"] == "S_DONE")
    assert record["status"] == "late" and "逾期 46 天完成" in record["cause_note"]
    table = run(tmp_path, ["evaluate", "--snapshot", "2021-12-31"]).stdout
    assert "[逾期完成] S_DONE 建成智慧校园平台" in table
    assert "50.00%" in table  # one of two met: late counts as not achieved
    explained = run(tmp_path, ["explain", "S_DONE", "--snapshot", "2021-12-31"]).stdout
    assert "晚于期限 2021-06-30（逾期 46 天）" in explained
    english = run(tmp_path, ["explain", "S_DONE", "--snapshot", "2021-12-31", "--lang", "en"]).stdout
    assert "46 days late" in english and "completed late" in english
    assert run(tmp_path, ["evaluate", "--snapshot", "2021-12-31", "--fail-on", "not_achieved"]).returncode == 1


def test_done_in_time_is_achieved_and_passes_fail_on(tmp_path):
    _workspace(tmp_path, "2021-06-30")
    proc = run(tmp_path, ["evaluate", "--snapshot", "2021-12-31", "--fail-on", "not_achieved"])
    assert proc.returncode == 0 and "逾期" not in proc.stdout


def test_compare_counts_late_as_still_behind():
    assert classify("not_achieved", "late") == "still_lagging"
    assert classify("achieved", "late") == "newly_lagging"
    assert classify("late", "achieved") == "recovered"
