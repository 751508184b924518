"""A miss before the construction period ends is in progress, not yet not achieved, unless the rule
says its last target is the final one (final: true); at or after the period's end it is not achieved."""
from __future__ import annotations

import json

from helpers import write_workspace
from test_bad_inputs import run

RULES = """\
level: school
task: 人才培养
indicators:
  - id: S_MID
    name: 只有中期目标
    type: quantity
    unit: 项
    direction: higher
    targets: {{2021-12-31: 10}}
{final}"""


def _status(tmp_path, final: str, date: str = "2021-12-31", lang: str = "zh"):
    write_workspace(tmp_path, {"school.yaml": RULES.format(final=final)},
                    {date: {"values.csv": "指标编号,实际值\nS_MID,6\n"}})
    proc = run(tmp_path, ["evaluate", "--snapshot", date, "--format", "json"])
    assert proc.returncode == 0, proc.stderr
    [record] = json.loads(proc.stdout)["indicators"]
    explained = run(tmp_path, ["explain", "S_MID", "--snapshot", date, "--lang", lang]).stdout
    checked = run(tmp_path, ["validate"]).stdout
    return record["status"], explained, checked


def test_a_miss_before_the_period_ends_is_in_progress(tmp_path):
    status, explained, checked = _status(tmp_path, "")
    assert status == "in_progress"
    assert "建设期到 2023-12-31 才结束" in explained and "final: true" in explained
    assert "validate.no_final_target" in checked and "正在推进" in checked


def test_final_true_makes_a_miss_at_the_last_target_not_achieved(tmp_path):
    status, explained, checked = _status(tmp_path, "    final: true\n", lang="en")
    assert status == "not_achieved"
    assert "marks as final (final: true)" in explained
    assert "validate.no_final_target" not in checked


def test_after_the_period_ends_a_miss_is_not_achieved(tmp_path):
    status, explained, _ = _status(tmp_path, "", date="2024-06-30")
    assert status == "not_achieved"
    assert "没有时间了" in explained
