"""A province's workbook and report open on a row per unit (summarise/unit_totals.py), not on every
result: the sum of each unit's level roll-ups and its completion rate. One unit: no overview."""
import io

from openpyxl import load_workbook

from engine.render import xlsx
from engine.report import document, markdown
from helpers import summary_of, write_workspace

RULES = """\
level: school
task: 建设任务
indicators:
  - {id: S_A, name: 指标甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 5}}
  - {id: S_B, name: 指标乙, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 5}}
  - {id: S_C, name: 指标丙, type: quantity, unit: 项, direction: higher, targets: {2022-12-31: 5}}
"""


def _province(tmp_path, units="{a: 甲校, b: 乙校}", values="S_A,a,6\nS_B,a,1\nS_A,b,5\nS_B,b,\n"):
    write_workspace(tmp_path, {"school.yaml": RULES}, {"2021-12-31": {
        "manifest.yaml": f"snapshot: 2021-12-31\nunits: {units}\n",
        "values.csv": "指标编号,单位,实际值\n" + values}})
    return summary_of(tmp_path)


def test_the_workbook_opens_on_a_row_per_unit(tmp_path):
    summary = _province(tmp_path)
    book = load_workbook(io.BytesIO(xlsx.render(summary)), read_only=True)
    first = book.worksheets[0]
    assert first.title == "各单位概览" and book.worksheets[1].title == "汇总"
    rows = list(first.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位", "指标数", "已达成")
    by_name = {r[0]: r for r in rows[1:]}
    assert set(by_name) == {"甲校", "乙校"}
    # 甲校: S_A exceeded-or-achieved, S_B not achieved (in progress), S_C not due; rate = achieved ÷ all
    assert by_name["甲校"][1] == 3 and by_name["甲校"][2] == 1
    assert by_name["乙校"][8] == 0 and by_name["乙校"][7] == 1  # S_B blank: missing
    assert abs(by_name["甲校"][-1] - 1 / 3) < 1e-4


def test_the_report_opens_on_the_same_rows(tmp_path):
    summary = _province(tmp_path)
    text = markdown.render(document.build(summary))
    overview = text.split("# 甲校")[0]
    assert "# 各单位概览" in overview and "| 甲校 | 3 | 1 |" in overview and "| 乙校 | 3 |" in overview


def test_one_unit_has_no_overview(tmp_path):
    summary = _province(tmp_path, units="{a: 甲校}", values="S_A,a,6\nS_B,a,1\n")
    assert load_workbook(io.BytesIO(xlsx.render(summary)), read_only=True).worksheets[0].title == "汇总"
    assert "各单位概览" not in markdown.render(document.build(summary))
