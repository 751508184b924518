"""The official forms (issue 12, item 4): the report as a Word document (`report --format docx`),
and the 绩效自评表 workbook in the fiscal form's layout (`evaluate --format form`), through the CLI."""
import re
import shutil
import zipfile
from html import unescape

import docx
import pytest
from lxml import etree
from openpyxl import load_workbook

from helpers import ROOT, run_cli, summary_of
from engine.report.document import Chart, Section, Table, build
from engine.report.word import present

DEMO = ROOT / "examples" / "demo"
DAY = ["--snapshot", "2021-12-31"]
FORM_HEADERS = ["一级指标", "二级指标", "三级指标", "年度目标值", "实际完成值", "完成情况",
                "偏差原因分析（经费/制度/人员/硬件条件/其他）", None, None, None, None, "改进措施", "完成目标可能性"]
CAUSE_HEADERS = ["经费", "制度", "人员", "硬件条件", "其他"]


def _tables(blocks):
    """The tables (and charts, shown as tables) a section holds, in order."""
    for block in blocks:
        if isinstance(block, Section):
            yield from _tables(block.blocks)
        elif isinstance(block, (Table, Chart)):
            yield block


@pytest.mark.parametrize("where, extra", [("shipped", []), ("demo", ["--rules", str(DEMO / "rules"),
                                                                      "--datasets", str(DEMO / "datasets")])])
def test_the_word_report_holds_every_sections_table(tmp_path, where, extra):
    out = tmp_path / "报告.docx"
    proc = run_cli("report", *DAY, *extra, "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    word = docx.Document(str(out))
    root = ROOT if where == "shipped" else DEMO
    summary = summary_of(root)
    doc = build(summary, history=[(summary.snapshot, summary)])
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    expected = [tb for part in doc.parts for s in part.sections for tb in _tables([s])
                if tb.key != "status_history"]  # the CLI charts every snapshot; this history has one
    heads = [[c.text for c in tb.rows[0].cells] for tb in word.tables]
    for tb in expected:
        head = tb.head if isinstance(tb, Table) else [""] + [s.name for s in tb.series]
        assert head in heads, (tb.key, head)
    for part in doc.parts:  # every section present in the HTML is a heading of the document
        for s in part.sections:
            if present(s):
                assert any(h.endswith(s.title.split("、", 1)[-1]) for h in headings), s.title
    text = "\n".join(p.text for p in word.paragraphs)
    assert "从略" not in text
    assert word.core_properties.created.year == 2000


def test_every_chart_is_a_native_word_chart_holding_the_report_figures(tmp_path):
    """Each chart of the HTML report is a DrawingML chart part of the .docx (Word, WPS and LibreOffice
    draw it), in the same order: the same title, bars or a line, and a line chart's actual values."""
    out = tmp_path / "报告.docx"
    assert run_cli("report", *DAY, "--output", str(out)).returncode == 0
    html = run_cli("report", *DAY, "--format", "html").stdout
    svgs = re.findall(r'<svg[^>]*class="(chart[^"]*)"[^>]*aria-label="([^"]*)"[^>]*>(.*?)</svg>', html, re.S)
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    with zipfile.ZipFile(out) as z:
        names = sorted((n for n in z.namelist() if n.startswith("word/charts/")), key=lambda n: int(n[17:-4]))
        parts = [etree.fromstring(z.read(n)) for n in names]
        body = z.read("word/document.xml").decode("utf-8")
        assert "drawingml.chart+xml" in z.read("[Content_Types].xml").decode("utf-8")
    assert body.count("<c:chart ") == len(parts) == len(svgs) > 4
    for (cls, title, svg), part in zip(svgs, parts):
        assert "".join(part.xpath("//c:title//a:t/text()", namespaces=ns)) == unescape(title)
        kind = "lineChart" if "line" in cls.split() else "barChart"
        assert part.xpath(f"count(//c:{kind})", namespaces=ns) == 1, title
        if kind == "lineChart":
            drawn = [float(v) for v in re.findall(r'class="actual" data-date="[^"]*" data-value="([^"]*)"', svg)]
            cached = [float(v) for v in part.xpath("//c:ser[1]/c:val//c:pt/c:v/text()", namespaces=ns)]
            assert cached == [round(v, 2) for v in drawn], title


def test_the_word_report_is_the_same_bytes_each_time_and_needs_an_output(tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (a, b):
        assert run_cli("report", *DAY, "--format", "docx", "--output", str(out)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    proc = run_cli("report", *DAY, "--format", "docx")
    assert proc.returncode == 2 and "--output" in proc.stderr


def test_an_absent_section_is_simply_absent(tmp_path):
    """A workspace without tables.yaml: the Markdown says 本节从略, the Word report leaves the section out
    and numbers the rest without a gap."""
    work = tmp_path / "ws"
    shutil.copytree(DEMO, work)
    (work / "rules" / "tables.yaml").unlink()
    md = run_cli("report", *DAY, "--rules", str(work / "rules"), "--datasets", str(work / "datasets"))
    assert md.returncode == 0, md.stderr
    assert "本节从略" in md.stdout
    out = tmp_path / "r.docx"
    proc = run_cli("report", *DAY, "--rules", str(work / "rules"), "--datasets", str(work / "datasets"),
                   "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    word = docx.Document(str(out))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "从略" not in text and "建设任务进度" not in text and "预算执行" not in text.split("绩效指标完成情况")[0]
    top = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert top[0].startswith("一、") and top[1].startswith("二、"), top


def _form(tmp_path, work, *extra):
    out = tmp_path / "自评表.xlsx"
    proc = run_cli("evaluate", *DAY, "--rules", str(work / "rules"), "--datasets", str(work / "datasets"),
                   "--format", "form", "--output", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    return load_workbook(out), out


def test_the_self_evaluation_form_has_the_official_columns_and_the_measures(tmp_path):
    work = tmp_path / "ws"
    shutil.copytree(DEMO, work)
    values = work / "datasets" / "2021-12-31" / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    lines[0] += ",改进措施"
    for n, line in enumerate(lines[1:], start=1):
        lines[n] += ",与合作企业商定线上培训方案" if line.startswith("S_INTL_STUDENTS,") else ","
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book, out = _form(tmp_path, work)
    ws = book.worksheets[0]
    assert [c.value for c in ws[3]] == FORM_HEADERS
    assert [c.value for c in ws[4]][6:11] == CAUSE_HEADERS
    rows = {r[2]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[2]}
    summary = summary_of(work)
    names = {i["name"]: i for i in summary.indicators}
    assert set(rows) == {i["name"] for i in summary.indicators if i["level"] == "school"} or \
        set(rows) <= set(names)
    intl = next(i for i in summary.indicators if i["id"] == "S_INTL_STUDENTS")
    row = rows[intl["name"]]
    assert row[11] == "与合作企业商定线上培训方案"
    assert row[5] == "正在推进"
    assert any(row[6:11])  # its cause in the column of its category
    # 一级指标 is merged down the rows it spans
    assert any(str(m).startswith("A5:") for m in ws.merged_cells.ranges)
    # the same input gives the same bytes
    again = tmp_path / "again.xlsx"
    run_cli("evaluate", *DAY, "--rules", str(work / "rules"), "--datasets", str(work / "datasets"),
            "--format", "form", "--output", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_the_form_of_lagging_indicators_only_and_in_english(tmp_path):
    book, _ = _form(tmp_path, DEMO, "--exceptions-only", "--lang", "en")
    ws = book.worksheets[0]
    assert ws.cell(3, 1).value == "Level-1 indicator" and ws.cell(3, 12).value == "Improvement measures"
    statuses = {r[5] for r in ws.iter_rows(min_row=5, values_only=True) if r[2]}
    assert statuses and statuses <= {"in progress", "not achieved", "missing", "rule error"}


def test_the_measures_column_is_optional_and_known():
    from engine.text.vocabulary import VALUE_COLUMNS
    assert "改进措施" in VALUE_COLUMNS["improvement"]
    summary = summary_of(DEMO)
    assert summary.improvements == {}
