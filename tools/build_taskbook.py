"""Build the sample 任务书 绩效指标 tables of examples/taskbook/ (reproducibly: same bytes each run).

    python tools/build_taskbook.py

任务书.xlsx is laid out as colleges keep it: a title row, a header row, 层面, 一级指标, 二级指标 and
建设任务 merged down the rows they cover, one column per year (2019年 … 2023年), the measure inside
the name or the target text, and a few cells jixiao cannot read (left as TODOs by `jixiao import`).
任务书.csv is the same kind of table with 中期/终期 columns, as some task books give only those.
docs/import.md describes the layout; tests/test_taskbook_import.py imports both."""
from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from engine.render.zipped import fixed_zip  # noqa: E402  (engine first: it fixes openpyxl's XML writer)

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: E402
from openpyxl.writer.excel import ExcelWriter  # noqa: E402

OUT = ROOT / "examples" / "taskbook"
YEARS = ["2019年", "2020年", "2021年", "2022年", "2023年"]
HEAD = ["层面", "一级指标", "二级指标", "建设任务", "三级指标", *YEARS]
# level, 一级, 二级, 建设任务, 三级指标 (the measure often in brackets), the five years' targets
ROWS = [
    ("学校层面", "产出指标", "数量指标", "打造技术技能人才培养高地", "1+X 证书制度试点数（个）", "5", "10 个", "不少于 12 个", "15", "18个"),
    ("学校层面", "产出指标", "数量指标", "打造技术技能人才培养高地", "省级及以上教学成果奖", "1项", "2项", "3项以上", "3项以上", "不少于 4 项"),
    ("学校层面", "产出指标", "数量指标", "打造技术技能人才培养高地", "国家级职业技能大赛获奖（项）", "—", "1", "2", "力争突破", "4"),
    ("学校层面", "产出指标", "质量指标", "打造技术技能人才培养高地", "毕业生就业率", "≥95%", "≥95%", "不低于 95%", "不低于95%", "≥96%"),
    ("学校层面", "产出指标", "质量指标", "加强党的建设", "党建工作年度考核等级", "良好以上", "良好以上", "良好以上", "优秀", "优秀"),
    ("学校层面", "产出指标", "时效指标", "提升信息化水平", "智慧校园平台", "", "", "2021 年 12 月前完成", "", ""),
    ("学校层面", "产出指标", "时效指标", "打造高水平专业群", "产教融合实训基地", "", "启动建设", "建成", "", ""),
    ("学校层面", "产出指标", "时效指标", "提升校企合作水平", "职教集团实体化运行", "", "", "2021年底", "", ""),
    ("学校层面", "产出指标", "成本指标", "提升学校治理水平", "生均社会培训成本", "≤1200 元", "≤1200 元", "≤1200 元", "≤1200 元", "≤1200 元"),
    ("学校层面", "效益指标", "社会效益", "提升服务发展水平", "开展社会培训（人次）", "3000", "6000", "9000", "12000", "15000"),
    ("学校层面", "效益指标", "社会效益", "提升服务发展水平", "服务区域产业发展能力", "显著提升", "显著提升", "显著提升", "显著提升", "显著提升"),
    ("学校层面", "效益指标", "可持续影响", "打造高水平专业群", "专业人才培养方案修订完成率（%）", "20", "40", "60", "80", "100"),
    ("学校层面", "满意度指标", "服务对象满意度", "打造技术技能人才培养高地", "在校生满意度", "≥90%", "≥90%", "≥92%", "≥92%", "≥95%"),
    ("学校层面", "满意度指标", "服务对象满意度", "打造技术技能人才培养高地", "用人单位满意度", "95%以上", "95%以上", "95%以上", "95%以上", "95%以上"),
    ("专业群层面", "产出指标", "数量指标", "课程教学资源建设", "专业群课程资源库建设（门）", "2", "4", "6", "8", "10"),
    ("专业群层面", "产出指标", "质量指标", "人才培养模式创新", "学生“双证书”获取率", "≥90%", "≥90%", "≥90%", "≥92%", "≥92%"),
    ("专业群层面", "产出指标", "创新指标", "人才培养模式创新", "专业群建设创新案例", "1 篇", "2 篇", "3 篇", "4 篇", "5 篇"),
]
MERGED = (0, 1, 2, 3)  # 层面, 一级指标, 二级指标, 建设任务: merged down the rows they share


def workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效指标"
    ws.append(["昆明某职业技术学院“双高计划”建设任务书 · 绩效指标（样例）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEAD))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(HEAD)
    thin = Side(style="thin", color="999999")
    for c in ws[2]:
        c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    for row in ROWS:
        ws.append(list(row))
    first = 3
    for col in MERGED:  # merge each run of equal cells (within the run of the columns to its left)
        start = 0
        for k in range(1, len(ROWS) + 1):
            if k == len(ROWS) or ROWS[k][:col + 1] != ROWS[start][:col + 1]:
                if k - 1 > start:
                    ws.merge_cells(start_row=first + start, start_column=col + 1, end_row=first + k - 1, end_column=col + 1)
                start = k
    for row in ws.iter_rows(min_row=2, max_row=first + len(ROWS) - 1):
        for c in row:
            c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            c.alignment = Alignment(vertical="center", wrap_text=True)
    for letter, width in zip("ABCDEFGHIJ", (12, 12, 14, 24, 32, 12, 12, 18, 12, 12)):
        ws.column_dimensions[letter].width = width
    wb.properties.creator = "jixiao"
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return fixed_zip(raw.getvalue())


def csv_text() -> str:
    """The school level's indicators with 中期 and 终期 columns only, blank cells instead of merged ones."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["一级指标", "二级指标", "三级指标", "中期", "终期"])
    previous = None
    for row in ROWS:
        if row[0] != "学校层面":
            continue
        first = row[1] if row[1] != previous else ""
        previous = row[1]
        writer.writerow([first, row[2], row[4], row[7], row[9]])
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "任务书.xlsx").write_bytes(workbook_bytes())
    (OUT / "任务书.csv").write_text(csv_text(), encoding="utf-8")
    print(f"wrote {OUT / '任务书.xlsx'} and {OUT / '任务书.csv'}")


if __name__ == "__main__":
    main()
