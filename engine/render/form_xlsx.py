"""The 绩效自评表 in the fiscal self-evaluation form's layout, one sheet per unit:

    一级指标 | 二级指标 | 三级指标 | 年度目标值 | 实际完成值 | 完成情况 |
    偏差原因分析（经费/制度/人员/硬件条件/其他）: five columns under one header | 改进措施 | 完成目标可能性

A title row and a unit row above two header rows; 一级 and 二级指标 merged down the rows they
share, as the forms are printed. The causes are the cause codes of the value table and of the
rules' conditions, each in the column of its category in causes.yaml (外部环境 counts as 其他); an
indicator behind its target with no code but a staff note shows the note under 其他. 改进措施 is
the optional column of the value table. exceptions_only: only the indicators behind their
targets (the ones whose deviation the form asks about). Same summary → same bytes."""
from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from engine.core.numbers import with_unit
from engine.core.safe_text import visible
from engine.render.colours import HEADER_FILL, STATUS_FILL
from engine.render.words import level_label, status_label
from engine.render.xlsx import FIXED_TIME
from engine.render.zipped import fixed_zip
from engine.render.xlsx_cells import THIN
from engine.text import t
from engine.text.forms import CAUSE_COLUMNS, CAUSE_ORDER
from engine.core.statuses import EXCEPTIONS
from engine.text.labels import CATEGORIES, SUBTYPES, TYPES, label
from engine.text.vocabulary import LIKELIHOOD_EN

COLUMNS = ("category", "type", "name", "target", "actual", "status", *[f"cause_{c}" for c in CAUSE_ORDER],
           "measures", "likelihood")
WIDTHS = (12, 14, 36, 14, 14, 10, 14, 14, 14, 14, 18, 30, 14)
FIRST_CAUSE = COLUMNS.index("cause_funds") + 1
HEAD_ROW = 3            # the header's two rows: 3 and 4; data from row 5
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
HEAD = PatternFill("solid", fgColor=HEADER_FILL)


def headers(lang: str) -> list[str]:
    """The form's column headers, left to right (the second header row under 偏差原因分析)."""
    out = []
    for c in COLUMNS:
        out.append(t(f"forms.{c}", lang) if c.startswith("cause_") else t(f"forms.col_{c}", lang))
    return out


def render(summary, exceptions_only: bool = False, every: bool = False) -> bytes:
    lang = summary.lang
    wb = Workbook()
    wb.remove(wb.active)
    several = len(summary.units) > 1
    for unit, name in summary.units.items():
        rows = [i for i in summary.of_unit(unit, "indicators") if not exceptions_only or i["status"] in EXCEPTIONS]
        for level in dict.fromkeys(i["level"] for i in rows):  # one sheet per level, in report order
            level_name = level_label(level, summary.settings, lang)
            sheet = wb.create_sheet(_sheet_name(f"{name} {level_name}" if several else level_name, wb))
            _sheet(sheet, summary, t("forms.form_unit_level", lang, unit=name, level=level_name),
                   [i for i in rows if i["level"] == level])
        if not rows:  # nothing to list (every indicator on target, with --exceptions-only): the form, empty
            _sheet(wb.create_sheet(_sheet_name(name, wb)), summary, name, [])
    if not wb.worksheets:
        _sheet(wb.create_sheet("-"), summary, "-", [])
    wb.properties.creator = "jixiao"
    wb.properties.title = summary.settings.title or None
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()  # not wb.save(): it stamps the current time as modified
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return fixed_zip(raw.getvalue())


def _sheet_name(name: str, wb) -> str:
    base = "".join(ch for ch in str(name) if ch not in "[]:*?/\\")[:28] or "-"
    shown, n = base, 2
    while shown in wb.sheetnames:
        shown, n = f"{base}{n}", n + 1
    return shown


def _sheet(ws, summary, unit_name: str, rows: list) -> None:
    lang, last = summary.lang, len(COLUMNS)
    title = summary.settings.title or t("report.default_title", lang)
    ws.cell(1, 1, visible(t("forms.form_title", lang, title=title))).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = CENTRE
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.cell(2, 1, visible(t("forms.form_unit", lang, unit=unit_name, date=summary.snapshot)))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    heads = headers(lang)
    for n, text in enumerate(heads, start=1):
        cause = COLUMNS[n - 1].startswith("cause_")
        _head(ws, HEAD_ROW + 1 if cause else HEAD_ROW, n, text)
        if not cause:
            _head(ws, HEAD_ROW + 1, n, None)
            ws.merge_cells(start_row=HEAD_ROW, start_column=n, end_row=HEAD_ROW + 1, end_column=n)
    _head(ws, HEAD_ROW, FIRST_CAUSE, t("forms.col_causes", lang))
    for n in range(FIRST_CAUSE + 1, FIRST_CAUSE + len(CAUSE_ORDER)):
        _head(ws, HEAD_ROW, n, None)
    ws.merge_cells(start_row=HEAD_ROW, start_column=FIRST_CAUSE, end_row=HEAD_ROW,
                   end_column=FIRST_CAUSE + len(CAUSE_ORDER) - 1)
    first = HEAD_ROW + 2
    for r, record in enumerate(rows, start=first):
        for n, value in enumerate(_values(record, summary, lang), start=1):
            cell = ws.cell(r, n, visible(value))  # a BEL from a staff note: openpyxl refuses control characters
            cell.border, cell.alignment = BORDER, WRAP
        fill = STATUS_FILL.get(record["status"])
        if fill:
            ws.cell(r, COLUMNS.index("status") + 1).fill = PatternFill("solid", fgColor=fill)
    _merge_runs(ws, first, rows, lang)
    for n, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = ws.cell(first, 4)
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _head(ws, row: int, col: int, text) -> None:
    cell = ws.cell(row, col, text)
    cell.font, cell.fill, cell.alignment, cell.border = Font(bold=True), HEAD, CENTRE, BORDER


def _type_label(record, lang: str) -> str:
    """二级指标: the output types as named (数量指标 …), a benefit by its subtype (社会效益指标),
    satisfaction as the forms name it (服务对象满意度指标)."""
    if record["type"] == "benefit" and record.get("subtype"):
        return t("forms.subtype", lang, subtype=label(SUBTYPES, record["subtype"], lang))
    if record["type"] == "satisfaction":
        return t("forms.satisfaction_type", lang)
    return label(TYPES, record["type"], lang)


def _shown(value, measure: str | None, lang: str, digits: int) -> str:
    if value is None:
        return t("forms.no_target", lang)
    if value == "not_done":
        return t("forms.not_done", lang)
    return with_unit(value, measure or "", digits)


def _values(record: dict, summary, lang: str) -> list:
    causes = {c: [] for c in CAUSE_ORDER}
    for code in record.get("causes") or []:
        cause = summary.causes.get(code)
        column = CAUSE_COLUMNS.get(cause.category, "other") if cause else "other"
        text = (cause.zh if lang == "zh" else cause.en) if cause else code
        if text not in causes[column]:
            causes[column].append(text)
    if record["status"] in EXCEPTIONS and not any(causes.values()) and record.get("staff_note"):
        causes["other"].append(record["staff_note"])
    sep, digits = t("common.list_sep", lang), summary.settings.digits
    measures = summary.improvements.get((record["id"], record["unit"]))
    likelihood = record.get("likelihood")
    if likelihood and lang != "zh":
        likelihood = LIKELIHOOD_EN.get(likelihood, likelihood)
    return [label(CATEGORIES, record["category"], lang), _type_label(record, lang), record["name"],
            _shown(record["target"], record["measure"], lang, digits),
            _shown(record["actual"], record["measure"], lang, digits),
            status_label(record["status"], lang), *[sep.join(causes[c]) or None for c in CAUSE_ORDER],
            measures, likelihood]


def _merge_runs(ws, first: int, rows: list, lang: str) -> None:
    """一级指标 merged down the rows it spans, and 二级指标 within it, as printed forms show them."""
    def runs(key):
        out, start = [], 0
        for k in range(1, len(rows) + 1):
            if k == len(rows) or key(rows[k]) != key(rows[start]):
                out.append((start, k - 1))
                start = k
        return out
    for col, key in ((1, lambda r: r["category"]),
                     (2, lambda r: (r["category"], _type_label(r, lang)))):
        for start, end in runs(key) if rows else []:
            if end > start:
                ws.merge_cells(start_row=first + start, start_column=col, end_row=first + end, end_column=col)
                ws.cell(first + start, col).alignment = CENTRE
