"""Expected progress between two staged targets (issue #14, evaluate/schedule.py): the expected value,
the flag 落后于进度 (behind_schedule) that leaves the status alone, and the 进度预警 section of the
exception list and the report. (tests/test_progress.py is the progress bar's.)"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import ROOT, SETTINGS, by_id, summary_of, write_workspace
from test_bad_inputs import run

sys.path.insert(0, str(ROOT / "tools"))
import monthly_snapshots  # noqa: E402

RULES = """\
level: school
task: 人才培养
indicators:
  - id: S_LIN
    name: 线性指标
    type: quantity
    unit: 项
    direction: higher
    targets: {{2021-12-31: 10, 2022-12-31: 20, 2023-12-31: 30}}
  - id: S_STEP
    name: 阶梯指标
    type: quantity
    unit: 项
    direction: higher
    progress: step
    targets: {{2021-12-31: 10, 2022-12-31: 20, 2023-12-31: 30}}
  - id: S_NONE
    name: 不算进度
    type: quantity
    unit: 项
    direction: higher
    progress: none
    targets: {{2021-12-31: 10, 2022-12-31: 20, 2023-12-31: 30}}
  - id: S_LOW
    name: 累计支出
    type: cost
    unit: 万元
    direction: lower
    targets: {{2021-12-31: 100, 2022-12-31: 200, 2023-12-31: 300}}
  - id: S_GRADE
    name: 考核等级
    type: quality
    unit: 等级
    direction: grade
    scale: [优秀, 良好, 合格]
    targets: {{2021-12-31: 良好, 2022-12-31: 优秀, 2023-12-31: 优秀}}
  - id: S_RANGE
    name: 生师比
    type: quality
    unit: 比
    direction: range
    targets: {{2021-12-31: {{min: 10, max: 20}}, 2022-12-31: {{min: 12, max: 18}}, 2023-12-31: {{min: 12, max: 18}}}}
{extra}"""
VALUES = "指标编号,实际值\nS_LIN,{lin}\nS_STEP,{step}\nS_NONE,5\nS_LOW,{low}\nS_GRADE,合格\nS_RANGE,30\n"
DAY = "2022-03-02"


def _linear(prev, nxt, start, end, day):
    """The interpolation, written here again from the issue's words: by days."""
    d0, d1, d = (date.fromisoformat(x) for x in (start, end, day))
    return prev + (nxt - prev) * (d - d0).days / (d1 - d0).days


def _workspace(tmp_path, day=DAY, lin=11, step=11, low=150, extra="", settings=SETTINGS):
    return write_workspace(tmp_path, {"school.yaml": RULES.format(extra=extra), "settings.yaml": settings},
                           {day: {"values.csv": VALUES.format(lin=lin, step=step, low=low)}})


def test_linear_interpolates_by_days_and_flags_without_touching_the_status(tmp_path):
    ws = _workspace(tmp_path)
    rec = by_id(summary_of(ws, DAY))["S_LIN"]
    expected = _linear(10, 20, "2021-12-31", "2022-12-31", DAY)
    assert rec["progress"]["method"] == "linear"
    assert rec["progress"]["expected"] == pytest.approx(expected, abs=1e-4)
    assert rec["progress"]["gap"] == pytest.approx(expected - 11, abs=1e-4)
    assert rec["progress"]["share"] == pytest.approx((expected - 11) / expected, abs=1e-4)
    assert rec["progress"]["behind"] is True and "behind_schedule" in rec["flags"]
    assert rec["status"] == "exceeded"  # 11 > the target that applies (10): the status stays


def test_on_or_ahead_of_schedule_is_not_flagged(tmp_path):
    rec = by_id(summary_of(_workspace(tmp_path, lin=12), DAY))["S_LIN"]
    assert rec["progress"]["behind"] is False and "behind_schedule" not in rec["flags"]


def test_step_expects_the_previous_target_only(tmp_path):
    recs = by_id(summary_of(_workspace(tmp_path, step=11), DAY))
    assert recs["S_STEP"]["progress"]["expected"] == 10
    assert recs["S_STEP"]["progress"]["behind"] is False


def test_step_short_of_the_previous_target_is_behind_and_in_progress(tmp_path):
    rec = by_id(summary_of(_workspace(tmp_path, step=9), DAY))["S_STEP"]
    assert rec["progress"]["behind"] is True and rec["progress"]["gap"] == 1
    assert rec["status"] == "in_progress"


def test_none_and_not_cumulative_directions_get_no_expectation(tmp_path):
    recs = by_id(summary_of(_workspace(tmp_path), DAY))
    for ind_id in ("S_NONE", "S_GRADE", "S_RANGE"):
        assert "progress" not in recs[ind_id], ind_id
        assert "behind_schedule" not in recs[ind_id]["flags"]


def test_lower_is_better_is_behind_above_the_expected_ceiling(tmp_path):
    ceiling = _linear(100, 200, "2021-12-31", "2022-12-31", DAY)
    above = by_id(summary_of(_workspace(tmp_path / "a", low=150), DAY))["S_LOW"]
    below = by_id(summary_of(_workspace(tmp_path / "b", low=90), DAY))["S_LOW"]
    assert above["progress"]["expected"] == pytest.approx(ceiling, abs=1e-4)
    assert above["progress"]["behind"] is True
    assert above["progress"]["gap"] == pytest.approx(150 - ceiling, abs=1e-4)
    assert below["progress"]["behind"] is False
    assert above["status"] == "in_progress" and below["status"] == "exceeded"  # against 100, as always


def test_settings_progress_is_the_default_and_the_rule_wins(tmp_path):
    settings = SETTINGS + "  progress: none\n"
    recs = by_id(summary_of(_workspace(tmp_path, settings=settings), DAY))
    assert "progress" not in recs["S_LIN"]               # settings: none
    assert recs["S_STEP"]["progress"]["method"] == "step"  # the rule's own key


def test_the_status_is_the_same_with_or_without_expectations(tmp_path):
    on = summary_of(_workspace(tmp_path / "on", lin=3, step=3, low=500), DAY)
    off = summary_of(_workspace(tmp_path / "off", lin=3, step=3, low=500, settings=SETTINGS + "  progress: none\n"), DAY)
    assert [(i["id"], i["status"]) for i in on.indicators] == [(i["id"], i["status"]) for i in off.indicators]
    assert any(i["progress"]["behind"] for i in on.indicators if "progress" in i)
    assert on.rollups == off.rollups

    def without_flag(items):
        return [{**e, "flags": [f for f in e["flags"] if f != "behind_schedule"]} for e in items]
    assert without_flag(on.exceptions) == without_flag(off.exceptions)


def test_before_the_first_target_nothing_is_expected(tmp_path):
    rules = RULES.format(extra="").replace("2021-12-31: 10, 2022", "2019-12-31: 4, 2021-12-31: 10, 2022")
    day = "2019-07-01"
    write_workspace(tmp_path, {"school.yaml": rules}, {day: {"values.csv": "指标编号,实际值\nS_LIN,1\nS_STEP,1\n"}})
    recs = by_id(summary_of(tmp_path, day))
    assert recs["S_LIN"]["status"] == "not_due"  # no stage has begun: no 进度预警 beside 未到期
    assert "progress" not in recs["S_LIN"] and "progress" not in recs["S_STEP"]
    assert recs["S_LIN"]["flags"] == []


def test_a_snapshot_on_a_stage_date_keeps_its_outputs(tmp_path):
    ws = _workspace(tmp_path, day="2021-12-31", lin=3, step=3)
    doc = json.loads(run(ws, ["evaluate", "--snapshot", "2021-12-31", "--format", "json"]).stdout)
    assert all("progress" not in i for i in doc["indicators"]) and "behind_schedule" not in doc
    table = run(ws, ["evaluate", "--snapshot", "2021-12-31"]).stdout
    report = run(ws, ["report", "--snapshot", "2021-12-31"]).stdout
    assert "进度预警" not in table and "进度预警" not in report


def test_the_exception_list_and_the_report_gain_the_section(tmp_path):
    ws = _workspace(tmp_path)
    table = run(ws, ["evaluate", "--snapshot", DAY, "--exceptions-only"]).stdout
    assert "进度预警" in table and "S_LIN" in table.split("进度预警")[1]
    assert "S_STEP" not in table.split("进度预警")[1]  # on schedule: not listed
    doc = json.loads(run(ws, ["evaluate", "--snapshot", DAY, "--format", "json", "--exceptions-only"]).stdout)
    assert [b["id"] for b in doc["behind_schedule"]] == ["S_LIN", "S_LOW"]
    markdown = run(ws, ["evaluate", "--snapshot", DAY, "--format", "markdown"]).stdout
    assert "## 进度预警" in markdown
    report = run(ws, ["report", "--snapshot", DAY]).stdout
    section = report.split("进度预警", 1)[1]
    assert "S_LIN" in section and "按天线性" in section
    html = run(ws, ["report", "--snapshot", DAY, "--format", "html"]).stdout
    assert "进度预警" in html


def test_nothing_behind_means_no_section(tmp_path):
    ws = _workspace(tmp_path, lin=15, step=15, low=110)
    assert "进度预警" not in run(ws, ["evaluate", "--snapshot", DAY]).stdout
    assert "进度预警" not in run(ws, ["report", "--snapshot", DAY]).stdout


def test_english_wording(tmp_path):
    ws = _workspace(tmp_path)
    table = run(ws, ["evaluate", "--snapshot", DAY, "--exceptions-only", "--lang", "en"]).stdout
    assert "Behind schedule" in table and "expected by now" in table and "linear by days" in table
    report = run(ws, ["report", "--snapshot", DAY, "--lang", "en"]).stdout
    assert "Behind schedule" in report and "按天线性" not in report
    explained = run(ws, ["explain", "S_LIN", "--snapshot", DAY, "--lang", "en"]).stdout
    assert "expected progress" in explained and "flagged behind schedule" in explained


def test_explain_says_the_expected_value_and_how(tmp_path):
    ws = _workspace(tmp_path)
    explained = run(ws, ["explain", "S_LIN", "--snapshot", DAY]).stdout
    days = (date.fromisoformat(DAY) - date(2021, 12, 31)).days
    assert f"已过 {days} / 365 天" in explained and "落后于进度" in explained


def test_validate_knows_the_key(tmp_path):
    ws = _workspace(tmp_path, extra="    progress: sometimes\n")
    checked = run(ws, ["validate"]).stdout
    assert "[schema.enum]" in checked and "进度预期" in checked and "linear, step, none" in checked


def test_validate_warns_of_progress_on_a_direction_without_it(tmp_path):
    ws = _workspace(tmp_path, extra="    progress: step\n")  # written on S_RANGE, the last indicator
    checked = run(ws, ["validate", "--lang", "en"]).stdout
    assert "[validate.progress_ignored]" in checked and "direction range" in checked
    fine = run(_workspace(tmp_path / "fine"), ["validate"]).stdout
    assert "progress_ignored" not in fine


@pytest.fixture(scope="module")
def monthly(tmp_path_factory):
    out = tmp_path_factory.mktemp("monthly")
    monthly_snapshots.generate(out, ROOT / "rules", ROOT / "datasets")
    return out


def _behind(folder: Path, day: str) -> dict:
    from engine.load.rules import load_rules
    from engine.pipeline import run as run_pipeline
    done = run_pipeline(ROOT / "rules", folder, day, rules=load_rules(ROOT / "rules"))
    return {b["id"]: b for b in done.summary.behind}, by_id(done.summary)


def test_monthly_snapshots_show_the_flag_appearing_and_clearing(monthly):
    assert sorted(p.name for p in monthly.iterdir() if p.is_dir())[:4] == ["2019-12-31", "2020-12-31", "2021-12-31", "2022-01-31"]
    assert len([p for p in monthly.iterdir() if p.is_dir()]) == 15  # the 3 real yearly snapshots and 12 months
    stalled, (first, last) = next(iter(monthly_snapshots.LAGGING.items()))
    before = monthly_snapshots.month_ends()[first - 2].isoformat()
    during = monthly_snapshots.month_ends()[last - 1].isoformat()
    after = monthly_snapshots.month_ends()[last + 1].isoformat()
    behind_before, _ = _behind(monthly, before)
    behind_during, records = _behind(monthly, during)
    behind_after, _ = _behind(monthly, after)
    assert stalled not in behind_before
    assert stalled in behind_during and records[stalled]["status"] in ("achieved", "exceeded")
    assert stalled not in behind_after
    year_end, _ = _behind(monthly, "2022-12-31")
    assert year_end == {}  # a stage date: the official status says it all


def test_monthly_snapshots_are_deterministic(monthly, tmp_path):
    monthly_snapshots.generate(tmp_path, ROOT / "rules", ROOT / "datasets")
    for path in sorted(monthly.rglob("*")):
        if path.is_file():
            assert (tmp_path / path.relative_to(monthly)).read_bytes() == path.read_bytes(), path
