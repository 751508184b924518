"""jixiao compare: the shipped default at 2020-12-31 against 2021-12-31."""
import dataclasses
import json
import subprocess
import sys

import pytest

from helpers import ROOT, run_cli, summary_of
from engine.summarise.compare import classify, compare
from engine.render.comparison import render_json, render_markdown, render_table
from engine.load.rules import load_rules

COUNTS = ["total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due", "missing", "error"]


@pytest.fixture(scope="module")
def summaries():
    return summary_of(ROOT, "2020-12-31"), summary_of(ROOT, "2021-12-31")


@pytest.fixture(scope="module")
def result(summaries):
    return compare(*summaries)


def ids(items):
    return [i["id"] for i in items]


def test_lists_follow_from_the_statuses_of_both_snapshots(summaries, result):
    before, after = ({(i["unit"], i["id"]): i["status"] for i in s.indicators} for s in summaries)
    met, lagging = {"achieved", "exceeded"}, {"in_progress", "not_achieved"}
    expect = {
        "newly_achieved": [k[1] for k in after if after[k] in met and before[k] not in met],
        "recovered": [k[1] for k in after if after[k] in met and before[k] in lagging],
        "newly_lagging": [k[1] for k in after if before[k] in met and after[k] in lagging],
        "still_lagging": [k[1] for k in after if before[k] in lagging and after[k] in lagging],
    }
    for key, want in expect.items():
        assert ids(result[key]) == want, key
    classified = {i["id"] for key in expect for i in result[key]}
    assert ids(result["other_changes"]) == [k[1] for k in after if before[k] != after[k] and k[1] not in classified]


def test_the_named_indicators(result):
    assert ids(result["newly_lagging"]) == ["S601", "S708"]
    assert ids(result["still_lagging"]) == ["S406", "S602", "S901", "S902", "G807", "G808", "G913"]
    assert ids(result["other_changes"]) == ["S206", "S207", "S217", "S603"]   # 未到期 → 正在推进 ×3, 已达成 → 超额
    recovered = ids(result["recovered"])
    assert len(recovered) == 18 and recovered[:5] == ["S101", "S501", "S703", "S804", "G101"]
    newly = {i["id"]: i for i in result["newly_achieved"]}
    assert len(newly) == 28 and set(recovered) <= set(newly)
    assert newly["S101"]["recovered"] and not newly["S205"]["recovered"]   # S205: 未到期 → 超额完成
    assert newly["S807"]["before"]["actual"] == "not_done" and newly["S807"]["after"]["actual"] == "2021-04-15"
    s708 = result["newly_lagging"][1]
    assert s708["before"] == {"status": "exceeded", "actual": 47.525168, "target": 45, "completion": 105.6115,
                              "cause_note": ""}
    assert (s708["after"]["status"], s708["after"]["actual"], s708["after"]["target"]) == ("in_progress", 71.297345, 80)
    assert "合同" in s708["after"]["cause_note"]
    s101 = newly["S101"]
    assert (s101["before"]["status"], s101["before"]["actual"], s101["before"]["target"]) == ("in_progress", 1, 2)
    assert (s101["after"]["status"], s101["after"]["actual"], s101["after"]["target"]) == ("achieved", 3, 3)
    assert (s101["name"], s101["level"], s101["measure"]) == ("获评省级“一流党建示范”党支部", "school", "个")


def test_counts(result):
    [c] = result["counts"]
    assert c == {"unit": "kmvtc", "newly_achieved": 28, "recovered": 18, "newly_lagging": 2, "still_lagging": 7,
                 "other_changes": 4, "unchanged": 174}
    assert c["newly_achieved"] + c["newly_lagging"] + c["still_lagging"] + c["other_changes"] + c["unchanged"] == 215


def test_rollup_deltas_are_after_minus_before(summaries, result):
    before, after = summaries
    assert len(result["rollups"]) == len(after.rollups) == len(before.rollups)
    for row in result["rollups"]:
        for c in COUNTS:
            assert row["delta"][c] == row["after"][c] - row["before"][c]
        rates = row["after"]["rate"], row["before"]["rate"]
        assert row["delta"]["rate"] == (None if None in rates else round(rates[0] - rates[1], 2))  # "-": nothing due
    school = next(r for r in result["rollups"] if r["grouping"] == "level" and r["level"] == "school")
    assert (school["before"]["achieved"], school["after"]["achieved"], school["delta"]["achieved"]) == (73, 78, 5)
    assert (school["before"]["rate_text"], school["after"]["rate_text"], school["delta"]["rate"]) == ("83.91%", "89.66%", 5.75)
    group = next(r for r in result["rollups"] if r["grouping"] == "level" and r["level"] == "group")
    assert (group["before"]["in_progress"], group["after"]["in_progress"], group["delta"]["in_progress"]) == (17, 3, -14)


def test_score_changes(summaries, result):
    before, after = summaries
    unit = result["scores"][0]
    assert unit["level"] is None
    assert unit["before"]["score"] == before.scores["units"][0]["score"]
    assert unit["after"]["score"] == after.scores["units"][0]["score"] == 95.13
    for row in result["scores"]:
        assert row["delta"] == round(row["after"]["score"] - row["before"]["score"], 2)
    assert [r["level"] for r in result["scores"]] == [None, "school", "group"]


def test_classify():
    assert classify("not_due", "achieved") == "newly_achieved"
    assert classify("missing", "exceeded") == "newly_achieved"
    assert classify(None, "achieved") == "newly_achieved"
    assert classify("in_progress", "exceeded") == "recovered"
    assert classify("not_achieved", "achieved") == "recovered"
    assert classify("exceeded", "not_achieved") == "newly_lagging"
    assert classify("in_progress", "not_achieved") == "still_lagging"
    assert classify("not_due", "in_progress") == "other_changes"
    assert classify("achieved", "missing") == "other_changes"
    assert classify("achieved", "exceeded") == "other_changes"
    assert classify("achieved", "achieved") is None and classify("not_due", "not_due") is None


def test_an_indicator_absent_on_one_side(summaries):
    before, after = summaries
    fewer = dataclasses.replace(before, indicators=[i for i in before.indicators if i["id"] != "S1007"])
    out = compare(fewer, after)
    s1007 = next(i for i in out["newly_achieved"] if i["id"] == "S1007")
    assert s1007["before"] is None and s1007["recovered"] is False
    gone = compare(before, dataclasses.replace(after, indicators=[i for i in after.indicators if i["id"] != "S101"]))
    s101 = next(i for i in gone["other_changes"] if i["id"] == "S101")
    assert s101["after"] is None and ids(gone["other_changes"])[-1] == "S101"  # earlier-only ones last


def test_renderers(summaries, result):
    settings = summaries[1].settings
    assert json.loads(render_json(result)) == json.loads(json.dumps(result))
    text = render_table(result, settings, "zh")
    for heading in ("【变化概览】", "【新达成", "【新落后", "【仍落后", "【其他状态变化】", "【评分变化】",
                    "【绩效指标完成情况的变化】", "【按建设任务的变化】"):
        assert heading in text
    assert "新达成 28 个（其中恢复 18 个）" in text
    assert "83.91% → 89.66% (+5.75)" in text and "73 → 78 (+5)" in text
    assert "S807" in text and "未完成" in text
    md = render_markdown(result, settings, "zh")
    assert md.startswith("# 昆明工业职业技术学院 · 对比 2020-12-31 → 2021-12-31") and "## 新落后" in md
    assert "| S708 " in md
    en = render_table(result, settings, "en")
    assert "newly achieved 28 (recovered 18)" in en and "in progress" in en


def test_deterministic(summaries):
    again = compare(summary_of(ROOT, "2020-12-31"), summary_of(ROOT, "2021-12-31"))
    assert render_json(again) == render_json(compare(*summaries))


# --- the command -------------------------------------------------------------------------------

def run_many(*commands):
    """Run several jixiao commands at once (each evaluates two snapshots: a few seconds)."""
    procs = [subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for args in commands]
    return [(p.communicate(timeout=600), p.returncode) for p in procs]


def test_command_formats_output_and_determinism(result, tmp_path):
    out = tmp_path / "变化.txt"
    base = ("compare", "--snapshot", "2021-12-31", "--against", "2020-12-31")
    (first, rc1), (second, rc2), (table, rc3), (md, rc4) = run_many(
        (*base, "--format", "json"), (*base, "--format", "json"), (*base, "--output", str(out)),
        ("compare", "--snapshot", "2021-12-31", "--against", "2019-12-31", "--format", "markdown",
         "--unit", "kmvtc", "--lang", "en"))
    assert (rc1, rc2, rc3, rc4) == (0, 0, 0, 0), (first[1], table[1], md[1])
    assert first[1] == second[1] == table[1] == md[1] == ""   # no progress bar without a terminal
    assert json.loads(first[0]) == json.loads(render_json(result))
    assert second[0] == first[0]
    assert table[0] == "" and "【新落后" in out.read_text(encoding="utf-8")
    assert md[0].startswith("# 昆明工业职业技术学院 · compared 2019-12-31 → 2021-12-31")


@pytest.mark.parametrize("args,words", [
    (["--snapshot", "2020-12-31", "--against", "2021-12-31"], "应早于"),
    (["--snapshot", "2021-12-31", "--against", "2021-12-31"], "应早于"),
    (["--snapshot", "2021-12-31"], "--against"),
    (["--snapshot", "2021-12-31", "--against", "2018-12-31"], "2018-12-31"),
    (["--snapshot", "2021-12-31", "--against", "2020-12-31", "--unit", "nope"], "nope"),
    (["--snapshot", "2021-12-31", "--against", "2020-12-31", "--format", "csv"], "--format"),
    (["--snapshot", "2021-12-31", "--against", "2020-12-31", "--output", "datasets/2020-12-31/values.csv"], "values.csv"),
])
def test_command_input_errors_exit_2(args, words):
    proc = run_cli("compare", *args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert words in proc.stderr and proc.stdout == "" and "Traceback" not in proc.stderr


def test_rules_are_loaded_once_and_shared(summaries):
    rules = load_rules(ROOT / "rules")
    assert len(rules.indicators) == len({i["id"] for i in summaries[1].indicators}) == 215
