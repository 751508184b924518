"""jixiao forecast and the report's section 预测与完成可能性: the recent rate (the last value against the
one a year before it), projections at the next staged target and the period's end, the suggested
likelihood and its disagreement with the staff's, for higher and lower is better; no forecast for
what is not cumulative; the line charts of lagging indicators."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from helpers import write_workspace
from test_bad_inputs import run
from engine.load.rules import load_rules
from engine.pipeline import run as evaluate_snapshot
from engine.forecast import forecast
from engine.forecast.likely import POSSIBLE_SHARE
from engine.report.document import Chart, Series
from engine.report.line_chart import line_chart

RULES = """\
level: school
task: 人才培养
indicators:
  - {id: H_UP, name: 逐年增加, type: quantity, unit: 项, direction: higher,
     targets: {2019-12-31: 2, 2020-12-31: 4, 2021-12-31: 6, 2022-12-31: 8, 2023-12-31: 10}}
  - {id: H_REACH, name: 增长够快, type: quantity, unit: 项, direction: higher,
     targets: {2021-12-31: 5, 2022-12-31: 9, 2023-12-31: 12}}
  - {id: H_MET, name: 已达最终目标, type: quantity, unit: 项, direction: higher,
     targets: {2021-12-31: 2, 2023-12-31: 3}}
  - {id: H_FLAT, name: 没有进展, type: quantity, unit: 个, direction: higher,
     targets: {2021-12-31: 3, 2023-12-31: 5}}
  - {id: H_SHORT, name: 增长太慢, type: quantity, unit: 项, direction: higher,
     targets: {2021-12-31: 1, 2023-12-31: 10}}
  - {id: H_GAP, name: 最新快照缺值, type: quantity, unit: 项, direction: higher,
     targets: {2021-12-31: 1, 2023-12-31: 20}}
  - {id: L_SLIP, name: 累计支出不超过预算, type: cost, unit: 万元, direction: lower,
     targets: {2021-12-31: 100, 2023-12-31: 100}}
  - {id: L_DOWN, name: 事故起数下降, type: quality, unit: 起, direction: lower,
     targets: {2021-12-31: 30, 2023-12-31: 20}}
  - {id: L_UP, name: 投诉增加, type: quality, unit: 件, direction: lower,
     targets: {2021-12-31: 30, 2023-12-31: 20}}
  - {id: R_RATE, name: 满意度, type: satisfaction, unit: "%", direction: higher,
     targets: {2021-12-31: 90, 2023-12-31: 95}}
  - {id: A_YEAR, name: 每年培训, type: quantity, unit: 人次, direction: higher, annual: true,
     targets: {2021-12-31: 100, 2023-12-31: 100}}
  - {id: G_GRADE, name: 考核等级, type: quality, unit: 等级, direction: grade, scale: [优秀, 良好, 合格],
     targets: {2021-12-31: 优秀, 2023-12-31: 优秀}}
"""
HEAD = "指标编号,实际值,完成可能性\n"
VALUES = {  # id -> (2019, 2020, 2021, staff likelihood at 2021)
    "H_UP": (1, 3, 5, "确定能"), "H_REACH": ("", 2, 6, ""), "H_MET": ("", 1, 4, "确定能"),
    "H_FLAT": ("", 1, 1, "有可能"), "H_SHORT": ("", 0, 1, ""), "H_GAP": (2, 4, "", ""),
    "L_SLIP": ("", 40, 70, ""), "L_DOWN": ("", 50, 40, ""), "L_UP": ("", 30, 35, "完全不可能"),
    "R_RATE": ("", 80, 85, ""), "A_YEAR": ("", 90, 95, ""), "G_GRADE": ("", "良好", "优秀", ""),
}
DATES = ("2019-12-31", "2020-12-31", "2021-12-31")


def values(n: int) -> str:
    return HEAD + "".join(f"{i},{v[n]},{v[3] if n == 2 else ''}\n" for i, v in VALUES.items())


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("forecast")
    return write_workspace(root, {"school.yaml": RULES}, {d: {"values.csv": values(n)} for n, d in enumerate(DATES)})


@pytest.fixture(scope="module")
def result(ws):
    rules = load_rules(ws / "rules")
    history = [(d, evaluate_snapshot(ws / "rules", ws / "datasets", d, rules=rules, quiet=True).summary) for d in DATES]
    return forecast(history, rules)


def item(result, ind):
    return next(i for i in result["indicators"] if i["id"] == ind)


def days(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def test_the_rate_of_the_last_two_snapshots_projected_to_the_next_stage_and_the_end(result):
    f = item(result, "H_UP")["forecast"]
    rate = (5 - 3) / days("2020-12-31", "2021-12-31")  # the last two snapshots, not 2019's value
    assert f["days"] == days("2020-12-31", "2021-12-31") and f["change"] == 2
    assert f["next_stage"]["date"] == "2022-12-31" and f["next_stage"]["target"] == 8
    assert f["next_stage"]["projected"] == pytest.approx(5 + rate * days("2021-12-31", "2022-12-31"), abs=0.01)
    assert f["final"]["projected"] == pytest.approx(5 + rate * days("2021-12-31", "2023-12-31"), abs=0.01)
    assert f["final"]["target"] == 10 and result["period_end"] == "2023-12-31"


def test_monthly_snapshots_take_the_change_over_a_year_not_over_the_last_month(tmp_path):
    """A flat last month says little: the previous value is the one at least a year back (or the
    earliest, within a year), so a count that grew over the year is not judged 完全不可能."""
    rules = "level: school\ntask: 人才培养\nindicators:\n  - {id: M, name: 按月, type: quantity, unit: 项, " \
            "direction: higher, targets: {2021-12-31: 10, 2022-12-31: 20, 2023-12-31: 30}}\n"
    snaps = {"2021-12-31": 10, "2022-06-30": 15, "2022-11-30": 20, "2022-12-31": 20}
    write_workspace(tmp_path, {"school.yaml": rules},
                    {d: {"values.csv": f"指标编号,实际值\nM,{v}\n"} for d, v in snaps.items()})
    doc = json.loads(run(tmp_path, ["forecast", "--snapshot", "2022-12-31", "--format", "json"]).stdout)
    f = item(doc, "M")["forecast"]
    assert f["previous"]["date"] == "2021-12-31" and f["change"] == 10 and f["days"] == 365
    assert f["final"]["projected"] == pytest.approx(30, abs=0.01) and f["suggested"] == "确定能"
    doc = json.loads(run(tmp_path, ["forecast", "--snapshot", "2022-11-30", "--format", "json"]).stdout)
    assert item(doc, "M")["forecast"]["previous"]["date"] == "2021-12-31"  # within a year: the earliest


def test_a_missing_latest_value_projects_from_the_last_snapshot_that_has_one(result):
    f = item(result, "H_GAP")["forecast"]
    assert f["last"] == {"date": "2020-12-31", "actual": 4} and f["previous"]["date"] == "2019-12-31"
    rate = 2 / days("2019-12-31", "2020-12-31")  # 2020 is a leap year: 366 days
    assert f["final"]["projected"] == pytest.approx(4 + rate * days("2020-12-31", "2023-12-31"), abs=0.01)


@pytest.mark.parametrize("ind, suggested, code", [
    ("H_UP", "有可能", "part"),        # 9 of 10 at the end: 4 of the remaining 5 = 80 %
    ("H_REACH", "确定能", "reaches"),  # +4 a year: 14 ≥ 12
    ("H_MET", "确定能", "met"),
    ("H_FLAT", "完全不可能", "flat"),
    ("H_SHORT", "完全不可能", "short"),  # +1 a year: 3 of 10, 2 of the remaining 9
    ("L_SLIP", "有可能", "slipping"),  # 70 ≤ 100 now, 130 at this pace
    ("L_DOWN", "确定能", "reaches"),   # −10 a year: 20 ≤ 20
    ("L_UP", "完全不可能", "flat"),     # going up while it must come down
])
def test_each_suggested_likelihood(result, ind, suggested, code):
    f = item(result, ind)["forecast"]
    assert (f["suggested"], f["reason_code"]) == (suggested, code)


def test_the_share_of_the_remaining_gap_decides_between_possible_and_impossible(result):
    up, short = item(result, "H_UP")["forecast"], item(result, "H_SHORT")["forecast"]
    assert up["share"] == pytest.approx((up["final"]["projected"] - 5) / (10 - 5), abs=0.001)
    assert up["share"] >= POSSIBLE_SHARE > short["share"] and result["possible_share"] == POSSIBLE_SHARE


def test_the_share_is_a_setting(tmp_path):
    from helpers import SETTINGS
    write_workspace(tmp_path, {"school.yaml": RULES, "settings.yaml": SETTINGS + "  forecast_possible_share: 0.9\n"},
                    {d: {"values.csv": values(n)} for n, d in enumerate(DATES)})
    proc = run(tmp_path, ["forecast", "--snapshot", "2021-12-31", "--format", "json"])
    assert proc.returncode == 0, proc.stderr
    changed = json.loads(proc.stdout)
    assert changed["possible_share"] == 0.9  # H_UP covers 80 % of its gap: no longer possible
    assert (item(changed, "H_UP")["forecast"]["suggested"], item(changed, "H_UP")["forecast"]["reason_code"]) == (
        "完全不可能", "short")
    assert "90% 以上为有可能" in run(tmp_path, ["forecast", "--snapshot", "2021-12-31"]).stdout


def test_lower_is_better_is_projected_the_same_way_and_judged_the_other_way(result):
    slip, down = item(result, "L_SLIP")["forecast"], item(result, "L_DOWN")["forecast"]
    assert slip["final"]["projected"] == pytest.approx(70 + 30 / 365 * 730, abs=0.01)
    assert down["final"]["projected"] == pytest.approx(40 - 10 / 365 * 730, abs=0.01)
    assert "不超过" in slip["reason"] and "减少" in down["reason"]


def test_the_reason_says_the_arithmetic(result):
    f = item(result, "H_UP")["forecast"]
    assert f["reason"] == (f"近 365 天增加 2 项，按此速度 2023-12-31 达到 {f['final']['projected']:g} 项，目标 10 项，"
                           f"可完成剩余差距的 {round(f['share'] * 100)}%")


@pytest.mark.parametrize("ind, why", [("R_RATE", "rate"), ("A_YEAR", "annual"), ("G_GRADE", "not_cumulative")])
def test_no_forecast_for_what_is_not_cumulative(result, ind, why):
    it = item(result, ind)
    assert it["forecast"] is None and it["no_forecast"] == why and it["no_forecast_text"]


def test_disagreement_with_the_staff_likelihood(result):
    flagged = {i["id"] for i in result["indicators"] if i["forecast"] and i["forecast"]["disagree"]}
    assert flagged == {"H_UP", "H_FLAT"}  # H_MET and L_UP agree; the others have no staff likelihood
    assert item(result, "H_FLAT")["staff_likelihood"] == "有可能"
    [counts] = result["counts"]
    assert counts["disagree"] == 2 and counts["forecast"] == 9 and counts["indicators"] == 12


def test_command_json_and_table(ws):
    proc = run(ws, ["forecast", "--snapshot", "2021-12-31", "--format", "json"])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["snapshots"] == list(DATES)
    assert {i["id"]: (i["forecast"] or {}).get("suggested") for i in data["indicators"]}["H_REACH"] == "确定能"
    assert next(i for i in data["indicators"] if i["id"] == "R_RATE")["forecast"] is None
    table = run(ws, ["forecast", "--snapshot", "2021-12-31"]).stdout
    line = next(x for x in table.splitlines() if x.startswith("H_FLAT"))
    assert "完全不可能" in line and "有可能" in line and "不一致" in line
    assert "2023-12-31 预测 / 目标" in table and "R_RATE 满意度：比率指标" in table  # the final date, shared
    assert "7 / 8（2022-12-31）" in next(x for x in table.splitlines() if x.startswith("H_UP"))  # next stages differ
    earlier = json.loads(run(ws, ["forecast", "--snapshot", "2020-12-31", "--format", "json"]).stdout)
    assert earlier["snapshots"] == ["2019-12-31", "2020-12-31"]  # only snapshots up to --snapshot


def test_command_in_english(ws):
    proc = run(ws, ["forecast", "--snapshot", "2021-12-31", "--lang", "en", "--format", "markdown"])
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("| H_FLAT"))
    assert "impossible" in line and "possible" in line and "differs" in line
    assert "no change in the last 365 days" in line
    assert "确定能" not in proc.stdout and "完全不可能" not in proc.stdout


@pytest.mark.parametrize("date_, code", [("2021-13-45", None), ("2022-06-30", None), ("2019-12-31", "cli.forecast_snapshots")])
def test_bad_snapshot_dates_exit_2_with_a_located_message(ws, date_, code):
    proc = run(ws, ["forecast", "--snapshot", date_])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert re.search(r"[\u4e00-\u9fff]", proc.stderr)
    if code:
        assert code in proc.stderr and "datasets" in proc.stderr


def test_the_report_section_and_charts_only_with_two_snapshots(ws, tmp_path):
    page = tmp_path / "r.html"
    assert run(ws, ["report", "--snapshot", "2021-12-31", "--output", str(page)]).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert 'data-key="forecast"' in html and "预测与完成可能性" in html
    keys = re.findall(r'<figure class="chart" data-key="forecast_(\w+)"', html)
    assert set(keys) == {"H_UP", "H_FLAT", "L_DOWN", "L_UP", "R_RATE", "A_YEAR"}  # the lagging ones at 2021-12-31
    one = tmp_path / "one"
    write_workspace(one, {"school.yaml": RULES}, {"2021-12-31": {"values.csv": values(2)}})
    md = run(one, ["report", "--snapshot", "2021-12-31"]).stdout
    assert "预测与完成可能性" not in md and "forecast" not in md


def test_the_report_chart_draws_actuals_and_stage_targets(ws, tmp_path):
    page = tmp_path / "r.html"
    run(ws, ["report", "--snapshot", "2021-12-31", "--output", str(page)])
    html = page.read_text(encoding="utf-8")
    svg = html[html.index('data-key="forecast_H_FLAT"'):]
    svg = svg[:svg.index("</svg>")]
    actual = re.findall(r'<circle class="actual" data-date="([\d-]+)" data-value="([\d.]+)"', svg)
    targets = re.findall(r'<path class="target" data-date="([\d-]+)" data-value="([\d.]+)"', svg)
    assert actual == [("2020-12-31", "1"), ("2021-12-31", "1")]
    assert targets == [("2021-12-31", "3"), ("2023-12-31", "5")]
    assert 'class="projected"' in svg and "stroke-dasharray" in svg


def points(svg: str, kind: str) -> list[tuple[str, float, float, float]]:
    """(date, value, x, y) of each point or marker of a kind."""
    out = []
    for m in re.finditer(rf'<(circle|path) class="{kind}" data-date="([\d-]+)" data-value="([\d.]+)" ([^>]*)>', svg):
        attrs = m.group(4)
        if m.group(1) == "circle":
            x, y = float(re.search(r'cx="([\d.]+)"', attrs).group(1)), float(re.search(r'cy="([\d.]+)"', attrs).group(1))
        else:  # a diamond: M left,cy L cx,top …
            nums = [float(v) for v in re.findall(r"[\d.]+", re.search(r'd="([^"]+)"', attrs).group(1))]
            x, y = nums[2], nums[1]
        out.append((m.group(2), float(m.group(3)), x, y))
    return out


def test_line_chart_places_points_by_date_and_value():
    dates = ["2019-12-31", "2020-12-31", "2021-12-31", "2023-12-31"]
    chart = Chart("c", "T", dates, [
        Series("实际", [2, 7, 9, None], ["2", "7", "9", ""], "4472C4", style="actual"),
        Series("目标", [3, 6, 9, 15], ["3", "6", "9", "15"], "C00000", style="target"),
        Series("推算", [None, None, 9, 13], ["", "", "", "13"], "7F7F7F", style="projected")], kind="line")
    svg = line_chart(chart)
    assert "<script" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    actual, target, projected = points(svg, "actual"), points(svg, "target"), points(svg, "projected")
    assert [(d, v) for d, v, _, _ in actual] == [("2019-12-31", 2), ("2020-12-31", 7), ("2021-12-31", 9)]
    assert [(d, v) for d, v, _, _ in target] == list(zip(dates, [3, 6, 9, 15]))
    assert [(d, v) for d, v, _, _ in projected] == [("2023-12-31", 13)]  # the start is the actual point
    every = actual + target + projected
    (_, v0, _, y0), (_, v1, _, y1) = actual[0], target[-1]
    for _, v, _, y in every:  # one linear scale: y falls as the value rises
        assert y == pytest.approx(y0 + (v - v0) * (y1 - y0) / (v1 - v0), abs=0.15)
    x = {d: px for d, _, px, _ in every}
    span = days(dates[0], dates[-1])
    for d in dates:  # x by the day, not evenly spaced
        assert (x[d] - x[dates[0]]) / (x[dates[-1]] - x[dates[0]]) == pytest.approx(days(dates[0], d) / span, abs=0.002)
    assert actual[2][3] == pytest.approx(target[2][3])  # 9 and 9 at the same height
    assert svg.count("<polyline") == 2 and 'stroke-dasharray="6 4"' in svg
    assert line_chart(chart) == svg  # deterministic


def test_the_word_report_gives_each_line_chart_as_a_table(ws, tmp_path):
    from docx import Document
    out = tmp_path / "r.docx"
    assert run(ws, ["report", "--snapshot", "2021-12-31", "--output", str(out)]).returncode == 0
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert "预测与完成可能性" in "".join(texts)
    rows = {}
    for table in doc.tables:
        head = [c.text for c in table.rows[0].cells]
        if head[1:3] == ["实际值", "阶段目标"]:  # and 按近期速度推算 where there is a forecast
            rows[len(rows)] = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 6  # the lagging indicators' charts, as in the HTML
    assert any(r[0] == "2023-12-31" and r[2] == "5" for r in sum(rows.values(), []))  # H_FLAT's final target


def test_headless_chromium_draws_the_section(ws, tmp_path):
    """tools/screenshot_report.py on the small workspace: the section's page is drawn, with the
    actual line's blue and the targets' red (skipped without chromium)."""
    from test_browser import BROWSER, decode_png
    if BROWSER is None:
        pytest.skip("no chromium binary (apt-get install chromium)")
    import subprocess
    import sys
    from helpers import ROOT
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshot_report.py"), "--rules", str(ws / "rules"),
                           "--datasets", str(ws / "datasets"), "--section", "forecast", "--height", "1600",
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    rgb = decode_png((tmp_path / "report-forecast-zh.png").read_bytes())[..., :3].reshape(-1, 3)
    blue = (rgb == [0x44, 0x72, 0xC4]).all(axis=1).sum()
    red = (rgb == [0xC0, 0x00, 0x00]).all(axis=1).sum()
    assert blue > 300 and red > 100, (blue, red)
