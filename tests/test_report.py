"""`jixiao report`: the report's sections as Markdown and self-contained HTML, every figure in the
sentences read from the evaluation, SVG charts, and the optional comparison and scores sections."""
import dataclasses
import re
import shutil
import sys
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from helpers import ROOT, run_cli, summary_of, write_workspace
from engine.text.labels import CATEGORIES, TYPES
from engine.cli import report as command
from engine.report import document, html, markdown
from engine.report.charts import bar_chart, nice_top
from engine.cli.report import report, snapshot_dates

DATES = ["2019-12-31", "2020-12-31", "2021-12-31"]


class Page(HTMLParser):
    """What the tests read from the HTML: sections, paragraphs (with their top-level section),
    tables, charts, and every URL-bearing attribute."""

    def __init__(self, text):
        super().__init__()
        self.sections, self.stack, self.paragraphs, self.tables, self.svgs, self.figures = [], [], [], [], [], []
        self.urls, self.tags, self.style, self.headings = [], set(), "", []
        self._p = self._cell = self._table = self._heading = None
        self._in_style = self._in_svg = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href", "xlink:href", "action", "data") and v]
        if tag == "section":
            self.sections.append(a.get("data-key"))
            self.stack.append(a.get("data-key"))
        elif tag == "p":
            self._p = [a.get("class", ""), "", self.stack[0] if self.stack else None, list(self.stack)]
        elif tag == "table":
            self._table = {"key": a.get("data-key"), "caption": "", "head": [], "rows": [], "foot": []}
            self._part = "rows"
        elif tag == "caption":
            self._cell = ["caption", ""]
        elif tag in ("thead", "tbody", "tfoot"):
            self._part = {"thead": "head", "tbody": "rows", "tfoot": "foot"}[tag]
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._table is not None:
            self._cell = [a.get("class", ""), ""]
        elif tag == "svg":
            self._in_svg = True
            self.svgs.append({"width": float(a["width"]), "height": float(a["height"]), "bars": [], "texts": []})
        elif tag == "rect" and "bar" in (a.get("class") or ""):
            self.svgs[-1]["bars"].append(a)
        elif tag == "figure":
            self.figures.append(a.get("data-key"))
        elif tag == "style":
            self._in_style = True
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = ""

    def handle_endtag(self, tag):
        if tag == "section":
            self.stack.pop()
        elif tag == "p" and self._p:
            self.paragraphs.append(tuple(self._p))
            self._p = None
        elif tag == "caption" and self._cell:
            self._table["caption"] = self._cell[1]
            self._cell = None
        elif tag in ("td", "th") and self._cell is not None and self._table is not None:
            self._row.append((self._cell[1], self._cell[0]))
            self._cell = None
        elif tag == "tr" and self._table is not None:
            self._table[self._part].append(self._row)
        elif tag == "table":
            self._table["head"] = [c for c, _ in self._table["head"][0]] if self._table["head"] else []
            self.tables.append(self._table)
            self._table = None
        elif tag == "style":
            self._in_style = False
        elif tag == "svg":
            self._in_svg = False
        elif re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append(self._heading)
            self._heading = None

    def handle_data(self, data):
        if self._p is not None:
            self._p[1] += data
        if self._cell is not None:
            self._cell[1] += data
        if self._in_style:
            self.style += data
        if self._heading is not None:
            self._heading += data
        if self._in_svg:
            self.svgs[-1]["texts"].append(data)

    def figures_in(self, section):
        return [text for kind, text, top, _ in self.paragraphs if kind == "figures" and top == section]

    def table(self, key):
        return next(t for t in self.tables if t["key"] == key)


def invoke(*args):
    result = CliRunner().invoke(report, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def mid():
    return summary_of(ROOT, "2021-12-31")


@pytest.fixture(scope="module")
def html_text(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "报告.html"
    invoke("--snapshot", "2021-12-31", "--rules", str(ROOT / "rules"), "--datasets", str(ROOT / "datasets"),
           "--output", str(out))  # the format follows the .html suffix
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(html_text):
    return Page(html_text)


def rollup(summary, grouping="level", **keys):
    [row] = [r for r in summary.rollups if r["grouping"] == grouping and all(r.get(k) == v for k, v in keys.items())]
    return row


def test_sections_present(page, mid):
    for key in ("tasks", "achievements", "indicators", "exceptions", "budget", "history",
                "level_school", "level_group", "cat_school_output", "cat_school_output_quantity",
                "cat_school_benefit_social", "cat_group_satisfaction"):
        assert key in page.sections, key
    tops = [h for h in page.headings if re.match(r"[一二三四五六七八九十]、", h)]
    assert tops[:5] == ["一、建设任务进度", "二、标志性成果", "三、绩效指标完成情况", "四、未完成指标及原因", "五、预算执行"]
    assert ("scores" in page.sections) == bool(getattr(mid, "scores", None))


def test_level_sentences_are_the_evaluation(page, mid):
    date = "2021 年 12 月 31 日"
    for level, label in (("school", "学校层面"), ("group", "专业群层面")):
        [text] = [t for t in page.figures_in("indicators") if t.startswith(label + "共涉及")]
        top = rollup(mid, level=level)
        cats = [r for r in mid.rollups if r["grouping"] == "category" and r["level"] == level]
        lag_types = [r for r in mid.rollups if r["grouping"] == "type" and r["level"] == level and r["in_progress"]]
        expected = (f"{label}共涉及绩效指标 {top['total']} 个，其中："
                    + "，".join(f"{CATEGORIES[c['category']][0]} {c['total']} 个" for c in cats)
                    + f"。截至 {date}，已达成阶段性目标绩效指标 {top['achieved']} 个，完成率 {top['rate_text']}，"
                    f"超额完成指标 {top['exceeded']} 个，{top['in_progress']} 个正在推进指标为产出指标（其中"
                    + "、".join(f"{TYPES[r['type']][0]} {r['in_progress']} 项" for r in lag_types) + "）。")
        assert text == expected
    school = [t for t in page.figures_in("indicators") if t.startswith("学校层面共涉及")][0]
    assert school == ("学校层面共涉及绩效指标 87 个，其中：产出指标 77 个，效益指标 5 个，满意度指标 5 个。截至 2021 年 12 月 31 日，"
                      "已达成阶段性目标绩效指标 78 个，完成率 89.66%，超额完成指标 22 个，9 个正在推进指标为产出指标"
                      "（其中数量指标 8 项、时效指标 1 项）。")


def test_category_and_type_sentences(page, mid):
    texts = page.figures_in("indicators")
    quantity = rollup(mid, "type", level="school", type="quantity")
    assert (f"数量指标共 {quantity['total']} 个，达成年度阶段性目标 {quantity['achieved']} 个，完成率 "
            f"{quantity['rate_text']}，超额完成指标 {quantity['exceeded']} 个，正在推进 {quantity['in_progress']} 个。") in texts
    output = rollup(mid, "category", level="school", category="output")
    assert any(t.startswith(f"产出指标共 {output['total']} 个，其中，数量指标 52 个，质量指标 21 个，时效指标 3 个，成本指标 1 个。"
                            f"达成年度阶段性目标 {output['achieved']} 个，完成率 {output['rate_text']}") for t in texts)
    quality = rollup(mid, "type", level="school", type="quality")
    assert f"质量指标共 {quality['total']} 个，已全部达成年度阶段性目标，完成率 {quality['rate_text']}。" in texts
    social = rollup(mid, "subtype", level="school", subtype="social")
    assert (f"社会效益指标共 {social['total']} 个，已全部达成年度阶段性目标，完成率 {social['rate_text']}，"
            f"超额完成指标 {social['exceeded']} 个。") in texts
    details = [t for kind, t, top, _ in page.paragraphs if kind == "detail" and top == "indicators"]
    assert "其中 2 个指标超额完成：“毕业生对母校满意度”“用人单位对毕业生满意度”。" in details
    assert any(t.startswith("“支出预算执行率” 1 个指标正在推进，原因：按合同约定资金分多次支付") for t in details)


def test_every_figure_in_the_indicator_sentences_comes_from_the_summary(page, mid):
    allowed = {str(r[k]) for r in mid.rollups for k in ("total", "achieved", "exceeded", "in_progress",
                                                         "not_achieved", "not_due", "missing", "error")}
    allowed |= {r["rate_text"] for r in mid.rollups} | {"2021", "12", "31"}
    texts = page.figures_in("indicators")
    assert len(texts) >= 2 + 2 * 3 + 4 + 2  # levels, categories, types and subtypes
    for text in texts:
        for number in re.findall(r"\d+(?:\.\d+)?%?", text):
            assert number in allowed, (number, text)


def test_ledger_sentences_and_tables(page, mid):
    tables = {t["id"]: t for t in mid.tables}
    tasks = tables["construction_tasks"]["total"]["texts"]
    [sentence] = page.figures_in("tasks")
    planned, done = tables["construction_tasks"]["total"]["values"]["planned"], tables["construction_tasks"]["total"]["values"]["done"]
    assert f"共有任务 {tasks['planned']} 项" in sentence and f"达成年度阶段性目标任务 {tasks['done']} 项，完成率 {tasks['rate']}" in sentence
    assert f"{planned - done} 项任务正在推进，占 {(planned - done) / planned * 100:.2f}%" in sentence
    achievements = tables["landmark_achievements"]["total"]["texts"]
    assert page.figures_in("achievements") == [
        f"省级及以上标志性成果合计 {achievements['total']} 项，其中国家级 {achievements['national']} 项、省级 {achievements['provincial']} 项。"]
    funds = tables["funds_by_source"]["total"]["texts"]
    [budget] = page.figures_in("budget")
    assert budget.startswith(f"项目预算总投入 {funds['budget']} 万元，其中，中央财政 1200 万元")
    assert f"到位资金 {funds['arrived']} 万元，到位率 {funds['arrival_rate']}" in budget
    assert f"实际执行资金总额 {funds['spent']} 万元，预算执行率 {funds['exec_rate']}" in budget
    for t in mid.tables:  # the tables themselves, cell by cell
        shown = page.table(t["id"])
        assert shown["caption"] == t["title"]
        assert [[c for c, _ in row[:1 + len(t["columns"])]] for row in shown["rows"]] == \
            [[r["key"], *[r["texts"][c["id"]] for c in t["columns"]]] for r in t["rows"]]
        assert [c for c, _ in shown["foot"][0][:1 + len(t["columns"])]] == \
            [t["total"]["key"], *[t["total"]["texts"][c["id"]] for c in t["columns"]]]


def test_overspend_is_flagged(page, mid):
    by_task = next(t for t in mid.tables if t["id"] == "funds_by_task")
    overspent = [r["key"] for r in by_task["rows"] if "overspend" in r["flags"]]
    assert overspent == ["打造高水平双师队伍", "提升服务发展水平", "提升信息化水平"]
    shown = page.table("funds_by_task")
    assert shown["head"][-1] == "标记"
    assert [row[0][0] for row in shown["rows"] if row[-1][0] == "超预算支出"] == overspent
    assert all("flag-overspend" in row[-1][1] for row in shown["rows"] if row[-1][0] == "超预算支出")
    details = [t for kind, t, top, _ in page.paragraphs if kind == "detail" and top == "budget"]
    assert "打造高水平双师队伍（122%）、提升服务发展水平（239%）、提升信息化水平（262%）标记为“超预算支出”。" in details


def test_exceptions_with_cause_notes(page, mid):
    for level in ("school", "group"):
        shown = page.table(f"exceptions_{level}")
        expected = [e for e in mid.exceptions if e["level"] == level]
        assert [row[1][0] for row in shown["rows"]] == [e["id"] for e in expected]
        assert [row[-1][0] for row in shown["rows"]] == [e["cause_note"] for e in expected]
        assert all(row[5][0] == "正在推进" and "status-in_progress" in row[5][1].split() for row in shown["rows"])


def test_self_contained_and_printable(page, html_text):
    assert page.urls and all(u.startswith("#") for u in page.urls)  # in-page links only
    assert not any(re.match(r"(https?:)?//", u) for u in page.urls)
    assert not page.tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert "url(" not in page.style and "@import" not in page.style
    assert "@page" in page.style and "A4" in page.style
    assert html_text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html_text


def test_svg_charts(page, mid):
    bars = [k for k in page.figures if not k.startswith("forecast_")]
    assert bars == ["completion_by_type", "funds_by_source_exec_rate", "funds_by_task_exec_rate", "status_history"]
    lagging = [i["id"] for i in mid.indicators if i["status"] in ("in_progress", "not_achieved")
               and isinstance(i["actual"], (int, float))]  # the forecast section's line charts (test_forecast.py)
    assert page.figures[len(bars):] == ["forecast_" + k for k in lagging] and len(lagging) == 12
    svgs = [svg for svg, key in zip(page.svgs, page.figures) if not key.startswith("forecast_")]
    assert len(svgs) == 4
    for svg in svgs:
        assert svg["width"] > 0 and svg["height"] > 0 and svg["bars"]
        assert all(float(b["width"]) > 0 and float(b["height"]) > 0 for b in svg["bars"])
    types_chart, by_source, by_task, history = svgs
    assert len(types_chart["bars"]) == 12  # six types × two levels, all with some completion
    assert sum(1 for b in by_task["bars"] if b["fill"] == "#C0504D") == 3  # the overspent tasks in red
    assert [d for d in DATES if d in "".join(history["texts"])] == DATES


def test_status_history_counts_every_snapshot(mid):
    assert snapshot_dates(ROOT / "datasets") == DATES
    summaries = [(d, summary_of(ROOT, d)) for d in DATES[:2]] + [("2021-12-31", mid)]
    doc = document.build(mid, history=summaries)
    [chart] = [b for s in doc.parts[0].sections if s.key == "history" for b in s.blocks if isinstance(b, document.Chart)]
    assert chart.categories == DATES
    total = [sum(s.values[k] for s in chart.series) for k in range(3)]
    assert total == [215, 215, 215]
    exceeded = next(s for s in chart.series if s.name == "超额完成")
    assert exceeded.values[-1] == sum(1 for i in mid.indicators if i["status"] == "exceeded")


@pytest.fixture(scope="module")
def one_snapshot(tmp_path_factory):
    """The shipped rules with only the 2021-12-31 snapshot: one evaluation per run."""
    root = tmp_path_factory.mktemp("one")
    shutil.copytree(ROOT / "datasets" / "2021-12-31", root / "datasets" / "2021-12-31")
    return ["--rules", str(ROOT / "rules"), "--datasets", str(root / "datasets")]


def test_markdown(one_snapshot, mid):
    text = invoke("--snapshot", "2021-12-31", *one_snapshot).output  # markdown unless told otherwise
    assert text.startswith("# 昆明工业职业技术学院")
    for heading in ("## 一、建设任务进度", "## 二、标志性成果", "## 三、绩效指标完成情况", "### （一）学校层面",
                    "#### （1）产出指标完成情况", "##### ①数量指标完成情况", "## 四、未完成指标及原因", "## 五、预算执行"):
        assert f"\n{heading}\n" in text, heading
    school = rollup(mid, level="school")
    assert (f"学校层面共涉及绩效指标 {school['total']} 个" in text
            and f"已达成阶段性目标绩效指标 {school['achieved']} 个，完成率 {school['rate_text']}" in text)
    assert "| 建设任务 | 2019-2021 年度任务数 | 完成数 | 完成率 |\n|---|---:|---:|---:|" in text
    assert "| **合计** | **390** | **381** | **97.69%** |" in text
    assert "http" not in text and "<svg" not in text
    assert "> datasets 中只有一个快照。" in text and "| 2021-12-31 |" in text  # the status chart's data as a table


def test_deterministic(mid):
    doc = document.build(mid, causes={})
    assert html.render(doc) == html.render(document.build(mid, causes={}))
    assert markdown.render(doc) == markdown.render(document.build(mid, causes={}))


def test_scores_section_only_when_the_summary_has_scores(mid):
    plain = dataclasses.replace(mid, scores={})
    keys = [s.key for s in document.build(plain).parts[0].sections]
    assert "scores" not in keys and "compare" not in keys
    if getattr(mid, "scores", None):
        [section] = [s for s in document.build(mid).parts[0].sections if s.key == "scores"]
        unit = mid.scores["units"][0]
        assert f"评分 {unit['score']} 分，等级为“{unit['grade']}”" in section.blocks[0].text
    fake = dataclasses.replace(mid, scores={"kmvtc": {"总分": 96.5, "明细": [{"层面": "学校", "得分": 97}]}})
    [section] = [s for s in document.build(fake).parts[0].sections if s.key == "scores"]
    text = markdown.block_lines(section, 2)
    assert "| 总分 | 96.5 |" in text and "| 学校 | 97 |" in text  # an unknown shape is still shown


@pytest.fixture(scope="module")
def two_snapshots(tmp_path_factory):
    root = tmp_path_factory.mktemp("two")
    for date in ("2020-12-31", "2021-12-31"):
        shutil.copytree(ROOT / "datasets" / date, root / "datasets" / date)
    return ["--rules", str(ROOT / "rules"), "--datasets", str(root / "datasets")]


def test_against_shows_the_comparison_as_compare_does(two_snapshots):
    text = invoke("--snapshot", "2021-12-31", "--against", "2020-12-31", *two_snapshots).output
    assert "、与 2020 年 12 月 31 日对比\n" in text
    assert "与 2020 年 12 月 31 日相比，截至 2021 年 12 月 31 日：新达成指标" in text
    compared = text[text.index("与 2020 年 12 月 31 日对比"):].splitlines()
    s708 = next(line for line in compared if line.startswith("| S708 |"))
    # values rounded and with their units, each side with its own target: the cells of `jixiao compare`
    assert "| 47.53% | 45% |" in s708 and "| 71.3% | 80% |" in s708, s708
    s601 = next(line for line in compared if line.startswith("| S601 |"))
    assert "6000 人次" in s601 and "9315 人次" in s601 and "10500 人次" in s601


@pytest.mark.parametrize("against", ["2021-12-31", "2022-06-30"])
def test_against_must_be_earlier(two_snapshots, against):
    result = CliRunner().invoke(report, ["--snapshot", "2021-12-31", "--against", against, *two_snapshots])
    assert result.exit_code == 2 and "应早于 --snapshot 2021-12-31" in result.output


def test_against_with_the_real_compare(mid):
    from engine.summarise.compare import compare
    before = summary_of(ROOT, "2020-12-31")
    result = compare(before, mid)
    [section] = [s for s in document.build(mid, comparison=result).parts[0].sections if s.key == "compare"]
    counts = result["counts"][0]
    assert section.blocks[0].kind == "figures"
    assert f"新达成指标 {counts['newly_achieved']} 个" in section.blocks[0].text


def test_one_command_writes_the_report_and_the_workbook(one_snapshot, tmp_path):
    from openpyxl import load_workbook
    page, book = tmp_path / "报告.html", tmp_path / "绩效.xlsx"
    invoke("--snapshot", "2021-12-31", *one_snapshot, "--output", str(page), "--workbook", str(book))
    assert "学校层面共涉及绩效指标 87 个" in page.read_text(encoding="utf-8")
    wb = load_workbook(book)
    assert wb.sheetnames[:3] == ["汇总", "全部指标", "异常清单"]


def test_report_refuses_an_excel_file_name(one_snapshot, tmp_path):
    result = CliRunner().invoke(report, ["--snapshot", "2021-12-31", *one_snapshot, "--output", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2 and "--workbook" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_english(mid):
    summary = summary_of(ROOT, "2021-12-31", lang="en")
    text = markdown.render(document.build(summary))
    assert "## 1. Construction task progress" in text
    assert "The school level has 87 indicators: 77 output, 5 benefit, 5 satisfaction." in text


def test_several_units(tmp_path):
    rules = {"school.yaml": """\
        level: school
        task: 建设任务
        indicators:
          - {id: S_A, name: 指标甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 5}, final: true}
          - {id: S_B, name: 指标乙, type: quality, unit: 项, direction: higher, targets: {2021-12-31: 1}}
        """}
    write_workspace(tmp_path, rules, {"2021-12-31": {"values.csv": "指标编号,单位,实际值\nS_A,a,6\nS_A,b,2\nS_B,a,1\nS_B,b,\n"}})
    out = tmp_path / "r.html"
    invoke("--snapshot", "2021-12-31", "--rules", str(tmp_path / "rules"), "--datasets", str(tmp_path / "datasets"),
           "--output", str(out), "--format", "html")
    page = Page(out.read_text(encoding="utf-8"))
    assert page.sections.count("indicators") == 2
    texts = page.figures_in("indicators")
    assert texts[0].startswith("学校层面共涉及绩效指标 2 个") and "已达成阶段性目标绩效指标 2 个" in texts[0]
    second = [t for t in texts if t.startswith("学校层面共涉及")][1]
    assert "已达成阶段性目标绩效指标 0 个" in second and "另有未达成指标 1 个、数据缺失指标 1 个" in second
    assert any("没有 construction_tasks 表" in t for kind, t, *_ in page.paragraphs if kind == "note")


def test_bar_chart_alone():
    chart = document.Chart("x", "标题 <&>", ["很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长的名字", "b"],
                           [document.Series("s", [150, None], ["150%", "-"], "123456")], ref=100, ref_label="100%", percent=True)
    svg = bar_chart(chart)
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "标题 &lt;&amp;&gt;" in svg
    assert svg.count('class="bar"') == 1 and 'class="ref"' in svg and "…" in svg
    assert nice_top(262) == (300, 100) and nice_top(100) == (100, 20) and nice_top(0) == (1.0, 0.2)


def test_cli_registration():
    proc = run_cli("report", "--help")
    assert proc.returncode == 0, proc.stderr
    assert "--against" in proc.stdout and "markdown" in proc.stdout


def test_the_workbook_equals_evaluates(one_snapshot, tmp_path):
    from engine.cli.app import main
    book = tmp_path / "a.xlsx"
    invoke("--snapshot", "2021-12-31", *one_snapshot, "--output", str(tmp_path / "r.md"), "--workbook", str(book))
    try:
        main(["evaluate", "--snapshot", "2021-12-31", *one_snapshot, "--format", "xlsx", "--output", str(tmp_path / "b.xlsx")])
    except SystemExit as exc:
        assert exc.code in (0, None)
    assert book.read_bytes() == (tmp_path / "b.xlsx").read_bytes()
