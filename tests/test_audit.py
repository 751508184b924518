"""`jixiao audit`: the real mid-term report (examples/reports/) and reports written with planted
errors (tests/audit/: Markdown, plain text, and a .docx built here), each check of engine/audit/checks,
the conventions that make a figure right, and the command's outputs and exit codes."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from engine.audit.registry import checks
from engine.audit.rounding import CAPPED, ROUNDED, TRUNCATED, convention, rate
from engine.audit.run import audit
from helpers import ROOT, run_cli

SOURCE = ROOT / "examples" / "reports" / "midterm-self-evaluation-2022.md"
HERE = Path(__file__).resolve().parent / "audit"


def found(result) -> set:
    return {(f.code, f.stated) for f in result.findings}


# --- conventions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("stated, num, den, decimals, expected", [
    ("84.61", 44, 52, 2, TRUNCATED), ("97.65", 125, 128, 2, TRUNCATED), ("99", 998, 1000, 0, TRUNCATED),
    ("89.66", 78, 87, 2, ROUNDED), ("97.69", 381, 390, 2, ROUNDED), ("94.45", 21, 22, 2, None),
    ("84.60", 44, 52, 2, None),
])
def test_a_rate_is_right_by_rounding_or_truncation_and_says_which(stated, num, den, decimals, expected):
    assert convention(Decimal(stated), rate(Decimal(num), Decimal(den)), decimals) == expected


def test_a_completion_rate_may_be_capped_at_100():
    assert convention(Decimal(100), rate(Decimal(8), Decimal(7)), 0, capped=True) == CAPPED
    assert convention(Decimal(100), rate(Decimal(8), Decimal(7)), 0) is None


# --- the real report -----------------------------------------------------------------------------

SOURCE_FINDINGS = {
    ("table_total", "328"), ("table_total", "367"),          # 表 2: the rows add up to 327 and 366
    ("statement", "94.45%"),                                 # 双师队伍: 21 ÷ 22 = 95.45%
    ("restated", "100%"),                                    # 到位率 100% in the text, 123% in 表 3
    ("restated", "978.48万元"), ("restated", "1904.21万元"),  # 表 3: 998 and 1885
    ("table_total", "5666"),                                 # 表 4: the rows add up to 5668
    ("counts_sum", "69个"),                                  # 学校产出指标: 69 achieved + 9 in progress > 77
    ("parts", "7947万元"),                                   # 总投入 7947。其中 … = 5667: 举办方投入 2280 left out
}


def test_the_source_report_lists_every_inconsistency_and_nothing_else():
    result = audit(SOURCE)
    assert found(result) == SOURCE_FINDINGS
    places = {(f.stated, f.place.line, f.place.table[:4], f.place.row, f.place.column) for f in result.findings}
    assert ("328", 93, "表 2 ", "合计", "省级") in places
    assert ("94.45%", 133, "", "", "") in places
    assert ("5666", 316, "表 4 ", "合计", "2019-2021 实际执行") in places


def test_the_source_reports_figures_right_by_a_convention_are_not_findings_and_say_which():
    result = audit(SOURCE)
    conventions = {(c.stated, c.convention) for c in result.checked}
    assert {("84.61%", TRUNCATED), ("97.65%", TRUNCATED), ("97.47%", TRUNCATED), ("99%", TRUNCATED),
            ("89.66%", ROUNDED), ("100%", CAPPED)} <= conventions
    assert not {f.stated for f in result.findings} & {"84.61%", "97.65%", "97.47%", "99%", "89.66%"}


def test_the_source_report_against_the_evaluation_of_its_snapshot():
    from engine.audit.results import results_of
    result = audit(SOURCE, results_of(ROOT / "rules", ROOT / "datasets", "2021-12-31", "zh", None))
    evaluated = {(f.stated, f.computed, f.place.line) for f in result.findings if f.code == "evaluated"}
    assert evaluated == {("89.61%", "88.31%", 211),                     # 学校产出指标: 68 ÷ 77
                         ("3个", "4", 249), ("3个", "4", 255)}           # 专业群超额完成: four named
    assert found(result) == SOURCE_FINDINGS | {("counts_sum", "69个"), ("evaluated", "89.61%"), ("evaluated", "3个")}


def test_a_planted_report_against_the_evaluation(tmp_path):
    """数量指标共 30 个 under 学校层面 against the shipped college's 52 at 2021-12-31."""
    from engine.audit.results import results_of
    result = audit(HERE / "planted.md", results_of(ROOT / "rules", ROOT / "datasets", "2021-12-31", "zh", None))
    evaluated = {(f.stated, f.computed) for f in result.findings if f.code == "evaluated"}
    assert ("30个", "52") in evaluated and ("90.00%", "84.62%") in evaluated


# --- planted reports -----------------------------------------------------------------------------

def test_planted_markdown_report():
    result = audit(HERE / "planted.md")
    assert found(result) == {
        ("statement", "85.00%"),        # 96 ÷ 120 = 80.00%
        ("parts", "60个"),              # 50 + 6 + 5 = 61
        ("multiple", "2"),              # 900 ÷ 300 = 3
        ("rate", "78.33%"),             # 表 1 社会服务 46 ÷ 60 = 76.67%
        ("restated", "800万元"), ("restated", "80%"),   # the text's total against 表 2's 810 and 81%
        ("restated", "300万元"),         # 中央财政 320 in 表 2
        ("table_total", "810"),         # 320 + 200 + 280 = 800
        ("restated_table", "800"),      # 表 4 totals 800 实际执行, 表 2 810
        ("row_total", "14"),            # 3 + 10 = 13
        ("table_total", "20"),          # 7 + 14 = 21
        ("counts_sum", "27个"),          # 27 achieved + 4 in progress > 30 数量指标
        ("counts_exceeded", "28个"),     # 28 exceeded > 27 achieved
        ("counts_restated", "31个"),     # 数量指标共 30 个, later 31
        ("counts_restated", "92.00%"),   # 数量指标完成率 90.00%, later 92.00%
    }
    assert ("86.66%", TRUNCATED) in {(c.stated, c.convention) for c in result.checked}
    rate_finding = next(f for f in result.findings if f.code == "rate")
    assert rate_finding.place.row == "社会服务" and rate_finding.place.column == "完成率"
    assert rate_finding.arithmetic == "46 ÷ 60 = 76.6667…% ≠ 78.33%"


def test_planted_text_report():
    result = audit(HERE / "planted.txt")
    assert found(result) == {("parts", "40个"), ("table_total", "1488")}
    assert ("99%", TRUNCATED) in {(c.stated, c.convention) for c in result.checked}
    parts = next(f for f in result.findings if f.code == "parts")
    assert parts.place.section == "一、任务完成情况" and parts.place.line == 7


def _docx(path: Path) -> Path:
    import docx
    book = docx.Document()
    book.add_heading("一、建设任务完成情况", level=1)
    book.add_paragraph("本年度建设任务共 40 项，完成 36 项，完成率 95.00%。")
    book.add_paragraph("表 1 成果统计")
    table = book.add_table(rows=4, cols=4)
    for r, row in enumerate([["项目", "国家级", "省级", "合计"], ["人才培养", "2", "8", "10"],
                             ["社会服务", "1", "4", "5"], ["合计", "3", "12", "16"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    book.save(path)
    return path


def test_planted_word_report(tmp_path):
    result = audit(_docx(tmp_path / "planted.docx"))
    # the 合计 cell is wrong both ways (2 + 1 and 8 + 4, 3 + 12): one finding per figure
    assert found(result) == {("statement", "95.00%"), ("table_total", "16")}
    statement = next(f for f in result.findings if f.code == "statement")
    assert statement.place.numbering == "paragraph" and statement.place.section == "一、建设任务完成情况"
    total = next(f for f in result.findings if f.code == "table_total")
    assert total.place.table == "表 1 成果统计" and total.place.row == "合计" and total.place.line == 4


@pytest.mark.parametrize("rules, datasets", [("rules", "datasets"), ("examples/demo/rules", "examples/demo/datasets")])
def test_jixiaos_own_report_audits_clean(tmp_path, rules, datasets):
    """The report jixiao writes (the shipped college; the demo with every status) is consistent:
    nothing to find, even against the evaluation it was written from."""
    report = tmp_path / "report.md"
    where = ["--rules", rules, "--datasets", datasets]
    assert run_cli("report", "--snapshot", "2021-12-31", *where, "--output", str(report)).returncode == 0
    from engine.audit.results import results_of
    result = audit(report, results_of(ROOT / rules, ROOT / datasets, "2021-12-31", "zh", None))
    assert result.findings == []
    assert result.tables >= 10


def test_a_breakdowns_rate_divides_by_its_own_row(tmp_path):
    report = tmp_path / "funds.md"
    report.write_text("## 五、预算执行\n\n项目预算总投入 1500 万元，其中，中央财政 1000 万元，地方财政 500 万元。"
                      "其中，中央财政执行 900 万元，执行率 90%；地方财政执行 400 万元，执行率 70%。\n", encoding="utf-8")
    assert {(f.code, f.stated, f.computed) for f in audit(report).findings} == {("statement", "70%", "80%")}


def test_unreadable_sentences_are_skipped_not_guessed(tmp_path):
    report = tmp_path / "vague.md"
    report.write_text("## 一、情况\n\n执行率分别为 100%、98%、69%。\n\n"
                      "项目约 300 项，其中国家级 100 项、省级 150 项。\n\n"
                      "成功申报 18 个证书试点，是预期目标值的 3 倍。\n\n完成率 75%。\n", encoding="utf-8")
    result = audit(report)
    assert result.findings == [] and result.checked == []


def test_every_check_is_registered_with_its_doc_and_finding_words():
    from engine.text import words
    names = [c.name for c in checks()]
    assert names == ["table_totals", "table_rates", "statements", "parts", "multiples", "indicator_counts", "restated",
                     "evaluated"]
    for c in checks():
        assert c.doc("zh") and c.doc("en")
    codes = {k.removeprefix("finding_") for k in words("audit") if k.startswith("finding_")}
    assert codes == {"table_total", "row_total", "rate", "statement", "parts", "multiple", "restated",
                     "restated_table", "evaluated", "counts_restated", "counts_sum", "counts_exceeded"}


def test_a_check_registered_later_runs(tmp_path):
    from engine.audit.finding import Finding
    from engine.audit.registry import audit_check, unregister

    @audit_check("every_paragraph")
    def check_every_paragraph(ctx):
        return [Finding("parts", p.place(0), "-", "-", "-") for p in ctx.doc.paragraphs]
    try:
        report = tmp_path / "one.md"
        report.write_text("## 一、\n\n一句话。\n", encoding="utf-8")
        assert len(audit(report).findings) == 1
    finally:
        unregister("every_paragraph")


# --- the command ---------------------------------------------------------------------------------

def test_command_exit_codes_and_formats(tmp_path):
    table = run_cli("audit", str(HERE / "planted.md"))
    assert table.returncode == 1 and "表 1 各项目建设进度，“社会服务”行，“完成率”列" in table.stdout
    assert "算式：46 ÷ 60 = 76.6667…% ≠ 78.33%" in table.stdout
    data = json.loads(run_cli("audit", str(HERE / "planted.md"), "--format", "json").stdout)
    assert len(data["findings"]) == 15 and data["findings"][0]["place"]["line"] == 5
    english = run_cli("audit", str(HERE / "planted.txt"), "--lang", "en", "--output", str(tmp_path / "a.md"))
    written = (tmp_path / "a.md").read_text("utf-8")
    assert english.returncode == 1 and "the parts listed do not add up" in written
    report = (HERE / "planted.txt").read_text("utf-8")
    ours = [run for run in re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2026]+", written)
            if run not in report]
    assert not ours, f"Chinese of jixiao's own in English output: {ours}"
    clean = tmp_path / "clean.md"
    clean.write_text("## 一、\n\n建设任务共 8 项，完成 6 项，完成率 75%。\n", encoding="utf-8")
    ok = run_cli("audit", str(clean))
    assert ok.returncode == 0 and "没有发现不一致" in ok.stdout


def test_rules_without_a_snapshot_are_refused():
    proc = run_cli("audit", str(HERE / "planted.md"), "--rules", "rules")
    assert proc.returncode == 2 and "[audit.snapshot_needs]" in proc.stderr


@pytest.mark.parametrize("name, content, code", [
    ("missing.md", None, "audit.no_report"),
    ("broken.docx", b"not a zip", "audit.bad_docx"),
    ("report.pdf", b"%PDF", "audit.unknown_kind"),
])
def test_bad_input_is_refused_with_a_located_chinese_message(tmp_path, name, content, code):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    proc = run_cli("audit", str(path))
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert f"[{code}]" in proc.stderr and str(path) in proc.stderr
    assert re.search(r"[\u4e00-\u9fff]", proc.stderr)


def test_readme_shows_the_commands_output_on_the_source_report():
    """The README's list of the report's inconsistencies is this command's output, as it prints it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- audit-output -->\n```text\n(.*?)```\n<!-- /audit-output -->", readme, re.S)
    assert block, "README: the audit output block is missing"
    proc = run_cli("audit", "examples/reports/midterm-self-evaluation-2022.md", "--snapshot", "2021-12-31")
    assert proc.returncode == 1
    assert block.group(1) == proc.stdout


def test_the_source_report_as_word_finds_the_same(tmp_path):
    """The real report written out as a .docx (headings, paragraphs and tables in their order) gives
    the same findings, placed by paragraph and table row."""
    import docx
    from engine.audit.readers import read
    doc = read(SOURCE)
    items = sorted([(line, "h", text) for line, text in doc.headings]
                   + [(p.lines[0], "p", p.text) for p in doc.paragraphs]
                   + [(t.rows[0].line - 1, "t", t) for t in doc.tables])
    book = docx.Document()
    for _line, kind, item in items:
        if kind == "h":
            book.add_heading(item, level=2)
        elif kind == "p":
            book.add_paragraph(item)
        else:
            book.add_paragraph(item.title)
            table = book.add_table(rows=len(item.rows) + 1, cols=len(item.header))
            for r, cells in enumerate([item.header] + [row.cells for row in item.rows]):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
    book.save(tmp_path / "report.docx")
    result = audit(tmp_path / "report.docx")
    assert found(result) == SOURCE_FINDINGS
    assert all(f.place.numbering == "paragraph" for f in result.findings)


def test_the_source_report_as_plain_text_finds_the_same(tmp_path):
    """Without Markdown's # and ** (headings recognised by their numbering: 一、 （一） （4））."""
    text = re.sub(r"^#+ +", "", SOURCE.read_text(encoding="utf-8"), flags=re.M).replace("**", "")
    (tmp_path / "report.txt").write_text(text, encoding="gb18030")   # saved as ANSI by a Chinese editor
    result = audit(tmp_path / "report.txt")
    assert found(result) == SOURCE_FINDINGS
    assert {(f.stated, f.place.line, f.place.section) for f in result.findings} >= {
        ("94.45%", 133, "（4）打造高水平双师队伍"), ("69个", 211, "（1）产出指标完成情况")}


def test_a_multiple_of_the_target_against_the_indicator(tmp_path):
    """是预期目标值的 N 倍 with the target unstated: the indicator the sentence names (1+X 证书制度试点数,
    18 of 6), or the only one of that actual and measure (1650 人次 of 1100); skipped without a snapshot."""
    from engine.audit.results import results_of
    report = tmp_path / "multiples.md"
    report.write_text("## （一）学校层面\n\n推进 1+X 证书制度试点，成功申报 18 个 1+X 证书制度试点，是预期目标值的 2 倍；"
                      "累计鉴定 1650 人次，是预期目标的 2.5 倍。\n", encoding="utf-8")
    assert audit(report).findings == []
    result = audit(report, results_of(ROOT / "rules", ROOT / "datasets", "2021-12-31", "zh", None))
    assert {(f.code, f.stated, f.arithmetic) for f in result.findings} == {
        ("multiple", "2", "18 ÷ 6 = 3 ≠ 2"), ("multiple", "2.5", "1650 ÷ 1100 = 1.5 ≠ 2.5")}


def test_a_report_table_against_jixiaos_table_of_the_same_number(tmp_path):
    """表 1 changed consistently (提升国际化水平 7 of 8 done, 合计 382, rates recomputed): its own
    arithmetic holds; only the ledgers say otherwise."""
    text = SOURCE.read_text(encoding="utf-8")
    text = text.replace("10\t提升国际化水平\t8\t6\t75.00%", "10\t提升国际化水平\t8\t7\t87.50%")
    text = text.replace("合计\t\t390\t381\t97.69%", "合计\t\t390\t382\t97.95%")
    report = tmp_path / "changed.md"
    report.write_text(text, encoding="utf-8")
    assert found(audit(report)) == SOURCE_FINDINGS
    from engine.audit.results import results_of
    result = audit(report, results_of(ROOT / "rules", ROOT / "datasets", "2021-12-31", "zh", None))
    table1 = {(f.place.row, f.stated, f.computed) for f in result.findings if f.place.table.startswith("表 1")}
    assert table1 == {("提升国际化水平", "7", "6"), ("合计", "382", "381")}
